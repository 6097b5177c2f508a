import { MeasureListSchema, MeasureSchema } from "../contracts/inspections";
import { UnitMeasureListSchema, UnitMeasureSchema } from "../contracts/liaison";
import { createApp } from "../http/create-app";
import { actorContext } from "../http/service-context";
import { jsonBodyLimit } from "../middleware/json-body";
import { requireActor } from "../middleware/session";
import { isLiaison, listUnitMeasures, respondAsLiaison } from "../services/liaison";
import { applyMeasureAction, listMeasures } from "../services/measures";
import { listMeasuresRoute, rejectMeasureRoute, respondMeasureRoute, verifyMeasureRoute } from "./measures.routes";

const app = createApp();
// Unit liaisons reach the list and the response too; each use case scopes them to their unit.
app.use("/measures", requireActor(["inspections.read", "unit.read"]), jsonBodyLimit);
app.use("/measures/*", requireActor(["inspections.read", "unit.read"]), jsonBodyLimit);

/** Corrective measures: what is due or overdue, the unit's response, verification. */
export const measuresApp = app
  .openapi(listMeasuresRoute, async (c) => {
    const ctx = actorContext(c);
    if (isLiaison(ctx.actor)) return c.json(UnitMeasureListSchema.parse({ items: await listUnitMeasures(ctx) }), 200);
    const items = await listMeasures(ctx, c.req.valid("query"));
    return c.json(MeasureListSchema.parse({ items }), 200);
  })
  .openapi(respondMeasureRoute, async (c) => {
    const ctx = actorContext(c);
    const { id } = c.req.valid("param");
    const { response } = c.req.valid("json");
    if (isLiaison(ctx.actor)) return c.json(UnitMeasureSchema.parse(await respondAsLiaison(ctx, id, response)), 200);
    const measure = await applyMeasureAction(ctx, id, { action: "respond", response });
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
