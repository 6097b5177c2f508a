import { createRoute, z } from "@hono/zod-openapi";
import {
  AssignmentSchema,
  BulkAssignSchema,
  BulkMergeSchema,
  BulkResultSchema,
  ContactQuerySchema,
  ContactViewSchema,
  LeadDetailSchema,
  LeadExportQuerySchema,
  LeadListSchema,
  LeadMessageCreateSchema,
  LeadQuerySchema,
  NoteCreateSchema,
  TransitionSchema,
} from "../contracts/leads";
import { ContactSchema } from "../contracts/reports";
import { IdParams, json, problem, sessionGuarded, staffSession } from "../http/openapi";

export const listLeadsRoute = createRoute({
  method: "get",
  path: "/leads",
  tags: ["triage"],
  security: staffSession,
  summary: "The triage queue, highest priority first; recused units are invisible",
  description:
    "`assignee=me` is the caller's own work (the console's default queue for inspectors), `assignee=none` the unassigned leads, `assignee={userId}` one person's leads (supervisors only; an inspector gets a 403 problem).",
  request: { query: LeadQuerySchema },
  responses: {
    ...sessionGuarded,
    200: { description: "A page of leads", content: json(LeadListSchema) },
    403: problem("An inspector filtering by another person's assignments"),
    422: problem("Bad filter"),
  },
});

export const exportLeadsRoute = createRoute({
  method: "get",
  path: "/leads.csv",
  tags: ["triage"],
  security: staffSession,
  summary: "The filtered queue as CSV (supervisor); no contact details, no reporter identity",
  description:
    "The queue's filters and search (`q`) without paging, in the queue's order. UTF-8 with BOM, CRLF, Vietnamese headers, dates dd/mm/yyyy (Hanoi); cells a spreadsheet would run as a formula start with an apostrophe. Recused units are left out. At most 10 000 leads: more is a 422 asking for narrower filters. Every export is audited with its filters and row count.",
  request: { query: LeadExportQuerySchema },
  responses: {
    200: { description: "The CSV", content: { "text/csv": { schema: { type: "string" } } } },
    401: problem("No session"),
    403: problem("Role not allowed"),
    422: problem("Bad filter, or more leads than one export holds"),
  },
});

export const getLeadRoute = createRoute({
  method: "get",
  path: "/leads/{id}",
  tags: ["triage"],
  security: staffSession,
  summary: "A lead with its reports, score breakdown, timeline, messages and notes",
  request: { params: IdParams },
  responses: {
    200: { description: "The lead", content: json(LeadDetailSchema) },
    404: problem("No such lead, or the user is recused from it"),
    ...sessionGuarded,
  },
});

export const transitionLeadRoute = createRoute({
  method: "post",
  path: "/leads/{id}/transitions",
  tags: ["triage"],
  security: staffSession,
  summary: "Move a lead through the workflow (review, ask, refer, propose/approve dismissal, merge, reopen)",
  request: { params: IdParams, body: { content: json(TransitionSchema), required: true } },
  responses: {
    200: { description: "The lead after the change", content: json(LeadDetailSchema) },
    403: problem("Role not allowed, or approving one's own dismissal proposal"),
    404: problem("No such lead"),
    409: problem("Illegal transition from the current status"),
    422: problem("Missing reason, reason code or target"),
    401: problem("No session"),
  },
});

export const addNoteRoute = createRoute({
  method: "post",
  path: "/leads/{id}/notes",
  tags: ["triage"],
  security: staffSession,
  summary: "Add an internal note (never shown to reporters)",
  request: { params: IdParams, body: { content: json(NoteCreateSchema), required: true } },
  responses: {
    201: { description: "The lead", content: json(LeadDetailSchema) },
    404: problem("No such lead"),
    ...sessionGuarded,
  },
});

export const messageReportersRoute = createRoute({
  method: "post",
  path: "/leads/{id}/messages",
  tags: ["triage"],
  security: staffSession,
  summary: "Message the reporter(s) of a lead; shown on their follow page",
  request: { params: IdParams, body: { content: json(LeadMessageCreateSchema), required: true } },
  responses: {
    201: { description: "The lead", content: json(LeadDetailSchema) },
    404: problem("No such lead or report"),
    ...sessionGuarded,
  },
});

export const viewContactRoute = createRoute({
  method: "post",
  path: "/leads/{id}/reports/{trackingCode}/contact",
  tags: ["triage"],
  security: staffSession,
  summary:
    "Decrypt a named reporter's contact details (the lead's assignee and supervisors); every view is audited with its reason",
  description:
    "Anyone else who sees the lead sees only `hasContact` on each report and gets a 403 problem here. The reason is written to the audit log (`report.contact_viewed`).",
  request: {
    params: IdParams.extend({ trackingCode: z.string().min(1).max(20) }),
    body: { content: json(ContactViewSchema), required: true },
  },
  responses: {
    ...sessionGuarded,
    200: { description: "Contact details", content: json(z.object({ contact: ContactSchema.nullable() })) },
    403: problem("Neither the lead's assignee nor a supervisor"),
    404: problem("No such lead or report"),
    422: problem("Missing reason"),
  },
});

export const getContactRoute = createRoute({
  method: "get",
  path: "/leads/{id}/reports/{trackingCode}/contact",
  tags: ["triage"],
  security: staffSession,
  summary:
    "Decrypt a named reporter's contact details (the lead's assignee and supervisors); every view is audited with its reason",
  description:
    'The reason (5-500 characters) is required in the query and written to the audit log (`report.contact_viewed`). Anyone else who sees the lead sees only `hasContact` on each report and gets a 403 problem. The answer is `Cache-Control: no-store`. `POST` with `{"reason"}` in the body does the same and keeps the reason out of URLs.',
  request: {
    params: IdParams.extend({ trackingCode: z.string().min(1).max(20) }),
    query: ContactQuerySchema,
  },
  responses: {
    ...sessionGuarded,
    200: { description: "Contact details", content: json(z.object({ contact: ContactSchema.nullable() })) },
    403: problem("Neither the lead's assignee nor a supervisor"),
    404: problem("No such lead or report"),
    422: problem("Missing or too short reason"),
  },
});

export const downloadEvidenceRoute = createRoute({
  method: "get",
  path: "/leads/{id}/attachments/{attachmentId}",
  tags: ["triage"],
  security: staffSession,
  summary: "Download a piece of evidence (metadata already stripped)",
  request: { params: IdParams.extend({ attachmentId: z.string().min(1).max(64) }) },
  responses: {
    200: { description: "The file" },
    404: problem("No such lead or file"),
    ...sessionGuarded,
  },
});

export const assignLeadRoute = createRoute({
  method: "post",
  path: "/leads/{id}/assignment",
  tags: ["triage"],
  security: staffSession,
  summary: "Assign a lead to an inspector or supervisor not recused from its unit, or release it (null); audited",
  description:
    "Supervisors assign, reassign and release any open lead; an inspector may take an unassigned lead (their own id) or release their own. Each change writes `lead.assigned` or `lead.unassigned` with `{from, to}`.",
  request: { params: IdParams, body: { content: json(AssignmentSchema), required: true } },
  responses: {
    ...sessionGuarded,
    200: { description: "The lead after the change", content: json(LeadDetailSchema) },
    403: problem("An inspector assigning someone else, or releasing another's lead"),
    404: problem("No such lead, or the caller is recused from it"),
    409: problem("The lead is closed, already someone else's, or changed meanwhile"),
    422: problem("Unknown or disabled account, not an inspector or supervisor, or recused from the lead's unit"),
  },
});

export const bulkAssignRoute = createRoute({
  method: "post",
  path: "/leads/bulk/assign",
  tags: ["triage"],
  security: staffSession,
  summary: "Assign several leads to one person in one batch (supervisors); one audit row per lead",
  request: { body: { content: json(BulkAssignSchema), required: true } },
  responses: {
    200: { description: "How many leads changed, and which", content: json(BulkResultSchema) },
    404: problem("A lead does not exist or the caller is recused from it"),
    409: problem("A lead is closed, or one changed meanwhile"),
    422: problem("The assignee is unknown, disabled, not casework staff, or recused from a lead's unit"),
    ...sessionGuarded,
  },
});

export const bulkMergeRoute = createRoute({
  method: "post",
  path: "/leads/bulk/merge",
  tags: ["triage"],
  security: staffSession,
  summary: "Merge several leads about one unit into a target lead in one batch",
  request: { body: { content: json(BulkMergeSchema), required: true } },
  responses: {
    ...sessionGuarded,
    200: { description: "How many leads were merged, and which", content: json(BulkResultSchema) },
    403: problem("Role not allowed"),
    404: problem("A lead or the target does not exist, or the caller is recused from it"),
    409: problem("A lead or the target cannot be merged from its current status, or one changed meanwhile"),
    422: problem("A lead about another unit, or the target among the leads"),
  },
});
