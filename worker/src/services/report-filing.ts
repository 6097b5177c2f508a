import type { Channel } from "../contracts/channels";
import {
  type ClientReportCreate,
  type IntakeReportCreate,
  type Receipt,
  ReceiptSchema,
  type ReportCreate,
  type ReportFields,
} from "../contracts/reports";
import { auditInsert } from "../db/queries/audit";
import { insertReport, uniqueViolation } from "../db/queries/reports";
import { intakeDateProblems, receivedInstant } from "../domain/intake";
import { eventIds, isHighPriority } from "../domain/notifications";
import { newPublicId, newSecret, newTrackingCode } from "../domain/receipt";
import { ApiError } from "../http/errors";
import { CUSTOM_MESSAGES, type CustomMessageKey } from "../i18n/validation";
import { spendChallenge, verifyAltcha } from "../lib/altcha";
import { witnessKey } from "../lib/client-key";
import { seal, sha256Hex } from "../lib/crypto";
import {
  findStoredResponse,
  type IdempotencyRef,
  idempotencyKeyHash,
  rememberResponse,
  requestFingerprint,
} from "../lib/idempotency";
import type { ApiClient } from "./api-clients";
import { type Statements, writeBatch } from "./batch";
import type { ActorContext, ServiceContext } from "./context";
import { filingTarget } from "./directory";
import { flushNotifications, notificationEvent } from "./notifications";
import { planTriage } from "./triage";

/**
 * Filing a report, by either door: `POST /api/reports` (a citizen, with a
 * solved ALTCHA) and `POST /api/intake/reports` (staff entering a report that
 * came by phone, post, in person…). Both give the receipt, the only place its
 * secret is ever shown, so a lost answer can be asked for again with the same
 * `Idempotency-Key`; both go through {@link storeReport}: the same triage,
 * clustering and deadlines.
 */

/** The scope citizens' idempotency keys are hashed under. */
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

/**
 * The stored form of a staff member's key and body: keys are scoped to the
 * account, so two staff members who happen to use the same key never see
 * each other's receipts.
 */
export async function intakeIdempotencyRef(
  actorId: string,
  key: string,
  body: unknown,
): Promise<IdempotencyRef | undefined> {
  const requestHash = await requestFingerprint(body, []);
  return requestHash === undefined
    ? undefined
    : { keyHash: await idempotencyKeyHash(`POST /api/intake/reports ${actorId}`, key), requestHash };
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
 * `clientIp` (`CF-Connecting-IP`) is kept only as a salted hash naming the
 * witness (`witnessKey`), so copies from one client count once in the
 * lead's "independent reports" factor.
 */
export async function fileReport(
  ctx: ServiceContext,
  input: ReportCreate,
  idempotency: IdempotencyRef | undefined,
  clientIp?: string | null,
): Promise<Receipt> {
  const target = await filingTarget(ctx, input.unitId);
  if (!target.ok) throw fieldError(ctx, "/unitId", target.reason === "ended" ? "unit_ended" : "unknown_unit");
  const spent = await verifyAltcha(ctx.db, ctx.env, input.altcha, ctx.now);
  if (!spent) throw fieldError(ctx, "/altcha", "altcha");
  const { altcha: _, ...fields } = input;
  return storeReport(
    ctx,
    {
      fields: { ...fields, unitId: target.unitId },
      channel: "web",
      witnessKey: await witnessKey(ctx.env.IP_HASH_SALT, { channel: "web", ip: clientIp }),
      receivedAt: ctx.now.toISOString(),
      also: () => [spendChallenge(ctx.db, spent)],
    },
    idempotency,
  );
}

/**
 * A staff member enters a report received by another channel: the dates are
 * checked against `ctx.now` in Hanoi (422 at /receivedOn or /occurredOn), the
 * unit must be current (422 at /unitId). The report counts from the day
 * received (its deadlines, its month in the statistics); who entered it, when
 * and by which channel is kept on the report and in the audit log, which
 * holds no contact details.
 */
export async function enterReport(
  ctx: ActorContext,
  input: IntakeReportCreate,
  idempotency: IdempotencyRef | undefined,
): Promise<Receipt> {
  const dates = intakeDateProblems(input, ctx.now);
  if (dates.length > 0) {
    throw new ApiError("validation_failed", {
      errors: dates.map(({ pointer, key }) => ({ pointer, message: CUSTOM_MESSAGES[key][ctx.lang] })),
    });
  }
  const target = await filingTarget(ctx, input.unitId);
  if (!target.ok) throw fieldError(ctx, "/unitId", target.reason === "ended" ? "unit_ended" : "unknown_unit");
  const { channel, receivedOn, ...rest } = input;
  const fields = { ...rest, unitId: target.unitId };
  const at = ctx.now.toISOString();
  return storeReport(
    ctx,
    {
      fields,
      channel,
      witnessKey: await witnessKey(ctx.env.IP_HASH_SALT, { channel, contact: fields.contact }),
      receivedAt: receivedInstant(receivedOn, ctx.now),
      entered: { by: ctx.actor.id, at },
      also: (report) => [
        auditInsert(ctx.db, {
          actorId: ctx.actor.id,
          actorKind: "user",
          action: "report.entered",
          targetType: "report",
          targetId: report.id,
          summary: {
            trackingCode: report.trackingCode,
            channel,
            receivedOn,
            track: fields.track,
            unitId: fields.unitId,
            leadId: report.leadId,
          },
          at,
        }),
      ],
    },
    idempotency,
  );
}

/**
 * A registered client app files a report through Open311: the unit must be
 * current (422 at /unitId), and a key that lives in a public app also needs
 * a solved, unspent ALTCHA (422 at /altcha, spent in the same batch). The
 * report counts from now, through channel `open311`, with the same triage,
 * clustering and deadlines as the others. The audit row names the client,
 * never the contact details. Returns the receipt and the report's public id.
 */
export async function fileClientReport(
  ctx: ServiceContext,
  client: ApiClient,
  input: ClientReportCreate,
  altcha: string | undefined,
): Promise<{ receipt: Receipt; publicId: string }> {
  const target = await filingTarget(ctx, input.unitId);
  if (!target.ok) throw fieldError(ctx, "/unitId", target.reason === "ended" ? "unit_ended" : "unknown_unit");
  const spent = client.publicApp ? await verifyAltcha(ctx.db, ctx.env, altcha ?? "", ctx.now) : undefined;
  if (client.publicApp && !spent) throw fieldError(ctx, "/altcha", "altcha");
  const at = ctx.now.toISOString();
  let publicId = "";
  const receipt = await storeReport(
    ctx,
    {
      fields: { ...input, unitId: target.unitId },
      channel: "open311",
      // A named person counts once however often an app files for them; an anonymous filing counts on its own.
      witnessKey: await witnessKey(ctx.env.IP_HASH_SALT, { channel: "open311", contact: input.contact }),
      receivedAt: at,
      also: (report) => {
        publicId = report.publicId;
        return [
          ...(spent ? [spendChallenge(ctx.db, spent)] : []),
          auditInsert(ctx.db, {
            actorId: null,
            actorKind: "system",
            action: "report.filed_by_client",
            targetType: "report",
            targetId: report.id,
            summary: {
              trackingCode: report.trackingCode,
              channel: "open311",
              clientId: client.id,
              clientName: client.name,
              track: input.track,
              unitId: target.unitId,
              leadId: report.leadId,
            },
            at,
          }),
        ];
      },
    },
    undefined,
  );
  return { receipt, publicId };
}

/** A report to store, whichever door it came through. */
interface Filing {
  fields: ReportFields;
  channel: Channel;
  /** Salted hash of who filed it (`witnessKey`), null when unknown. */
  witnessKey: string | null;
  /** The instant it counts from: now for the web form, the day received for staff intake. */
  receivedAt: string;
  /** The staff entry of a report received by another channel. */
  entered?: { by: string; at: string };
  /** The caller's own statements for the same batch (the spent challenge, the audit row). */
  also: (report: { id: string; publicId: string; trackingCode: string; leadId: string }) => Statements;
}

/**
 * Writes the report with a fresh receipt, in one batch with its triage (the
 * lead it joins or opens), the caller's statements and the remembered
 * response. A colliding tracking code is drawn again; a challenge spent
 * meanwhile is a 422; a concurrent request with the same Idempotency-Key gets
 * that request's receipt.
 */
async function storeReport(
  ctx: ServiceContext,
  filing: Filing,
  idempotency: IdempotencyRef | undefined,
): Promise<Receipt> {
  const { db, env } = ctx;
  const { fields: input, receivedAt } = filing;
  for (let attempt = 1; ; attempt++) {
    const id = crypto.randomUUID();
    const publicId = newPublicId();
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
      witnessKey: filing.witnessKey,
    });
    const report = insertReport(db, {
      id,
      publicId,
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
      channel: filing.channel,
      entered: filing.entered,
      witnessKey: filing.witnessKey,
      receivedAt,
      triage: plan.reportColumns,
      status: plan.reporterStatus,
    });
    const remembered = idempotency
      ? await rememberResponse(db, env.CONTACT_KEY, { ...idempotency, status: 201, body: receipt }, ctx.now)
      : [];
    const also = filing.also({ id, publicId, trackingCode: receipt.trackingCode, leadId: plan.leadId });
    const announce =
      plan.openedPriority !== null && isHighPriority(plan.openedPriority)
        ? [
            notificationEvent(ctx, {
              id: eventIds.highPriorityLead(plan.leadId),
              kind: "lead.high_priority",
              subjectId: plan.leadId,
              payload: { leadId: plan.leadId, unitId: input.unitId, priority: plan.openedPriority },
            }),
          ]
        : [];
    try {
      await writeBatch(db, [...report, ...plan.statements, ...also, ...remembered, ...announce]);
      if (announce.length) await flushNotifications(ctx);
      return receipt;
    } catch (error) {
      const target = uniqueViolation(error);
      if ((target === "reports.tracking_code" || target === "reports.public_id") && attempt < TRACKING_CODE_ATTEMPTS)
        continue;
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
