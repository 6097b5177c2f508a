import { PlanBuildResultSchema, PlanSchema } from "../contracts/inspections";
import { createApp } from "../http/create-app";
import { actorContext } from "../http/service-context";
import { jsonBodyLimit } from "../middleware/json-body";
import { requireActor } from "../middleware/session";
import { buildPlan, getPlan } from "../services/plan";
import { buildPlanRoute, getPlanRoute } from "./plan.routes";

const app = createApp();
app.use("/plan", requireActor("inspections.read"), jsonBodyLimit);
app.use("/plan/*", requireActor("inspections.read"), jsonBodyLimit);

/** The framework plan (kế hoạch khung): the calendar by unit, and building it from referred leads. */
export const planApp = app
  .openapi(getPlanRoute, async (c) => {
    const plan = await getPlan(actorContext(c), c.req.valid("query").year);
    return c.json(PlanSchema.parse(plan), 200);
  })
  .openapi(buildPlanRoute, async (c) => {
    const created = await buildPlan(actorContext(c), c.req.valid("param").year);
    return c.json(PlanBuildResultSchema.parse({ created }), 200);
  });
