import { PlanBuildResultSchema, PlanSchema } from "../contracts/inspections";
import { createDb } from "../db/client";
import { buildPlan, getPlan } from "../db/queries/plan";
import { createApp } from "../http/create-app";
import { requireActor } from "../middleware/session";
import { requirePermission } from "./inspections.permissions";
import { buildPlanRoute, getPlanRoute } from "./plan.routes";

const app = createApp();
app.use("/plan", requireActor("inspections.read"));
app.use("/plan/*", requireActor("inspections.read"));

/** The framework plan (kế hoạch khung): the calendar by unit, and building it from referred leads. */
export const planApp = app
  .openapi(getPlanRoute, async (c) => {
    const plan = await getPlan(createDb(c.env.DB), c.get("actor"), c.req.valid("query").year);
    return c.json(PlanSchema.parse(plan), 200);
  })
  .openapi(buildPlanRoute, async (c) => {
    const actor = c.get("actor");
    requirePermission(actor, "inspections.manage");
    const created = await buildPlan(createDb(c.env.DB), actor, c.req.valid("param").year);
    return c.json(PlanBuildResultSchema.parse({ created }), 200);
  });
