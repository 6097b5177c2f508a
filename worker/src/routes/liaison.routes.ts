import { createRoute, z } from "@hono/zod-openapi";
import { MeasureDocumentSchema } from "../contracts/inspections";
import {
  ExtensionRequestInputSchema,
  MEASURE_DOCUMENT_MAX_BYTES,
  MEASURE_DOCUMENT_MAX_FILES,
  MEASURE_DOCUMENT_TITLE_MAX,
  UnitMeasureSchema,
} from "../contracts/liaison";
import { IdParams, json, problem, sessionGuarded, staffSession } from "../http/openapi";

const tags = ["unit liaison"];

/**
 * `GET /api/unit/leads` answer: leads forwarded to the unit, with the team's note redacted, never a
 * report's text, reporter, contact or evidence.
 */
export const ForwardedLeadListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      unitId: z.string(),
      categoryCode: z.string(),
      forwardedAt: z.string(),
      note: z.string().nullable(),
    }),
  ),
});

export const getUnitMeasureRoute = createRoute({
  method: "get",
  path: "/unit/measures/{id}",
  tags,
  security: staffSession,
  summary:
    "One corrective measure of the liaison's unit or a sub-unit, with the conclusion's public summary, recommendations and guidance, its documents, extension requests and the team's verification or last rejection (unit liaison)",
  request: { params: IdParams },
  responses: {
    200: { description: "The measure as the unit sees it", content: json(UnitMeasureSchema) },
    404: problem("No such measure in the liaison's unit"),
    ...sessionGuarded,
  },
});

export const unitLeadsRoute = createRoute({
  method: "get",
  path: "/unit/leads",
  tags,
  security: staffSession,
  summary:
    "Leads the team forwarded to the liaison's unit or a sub-unit (unit liaison); no reporter, contact, note or evidence",
  responses: {
    200: { description: "Forwarded leads, latest first", content: json(ForwardedLeadListSchema) },
    ...sessionGuarded,
  },
});

export const uploadMeasureDocumentRoute = createRoute({
  method: "post",
  path: "/measures/{id}/documents",
  tags,
  security: staffSession,
  summary: "Attach a document to the unit's response (unit liaison): PDF or image, by the evidence rules",
  description: `One file in the multipart field \`file\`: JPEG, PNG, WebP or PDF by its content, at most ${MEASURE_DOCUMENT_MAX_BYTES / (1024 * 1024)} MB, image metadata removed; optional text field \`title\`; at most ${MEASURE_DOCUMENT_MAX_FILES} per measure. Audited.`,
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
              title: { type: "string", maxLength: MEASURE_DOCUMENT_TITLE_MAX },
            },
            required: ["file"],
          },
        },
      },
    },
  },
  responses: {
    201: { description: "The stored document", content: json(MeasureDocumentSchema) },
    400: problem("Unreadable multipart body"),
    404: problem("No such measure in the liaison's unit"),
    409: problem("The measure is verified"),
    413: problem("File too large"),
    415: problem("Not multipart, or not a PDF or image by its content"),
    422: problem("No file, a damaged or encrypted file, or too many documents"),
    ...sessionGuarded,
  },
});

export const downloadMeasureDocumentRoute = createRoute({
  method: "get",
  path: "/measures/{id}/documents/{docId}",
  tags,
  security: staffSession,
  summary: "Download a document of a measure's response (the unit's liaison, or staff who may see the measure)",
  request: { params: IdParams.extend({ docId: z.string().min(1).max(64) }) },
  responses: {
    200: {
      description: "The file as stored",
      content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
    },
    404: problem("No such measure or document"),
    ...sessionGuarded,
  },
});

export const requestExtensionRoute = createRoute({
  method: "post",
  path: "/measures/{id}/extension-request",
  tags,
  security: staffSession,
  summary:
    "Ask for a later deadline with a reason (unit liaison); a supervisor grants it with `POST /measures/{id}/extension`. One pending request at a time; audited",
  request: { params: IdParams, body: { content: json(ExtensionRequestInputSchema), required: true } },
  responses: {
    201: { description: "The measure with the request", content: json(UnitMeasureSchema) },
    404: problem("No such measure in the liaison's unit"),
    409: problem("The measure is verified, or a request is already pending"),
    422: problem("Missing reason, or a date not after the current deadline"),
    ...sessionGuarded,
  },
});
