import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { eventIds, type NotificationKind } from "../../domain/notifications";
import type { Db } from "../client";
import { inList } from "../in-list";
import { devOutbox, notificationEvents, notificationMessages, notificationPrefs, reports, users } from "../schema";

export type NotificationEventRow = typeof notificationEvents.$inferSelect;
export type NotificationMessageRow = typeof notificationMessages.$inferSelect;

/** An event to record, for the batch of the change that caused it. */
export interface NewNotificationEvent {
  id: string;
  kind: NotificationKind;
  subjectId: string;
  /** Ids, codes, dates and counts only. */
  payload: Record<string, string | number>;
  at: string;
}

/**
 * The insert of an event, for a batch; a second insert of the same id is
 * ignored, so an event happens once however often it is written.
 */
export function insertNotificationEvent(db: Db, event: NewNotificationEvent): BatchItem<"sqlite"> {
  return db
    .insert(notificationEvents)
    .values({
      id: event.id,
      kind: event.kind,
      subjectId: event.subjectId,
      payload: JSON.stringify(event.payload),
      createdAt: event.at,
    })
    .onConflictDoNothing();
}

/**
 * A status change of a report, for the reporter, recorded only for a named
 * report with sealed contact details (whether they gave an e-mail and opted
 * in is inside the seal: the consumer decides). Anonymous reports record
 * nothing.
 */
export function reportStatusEvent(db: Db, reportId: string, status: string, at: string): BatchItem<"sqlite"> {
  const id = eventIds.reportStatusChanged(reportId, status, at);
  return db
    .insert(notificationEvents)
    .select(
      db
        .select({
          id: sql<string>`${id}`.as("id"),
          kind: sql<string>`'report.status_changed'`.as("kind"),
          subjectId: reports.id,
          payload: sql<string>`json_object('trackingCode', ${reports.trackingCode}, 'status', ${status})`.as("payload"),
          createdAt: sql<string>`${at}`.as("created_at"),
          enqueuedAt: sql<string | null>`null`.as("enqueued_at"),
        })
        .from(reports)
        .where(and(eq(reports.id, reportId), eq(reports.track, "named"), isNotNull(reports.contactCiphertext))),
    )
    .onConflictDoNothing();
}

/** Events not yet handed to the queue, oldest first. */
export async function unenqueuedEvents(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: notificationEvents.id })
    .from(notificationEvents)
    .where(isNull(notificationEvents.enqueuedAt))
    .orderBy(asc(notificationEvents.createdAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Marks events as handed to the queue. */
export async function markEnqueued(db: Db, ids: readonly string[], at: string): Promise<void> {
  await db
    .update(notificationEvents)
    .set({ enqueuedAt: at })
    .where(and(inList(notificationEvents.id, ids), isNull(notificationEvents.enqueuedAt)));
}

export async function findNotificationEvent(db: Db, id: string): Promise<NotificationEventRow | undefined> {
  const [row] = await db.select().from(notificationEvents).where(eq(notificationEvents.id, id)).limit(1);
  return row;
}

/** One message to create in the outbox, if not there already. */
export interface NewOutboxMessage {
  eventId: string;
  recipient: string;
  template: string;
  lang: string;
  at: string;
}

/** Creates the outbox rows of an event; existing ones (an earlier delivery) are left as they are. */
export async function insertOutboxMessages(db: Db, messages: readonly NewOutboxMessage[]): Promise<void> {
  const [first, ...rest] = messages.map((m) =>
    db
      .insert(notificationMessages)
      .values({
        id: crypto.randomUUID(),
        eventId: m.eventId,
        recipient: m.recipient,
        template: m.template,
        lang: m.lang,
        status: "queued",
        createdAt: m.at,
        updatedAt: m.at,
      })
      .onConflictDoNothing(),
  );
  if (first) await db.batch([first, ...rest]);
}

export async function messagesOfEvent(db: Db, eventId: string): Promise<NotificationMessageRow[]> {
  return db
    .select()
    .from(notificationMessages)
    .where(eq(notificationMessages.eventId, eventId))
    .orderBy(asc(notificationMessages.recipient));
}

/**
 * Takes a queued or failed message for sending; false when another delivery
 * of the event took it first (or it is already sent or dead), so no message
 * is ever sent twice.
 */
export async function claimMessage(db: Db, id: string, at: string): Promise<boolean> {
  const rows = await db
    .update(notificationMessages)
    .set({ status: "sending", attempts: sql`${notificationMessages.attempts} + 1`, updatedAt: at })
    .where(and(eq(notificationMessages.id, id), inArray(notificationMessages.status, ["queued", "failed"])))
    .returning({ id: notificationMessages.id });
  return rows.length === 1;
}

/** Records how a claimed message ended. */
export async function settleMessage(
  db: Db,
  id: string,
  outcome:
    | { status: "sent"; providerId: string; at: string }
    | { status: "failed" | "dead"; error: string; at: string },
): Promise<void> {
  await db
    .update(notificationMessages)
    .set(
      outcome.status === "sent"
        ? { status: "sent", providerId: outcome.providerId, sentAt: outcome.at, updatedAt: outcome.at, lastError: null }
        : { status: outcome.status, lastError: outcome.error, updatedAt: outcome.at },
    )
    .where(eq(notificationMessages.id, id));
}

/** Gives up on every unsent message of an event (the queue's last attempt, or its dead-letter queue). */
export async function killUnsent(db: Db, eventId: string, error: string, at: string): Promise<void> {
  await db
    .update(notificationMessages)
    .set({ status: "dead", lastError: error, updatedAt: at })
    .where(and(eq(notificationMessages.eventId, eventId), inArray(notificationMessages.status, ["queued", "failed"])));
}

/**
 * Messages claimed before `before` and never settled (the consumer died
 * between sending and recording): whether they went out is unknown, so they
 * are not sent again but shown dead to admins.
 */
export async function killStaleSending(db: Db, before: string, at: string): Promise<number> {
  const rows = await db
    .update(notificationMessages)
    .set({ status: "dead", lastError: "unknown_outcome", updatedAt: at })
    .where(and(eq(notificationMessages.status, "sending"), lt(notificationMessages.updatedAt, before)))
    .returning({ id: notificationMessages.id });
  return rows.length;
}

/** The kinds each of `userIds` turned off. */
export async function optOutsOf(db: Db, userIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const rows = userIds.length
    ? await db
        .select({ userId: notificationPrefs.userId, kind: notificationPrefs.kind })
        .from(notificationPrefs)
        .where(and(inList(notificationPrefs.userId, userIds), eq(notificationPrefs.enabled, false)))
    : [];
  const map = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = map.get(row.userId) ?? new Set<string>();
    set.add(row.kind);
    map.set(row.userId, set);
  }
  return map;
}

/** A staff member's stored choices. */
export async function prefsOf(db: Db, userId: string): Promise<{ kind: string; enabled: boolean }[]> {
  return db
    .select({ kind: notificationPrefs.kind, enabled: notificationPrefs.enabled })
    .from(notificationPrefs)
    .where(eq(notificationPrefs.userId, userId));
}

/** Stores one choice, for a batch. */
export function upsertPref(
  db: Db,
  pref: { userId: string; kind: string; enabled: boolean; at: string },
): BatchItem<"sqlite"> {
  return db
    .insert(notificationPrefs)
    .values({ userId: pref.userId, kind: pref.kind, enabled: pref.enabled, updatedAt: pref.at })
    .onConflictDoUpdate({
      target: [notificationPrefs.userId, notificationPrefs.kind],
      set: { enabled: pref.enabled, updatedAt: pref.at },
    });
}

/** The addresses of active staff accounts. */
export async function staffAddresses(db: Db, userIds: readonly string[]): Promise<Map<string, string>> {
  const rows = userIds.length
    ? await db
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(and(inList(users.id, userIds), isNull(users.disabledAt)))
    : [];
  return new Map(rows.map((r) => [r.id, r.email]));
}

/** Filters of the delivery log. */
export interface DeliveryLogFilter {
  recipient?: string;
  event?: string;
  status?: string;
  limit: number;
}

/** The delivery log, newest first; never a body (none is stored). */
export async function deliveryLog(
  db: Db,
  filter: DeliveryLogFilter,
): Promise<(NotificationMessageRow & { kind: string })[]> {
  const where: SQL[] = [];
  if (filter.recipient) where.push(eq(notificationMessages.recipient, filter.recipient));
  if (filter.event) where.push(eq(notificationMessages.eventId, filter.event));
  if (filter.status) where.push(eq(notificationMessages.status, filter.status));
  const rows = await db
    .select({ message: notificationMessages, kind: notificationEvents.kind })
    .from(notificationMessages)
    .innerJoin(notificationEvents, eq(notificationEvents.id, notificationMessages.eventId))
    .where(and(...where))
    .orderBy(desc(notificationMessages.createdAt), asc(notificationMessages.id))
    .limit(filter.limit);
  return rows.map((r) => ({ ...r.message, kind: r.kind }));
}

/** An e-mail kept locally instead of sent. */
export interface OutboxMail {
  id: string;
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  at: string;
}

export async function insertDevOutbox(db: Db, mail: OutboxMail): Promise<void> {
  await db.insert(devOutbox).values({
    id: mail.id,
    messageId: mail.messageId,
    toAddress: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    createdAt: mail.at,
  });
}

export type DevOutboxRow = typeof devOutbox.$inferSelect;

/** The local outbox, newest first. */
export async function listDevOutbox(db: Db, limit: number): Promise<DevOutboxRow[]> {
  return db.select().from(devOutbox).orderBy(desc(devOutbox.createdAt), desc(sql`rowid`)).limit(limit);
}

export async function findDevOutbox(db: Db, id: string): Promise<DevOutboxRow | undefined> {
  const [row] = await db.select().from(devOutbox).where(eq(devOutbox.id, id)).limit(1);
  return row;
}
