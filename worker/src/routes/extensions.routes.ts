import { createRoute } from "@hono/zod-openapi";
import { ExtensionInputSchema } from "../contracts/extensions";
import { MeasureSchema } from "../contracts/inspections";
import { LeadDetailSchema } from "../contracts/leads";
import { IdParams, json, problem, sessionGuarded, staffSession } from "../http/openapi";

const body = { content: json(ExtensionInputSchema), required: true };

export const extendLeadRoute = createRoute({
  method: "post",
  path: "/leads/{id}/extension",
  tags: ["triage"],
  security: staffSession,
  summary:
    "Extend a lead's triage decision deadline (supervisor): `dueOn` (a working day after the current deadline and today) or `workingDays` added on the working-day calendar, with a reason; audited, kept in the lead's `extensions`, shown to its reporters as a timeline note with the new date",
  request: { params: IdParams, body },
  responses: {
    200: { description: "The lead with its new `dueAt`", content: json(LeadDetailSchema) },
    404: problem("No such lead (or recused)"),
    409: problem("The lead is already decided, or changed meanwhile"),
    422: problem("Missing reason, neither or both of dueOn and workingDays, or a date that is not a later working day"),
    ...sessionGuarded,
  },
});

export const extendMeasureRoute = createRoute({
  method: "post",
  path: "/measures/{id}/extension",
  tags: ["measures"],
  security: staffSession,
  summary:
    "Extend a corrective measure's deadline (supervisor): `dueOn` or `workingDays` as for a lead, with a reason; an overdue measure is open again; audited in its history",
  request: { params: IdParams, body },
  responses: {
    200: { description: "The measure with its new deadline", content: json(MeasureSchema) },
    404: problem("No such measure (or not visible)"),
    409: problem("The measure is verified, or changed meanwhile"),
    422: problem("Missing reason, neither or both of dueOn and workingDays, or a date that is not a later working day"),
    ...sessionGuarded,
  },
});
