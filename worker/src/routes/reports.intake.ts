import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { bufferBody, isJsonRequestType } from "../http/body";
import { ApiError } from "../http/errors";
import { actorContext, serviceContext } from "../http/service-context";
import { type IdempotencyRef, isValidIdempotencyKey } from "../lib/idempotency";
import { maxJsonBytes } from "../middleware/json-body";
import { countRequest, countStaffRequest, INTAKE_POLICY, reportsPolicy } from "../services/rate-limits";
import { idempotencyRef, intakeIdempotencyRef, storedReceipt } from "../services/report-filing";

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

/** What differs between the two doors a report is filed through. */
interface FilingDoor {
  /** The stored form of an `Idempotency-Key` and the parsed body. */
  ref: (c: Context<AppEnv>, key: string, body: unknown) => Promise<IdempotencyRef | undefined>;
  /** Counts the request against its budget (429 once spent). */
  count: (c: Context<AppEnv>) => Promise<void>;
}

/**
 * What a filing route does before its validator and handler, in this order:
 *
 * 1. A lost answer is given back before anything else: a stored receipt for
 *    the same `Idempotency-Key` and body (the ALTCHA field aside) is
 *    answered before the rate limit, so a reporter retrying from a busy
 *    shared address gets the receipt whose secret is shown nowhere else, and
 *    before the ALTCHA check, since a retry carries a spent challenge.
 * 2. Everything else counts against the budget (429), invalid bodies too:
 *    the limit protects the server.
 * 3. Then, in order: 400 for a bad key, 415 for a body that is not JSON, 413
 *    past `MAX_JSON_BODY_BYTES`, 400 for malformed JSON, 409 for a key used
 *    with another body; the validator's 422s and the handler come after.
 */
function filingGate(door: FilingDoor) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const ctx = serviceContext(c);
    const key = c.req.header("idempotency-key");
    const keyOk = key === undefined || isValidIdempotencyKey(key);
    const body = await readReportBody(c).catch((error: unknown) => {
      if (error instanceof ApiError) return error;
      throw error;
    });
    const ref =
      key !== undefined && keyOk && !(body instanceof ApiError) ? await door.ref(c, key, body.value) : undefined;
    const stored = ref ? await storedReceipt(ctx, ref) : undefined;
    if (stored?.kind === "replay") return c.json(stored.receipt, 201);

    await door.count(c);
    if (!keyOk) throw new ApiError("bad_request");
    if (body instanceof ApiError) throw body;
    if (stored?.kind === "conflict") throw new ApiError("idempotency_conflict");
    if (ref) c.set("idempotency", ref);
    await next();
  });
}

/** `POST /api/reports`: idempotent replay, then the client's budget (hashed address). */
export const reportIntake = filingGate({
  ref: (_c, key, body) => idempotencyRef(key, body),
  count: (c) => countRequest(serviceContext(c), reportsPolicy(c.env), c.req.header("cf-connecting-ip")),
});

/**
 * `POST /api/intake/reports`, behind `requireActor("intake.create")`:
 * idempotent replay of the staff member's own keys, then their account's
 * budget.
 */
export const staffIntake = filingGate({
  ref: (c, key, body) => intakeIdempotencyRef(c.get("actor").id, key, body),
  count: (c) => countStaffRequest(actorContext(c), INTAKE_POLICY),
});
