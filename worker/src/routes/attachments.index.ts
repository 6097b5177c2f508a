import { createApp } from "../http/create-app";
import { evidenceUpload } from "../http/evidence-upload";
import { serviceContext } from "../http/service-context";
import { addEvidence } from "../services/attachments";
import { uploadAttachmentRoute } from "./attachments.routes";

/**
 * `POST /api/reports/{trackingCode}/attachments`: the reporter adds one
 * evidence file. Cheap refusals come before the body is read: the rate limit
 * and the receipt (route middleware), the content type, then the file count.
 */
export const attachmentsApp = createApp().openapi(uploadAttachmentRoute, async (c) => {
  const attachment = await addEvidence(serviceContext(c), c.get("report"), evidenceUpload(c));
  c.header("Cache-Control", "no-store");
  return c.json(attachment, 201);
});
