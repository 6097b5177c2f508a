import { createRoute } from "@hono/zod-openapi";
import { IntakeReportCreateSchema, ReceiptSchema } from "../contracts/reports";
import { json, problem, sessionGuarded, staffSession } from "../http/openapi";
import { requireActor } from "../middleware/session";
import { staffIntake } from "./reports.intake";

export const createIntakeReportRoute = createRoute({
  method: "post",
  path: "/intake/reports",
  tags: ["reporting"],
  security: staffSession,
  summary: "Enter a report received by another channel on the person's behalf; answers with the receipt",
  description: [
    "Staff (inspectors and supervisors) enter a report that reached the team by the 1022 hotline, post, in person,",
    "e-mail, another agency or a national or city portal: the citizen form's fields without `altcha`, plus",
    "`channel` and `receivedOn` (the Hanoi date it was received: not after today, at most a year back).",
    "The report goes through the same triage and clustering as a web report, and its deadlines and statistics",
    "count from the day received. The answer is the same receipt as `POST /reports`: the secret is shown once,",
    "for the staff member to hand or post to the person; evidence (the scan of a letter) is then uploaded with",
    "`POST /reports/{trackingCode}/attachments` and that secret.",
    "An optional `Idempotency-Key` header (scoped to the staff account) makes retries of the same body within 24 h",
    "return the same receipt. Limited per staff account and hour (setting `intake_reports_per_staff_per_hour`,",
    "default 60). Audited as `report.entered` (channel, day received, unit; never the contact details).",
  ].join(" "),
  middleware: [requireActor("intake.create"), staffIntake],
  request: {
    body: {
      required: true,
      description: "The report, its channel and the day it was received",
      content: json(IntakeReportCreateSchema),
    },
  },
  responses: {
    201: { description: "The receipt", content: json(ReceiptSchema) },
    400: problem("Malformed JSON or a bad Idempotency-Key"),
    ...sessionGuarded,
    409: problem("The Idempotency-Key was used with another body"),
    413: problem("Body too large"),
    415: problem("Not JSON"),
    422: problem("Invalid fields, a day received in the future or over a year back, or an unknown unit"),
    429: problem("Too many reports entered by this account this hour; see Retry-After"),
  },
});
