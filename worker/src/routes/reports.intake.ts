import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { bufferBody, isJsonRequestType } from "../http/body";
import { ApiError } from "../http/errors";
import { serviceContext } from "../http/service-context";
import { isValidIdempotencyKey } from "../lib/idempotency";
import { maxJsonBytes } from "../middleware/json-body";
import { countRequest, reportsPolicy } from "../services/rate-limits";
import { idempotencyRef, storedReceipt } from "../services/report-filing";

/** The body of a report as sent, parsed once; its bytes stay for the route's validator. */
async function readReportBody(c: Context<AppEnv>): Promise<{ value: unknown }> {
  if (!isJsonRequestType(c.req.header("content-type"))) throw new ApiError("unsupported_media_type");
  const bytes = await bufferBody(c, maxJsonBytes(c.env));
  try {
    return { value: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch (cause) {
    throw new ApiError("malformed_json", { cause });
  }
}

/**
 * What `POST /api/reports` does before its validator and handler, in this
 * order:
 *
 * 1. A lost answer is given back before anything else: a stored receipt for
 *    the same `Idempotency-Key` and body (the ALTCHA field aside) is
 *    answered before the rate limit, so a reporter retrying from a busy
 *    shared address gets the receipt whose secret is shown nowhere else, and
 *    before the ALTCHA check, since a retry carries a spent challenge.
 * 2. Everything else counts against the client's budget (429), invalid
 *    bodies too: the limit protects the server.
 * 3. Then, in order: 400 for a bad key, 415 for a body that is not JSON, 413
 *    past `MAX_JSON_BODY_BYTES`, 400 for malformed JSON, 409 for a key used
 *    with another body; the validator's 422s and the handler come after.
 */
export const reportIntake = createMiddleware<AppEnv>(async (c, next) => {
  const ctx = serviceContext(c);
  const key = c.req.header("idempotency-key");
  const keyOk = key === undefined || isValidIdempotencyKey(key);
  const body = await readReportBody(c).catch((error: unknown) => {
    if (error instanceof ApiError) return error;
    throw error;
  });
  const ref =
    key !== undefined && keyOk && !(body instanceof ApiError) ? await idempotencyRef(key, body.value) : undefined;
  const stored = ref ? await storedReceipt(ctx, ref) : undefined;
  if (stored?.kind === "replay") return c.json(stored.receipt, 201);

  await countRequest(ctx, reportsPolicy(c.env), c.req.header("cf-connecting-ip"));
  if (!keyOk) throw new ApiError("bad_request");
  if (body instanceof ApiError) throw body;
  if (stored?.kind === "conflict") throw new ApiError("idempotency_conflict");
  if (ref) c.set("idempotency", ref);
  await next();
});
