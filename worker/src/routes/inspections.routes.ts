import { createRoute, z } from "@hono/zod-openapi";
import {
  ConclusionInputSchema,
  FindingInputSchema,
  INSPECTION_DOCUMENT_MAX_BYTES,
  INSPECTION_DOCUMENT_TITLE_MAX,
  InspectionAssignmentSchema,
  InspectionCancelSchema,
  InspectionCreateSchema,
  InspectionDetailSchema,
  InspectionDocumentSchema,
  InspectionListSchema,
  InspectionPatchSchema,
  InspectionQuerySchema,
  InspectionSplitSchema,
} from "../contracts/inspections";
import { IdParams, json, problem, sessionGuarded, staffSession } from "../http/openapi";

const tags = ["inspections"];

export const createInspectionRoute = createRoute({
  method: "post",
  path: "/inspections",
  tags,
  security: staffSession,
  summary: "Create an inspection (supervisor), optionally from referred leads about the unit",
  description: [
    "Recused inspectors cannot be on the team (422, pointer `/team/<i>/userId`).",
    "Leads must be referred, about the same unit, visible to the actor and not attached elsewhere (422 `/leadIds/<i>`).",
    "At most one `scheduled` inspection per unit per year: a second one is 409 `plan_conflict`; split the existing visit instead.",
    "The creator joins the team when not listed. Audited `inspection.created`.",
  ].join(" "),
  request: { body: { content: json(InspectionCreateSchema), required: true } },
  responses: {
    201: { description: "The inspection", content: json(InspectionDetailSchema) },
    404: problem("Unknown unit, or the actor is recused from it"),
    409: problem("The unit already has a scheduled visit this year"),
    422: problem("Invalid body, recused team member, or a lead that cannot be attached"),
    ...sessionGuarded,
  },
});

export const listInspectionsRoute = createRoute({
  method: "get",
  path: "/inspections",
  tags,
  security: staffSession,
  summary: "Inspections, newest planned first; recused units and other teams' surprise inspections are invisible",
  description:
    "`assignee=me` lists the actor's own inspections, `assignee=none` the unassigned ones; another person's id is for supervisors (403 for an inspector).",
  request: { query: InspectionQuerySchema },
  responses: {
    ...sessionGuarded,
    200: { description: "Inspections", content: json(InspectionListSchema) },
    403: problem("An inspector filtering by another person's id"),
    422: problem("Bad filter"),
  },
});

export const getInspectionRoute = createRoute({
  method: "get",
  path: "/inspections/{id}",
  tags,
  security: staffSession,
  summary: "An inspection: team, leads with their reports, findings, documents, conclusion, measures with history",
  request: { params: IdParams },
  responses: {
    200: { description: "The inspection", content: json(InspectionDetailSchema) },
    404: problem("No such inspection, recused, or a surprise inspection of another team"),
    ...sessionGuarded,
  },
});

export const patchInspectionRoute = createRoute({
  method: "patch",
  path: "/inspections/{id}",
  tags,
  security: staffSession,
  summary:
    "Move an inspection (dates, within its plan year), change its scope or team (supervisor, planned or in progress)",
  request: { params: IdParams, body: { content: json(InspectionPatchSchema), required: true } },
  responses: {
    200: { description: "The inspection", content: json(InspectionDetailSchema) },
    404: problem("No such inspection"),
    409: problem("Already concluded, or the move leaves the plan year"),
    422: problem("Invalid dates or a recused team member"),
    ...sessionGuarded,
  },
});

export const splitInspectionRoute = createRoute({
  method: "post",
  path: "/inspections/{id}/split",
  tags,
  security: staffSession,
  summary: "Split a planned visit: a second visit of the same unit takes the given leads (supervisor)",
  request: { params: IdParams, body: { content: json(InspectionSplitSchema), required: true } },
  responses: {
    201: { description: "The new inspection", content: json(InspectionDetailSchema) },
    404: problem("No such inspection"),
    409: problem("Not planned any more"),
    422: problem("A lead not attached to this inspection, or all of them (one must stay)"),
    ...sessionGuarded,
  },
});

export const startInspectionRoute = createRoute({
  method: "post",
  path: "/inspections/{id}/start",
  tags,
  security: staffSession,
  summary: "Start a planned inspection (team member)",
  request: { params: IdParams },
  responses: {
    200: { description: "The inspection", content: json(InspectionDetailSchema) },
    404: problem("No such inspection"),
    409: problem("Not planned"),
    ...sessionGuarded,
  },
});

export const cancelInspectionRoute = createRoute({
  method: "post",
  path: "/inspections/{id}/cancel",
  tags,
  security: staffSession,
  summary: "Cancel a planned inspection, with a reason (supervisor)",
  description: [
    "Only a planned visit can be cancelled; one under way must be concluded.",
    "The reason (at least 10 characters) is kept on the inspection and in the audit log.",
    "Attached leads are detached and stay referred, ready for another visit. Audited `inspection.cancelled`.",
  ].join(" "),
  request: { params: IdParams, body: { content: json(InspectionCancelSchema), required: true } },
  responses: {
    200: { description: "The inspection", content: json(InspectionDetailSchema) },
    404: problem("No such inspection"),
    409: problem("Not planned any more"),
    422: problem("Missing or too short reason"),
    ...sessionGuarded,
  },
});

export const putFindingRoute = createRoute({
  method: "put",
  path: "/inspections/{id}/findings/{leadId}",
  tags,
  security: staffSession,
  summary: "Record or replace the finding on one attached lead (team member, in progress)",
  request: {
    params: IdParams.extend({ leadId: z.string().min(1).max(64) }),
    body: { content: json(FindingInputSchema), required: true },
  },
  responses: {
    200: { description: "The inspection", content: json(InspectionDetailSchema) },
    404: problem("No such inspection, or the lead is not attached to it"),
    409: problem("Not in progress"),
    422: problem("Invalid finding"),
    ...sessionGuarded,
  },
});

export const uploadDocumentRoute = createRoute({
  method: "post",
  path: "/inspections/{id}/documents",
  tags,
  security: staffSession,
  summary: "Upload a PDF document (team member, before closing)",
  description: `One PDF in the multipart field \`file\` (type read from the content), at most ${INSPECTION_DOCUMENT_MAX_BYTES / (1024 * 1024)} MB, optional text field \`title\`. Stored in R2 as \`inspections/<id>/<docId>\`.`,
  request: {
    params: IdParams,
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            properties: {
              file: { type: "string", format: "binary" },
              title: { type: "string", maxLength: INSPECTION_DOCUMENT_TITLE_MAX },
            },
            required: ["file"],
          },
        },
      },
    },
  },
  responses: {
    201: { description: "The stored document", content: json(InspectionDocumentSchema) },
    400: problem("Unreadable multipart body"),
    404: problem("No such inspection"),
    409: problem("The inspection is closed"),
    413: problem("File larger than 20 MB"),
    415: problem("Not multipart, or not a PDF"),
    422: problem("No file, several files, or a damaged or encrypted PDF"),
    ...sessionGuarded,
  },
});

export const downloadDocumentRoute = createRoute({
  method: "get",
  path: "/inspections/{id}/documents/{docId}",
  tags,
  security: staffSession,
  summary: "Download an inspection document",
  request: { params: IdParams.extend({ docId: z.string().min(1).max(64) }) },
  responses: {
    200: { description: "The PDF", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } },
    404: problem("No such inspection or document"),
    ...sessionGuarded,
  },
});

export const concludeInspectionRoute = createRoute({
  method: "post",
  path: "/inspections/{id}/conclusion",
  tags,
  security: staffSession,
  summary: "Issue the conclusion with recommendations, guidance and corrective measures (supervisor on the team)",
  description: [
    "Requires a finding for every attached lead (422, pointers `/findings/<leadId>`), and at least one measure when a lead is (partly) substantiated (422 `/measures`); deadlines after today.",
    "The inspection becomes `concluded` (or `closed` with no measures); each lead becomes `concluded`;",
    "each of their reports becomes `concluded` with `outcome` and `outcomeSummary` from the lead's finding.",
  ].join(" "),
  request: { params: IdParams, body: { content: json(ConclusionInputSchema), required: true } },
  responses: {
    200: { description: "The inspection", content: json(InspectionDetailSchema) },
    404: problem("No such inspection, or an unknown responsible unit"),
    409: problem("Not in progress"),
    422: problem("Findings missing or invalid measures"),
    ...sessionGuarded,
  },
});

export const assignInspectionRoute = createRoute({
  method: "post",
  path: "/inspections/{id}/assignment",
  tags,
  security: staffSession,
  summary: "Set or clear the inspector in charge (supervisors; an inspector may take an unassigned inspection)",
  description: [
    "The assignee must be an active inspector or supervisor not recused from the inspected unit (422 at `/assigneeId`);",
    "a surprise inspection's assignee must be on its team. An inspector may take an unassigned inspection for themselves",
    "or release their own (403 otherwise, 409 when someone else has it). Closed or cancelled inspections cannot be assigned (409).",
    "Audited `inspection.assigned` / `inspection.unassigned` with `{ from, to }`.",
  ].join(" "),
  request: { params: IdParams, body: { content: json(InspectionAssignmentSchema), required: true } },
  responses: {
    ...sessionGuarded,
    200: { description: "The inspection", content: json(InspectionDetailSchema) },
    403: problem("Not the actor's to give"),
    404: problem("No such inspection, recused, or a surprise inspection of another team"),
    409: problem("Closed, cancelled, already someone else's, or changed meanwhile"),
    422: problem("Unknown, disabled, non-casework or recused assignee"),
  },
});
