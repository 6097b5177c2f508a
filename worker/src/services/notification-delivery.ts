import { eq } from "drizzle-orm";
import { LIAISON_NOTIFICATION_KINDS } from "../contracts/notifications";
import { createDb } from "../db/client";
import { teamOf } from "../db/queries/inspections";
import { liaisonsCovering } from "../db/queries/liaison";
import {
  claimMessage,
  findNotificationEvent,
  insertDevOutbox,
  insertOutboxMessages,
  killUnsent,
  messagesOfEvent,
  type NotificationEventRow,
  optOutsOf,
  settleMessage,
  staffAddresses,
} from "../db/queries/notifications";
import { listStaff } from "../db/queries/staff";
import { findLead } from "../db/queries/triage";
import { reports, units } from "../db/schema";
import { render, type TemplateParams } from "../domain/notification-templates";
import {
  type DeliveryVerdict,
  deliveryVerdict,
  isMandatory,
  isNotificationKind,
  type NotificationKind,
  type RecipientKey,
  type ReporterContact,
  reporterWantsMail,
  retryDelaySeconds,
  staffRecipients,
} from "../domain/notifications";
import type { Bindings } from "../env";
import { unseal } from "../lib/crypto";
import type { ServiceContext } from "./context";

/**
 * The consumer side of notifications: for one event, work out who gets a
 * message, create one outbox row per (event, recipient, template), and send
 * each row at most once. Whatever the queue does (deliver twice, retry a
 * whole batch), a row is sent only by the delivery that claimed it.
 */

/** An e-mail ready to go. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends one e-mail and returns the provider's message id. */
export interface Mailer {
  send(mail: Mail): Promise<string>;
}

/** A failure that no retry can fix (the address is refused): the message is dead at once. */
export class PermanentMailError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Email Service errors that name the recipient or sender as refused, rather than a passing fault. */
const PERMANENT = /invalid|not verified|not allowed|rejected|unverified/i;

/**
 * The mailer in force: the local outbox (`dev_outbox` in D1) when
 * `DEV_OUTBOX` is "1" or the `EMAIL` binding is absent, so nothing leaves a
 * developer's machine or a test; otherwise Email Service.
 */
export function mailerFor(env: Bindings, now: () => Date = () => new Date()): Mailer {
  const binding = env.EMAIL as SendEmail | undefined;
  if (env.DEV_OUTBOX === "1" || !binding) {
    const db = createDb(env.DB);
    return {
      async send(mail) {
        const id = crypto.randomUUID();
        await insertDevOutbox(db, { id, messageId: id, ...mail, at: now().toISOString() });
        return `outbox:${id}`;
      },
    };
  }
  return {
    async send(mail) {
      try {
        const result = await binding.send({ from: env.MAIL_FROM, ...mail });
        return result.messageId;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (PERMANENT.test(message)) throw new PermanentMailError("address_refused");
        throw error;
      }
    },
  };
}

/** A recipient with the language of their e-mail. */
interface Recipient {
  key: RecipientKey;
  lang: "vi" | "en";
}

function payloadOf(event: NotificationEventRow): Record<string, string | number | undefined> {
  return JSON.parse(event.payload) as Record<string, string | number | undefined>;
}

/** The sealed contact of a report, or null. */
async function reporterContact(ctx: ServiceContext, reportId: string) {
  const [report] = await ctx.db
    .select({ id: reports.id, track: reports.track, iv: reports.contactIv, ciphertext: reports.contactCiphertext })
    .from(reports)
    .where(eq(reports.id, reportId))
    .limit(1);
  if (!report) return undefined;
  const contact =
    report.iv && report.ciphertext
      ? (JSON.parse(
          await unseal(ctx.env.CONTACT_KEY, { iv: report.iv, ciphertext: report.ciphertext }, report.id),
        ) as ReporterContact)
      : null;
  return { track: report.track, contact };
}

/**
 * The liaisons told about a measure of `unitId`: the active `unit_liaison`
 * accounts of that unit or of a unit above it (a liaison covers their unit
 * and its sub-units), less those who turned the kind off unless it is
 * mandatory. Liaisons of other units, sibling wards included, get nothing.
 */
async function liaisonRecipients(
  ctx: ServiceContext,
  kind: NotificationKind,
  unitId: string | undefined,
): Promise<Recipient[]> {
  if (!unitId) return [];
  const liaisons = await liaisonsCovering(ctx.db, unitId);
  const optOuts = isMandatory(kind)
    ? new Map<string, Set<string>>()
    : await optOutsOf(
        ctx.db,
        liaisons.map((l) => l.id),
      );
  return liaisons
    .filter((l) => !optOuts.get(l.id)?.has(kind))
    .map((l) => ({ key: `user:${l.id}` as const, lang: "vi" as const }));
}

/** Who receives an event now (preferences and recusal applied). */
async function recipientsOf(ctx: ServiceContext, event: NotificationEventRow): Promise<Recipient[]> {
  const kind = event.kind as NotificationKind;
  const payload = payloadOf(event);
  if (kind === "report.status_changed") {
    const found = await reporterContact(ctx, event.subjectId);
    return found && reporterWantsMail(found.track, found.contact)
      ? [{ key: `reporter:${event.subjectId}`, lang: "vi" }]
      : [];
  }
  if ((LIAISON_NOTIFICATION_KINDS as readonly string[]).includes(kind)) {
    return liaisonRecipients(ctx, kind, typeof payload.unitId === "string" ? payload.unitId : undefined);
  }
  const unitId = typeof payload.unitId === "string" ? payload.unitId : undefined;
  const leadId = typeof payload.leadId === "string" ? payload.leadId : undefined;
  const lead = leadId ? await findLead(ctx.db, leadId) : undefined;
  const staff = await listStaff(ctx.db, unitId ?? lead?.unitId);
  const assigneeId = kind === "measure.answered" ? (payload.assigneeId as string | undefined) : lead?.assigneeId;
  const team =
    kind === "measure.answered" && typeof payload.inspectionId === "string"
      ? (await teamOf(ctx.db, payload.inspectionId)).map((m) => m.userId)
      : undefined;
  const keys = staffRecipients({
    kind,
    staff,
    assigneeId,
    team,
    optOuts: await optOutsOf(
      ctx.db,
      staff.map((s) => s.id),
    ),
  });
  return keys.map((key) => ({ key, lang: "vi" }));
}

/** The template's parameters: the event's ids, codes and counts, and the unit's name. */
async function paramsOf(ctx: ServiceContext, event: NotificationEventRow) {
  const payload = payloadOf(event);
  let unitId = typeof payload.unitId === "string" ? payload.unitId : undefined;
  if (!unitId && typeof payload.leadId === "string") unitId = (await findLead(ctx.db, payload.leadId))?.unitId;
  const [unit] = unitId
    ? await ctx.db.select({ name: units.name }).from(units).where(eq(units.id, unitId)).limit(1)
    : [];
  return { ...payload, unitName: unit?.name ?? "" } as unknown as TemplateParams[NotificationKind];
}

/** The address of a recipient at sending time, or undefined when there is none any more. */
async function addressOf(ctx: ServiceContext, key: string): Promise<string | undefined> {
  const [type, id = ""] = key.split(/:(.*)/s);
  if (type === "user") return (await staffAddresses(ctx.db, [id])).get(id);
  if (type === "reporter") {
    const found = await reporterContact(ctx, id);
    return found && reporterWantsMail(found.track, found.contact) ? found.contact.email : undefined;
  }
  return undefined;
}

/**
 * One delivery of an event (its `attempts`-th): create the missing outbox
 * rows, send every queued or failed row this delivery can claim, and say
 * what the queue should do. An unknown event is acknowledged.
 */
export async function deliverEvent(
  ctx: ServiceContext,
  eventId: string,
  attempts: number,
  mailer: Mailer,
): Promise<DeliveryVerdict> {
  const event = await findNotificationEvent(ctx.db, eventId);
  if (!event || !isNotificationKind(event.kind)) return { kind: "ack" };
  const at = () => ctx.now.toISOString();
  const recipients = await recipientsOf(ctx, event);
  await insertOutboxMessages(
    ctx.db,
    recipients.map((r) => ({ eventId, recipient: r.key, template: event.kind, lang: r.lang, at: at() })),
  );
  const params = await paramsOf(ctx, event);
  const origin = ctx.env.PUBLIC_BASE_URL;
  let failed = 0;
  for (const message of await messagesOfEvent(ctx.db, eventId)) {
    if (message.status !== "queued" && message.status !== "failed") continue;
    if (!(await claimMessage(ctx.db, message.id, at()))) continue;
    try {
      const to = await addressOf(ctx, message.recipient);
      if (!to) throw new PermanentMailError("no_address");
      const lang = message.lang === "en" ? "en" : "vi";
      const mail = render(event.kind, lang, params, { origin });
      const providerId = await mailer.send({ to, ...mail });
      await settleMessage(ctx.db, message.id, { status: "sent", providerId, at: at() });
    } catch (error) {
      const permanent = error instanceof PermanentMailError;
      if (!permanent) failed++;
      await settleMessage(ctx.db, message.id, {
        status: permanent ? "dead" : "failed",
        error: permanent ? error.code : "send_failed",
        at: at(),
      });
    }
  }
  return deliveryVerdict(attempts, failed);
}

/** The body of a queue message: only an event id. */
function eventIdOf(body: unknown): string | undefined {
  const id = (body as { eventId?: unknown } | null)?.eventId;
  return typeof id === "string" && id.length > 0 && id.length <= 300 ? id : undefined;
}

/**
 * The queue handler. From the main queue: deliver each event, then ack,
 * retry with back-off, or give up (the unsent messages become dead, visible
 * in the admins' delivery log). From the dead-letter queue (whatever the
 * main queue dropped after its own retries): mark the unsent messages dead.
 * Each message is settled on its own, so one bad event never holds others.
 * Returns each event's verdict (for logs and tests).
 */
export async function consumeNotifications(
  batch: MessageBatch<unknown>,
  env: Bindings,
  mailer: Mailer = mailerFor(env),
  now: () => Date = () => new Date(),
): Promise<{ eventId: string | undefined; verdict: DeliveryVerdict }[]> {
  const deadLetters = batch.queue.endsWith("-dlq");
  const verdicts: { eventId: string | undefined; verdict: DeliveryVerdict }[] = [];
  for (const message of batch.messages) {
    const eventId = eventIdOf(message.body);
    const ctx: ServiceContext = { db: createDb(env.DB), env, lang: "vi", now: now() };
    let verdict: DeliveryVerdict = { kind: "ack" };
    try {
      if (eventId && deadLetters) {
        await killUnsent(ctx.db, eventId, "dead_letter_queue", ctx.now.toISOString());
      } else if (eventId) {
        verdict = await deliverEvent(ctx, eventId, message.attempts, mailer);
        if (verdict.kind === "give_up") await killUnsent(ctx.db, eventId, "retries_exhausted", ctx.now.toISOString());
      }
    } catch (error) {
      console.error(JSON.stringify({ level: "error", job: "notifications.consume", eventId, error: String(error) }));
      verdict = { kind: "retry", delaySeconds: retryDelaySeconds(message.attempts) };
    }
    if (verdict.kind === "retry") message.retry({ delaySeconds: verdict.delaySeconds });
    else message.ack();
    verdicts.push({ eventId, verdict });
  }
  return verdicts;
}
