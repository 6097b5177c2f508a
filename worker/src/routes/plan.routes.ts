import { createRoute } from "@hono/zod-openapi";
import { PlanBuildResultSchema, PlanQuerySchema, PlanSchema, PlanYearParamsSchema } from "../contracts/inspections";
import { json, problem, staffSession } from "../http/openapi";

const tags = ["inspections"];

export const getPlanRoute = createRoute({
  method: "get",
  path: "/plan",
  tags,
  security: staffSession,
  summary: "The framework plan of a year: units by months, units planned twice flagged, unattached referred leads",
  request: { query: PlanQuerySchema },
  responses: {
    200: { description: "The plan", content: json(PlanSchema) },
    401: problem("No session"),
    403: problem("Role not allowed"),
    422: problem("Missing or bad year"),
  },
});

export const buildPlanRoute = createRoute({
  method: "post",
  path: "/plan/{year}/build",
  tags,
  security: staffSession,
  summary: "Create one scheduled visit per unit with unattached referred leads, attaching them (supervisor)",
  description:
    "Units that already have a scheduled visit that year get their leads attached to it instead (while it is planned). Audited.",
  request: { params: PlanYearParamsSchema },
  responses: {
    200: { description: "The visits created", content: json(PlanBuildResultSchema) },
    401: problem("No session"),
    403: problem("Role not allowed"),
    422: problem("Bad year"),
  },
});
