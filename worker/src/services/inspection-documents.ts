import type { InspectionDocument } from "../contracts/inspections";
import { findDocument, insertDocument } from "../db/queries/inspections-documents";
import { sniffType } from "../domain/evidence";
import { checkPdf } from "../domain/evidence/pdf";
import { ApiError } from "../http/errors";
import { DOCUMENT_MESSAGES } from "../i18n/inspection-documents";
import { sha256Hex } from "../lib/crypto";
import type { ActorContext } from "./context";
import { authorizeAction, requireInspection, requirePermission } from "./inspections/access";

/** An uploaded file as the HTTP layer read it (size already checked). */
export interface DocumentUpload {
  file: File;
  title: string | undefined;
}

/**
 * `POST /api/inspections/{id}/documents` (team member, before closing): the
 * upload is read (`readUpload`, the HTTP layer's multipart parsing) only once
 * the actor may upload to this inspection. The file must be a PDF by its
 * content (415 otherwise) that opens (422 when damaged or encrypted); it is
 * stored in R2 as `inspections/<id>/<docId>` and recorded with its SHA-256,
 * audited `inspection.document_added`. When the record fails, the object is
 * removed again.
 */
export async function uploadDocument(
  ctx: ActorContext,
  id: string,
  readUpload: () => Promise<DocumentUpload>,
): Promise<InspectionDocument> {
  requirePermission(ctx.actor, "inspections.conduct");
  const row = await requireInspection(ctx, id);
  await authorizeAction(ctx, row, "upload");
  const { file, title } = await readUpload();
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (sniffType(bytes) !== "application/pdf") {
    throw new ApiError("unsupported_media_type", { detail: DOCUMENT_MESSAGES.not_pdf[ctx.lang] });
  }
  if (!checkPdf(bytes).ok) {
    throw new ApiError("validation_failed", {
      errors: [{ pointer: "/file", message: DOCUMENT_MESSAGES.damaged[ctx.lang] }],
    });
  }
  const docId = crypto.randomUUID();
  const objectKey = `inspections/${id}/${docId}`;
  const sha256 = await sha256Hex(bytes);
  await ctx.env.EVIDENCE.put(objectKey, bytes, { httpMetadata: { contentType: "application/pdf" } });
  try {
    return await insertDocument(
      ctx.db,
      ctx.actor,
      {
        id: docId,
        inspectionId: id,
        title: title ?? `Tài liệu ${ctx.now.toISOString().slice(0, 10)}`,
        objectKey,
        sha256,
        size: bytes.byteLength,
      },
      ctx.now,
    );
  } catch (error) {
    await ctx.env.EVIDENCE.delete(objectKey);
    throw error;
  }
}

/** `GET /api/inspections/{id}/documents/{docId}`: the stored PDF of a visible inspection, or 404. */
export async function documentFile(ctx: ActorContext, id: string, docId: string): Promise<R2ObjectBody> {
  await requireInspection(ctx, id);
  const doc = await findDocument(ctx.db, id, docId);
  const object = doc ? await ctx.env.EVIDENCE.get(doc.objectKey) : null;
  if (!doc || !object) throw new ApiError("not_found");
  return object;
}
