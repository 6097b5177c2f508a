import type { Context } from "hono";
import { INSPECTION_DOCUMENT_MAX_BYTES, InspectionDocumentSchema } from "../contracts/inspections";
import { createDb } from "../db/client";
import { authorizeAction, requireInspection } from "../db/queries/inspections";
import { findDocument, insertDocument } from "../db/queries/inspections-documents";
import { sniffType } from "../domain/evidence";
import { checkPdf } from "../domain/evidence/pdf";
import type { AppEnv } from "../env";
import { readBodyUpTo } from "../http/body";
import { createApp } from "../http/create-app";
import { ApiError } from "../http/errors";
import { sha256Hex } from "../lib/crypto";
import { requireActor } from "../middleware/session";
import { requirePermission } from "./inspections.permissions";
import { downloadDocumentRoute, uploadDocumentRoute } from "./inspections.routes";

const MAX_REQUEST_BYTES = INSPECTION_DOCUMENT_MAX_BYTES + 64 * 1024;

const MESSAGES = {
  not_multipart: {
    vi: "Hãy gửi tệp PDF dạng multipart/form-data, trường “file”",
    en: "Send the PDF as multipart/form-data, field “file”",
  },
  too_large: { vi: "Tệp tối đa 20 MB", en: "The file can be at most 20 MB" },
  not_pdf: {
    vi: "Chỉ nhận tệp PDF (kiểm tra theo nội dung)",
    en: "Only PDF files are accepted (checked from the content)",
  },
  file_required: { vi: "Hãy chọn đúng một tệp", en: "Choose exactly one file" },
  unreadable: { vi: "Không đọc được dữ liệu gửi lên", en: "The form data could not be read" },
  damaged: { vi: "Tệp PDF bị hỏng hoặc có mật khẩu", en: "The PDF is damaged or password-protected" },
} as const;

function message(c: Context<AppEnv>, key: keyof typeof MESSAGES): string {
  return MESSAGES[key][c.get("lang")];
}

/** The `file` part and optional `title` of the upload, or the 4xx explaining what is wrong. */
async function readUpload(c: Context<AppEnv>): Promise<{ file: File; title: string | undefined }> {
  const contentType = c.req.header("content-type") ?? "";
  if (!/^multipart\/form-data\s*;.*\bboundary=/i.test(contentType)) {
    throw new ApiError("unsupported_media_type", { detail: message(c, "not_multipart") });
  }
  if (Number(c.req.header("content-length") ?? "0") > MAX_REQUEST_BYTES) {
    throw new ApiError("payload_too_large", { detail: message(c, "too_large") });
  }
  const raw = await readBodyUpTo(c.req.raw, MAX_REQUEST_BYTES, message(c, "too_large"));
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { "Content-Type": contentType } }).formData();
  } catch (cause) {
    throw new ApiError("bad_request", { detail: message(c, "unreadable"), cause });
  }
  const parts = form.getAll("file");
  const [file] = parts;
  if (parts.length !== 1 || !(file instanceof File)) {
    throw new ApiError("validation_failed", { errors: [{ pointer: "/file", message: message(c, "file_required") }] });
  }
  if (file.size > INSPECTION_DOCUMENT_MAX_BYTES) {
    throw new ApiError("payload_too_large", { detail: message(c, "too_large") });
  }
  const title = form.get("title");
  return {
    file,
    title: typeof title === "string" ? title.normalize("NFC").trim().slice(0, 200) || undefined : undefined,
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
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    requirePermission(actor, "inspections.conduct");
    const { id } = c.req.valid("param");
    const row = await requireInspection(db, actor, id);
    await authorizeAction(db, actor, row, "upload", c.get("lang"));
    const { file, title } = await readUpload(c);
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (sniffType(bytes) !== "application/pdf") {
      throw new ApiError("unsupported_media_type", { detail: message(c, "not_pdf") });
    }
    if (!checkPdf(bytes).ok) {
      throw new ApiError("validation_failed", { errors: [{ pointer: "/file", message: message(c, "damaged") }] });
    }
    const docId = crypto.randomUUID();
    const objectKey = `inspections/${id}/${docId}`;
    const sha256 = await sha256Hex(bytes);
    await c.env.EVIDENCE.put(objectKey, bytes, { httpMetadata: { contentType: "application/pdf" } });
    try {
      const doc = await insertDocument(db, actor, {
        id: docId,
        inspectionId: id,
        title: title ?? `Tài liệu ${new Date().toISOString().slice(0, 10)}`,
        objectKey,
        sha256,
        size: bytes.byteLength,
      });
      return c.json(InspectionDocumentSchema.parse(doc), 201);
    } catch (error) {
      await c.env.EVIDENCE.delete(objectKey);
      throw error;
    }
  })
  .openapi(downloadDocumentRoute, async (c) => {
    const db = createDb(c.env.DB);
    const { id, docId } = c.req.valid("param");
    await requireInspection(db, c.get("actor"), id);
    const doc = await findDocument(db, id, docId);
    const object = doc ? await c.env.EVIDENCE.get(doc.objectKey) : null;
    if (!doc || !object) throw new ApiError("not_found");
    return new Response(object.body, {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${docId}.pdf"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
