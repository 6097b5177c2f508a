import { createRoute, z } from "@hono/zod-openapi";
import { AttachmentSchema, EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES, EVIDENCE_TYPES } from "../contracts/reports";
import { problem, receiptSecret } from "../http/openapi";
import { rateLimit } from "../middleware/rate-limit";
import { requireReceipt } from "../middleware/receipt";
import { UPLOADS_POLICY } from "../services/rate-limits";

const AttachmentParamsSchema = z.object({
  trackingCode: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "trackingCode", in: "path" }, example: "PA-7KQM-X3TF" }),
});

export const uploadAttachmentRoute = createRoute({
  method: "post",
  path: "/reports/{trackingCode}/attachments",
  tags: ["reporting"],
  security: receiptSecret,
  summary: "The reporter adds one evidence file (bearer secret)",
  description: [
    `Send \`Authorization: Bearer <secret>\` and one file in the multipart field \`file\`:`,
    `${EVIDENCE_TYPES.join(", ")}, at most ${EVIDENCE_MAX_BYTES / (1024 * 1024)} MB, ${EVIDENCE_MAX_FILES} per report.`,
    "The type is read from the content; the file name is ignored and never stored.",
    "Image metadata (EXIF with GPS, XMP, IPTC, comments) is removed before storage; `sha256` is the hash of the file as uploaded.",
  ].join(" "),
  middleware: [rateLimit(UPLOADS_POLICY), requireReceipt],
  request: {
    params: AttachmentParamsSchema,
    // Plain JSON Schema: documented, but read by hand so the size is checked before the body is.
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            properties: { file: { type: "string", format: "binary" } },
            required: ["file"],
          },
        },
      },
    },
  },
  responses: {
    201: { description: "The stored file", content: { "application/json": { schema: AttachmentSchema } } },
    400: problem("Unreadable multipart body"),
    404: problem("Unknown tracking code or wrong secret (indistinguishable)"),
    409: problem("The report already has the maximum number of files"),
    413: problem("File larger than the limit"),
    415: problem("Not multipart, or a file that is not JPEG, PNG, WebP or PDF"),
    422: problem("No file, several files, or a damaged or encrypted file"),
    429: problem("Too many uploads from this client; see Retry-After"),
  },
});
