import { createRoute, z } from "@hono/zod-openapi";
import {
  ContestCreateSchema,
  ContestReceiptSchema,
  MessageCreateSchema,
  MessageSchema,
  ReceiptSchema,
  ReportCreateSchema,
  ReportViewSchema,
} from "../contracts/reports";
import { json, problem, receiptSecret } from "../http/openapi";
import { jsonBodyLimit } from "../middleware/json-body";
import { rateLimit } from "../middleware/rate-limit";
import { requireReceipt } from "../middleware/receipt";
import { MESSAGES_POLICY } from "../services/rate-limits";
import { reportIntake } from "./reports.intake";

/** A required JSON body, validated against its contract. */
function jsonBody<T>(schema: T, description: string) {
  return { required: true, description, content: json(schema) };
}

export const TrackingCodeParamsSchema = z.object({
  trackingCode: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "trackingCode", in: "path" }, example: "PA-7KQM-X3TF" }),
});

export const createReportRoute = createRoute({
  method: "post",
  path: "/reports",
  tags: ["reporting"],
  summary: "File a report; answers with the receipt (tracking code and a secret shown once)",
  description:
    "Needs a solved ALTCHA challenge in `altcha`. An optional `Idempotency-Key` header makes retries of the same body within 24 h return the same receipt.",
  middleware: [reportIntake],
  request: { body: jsonBody(ReportCreateSchema, "The report, with the ALTCHA widget's payload") },
  responses: {
    201: { description: "The receipt", content: { "application/json": { schema: ReceiptSchema } } },
    400: problem("Malformed JSON or a bad Idempotency-Key"),
    409: problem("The Idempotency-Key was used with another body"),
    413: problem("Body too large"),
    415: problem("Not JSON"),
    422: problem("Invalid fields, an unknown unit or a failed ALTCHA check"),
    429: problem("Too many reports from this client; see Retry-After"),
  },
});

export const getReportRoute = createRoute({
  method: "get",
  path: "/reports/{trackingCode}",
  tags: ["reporting"],
  security: receiptSecret,
  summary: "Follow a report with its receipt secret as `Authorization: Bearer <secret>`",
  middleware: [requireReceipt],
  request: { params: TrackingCodeParamsSchema },
  responses: {
    200: {
      description: "Status, timeline, messages and evidence",
      content: { "application/json": { schema: ReportViewSchema } },
    },
    404: problem("Unknown tracking code or wrong secret (indistinguishable)"),
  },
});

export const createMessageRoute = createRoute({
  method: "post",
  path: "/reports/{trackingCode}/messages",
  tags: ["reporting"],
  security: receiptSecret,
  summary: "The reporter replies to the inspectors (bearer secret)",
  middleware: [rateLimit(MESSAGES_POLICY), requireReceipt, jsonBodyLimit],
  request: {
    params: TrackingCodeParamsSchema,
    body: jsonBody(MessageCreateSchema, "The message text"),
  },
  responses: {
    201: { description: "The stored message", content: { "application/json": { schema: MessageSchema } } },
    400: problem("Malformed JSON"),
    404: problem("Unknown tracking code or wrong secret (indistinguishable)"),
    413: problem("Body too large"),
    415: problem("Not JSON"),
    422: problem("Empty or too long message"),
    429: problem("Too many messages from this client; see Retry-After"),
  },
});

export const contestOutcomeRoute = createRoute({
  method: "post",
  path: "/reports/{trackingCode}/contest",
  tags: ["reporting"],
  security: receiptSecret,
  summary: "The reporter contests a concluded outcome, once, with a reason (bearer secret)",
  description:
    "Allowed once the report is `concluded`, and only once. Review reopens with a supervisor: the lead goes back to the supervisors' queue and the contest appears on its timeline.",
  middleware: [rateLimit(MESSAGES_POLICY), requireReceipt, jsonBodyLimit],
  request: {
    params: TrackingCodeParamsSchema,
    body: jsonBody(ContestCreateSchema, "Why the reporter disagrees (10–2000 characters)"),
  },
  responses: {
    201: { description: "The contest is recorded", content: { "application/json": { schema: ContestReceiptSchema } } },
    400: problem("Malformed JSON"),
    404: problem("Unknown tracking code or wrong secret (indistinguishable)"),
    409: problem("Not concluded yet (`conflict`), or already contested (`limit_reached`)"),
    413: problem("Body too large"),
    415: problem("Not JSON"),
    422: problem("Missing, too short or too long reason"),
    429: problem("Too many requests from this client; see Retry-After"),
  },
});
