import { type Receipt, ReceiptSchema, type ReportCreate } from "../contracts/reports";
import { insertReport, uniqueViolation } from "../db/queries/reports";
import { newSecret, newTrackingCode } from "../domain/receipt";
import { ApiError } from "../http/errors";
import { CUSTOM_MESSAGES, type CustomMessageKey } from "../i18n/validation";
import { type SpentChallenge, spendChallenge, verifyAltcha } from "../lib/altcha";
import { seal, sha256Hex } from "../lib/crypto";
import {
  findStoredResponse,
  type IdempotencyRef,
  idempotencyKeyHash,
  rememberResponse,
  requestFingerprint,
} from "../lib/idempotency";
import { writeBatch } from "./batch";
import type { ServiceContext } from "./context";
import { filingTarget } from "./directory";
import { planTriage } from "./triage";

/**
 * `POST /api/reports`: a citizen files a report and gets its receipt, the
 * only place its secret is ever shown, so a lost answer can be asked for
 * again with the same `Idempotency-Key`.
 */

/** The scope idempotency keys of this route are hashed under. */
const IDEMPOTENCY_SCOPE = "POST /api/reports";
/** Attempts at a fresh tracking code if one collides (about 1 in 10¹¹ per report). */
const TRACKING_CODE_ATTEMPTS = 3;

/**
 * The stored form of a key and a parsed body. The ALTCHA payload is left out
 * of the body's hash: a retry carries a fresh one-time payload. Undefined for
 * a body too deeply nested to be a report, which is never remembered.
 */
export async function idempotencyRef(key: string, body: unknown): Promise<IdempotencyRef | undefined> {
  const requestHash = await requestFingerprint(body, ["altcha"]);
  return requestHash === undefined
    ? undefined
    : { keyHash: await idempotencyKeyHash(IDEMPOTENCY_SCOPE, key), requestHash };
}

/** What a key already holds: nothing, the receipt to give back, or another body (409). */
export type StoredReceipt = { kind: "none" } | { kind: "conflict" } | { kind: "replay"; receipt: Receipt };

/** The receipt remembered for a key and body within 24 h of `ctx.now`, if any. */
export async function storedReceipt(ctx: ServiceContext, ref: IdempotencyRef): Promise<StoredReceipt> {
  const stored = await findStoredResponse(ctx.db, ctx.env.CONTACT_KEY, ref.keyHash, ref.requestHash, ctx.now);
  if (stored.kind === "replay") return { kind: "replay", receipt: ReceiptSchema.parse(stored.body) };
  return stored;
}

/** A 422 for one field with a message from the shared catalogue. */
function fieldError(ctx: ServiceContext, pointer: string, key: CustomMessageKey): ApiError {
  return new ApiError("validation_failed", { errors: [{ pointer, message: CUSTOM_MESSAGES[key][ctx.lang] }] });
}

/**
 * Files a validated report: its unit must be current, or have been merged
 * into a current one (the report goes to the successor; 422 at /unitId, the
 * challenge left unspent so the reporter can correct and resend), its ALTCHA
 * solved and unspent (422 at /altcha). Then one batch writes the report with
 * a fresh receipt, its lead, the spent challenge and the remembered receipt.
 */
export async function fileReport(
  ctx: ServiceContext,
  input: ReportCreate,
  idempotency: IdempotencyRef | undefined,
): Promise<Receipt> {
  const target = await filingTarget(ctx, input.unitId);
  if (!target.ok) throw fieldError(ctx, "/unitId", target.reason === "ended" ? "unit_ended" : "unknown_unit");
  const spent = await verifyAltcha(ctx.db, ctx.env, input.altcha, ctx.now);
  if (!spent) throw fieldError(ctx, "/altcha", "altcha");
  return storeReport(ctx, { ...input, unitId: target.unitId }, spent, idempotency);
}

/**
 * Writes the report with a fresh receipt, in one batch with the spent
 * challenge and the remembered response. A colliding tracking code is drawn
 * again; a challenge spent meanwhile is a 422; a concurrent request with the
 * same Idempotency-Key gets that request's receipt.
 */
async function storeReport(
  ctx: ServiceContext,
  input: ReportCreate,
  spent: SpentChallenge,
  idempotency: IdempotencyRef | undefined,
): Promise<Receipt> {
  const { db, env } = ctx;
  const receivedAt = ctx.now.toISOString();
  for (let attempt = 1; ; attempt++) {
    const id = crypto.randomUUID();
    const receipt = ReceiptSchema.parse({
      trackingCode: newTrackingCode(),
      secret: newSecret(),
      status: "received",
      receivedAt,
    });
    const plan = await planTriage(ctx, {
      id,
      trackingCode: receipt.trackingCode,
      unitId: input.unitId,
      categoryCode: input.categoryCode,
      description: input.description,
      procedure: input.procedure,
      officialHint: input.officialHint,
      occurredOn: input.occurredOn,
      reporterKind: input.reporterKind,
      evidenceCount: 0,
      receivedAt,
    });
    const report = insertReport(db, {
      id,
      trackingCode: receipt.trackingCode,
      secretHash: await sha256Hex(receipt.secret),
      track: input.track,
      unitId: input.unitId,
      categoryCode: input.categoryCode,
      description: input.description,
      occurredOn: input.occurredOn,
      procedure: input.procedure || undefined,
      officialHint: input.officialHint || undefined,
      reporterKind: input.reporterKind,
      contact: input.contact ? await seal(env.CONTACT_KEY, JSON.stringify(input.contact), id) : undefined,
      receivedAt,
      triage: plan.reportColumns,
      status: plan.reporterStatus,
    });
    const remembered = idempotency
      ? await rememberResponse(db, env.CONTACT_KEY, { ...idempotency, status: 201, body: receipt }, ctx.now)
      : [];
    try {
      await writeBatch(db, [...report, ...plan.statements, spendChallenge(db, spent), ...remembered]);
      return receipt;
    } catch (error) {
      const target = uniqueViolation(error);
      if (target === "reports.tracking_code" && attempt < TRACKING_CODE_ATTEMPTS) continue;
      if (target === "used_challenges.signature") throw fieldError(ctx, "/altcha", "altcha");
      if (target === "idempotency_keys.key_hash" && idempotency) {
        const stored = await storedReceipt(ctx, idempotency);
        if (stored.kind === "conflict") throw new ApiError("idempotency_conflict");
        if (stored.kind === "replay") return stored.receipt;
      }
      throw error;
    }
  }
}
