import { createRoute } from "@hono/zod-openapi";
import { PersonnelExportQuerySchema } from "../contracts/inspections";
import { problem, staffSession } from "../http/openapi";

export const personnelExportRoute = createRoute({
  method: "get",
  path: "/exports/personnel.csv",
  tags: ["inspections"],
  security: staffSession,
  summary: "Personnel export (công tác cán bộ): substantiated findings per unit and position, as CSV (supervisor)",
  description:
    "UTF-8 with BOM, Vietnamese headers, dates dd/mm/yyyy. Counts substantiated and partly substantiated findings recorded from `from` to `to` (inclusive, Hanoi days), one row per unit and position. Recused units are left out. Every export is audited.",
  request: { query: PersonnelExportQuerySchema },
  responses: {
    200: { description: "The CSV", content: { "text/csv": { schema: { type: "string" } } } },
    401: problem("No session"),
    403: problem("Role not allowed"),
    422: problem("Missing or bad dates"),
  },
});
