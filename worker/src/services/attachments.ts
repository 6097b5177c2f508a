import { type Attachment, AttachmentSchema, EVIDENCE_MAX_FILES } from "../contracts/reports";
import {
  attachmentStored,
  countAttachments,
  insertAttachmentIfRoom,
  type NewAttachment,
  touchReportForFile,
} from "../db/queries/attachments";
import type { ReportRow } from "../db/queries/reports";
import { sniffType, stripMetadata } from "../domain/evidence";
import { evidenceError, evidenceFileError } from "../http/failures";
import { sha256Hex } from "../lib/crypto";
import type { ServiceContext } from "./context";
import { planEvidence } from "./triage";

/**
 * `POST /api/reports/{trackingCode}/attachments`: the reporter adds one
 * evidence file. The report's file count is checked before the upload is
 * read (`upload` reads it); then the type is sniffed from the content,
 * metadata is stripped, the stripped bytes go to R2 under a key made of ids
 * only (the original file name is never read), and one batch records the
 * file, the report's new eligibility and its lead's counts and score. The R2
 * object is deleted again if that batch fails or finds the report full.
 *
 * @example
 * const attachment = await addEvidence(ctx, report, () => readEvidenceFile(c));
 */
export async function addEvidence(
  ctx: ServiceContext,
  report: ReportRow,
  upload: () => Promise<Uint8Array>,
): Promise<Attachment> {
  const filesBefore = await countAttachments(ctx.db, report.id);
  if (filesBefore >= EVIDENCE_MAX_FILES) throw evidenceError("limit_reached", "limit_reached", ctx.lang);

  const original = await upload();
  const type = sniffType(original);
  if (!type) throw evidenceError("unsupported_media_type", "unsupported_type", ctx.lang);
  const stripped = stripMetadata(original, type);
  if (!stripped.ok) throw evidenceFileError(stripped.reason, ctx.lang);

  const id = crypto.randomUUID();
  const objectKey = `reports/${report.id}/${id}`;
  const [sha256, storedSha256] = await Promise.all([sha256Hex(original), sha256Hex(stripped.bytes)]);
  const file: NewAttachment = {
    id,
    reportId: report.id,
    objectKey,
    contentType: type,
    size: stripped.bytes.byteLength,
    sha256,
    storedSha256,
    uploadedBy: "reporter",
    createdAt: ctx.now.toISOString(),
  };
  await ctx.env.EVIDENCE.put(objectKey, stripped.bytes, { httpMetadata: { contentType: type }, sha256: storedSha256 });
  let recorded: boolean;
  try {
    const follow = await planEvidence(ctx, report, filesBefore, attachmentStored(ctx.db, id));
    const [inserted] = await ctx.db.batch([
      insertAttachmentIfRoom(ctx.db, file, EVIDENCE_MAX_FILES),
      touchReportForFile(ctx.db, file),
      ...follow,
    ]);
    recorded = (inserted.meta.changes ?? 0) > 0;
  } catch (error) {
    await ctx.env.EVIDENCE.delete(objectKey);
    throw error;
  }
  if (!recorded) {
    await ctx.env.EVIDENCE.delete(objectKey);
    throw evidenceError("limit_reached", "limit_reached", ctx.lang);
  }
  return AttachmentSchema.parse({ id, sha256, contentType: type, size: file.size });
}
