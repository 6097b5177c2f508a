import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../client";
import { type AuditEntry, auditRecord } from "../rows/audit";
import { auditLog } from "../schema";

export type { AuditEntry } from "../rows/audit";

/**
 * The insert statement of an audit event, to put in the same `db.batch` as
 * the change it records.
 */
export function auditInsert(db: Db, entry: AuditEntry): BatchItem<"sqlite"> {
  return db.insert(auditLog).values(auditRecord(crypto.randomUUID(), entry));
}
