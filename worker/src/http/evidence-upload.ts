import type { Context } from "hono";
import { EVIDENCE_MAX_BYTES } from "../contracts/reports";
import type { AppEnv } from "../env";
import { EVIDENCE_MESSAGES } from "../i18n/evidence";
import { readBodyUpTo } from "./body";
import { ApiError } from "./errors";
import { evidenceError, evidenceFileError } from "./failures";

/** Room for the multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const MAX_REQUEST_BYTES = EVIDENCE_MAX_BYTES + MULTIPART_OVERHEAD_BYTES;

/** The one `file` part of a multipart body, or the 4xx that explains what is wrong. */
async function readFilePart(c: Context<AppEnv>, contentType: string): Promise<File> {
  const lang = c.get("lang");
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAX_REQUEST_BYTES) throw evidenceError("payload_too_large", "too_large", lang);
  const raw = await readBodyUpTo(c.req.raw, MAX_REQUEST_BYTES, EVIDENCE_MESSAGES.too_large[lang]);
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { "Content-Type": contentType } }).formData();
  } catch (cause) {
    throw new ApiError("bad_request", { detail: EVIDENCE_MESSAGES.unreadable_form[lang], cause });
  }
  const parts = form.getAll("file");
  if (parts.length > 1) throw evidenceFileError("one_file", lang);
  const [file] = parts;
  if (!(file instanceof File)) throw evidenceFileError("file_required", lang);
  if (file.size > EVIDENCE_MAX_BYTES) throw evidenceError("payload_too_large", "too_large", lang);
  return file;
}

/**
 * The evidence file of an upload request, read only when called: a body
 * that is not multipart is refused at once (415), while the size, the form
 * and its one `file` part are checked when the use case reads it, after its
 * cheaper refusals.
 *
 * @example
 * await addEvidence(ctx, report, evidenceUpload(c));
 */
export function evidenceUpload(c: Context<AppEnv>): () => Promise<Uint8Array> {
  const contentType = c.req.header("content-type") ?? "";
  if (!/^multipart\/form-data\s*;.*\bboundary=/i.test(contentType)) {
    throw evidenceError("unsupported_media_type", "not_multipart", c.get("lang"));
  }
  return async () => new Uint8Array(await (await readFilePart(c, contentType)).arrayBuffer());
}
