import { and, count, isNotNull, sql } from "drizzle-orm";
import {
  type DeliveryLog,
  type DeliveryLogQuery,
  DeliveryLogSchema,
  LIAISON_NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPreferences,
  type NotificationPreferencesUpdate,
  STAFF_NOTIFICATION_KINDS,
} from "../contracts/notifications";
import { inList } from "../db/in-list";
import { auditInsert } from "../db/queries/audit";
import { UNDECIDED } from "../db/queries/deadlines";
import {
  deliveryLog,
  findDevOutbox,
  insertNotificationEvent,
  killStaleSending,
  listDevOutbox,
  markEnqueued,
  type NewNotificationEvent,
  prefsOf,
  unenqueuedEvents,
  upsertPref,
} from "../db/queries/notifications";
import { loadCalendar } from "../db/queries/triage";
import { leads, measures } from "../db/schema";
import { hanoiDate, isWorkingDay } from "../domain/calendar";
import { eventIds, isMandatory } from "../domain/notifications";
import { ApiError } from "../http/errors";
import { NOTIFICATION_MESSAGES } from "../i18n/notifications";
import { writeBatch } from "./batch";
import type { ActorContext, ServiceContext } from "./context";

/**
 * The producer side of notifications. A use case puts its event in its own
 * D1 batch (`notificationEvent`), and once that batch is written calls
 * `flushNotifications`, which hands every event not yet queued to the
 * `NOTIFICATIONS` queue. The queue message is only `{ eventId }`. If the
 * hand-over fails the change still stands: the cron job flushes again.
 */

/** The event insert for a use case's batch (ignored when the same event was already recorded). */
export function notificationEvent(ctx: ServiceContext, event: Omit<NewNotificationEvent, "at">) {
  return insertNotificationEvent(ctx.db, { ...event, at: ctx.now.toISOString() });
}

/** Events handed to the queue per call; the cron job takes what is left. */
const FLUSH_LIMIT = 100;

/**
 * Hands recorded events to the queue and marks them queued. Never throws:
 * a failed hand-over is logged and retried by the cron job.
 */
export async function flushNotifications(ctx: ServiceContext): Promise<number> {
  try {
    const queue = ctx.env.NOTIFICATIONS;
    if (!queue) return 0;
    const ids = await unenqueuedEvents(ctx.db, FLUSH_LIMIT);
    if (ids.length === 0) return 0;
    await queue.sendBatch(ids.map((eventId) => ({ body: { eventId } })));
    await markEnqueued(ctx.db, ids, ctx.now.toISOString());
    return ids.length;
  } catch (error) {
    console.error(JSON.stringify({ level: "error", job: "notifications.flush", error: String(error) }));
    return 0;
  }
}

/** A claimed message older than this is presumed lost with its consumer. */
const STALE_SENDING_MS = 10 * 60_000;

/** The cron job's part: hand over what requests could not, and mark messages whose consumer died. */
export async function sweepNotifications(ctx: ServiceContext): Promise<{ flushed: number; lost: number }> {
  const lost = await killStaleSending(
    ctx.db,
    new Date(ctx.now.getTime() - STALE_SENDING_MS).toISOString(),
    ctx.now.toISOString(),
  );
  return { flushed: await flushNotifications(ctx), lost };
}

/**
 * The supervisors' daily digest (cron `0 1 * * *`, 08:00 in Hanoi), on
 * working days with something overdue: counts of overdue undecided leads and
 * overdue corrective measures. One event per Hanoi day, so a second run of
 * the cron the same day records nothing new.
 */
export async function recordDailyDigest(ctx: ServiceContext): Promise<boolean> {
  const date = hanoiDate(ctx.now);
  if (!isWorkingDay(date, await loadCalendar(ctx.db, ctx.now))) return false;
  const [[overdueLeads], [overdueMeasures]] = await Promise.all([
    ctx.db
      .select({ n: count() })
      .from(leads)
      .where(and(isNotNull(leads.overdueSince), inList(leads.status, [...UNDECIDED]))),
    ctx.db.select({ n: count() }).from(measures).where(sql`${measures.status} = 'overdue'`),
  ]);
  const payload = { date, overdueLeads: overdueLeads?.n ?? 0, overdueMeasures: overdueMeasures?.n ?? 0 };
  if (payload.overdueLeads === 0 && payload.overdueMeasures === 0) return false;
  await writeBatch(ctx.db, [
    notificationEvent(ctx, { id: eventIds.dailyDigest(date), kind: "digest.daily", subjectId: date, payload }),
  ]);
  await flushNotifications(ctx);
  return true;
}

/**
 * Events for the unit liaison's work (the `unit_liaison` role). The measure
 * services call these in their batch, then `flushNotifications`. Liaisons
 * are found by `liaisonRecipients` in `notification-delivery.ts`.
 *
 * @example
 * statements.push(measureCreatedEvent(ctx, { measureId, unitId, deadline }));
 */
export function measureCreatedEvent(ctx: ServiceContext, m: { measureId: string; unitId: string; deadline: string }) {
  return notificationEvent(ctx, {
    id: eventIds.measureCreated(m.measureId),
    kind: "measure.created",
    subjectId: m.measureId,
    payload: m,
  });
}

/** A measure's deadline is 3 working days away (the cron job decides when). */
export function measureDeadlineSoonEvent(
  ctx: ServiceContext,
  m: { measureId: string; unitId: string; deadline: string },
) {
  return notificationEvent(ctx, {
    id: eventIds.measureDeadlineSoon(m.measureId, m.deadline),
    kind: "measure.deadline_soon",
    subjectId: m.measureId,
    payload: m,
  });
}

/** A measure became overdue (`sweepMeasures`). */
export function measureOverdueEvent(ctx: ServiceContext, m: { measureId: string; unitId: string; deadline: string }) {
  return notificationEvent(ctx, {
    id: eventIds.measureOverdue(m.measureId, m.deadline),
    kind: "measure.overdue",
    subjectId: m.measureId,
    payload: m,
  });
}

/**
 * A liaison answered a measure: the inspectors are told. `assigneeId`, when
 * given, is the one inspector to tell; otherwise every unrecused inspector
 * and supervisor is.
 */
export function measureAnsweredEvent(
  ctx: ServiceContext,
  m: { responseId: string; measureId: string; inspectionId: string; unitId: string; assigneeId?: string },
) {
  return notificationEvent(ctx, {
    id: eventIds.measureAnswered(m.responseId),
    kind: "measure.answered",
    subjectId: m.measureId,
    payload: m,
  });
}

/** The inspection team verified a measure: its liaisons are told (once). */
export function measureVerifiedEvent(ctx: ServiceContext, m: { measureId: string; unitId: string; deadline: string }) {
  return notificationEvent(ctx, {
    id: eventIds.measureVerified(m.measureId),
    kind: "measure.verified",
    subjectId: m.measureId,
    payload: m,
  });
}

/** The inspection team rejected a measure's answer: its liaisons are told, without the reason (free text). */
export function measureRejectedEvent(ctx: ServiceContext, m: { measureId: string; unitId: string; deadline: string }) {
  return notificationEvent(ctx, {
    id: eventIds.measureRejected(m.measureId, ctx.now.toISOString()),
    kind: "measure.rejected",
    subjectId: m.measureId,
    payload: m,
  });
}

/** Kinds a role may receive, for the preferences page. */
function kindsFor(role: string): readonly NotificationKind[] {
  if (role === "unit_liaison") return LIAISON_NOTIFICATION_KINDS;
  if (role === "supervisor") return STAFF_NOTIFICATION_KINDS;
  if (role === "inspector") return ["lead.reporter_replied", "measure.answered"];
  return [];
}

/** `GET /api/me/notifications`: each kind the signed-in person can receive, on or off, and whether it is mandatory. */
export async function myNotificationPreferences(ctx: ActorContext): Promise<NotificationPreferences> {
  const stored = new Map((await prefsOf(ctx.db, ctx.actor.id)).map((p) => [p.kind, p.enabled]));
  return {
    items: kindsFor(ctx.actor.role).map((kind) => {
      const mandatory = isMandatory(kind);
      return { kind, enabled: mandatory || (stored.get(kind) ?? true), mandatory };
    }),
  };
}

/**
 * `PUT /api/me/notifications`: turns kinds on or off. A kind the person does
 * not receive is a 422 at its entry; a mandatory kind cannot be turned off
 * (422). Audited.
 */
export async function updateMyNotificationPreferences(
  ctx: ActorContext,
  input: NotificationPreferencesUpdate,
): Promise<NotificationPreferences> {
  const allowed = kindsFor(ctx.actor.role);
  const errors = input.items.flatMap((item, i): { pointer: string; key: keyof typeof NOTIFICATION_MESSAGES }[] => {
    if (!allowed.includes(item.kind)) return [{ pointer: `/items/${i}/kind`, key: "unknown_kind" }];
    if (!item.enabled && isMandatory(item.kind)) {
      return [{ pointer: `/items/${i}/enabled`, key: "mandatory" }];
    }
    return [];
  });
  if (errors.length) {
    throw new ApiError("validation_failed", {
      errors: errors.map(({ pointer, key }) => ({ pointer, message: NOTIFICATION_MESSAGES[key][ctx.lang] })),
    });
  }
  const at = ctx.now.toISOString();
  await writeBatch(ctx.db, [
    ...input.items.map((item) =>
      upsertPref(ctx.db, { userId: ctx.actor.id, kind: item.kind, enabled: item.enabled, at }),
    ),
    auditInsert(ctx.db, {
      actorId: ctx.actor.id,
      actorKind: "user",
      action: "notifications.preferences_changed",
      targetType: "user",
      targetId: ctx.actor.id,
      summary: { changes: input.items },
      at,
    }),
  ]);
  return myNotificationPreferences(ctx);
}

/** `GET /api/admin/notifications`: the delivery log, one row per message, never a body. */
export async function notificationLog(ctx: ServiceContext, query: DeliveryLogQuery): Promise<DeliveryLog> {
  const rows = await deliveryLog(ctx.db, query);
  return DeliveryLogSchema.parse({
    items: rows.map((r) => ({
      id: r.id,
      eventId: r.eventId,
      kind: r.kind,
      recipient: r.recipient,
      template: r.template,
      lang: r.lang,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      sentAt: r.sentAt,
    })),
  });
}

/** The local outbox (only mounted when `DEV_OUTBOX` is "1"). */
export async function devOutboxList(ctx: ServiceContext, limit: number) {
  return listDevOutbox(ctx.db, limit);
}

/** One e-mail of the local outbox, or a 404. */
export async function devOutboxMail(ctx: ServiceContext, id: string) {
  const mail = await findDevOutbox(ctx.db, id);
  if (!mail) throw new ApiError("not_found");
  return mail;
}
