import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../client";
import { auditLog } from "../schema";

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

/**
 * The insert statement of an audit event, to put in the same `db.batch` as
 * the change it records.
 */
export function auditInsert(db: Db, entry: AuditEntry): BatchItem<"sqlite"> {
  return db.insert(auditLog).values({ id: crypto.randomUUID(), ...entry, summary: JSON.stringify(entry.summary) });
}
