import { createRoute } from "@hono/zod-openapi";
import { StaffListSchema, StaffQuerySchema } from "../contracts/staff";
import { problem, staffSession } from "../http/openapi";

export const listStaffRoute = createRoute({
  method: "get",
  path: "/staff",
  tags: ["inspections"],
  security: staffSession,
  summary: "Active inspectors and supervisors, with whether each is recused from a unit (for team pickers)",
  request: { query: StaffQuerySchema },
  responses: {
    200: { description: "Staff", content: { "application/json": { schema: StaffListSchema } } },
    401: problem("No session"),
    403: problem("Role not allowed"),
  },
});
