import type { Context } from "hono";
import { AttachmentSchema, EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from "../contracts/reports";
import { createDb } from "../db/client";
import { countAttachments, insertAttachment } from "../db/queries/attachments";
import { bearerSecret, requireReportBySecret } from "../db/queries/report-access";
import { evidenceAdded } from "../db/queries/triage";
import { sniffType, stripMetadata } from "../domain/evidence";
import type { AppEnv } from "../env";
import { readBodyUpTo } from "../http/body";
import { createApp } from "../http/create-app";
import { ApiError, type ErrorCode } from "../http/errors";
import { EVIDENCE_MESSAGES, type EvidenceMessageKey } from "../i18n/evidence";
import { sha256Hex } from "../lib/crypto";
import { clientIp, hitRateLimit, type RateLimitPolicy } from "../lib/rate-limit";
import { uploadAttachmentRoute } from "./attachments.routes";

/** Room for the multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const MAX_REQUEST_BYTES = EVIDENCE_MAX_BYTES + MULTIPART_OVERHEAD_BYTES;

/** Enough for five files per report on a few reports an hour, not for a flood. */
const UPLOADS_POLICY: RateLimitPolicy = {
  scope: "evidence",
  settingKey: "evidence_uploads_per_client_per_hour",
  fallback: 60,
};

function refuse(c: Context<AppEnv>, code: ErrorCode, key: EvidenceMessageKey): ApiError {
  return new ApiError(code, { detail: EVIDENCE_MESSAGES[key][c.get("lang")] });
}

function fileError(c: Context<AppEnv>, key: EvidenceMessageKey): ApiError {
  return new ApiError("validation_failed", {
    errors: [{ pointer: "/file", message: EVIDENCE_MESSAGES[key][c.get("lang")] }],
  });
}

/** The one `file` part of a multipart body, or the 4xx that explains what is wrong. */
async function readFilePart(c: Context<AppEnv>, contentType: string): Promise<File> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAX_REQUEST_BYTES) throw refuse(c, "payload_too_large", "too_large");
  const raw = await readBodyUpTo(c.req.raw, MAX_REQUEST_BYTES, EVIDENCE_MESSAGES.too_large[c.get("lang")]);
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { "Content-Type": contentType } }).formData();
  } catch (cause) {
    throw new ApiError("bad_request", { detail: EVIDENCE_MESSAGES.unreadable_form[c.get("lang")], cause });
  }
  const parts = form.getAll("file");
  if (parts.length > 1) throw fileError(c, "one_file");
  const [file] = parts;
  if (!(file instanceof File)) throw fileError(c, "file_required");
  if (file.size > EVIDENCE_MAX_BYTES) throw refuse(c, "payload_too_large", "too_large");
  return file;
}

/**
 * `POST /api/reports/{trackingCode}/attachments`: the reporter adds one
 * evidence file. Cheap refusals come before the body is read (rate limit,
 * secret, content type, declared size, file count); then the type is sniffed
 * from the content, metadata is stripped, the stripped bytes go to R2 under
 * a key made of ids only (the original file name is never read), and the row
 * is written last, the R2 object being deleted again if that write fails.
 */
export const attachmentsApp = createApp().openapi(uploadAttachmentRoute, async (c) => {
  const { trackingCode } = c.req.valid("param");
  const db = createDb(c.env.DB);
  const { allowed, retryAfter } = await hitRateLimit(
    db,
    c.env.IP_HASH_SALT,
    clientIp(c.req.header("cf-connecting-ip")),
    UPLOADS_POLICY,
  );
  if (!allowed) throw new ApiError("rate_limited", { retryAfter });
  const report = await requireReportBySecret(db, trackingCode, bearerSecret(c.req.header("authorization")));

  const contentType = c.req.header("content-type") ?? "";
  if (!/^multipart\/form-data\s*;.*\bboundary=/i.test(contentType)) {
    throw refuse(c, "unsupported_media_type", "not_multipart");
  }
  if ((await countAttachments(db, report.id)) >= EVIDENCE_MAX_FILES) {
    throw refuse(c, "limit_reached", "limit_reached");
  }

  const file = await readFilePart(c, contentType);
  const original = new Uint8Array(await file.arrayBuffer());
  const type = sniffType(original);
  if (!type) throw refuse(c, "unsupported_media_type", "unsupported_type");
  const stripped = stripMetadata(original, type);
  if (!stripped.ok) throw fileError(c, stripped.reason);

  const id = crypto.randomUUID();
  const objectKey = `reports/${report.id}/${id}`;
  const [sha256, storedSha256] = await Promise.all([sha256Hex(original), sha256Hex(stripped.bytes)]);
  await c.env.EVIDENCE.put(objectKey, stripped.bytes, { httpMetadata: { contentType: type }, sha256: storedSha256 });
  let recorded: boolean;
  try {
    recorded = await insertAttachment(
      db,
      {
        id,
        reportId: report.id,
        objectKey,
        contentType: type,
        size: stripped.bytes.byteLength,
        sha256,
        storedSha256,
        uploadedBy: "reporter",
        createdAt: new Date().toISOString(),
      },
      EVIDENCE_MAX_FILES,
    );
  } catch (error) {
    await c.env.EVIDENCE.delete(objectKey);
    throw error;
  }
  if (!recorded) {
    await c.env.EVIDENCE.delete(objectKey);
    throw refuse(c, "limit_reached", "limit_reached");
  }

  await evidenceAdded(db, report.id, new Date());
  c.header("Cache-Control", "no-store");
  const body = AttachmentSchema.parse({ id, sha256, contentType: type, size: stripped.bytes.byteLength });
  return c.json(body, 201);
});
