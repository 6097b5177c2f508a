import { MeasureListSchema, MeasureSchema } from "../contracts/inspections";
import { createApp } from "../http/create-app";
import { actorContext } from "../http/service-context";
import { jsonBodyLimit } from "../middleware/json-body";
import { requireActor } from "../middleware/session";
import { applyMeasureAction, listMeasures } from "../services/measures";
import { listMeasuresRoute, rejectMeasureRoute, respondMeasureRoute, verifyMeasureRoute } from "./measures.routes";

const app = createApp();
app.use("/measures", requireActor("inspections.read"), jsonBodyLimit);
app.use("/measures/*", requireActor("inspections.read"), jsonBodyLimit);

/** Corrective measures: what is due or overdue, the unit's response, verification. */
export const measuresApp = app
  .openapi(listMeasuresRoute, async (c) => {
    const items = await listMeasures(actorContext(c), c.req.valid("query"));
    return c.json(MeasureListSchema.parse({ items }), 200);
  })
  .openapi(respondMeasureRoute, async (c) => {
    const { response } = c.req.valid("json");
    const measure = await applyMeasureAction(actorContext(c), c.req.valid("param").id, { action: "respond", response });
    return c.json(MeasureSchema.parse(measure), 200);
  })
  .openapi(verifyMeasureRoute, async (c) => {
    const measure = await applyMeasureAction(actorContext(c), c.req.valid("param").id, { action: "verify" });
    return c.json(MeasureSchema.parse(measure), 200);
  })
  .openapi(rejectMeasureRoute, async (c) => {
    const { reason } = c.req.valid("json");
    const measure = await applyMeasureAction(actorContext(c), c.req.valid("param").id, { action: "reject", reason });
    return c.json(MeasureSchema.parse(measure), 200);
  });
