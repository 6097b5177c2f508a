import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";

/**
 * Something people may need to hear about, written in the same D1 batch as
 * the change that caused it. The id is deterministic (`kind:subject:…`), so
 * writing the same event twice (a retried request, two cron runs) is one
 * row. `payload` holds ids, codes, dates and counts only, never free text.
 * `enqueuedAt` stays null until the event was handed to the queue; the cron
 * job hands over any it finds still null.
 */
export const notificationEvents = sqliteTable(
  "notification_events",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    subjectId: text("subject_id").notNull(),
    payload: text("payload").notNull().default("{}"),
    createdAt: text("created_at").notNull(),
    enqueuedAt: text("enqueued_at"),
  },
  (t) => [index("notification_events_enqueued_idx").on(t.enqueuedAt, t.createdAt)],
);

/**
 * The outbox: one row per (event, recipient, template), so however often the
 * queue delivers an event, each person gets one message. No address and no
 * body are stored: `recipient` is `user:<id>` or `reporter:<reportId>`, and
 * the message is rendered from the event when it is sent. `status` is
 * `queued`, `sending` (claimed by one consumer), `sent`, `failed` (will be
 * retried) or `dead` (gave up: visible to admins in the delivery log).
 */
export const notificationMessages = sqliteTable(
  "notification_messages",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id")
      .notNull()
      .references(() => notificationEvents.id),
    recipient: text("recipient").notNull(),
    template: text("template").notNull(),
    lang: text("lang").notNull(),
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** A short error code (never a message body or an address). */
    lastError: text("last_error"),
    /** The Email Service message id, or the local outbox row's. */
    providerId: text("provider_id"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    sentAt: text("sent_at"),
  },
  (t) => [
    uniqueIndex("notification_messages_once_idx").on(t.eventId, t.recipient, t.template),
    index("notification_messages_status_idx").on(t.status, t.updatedAt),
    index("notification_messages_recipient_idx").on(t.recipient, t.createdAt),
  ],
);

/** A staff member's choice for one kind of notification; no row means on. */
export const notificationPrefs = sqliteTable(
  "notification_prefs",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * Where e-mail goes instead of Email Service when `DEV_OUTBOX` is "1" (local
 * development and tests) or the `EMAIL` binding is absent. Never written in
 * production.
 */
export const devOutbox = sqliteTable("dev_outbox", {
  id: text("id").primaryKey(),
  messageId: text("message_id").notNull(),
  toAddress: text("to_address").notNull(),
  subject: text("subject").notNull(),
  text: text("text").notNull(),
  html: text("html").notNull(),
  createdAt: text("created_at").notNull(),
});
