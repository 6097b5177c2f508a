import type { auditLog } from "../schema";

/** One audit event, as written in the append-only log. */
export interface AuditEntry {
  actorId: string | null;
  actorKind: "user" | "reporter" | "system";
  action: string;
  targetType: string;
  targetId: string;
  summary: Record<string, unknown>;
  at: string;
}

/** The `audit_log` row of an event: its id and the summary as JSON. */
export type AuditRecord = Omit<AuditEntry, "summary"> & { id: string; summary: string };

/**
 * The row an audit event is stored as. The Worker names it with a random id;
 * the seeds with a stable one, so that seeding again adds no twin.
 *
 * @example
 * auditRecord(crypto.randomUUID(), leadOpenedEvent({ leadId, trackingCode, triage, priority, at }));
 */
export function auditRecord(id: string, entry: AuditEntry): AuditRecord {
  return { id, ...entry, summary: JSON.stringify(entry.summary) } satisfies typeof auditLog.$inferInsert;
}

/** An act of a signed-in user on `targetType`/`targetId`. */
export function userEvent(
  actorId: string,
  action: string,
  target: { type: string; id: string },
  summary: Record<string, unknown>,
  at: string,
): AuditEntry {
  return { actorId, actorKind: "user", action, targetType: target.type, targetId: target.id, summary, at };
}

/** An act of the system (triage, the cron job) on `targetType`/`targetId`. */
export function systemEvent(
  action: string,
  target: { type: string; id: string },
  summary: Record<string, unknown>,
  at: string,
): AuditEntry {
  return { actorId: null, actorKind: "system", action, targetType: target.type, targetId: target.id, summary, at };
}
