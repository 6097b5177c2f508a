import { MeasureListSchema, MeasureSchema } from "../contracts/inspections";
import { createDb } from "../db/client";
import { applyMeasureAction, measuresOf, requireMeasure } from "../db/queries/measures";
import { createApp } from "../http/create-app";
import { requireActor } from "../middleware/session";
import { requirePermission } from "./inspections.permissions";
import { listMeasuresRoute, rejectMeasureRoute, respondMeasureRoute, verifyMeasureRoute } from "./measures.routes";

const app = createApp();
app.use("/measures", requireActor("inspections.read"));
app.use("/measures/*", requireActor("inspections.read"));

/** Corrective measures: what is due or overdue, the unit's response, verification. */
export const measuresApp = app
  .openapi(listMeasuresRoute, async (c) => {
    const items = await measuresOf(createDb(c.env.DB), c.get("actor"), c.req.valid("query"));
    return c.json(MeasureListSchema.parse({ items }), 200);
  })
  .openapi(respondMeasureRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    requirePermission(actor, "inspections.conduct");
    const { id } = c.req.valid("param");
    await applyMeasureAction(
      db,
      actor,
      id,
      { action: "respond", response: c.req.valid("json").response },
      c.get("lang"),
    );
    return c.json(MeasureSchema.parse(await requireMeasure(db, actor, id)), 200);
  })
  .openapi(verifyMeasureRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    requirePermission(actor, "inspections.conduct");
    const { id } = c.req.valid("param");
    await applyMeasureAction(db, actor, id, { action: "verify" }, c.get("lang"));
    return c.json(MeasureSchema.parse(await requireMeasure(db, actor, id)), 200);
  })
  .openapi(rejectMeasureRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    requirePermission(actor, "inspections.conduct");
    const { id } = c.req.valid("param");
    await applyMeasureAction(db, actor, id, { action: "reject", reason: c.req.valid("json").reason }, c.get("lang"));
    return c.json(MeasureSchema.parse(await requireMeasure(db, actor, id)), 200);
  });
