import type { Context } from "hono";
import {
  ContestCreateSchema,
  ContestReceiptSchema,
  MessageCreateSchema,
  MessageSchema,
  type Receipt,
  ReceiptSchema,
  type ReportCreate,
  ReportCreateSchema,
  ReportViewSchema,
} from "../contracts/reports";
import { createDb, type Db } from "../db/client";
import { resumeOnReporterReply } from "../db/queries/lead-transitions";
import { contestOutcome } from "../db/queries/outcomes";
import { bearerSecret, requireReportBySecret } from "../db/queries/report-access";
import { insertReport, insertReporterMessage, reportView, uniqueViolation } from "../db/queries/reports";
import { planTriage } from "../db/queries/triage";
import { findCurrentUnit } from "../db/queries/units";
import { newSecret, newTrackingCode } from "../domain/receipt";
import type { AppEnv, Bindings } from "../env";
import { createApp } from "../http/create-app";
import { ApiError } from "../http/errors";
import { parseWith, readJsonBody } from "../http/validation";
import { CUSTOM_MESSAGES, type CustomMessageKey } from "../i18n/validation";
import { type SpentChallenge, spendChallenge, verifyAltcha } from "../lib/altcha";
import { seal, sha256Hex } from "../lib/crypto";
import {
  findStoredResponse,
  idempotencyKeyHash,
  isValidIdempotencyKey,
  rememberResponse,
  requestFingerprint,
} from "../lib/idempotency";
import { clientIp, hitRateLimit, type RateLimitPolicy } from "../lib/rate-limit";
import { contestOutcomeRoute, createMessageRoute, createReportRoute, getReportRoute } from "./reports.routes";

const DEFAULT_REPORTS_PER_HOUR = 30;
const DEFAULT_MESSAGES_PER_HOUR = 60;
const DEFAULT_MAX_JSON_BYTES = 65_536;
const IDEMPOTENCY_SCOPE = "POST /api/reports";
/** Attempts at a fresh tracking code if one collides (about 1 in 10¹¹ per report). */
const TRACKING_CODE_ATTEMPTS = 3;

function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = Number.parseInt(value ?? "", 10);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

function reportsPolicy(env: Bindings): RateLimitPolicy {
  return {
    scope: "reports",
    settingKey: "reports_per_client_per_hour",
    fallback: positiveInt(env.REPORTS_PER_CLIENT_PER_HOUR, DEFAULT_REPORTS_PER_HOUR),
  };
}

const MESSAGES_POLICY: RateLimitPolicy = {
  scope: "messages",
  settingKey: "messages_per_client_per_hour",
  fallback: DEFAULT_MESSAGES_PER_HOUR,
};

/** Counts the request against the client's budget; the IP only enters an HMAC. */
async function enforceRateLimit(c: Context<AppEnv>, db: Db, policy: RateLimitPolicy): Promise<void> {
  const ip = clientIp(c.req.header("cf-connecting-ip"));
  const { allowed, retryAfter } = await hitRateLimit(db, c.env.IP_HASH_SALT, ip, policy);
  if (!allowed) throw new ApiError("rate_limited", { retryAfter });
}

/** A 422 for one field with a message from the shared catalogue. */
function fieldError(c: Context<AppEnv>, pointer: string, key: CustomMessageKey): ApiError {
  return new ApiError("validation_failed", { errors: [{ pointer, message: CUSTOM_MESSAGES[key][c.get("lang")] }] });
}

/** The receipt remembered for this key and body, or a 409 when the body differs. */
async function replayReceipt(
  c: Context<AppEnv>,
  db: Db,
  idempotency: { keyHash: string; requestHash: string },
): Promise<Receipt | undefined> {
  const stored = await findStoredResponse(db, c.env.CONTACT_KEY, idempotency.keyHash, idempotency.requestHash);
  if (stored.kind === "conflict") throw new ApiError("idempotency_conflict");
  return stored.kind === "replay" ? ReceiptSchema.parse(stored.body) : undefined;
}

/**
 * Writes the report with a fresh receipt, in one batch with the spent
 * challenge and the remembered response. A colliding tracking code is drawn
 * again; a challenge spent meanwhile is a 422; a concurrent request with the
 * same Idempotency-Key gets that request's receipt.
 */
async function storeReport(
  c: Context<AppEnv>,
  db: Db,
  input: ReportCreate,
  spent: SpentChallenge,
  idempotency: { keyHash: string; requestHash: string } | undefined,
): Promise<Receipt> {
  const receivedAt = new Date().toISOString();
  for (let attempt = 1; ; attempt++) {
    const id = crypto.randomUUID();
    const receipt = ReceiptSchema.parse({
      trackingCode: newTrackingCode(),
      secret: newSecret(),
      status: "received",
      receivedAt,
    });
    const plan = await planTriage(
      db,
      {
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
      },
      new Date(receivedAt),
    );
    const alongside = [
      ...plan.statements,
      spendChallenge(db, spent),
      ...(idempotency
        ? await rememberResponse(db, c.env.CONTACT_KEY, { ...idempotency, status: 201, body: receipt })
        : []),
    ];
    try {
      await insertReport(
        db,
        {
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
          contact: input.contact ? await seal(c.env.CONTACT_KEY, JSON.stringify(input.contact), id) : undefined,
          receivedAt,
          triage: plan.reportColumns,
          status: plan.reporterStatus,
        },
        alongside,
      );
      return receipt;
    } catch (error) {
      const target = uniqueViolation(error);
      if (target === "reports.tracking_code" && attempt < TRACKING_CODE_ATTEMPTS) continue;
      if (target === "used_challenges.signature") throw fieldError(c, "/altcha", "altcha");
      if (target === "idempotency_keys.key_hash" && idempotency) {
        const replay = await replayReceipt(c, db, idempotency);
        if (replay) return replay;
      }
      throw error;
    }
  }
}

/**
 * `POST /api/reports`, `GET /api/reports/{trackingCode}` and
 * `POST /api/reports/{trackingCode}/messages`.
 */
export const reportsApp = createApp()
  .openapi(createReportRoute, async (c) => {
    const db = createDb(c.env.DB);
    const key = c.req.header("idempotency-key");
    const body = await readJsonBody(c, positiveInt(c.env.MAX_JSON_BODY_BYTES, DEFAULT_MAX_JSON_BYTES)).catch(
      (error: unknown) => {
        if (error instanceof ApiError) return error;
        throw error;
      },
    );

    // A lost answer is given back before anything else: before the rate
    // limit, so a reporter retrying from a busy shared address gets the
    // receipt whose secret is shown nowhere else, and before the ALTCHA
    // check, since a retry carries a challenge that is already spent.
    const idempotency =
      key !== undefined && isValidIdempotencyKey(key) && !(body instanceof ApiError)
        ? {
            keyHash: await idempotencyKeyHash(IDEMPOTENCY_SCOPE, key),
            requestHash: await requestFingerprint(body.value, ["altcha"]),
          }
        : undefined;
    const stored = idempotency
      ? await findStoredResponse(db, c.env.CONTACT_KEY, idempotency.keyHash, idempotency.requestHash)
      : undefined;
    if (stored?.kind === "replay") return c.json(ReceiptSchema.parse(stored.body), 201);

    // Everything else counts, invalid bodies too: the limit protects the server.
    await enforceRateLimit(c, db, reportsPolicy(c.env));
    if (key !== undefined && !isValidIdempotencyKey(key)) throw new ApiError("bad_request");
    if (body instanceof ApiError) throw body;
    if (stored?.kind === "conflict") throw new ApiError("idempotency_conflict");
    const input = parseWith(ReportCreateSchema, body.value, c);

    if (!(await findCurrentUnit(db, input.unitId))) throw fieldError(c, "/unitId", "unknown_unit");
    const spent = await verifyAltcha(db, c.env, input.altcha);
    if (!spent) throw fieldError(c, "/altcha", "altcha");

    return c.json(await storeReport(c, db, input, spent, idempotency), 201);
  })
  .openapi(getReportRoute, async (c) => {
    const db = createDb(c.env.DB);
    const { trackingCode } = c.req.valid("param");
    const report = await requireReportBySecret(db, trackingCode, bearerSecret(c.req.header("authorization")));
    const view = ReportViewSchema.parse(await reportView(db, report));
    c.header("Cache-Control", "no-store");
    return c.json(view, 200);
  })
  .openapi(createMessageRoute, async (c) => {
    const db = createDb(c.env.DB);
    await enforceRateLimit(c, db, MESSAGES_POLICY);
    const { trackingCode } = c.req.valid("param");
    const report = await requireReportBySecret(db, trackingCode, bearerSecret(c.req.header("authorization")));
    const { value } = await readJsonBody(c, positiveInt(c.env.MAX_JSON_BODY_BYTES, DEFAULT_MAX_JSON_BYTES));
    const { body } = parseWith(MessageCreateSchema, value, c);
    const message = MessageSchema.parse(await insertReporterMessage(db, report.id, body, new Date().toISOString()));
    await resumeOnReporterReply(db, report.leadId);
    c.header("Cache-Control", "no-store");
    return c.json(message, 201);
  })
  .openapi(contestOutcomeRoute, async (c) => {
    const db = createDb(c.env.DB);
    await enforceRateLimit(c, db, MESSAGES_POLICY);
    const { trackingCode } = c.req.valid("param");
    const report = await requireReportBySecret(db, trackingCode, bearerSecret(c.req.header("authorization")));
    const { value } = await readJsonBody(c, positiveInt(c.env.MAX_JSON_BODY_BYTES, DEFAULT_MAX_JSON_BYTES));
    const { reason } = parseWith(ContestCreateSchema, value, c);
    const contestedAt = await contestOutcome(db, report, reason);
    c.header("Cache-Control", "no-store");
    return c.json(ContestReceiptSchema.parse({ contestedAt }), 201);
  });
