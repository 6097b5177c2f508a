import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The append-only audit log: every decision with its author, target, time
 * and a before/after summary. Triggers (migration 0003) refuse UPDATE and
 * DELETE, so not even the application can rewrite history.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    at: text("at").notNull(),
    /** Null for the system (cron) and for reporters, who have no account. */
    actorId: text("actor_id"),
    actorKind: text("actor_kind", { enum: ["user", "reporter", "system"] }).notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    /** JSON `{ before, after, reason?, … }`. Never contact details. */
    summary: text("summary").notNull(),
  },
  (t) => [index("audit_target_idx").on(t.targetType, t.targetId, t.at), index("audit_actor_idx").on(t.actorId, t.at)],
);

/**
 * Optimistic-concurrency guards. A batch that depends on a row being as it
 * was read starts by inserting a guard whose `ok` is 1 only if that still
 * holds; the CHECK fails otherwise and D1 rolls the whole batch back. The
 * batch deletes its guard as its last statement, so the table stays empty.
 */
export const writeGuards = sqliteTable(
  "write_guards",
  {
    id: text("id").primaryKey(),
    ok: integer("ok").notNull(),
  },
  (t) => [check("write_guards_ok", sql`${t.ok} = 1`)],
);
