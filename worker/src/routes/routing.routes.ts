import { createRoute, z } from "@hono/zod-openapi";
import { LeadDetailSchema } from "../contracts/leads";
import { RoutingSchema, SplitSchema } from "../contracts/routing";
import { IdParams, json, problem, sessionGuarded, staffSession } from "../http/openapi";

const ReportParams = IdParams.extend({ trackingCode: z.string().min(1).max(20) });

export const routeLeadRoute = createRoute({
  method: "post",
  path: "/leads/{id}/routing",
  tags: ["triage"],
  security: staffSession,
  summary: "Move a lead and its reports to another unit and/or category, with a reason (audited)",
  description:
    "Give `unitId`, `categoryCode` or both. A unit that has ended is replaced by its successor, as when filing; one ended without a successor is a 422 at `/unitId`, as is a unit the caller is recused from. Every report is triaged again in its new place (severity, eligibility, suggestion), the lead is rebuilt from them and its priority recomputed; the public statistics move with it. Only while the lead is being triaged (`new`, `in_review`, `info_requested`) and was never attached to an inspection (409 otherwise). Audited as `lead.routed` with the reason and the unit, category and priority before and after.",
  request: { params: IdParams, body: { content: json(RoutingSchema), required: true } },
  responses: {
    ...sessionGuarded,
    200: { description: "The lead after the change", content: json(LeadDetailSchema) },
    404: problem("No such lead, or the caller is recused from it"),
    409: problem("The lead is past triage or was inspected, or changed meanwhile"),
    422: problem("No reason, nothing to change, or an unknown, ended or recused unit"),
  },
});

export const routeReportRoute = createRoute({
  method: "post",
  path: "/leads/{id}/reports/{trackingCode}/routing",
  tags: ["triage"],
  security: staffSession,
  summary: "Move one report out of its lead to another unit and/or category, with a reason (audited)",
  description:
    "The report is triaged again in its new place and clustered like a new filing: it joins a matching open lead of the new unit (never the lead it leaves) or opens a new lead, which keeps the old lead's status, acknowledgement and deadlines. Both leads are rebuilt and re-scored. The lead's only report is a 409 (route the lead instead). Returns the lead the report left; its timeline (`report.routed`) names the lead it went to.",
  request: { params: ReportParams, body: { content: json(RoutingSchema), required: true } },
  responses: {
    ...sessionGuarded,
    200: { description: "The lead the report left", content: json(LeadDetailSchema) },
    404: problem("No such lead or report, or the caller is recused from it"),
    409: problem("The lead is past triage or was inspected, the report is its only one, or it changed meanwhile"),
    422: problem("No reason, nothing to change, or an unknown, ended or recused unit"),
  },
});

export const splitReportRoute = createRoute({
  method: "post",
  path: "/leads/{id}/reports/{trackingCode}/split",
  tags: ["triage"],
  security: staffSession,
  summary: "Split a report out of its lead into a new lead of the same unit and category (audited)",
  description:
    "The new lead keeps the lead's status, acknowledgement and deadlines; both leads are rebuilt from their reports and re-scored. Only while the lead is being triaged, and never its only report (409 problems). Audited as `report.split` on the lead and `lead.split_from` on the new one, with the reason.",
  request: { params: ReportParams, body: { content: json(SplitSchema), required: true } },
  responses: {
    ...sessionGuarded,
    201: { description: "The new lead", content: json(LeadDetailSchema) },
    404: problem("No such lead or report, or the caller is recused from it"),
    409: problem("The lead is past triage, the report is its only one, or it changed meanwhile"),
    422: problem("No reason"),
  },
});
