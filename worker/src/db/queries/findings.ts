import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { ValidFinding } from "../../domain/inspections";
import type { Db } from "../client";
import { findingRecord, type RedactedSummary } from "../rows/records";
import { findings, inspectionLeads } from "../schema";

/** A row of `findings`. */
export type FindingRow = typeof findings.$inferSelect;

/** Whether a lead is attached to an inspection. */
export async function isAttached(db: Db, inspectionId: string, leadId: string): Promise<boolean> {
  const [row] = await db
    .select({ leadId: inspectionLeads.leadId })
    .from(inspectionLeads)
    .where(and(eq(inspectionLeads.inspectionId, inspectionId), eq(inspectionLeads.leadId, leadId)))
    .limit(1);
  return row !== undefined;
}

/**
 * The finding an inspection recorded on a lead, if any (one per lead and
 * inspection; a re-inspected lead keeps the findings of earlier inspections).
 */
export async function findingOfLead(db: Db, inspectionId: string, leadId: string): Promise<FindingRow | undefined> {
  const [row] = await db
    .select()
    .from(findings)
    .where(and(eq(findings.inspectionId, inspectionId), eq(findings.leadId, leadId)))
    .limit(1);
  return row;
}

/** Records an inspection's finding on a lead, replacing the one that inspection recorded before. */
export function upsertFinding(
  db: Db,
  target: { inspectionId: string; leadId: string; unitId: string },
  finding: ValidFinding & RedactedSummary & { recordedBy: string; recordedAt: string },
): BatchItem<"sqlite"> {
  return db
    .insert(findings)
    .values(findingRecord(crypto.randomUUID(), target, finding))
    .onConflictDoUpdate({ target: [findings.inspectionId, findings.leadId], set: finding });
}
