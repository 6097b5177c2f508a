import { createRoute } from "@hono/zod-openapi";
import { RedactionPreviewInputSchema, RedactionPreviewSchema } from "../contracts/redactions";
import { json, problem, sessionGuarded, staffSession } from "../http/openapi";

export const previewRedactionsRoute = createRoute({
  method: "post",
  path: "/redactions/preview",
  tags: ["redaction"],
  security: staffSession,
  summary:
    "Suggested redactions on a text before it leaves the team (inspectors, supervisors): phone numbers, CMND/CCCD numbers, e-mail addresses, bank accounts, licence plates, house numbers and personal names",
  description:
    "Returns the text as the server reads it (trimmed NFC: the offsets count its UTF-16 code units), the " +
    "detector's marks and the text with them applied. Stores nothing. The inspector confirms, adds or removes " +
    "marks and sends the confirmed list with the text where it leaves the team (for a finding, " +
    "`publicSummaryMarks` of `PUT /api/inspections/{id}/findings/{leadId}`); a text sent without marks gets the " +
    "detector's suggestions applied.",
  request: { body: { content: json(RedactionPreviewInputSchema), required: true } },
  responses: {
    200: { description: "The suggested marks and the redacted text", content: json(RedactionPreviewSchema) },
    413: problem("Body too large"),
    422: problem("Empty text, or longer than 20 000 characters"),
    ...sessionGuarded,
  },
});
