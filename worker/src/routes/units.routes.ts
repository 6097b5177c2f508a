import { createRoute } from "@hono/zod-openapi";
import { ProblemSchema } from "../contracts/common";
import { UnitListSchema, UnitQuerySchema } from "../contracts/units";

export const searchUnitsRoute = createRoute({
  method: "get",
  path: "/units",
  tags: ["reporting"],
  summary: "Search the unit directory, ignoring diacritics (so xay dung → Sở Xây dựng)",
  request: { query: UnitQuerySchema },
  responses: {
    200: { description: "Matching current units", content: { "application/json": { schema: UnitListSchema } } },
    422: { description: "Bad parameters", content: { "application/problem+json": { schema: ProblemSchema } } },
  },
});
