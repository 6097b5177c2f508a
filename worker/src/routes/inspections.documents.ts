import type { Context } from "hono";
import {
  INSPECTION_DOCUMENT_MAX_BYTES,
  INSPECTION_DOCUMENT_TITLE_MAX,
  InspectionDocumentSchema,
} from "../contracts/inspections";
import type { AppEnv } from "../env";
import { readBodyUpTo } from "../http/body";
import { createApp } from "../http/create-app";
import { ApiError } from "../http/errors";
import { actorContext } from "../http/service-context";
import { DOCUMENT_MESSAGES } from "../i18n/inspection-documents";
import { requireActor } from "../middleware/session";
import { type DocumentUpload, documentFile, uploadDocument } from "../services/inspection-documents";
import { downloadDocumentRoute, uploadDocumentRoute } from "./inspections.routes";

/** The multipart body may carry the 20 MB file plus its parts' headers and the title. */
const MAX_REQUEST_BYTES = INSPECTION_DOCUMENT_MAX_BYTES + 64 * 1024;

/**
 * Reads the `file` part and optional `title` of the upload, streaming the
 * body with a size check (a missing or false Content-Length cannot make the
 * Worker buffer more than the limit), or throws the 4xx saying what is wrong.
 */
async function readUpload(c: Context<AppEnv>): Promise<DocumentUpload> {
  const lang = c.get("lang");
  const contentType = c.req.header("content-type") ?? "";
  if (!/^multipart\/form-data\s*;.*\bboundary=/i.test(contentType)) {
    throw new ApiError("unsupported_media_type", { detail: DOCUMENT_MESSAGES.not_multipart[lang] });
  }
  const tooLarge = DOCUMENT_MESSAGES.too_large[lang];
  if (Number(c.req.header("content-length") ?? "0") > MAX_REQUEST_BYTES) {
    throw new ApiError("payload_too_large", { detail: tooLarge });
  }
  const raw = await readBodyUpTo(c.req.raw, MAX_REQUEST_BYTES, tooLarge);
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { "Content-Type": contentType } }).formData();
  } catch (cause) {
    throw new ApiError("bad_request", { detail: DOCUMENT_MESSAGES.unreadable[lang], cause });
  }
  const parts = form.getAll("file");
  const [file] = parts;
  if (parts.length !== 1 || !(file instanceof File)) {
    throw new ApiError("validation_failed", {
      errors: [{ pointer: "/file", message: DOCUMENT_MESSAGES.file_required[lang] }],
    });
  }
  if (file.size > INSPECTION_DOCUMENT_MAX_BYTES) throw new ApiError("payload_too_large", { detail: tooLarge });
  const title = form.get("title");
  return {
    file,
    title:
      typeof title === "string"
        ? title.normalize("NFC").trim().slice(0, INSPECTION_DOCUMENT_TITLE_MAX) || undefined
        : undefined,
  };
}

const app = createApp();
app.use("/inspections/:id/documents", requireActor("inspections.read"));
app.use("/inspections/:id/documents/*", requireActor("inspections.read"));

/**
 * Inspection documents: PDFs only (sniffed from the content), at most 20 MB,
 * stored in R2 as `inspections/<id>/<docId>`; uploads by team members.
 */
export const inspectionDocumentsApp = app
  .openapi(uploadDocumentRoute, async (c) => {
    const doc = await uploadDocument(actorContext(c), c.req.valid("param").id, () => readUpload(c));
    return c.json(InspectionDocumentSchema.parse(doc), 201);
  })
  .openapi(downloadDocumentRoute, async (c) => {
    const { id, docId } = c.req.valid("param");
    const object = await documentFile(actorContext(c), id, docId);
    return new Response(object.body, {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${docId}.pdf"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
