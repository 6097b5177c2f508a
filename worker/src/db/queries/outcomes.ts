import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { FindingOutcome } from "../../contracts/inspections";
import type { NewMeasure } from "../../domain/inspections";
import type { Db } from "../client";
import { inList } from "../in-list";
import { measureRecord, reportEventRecord } from "../rows/records";
import { findings, leads, measures, reportEvents, reports, units } from "../schema";
import type { FindingRow } from "./findings";
import { reportStatusEvent } from "./notifications";

/** The status of each of some leads. */
export function leadStatuses(db: Db, leadIds: readonly string[]) {
  return db.select({ leadId: leads.id, status: leads.status }).from(leads).where(inList(leads.id, leadIds));
}

/**
 * The findings recorded by one inspection on some leads (a re-inspected lead
 * also has the findings of earlier inspections, which do not count here).
 */
export async function findingsOfLeads(db: Db, inspectionId: string, leadIds: readonly string[]): Promise<FindingRow[]> {
  return leadIds.length
    ? db
        .select()
        .from(findings)
        .where(and(eq(findings.inspectionId, inspectionId), inList(findings.leadId, leadIds)))
    : [];
}

/** Which of some unit ids are in the directory. */
export async function knownUnitIds(db: Db, unitIds: readonly string[]): Promise<Set<string>> {
  if (!unitIds.length) return new Set();
  const rows = await db.select({ id: units.id }).from(units).where(inList(units.id, unitIds));
  return new Set(rows.map((u) => u.id));
}

/** The ids of the reports of some leads. */
export async function reportIdsOfLeads(db: Db, leadIds: readonly string[]): Promise<{ id: string; leadId: string }[]> {
  if (!leadIds.length) return [];
  const rows = await db
    .select({ id: reports.id, leadId: reports.leadId })
    .from(reports)
    .where(inList(reports.leadId, leadIds));
  return rows.flatMap((r) => (r.leadId ? [{ id: r.id, leadId: r.leadId }] : []));
}

/** A new corrective measure of an inspection. */
export function insertMeasure(
  db: Db,
  id: string,
  inspectionId: string,
  measure: NewMeasure,
  at: string,
): BatchItem<"sqlite"> {
  return db.insert(measures).values(measureRecord(id, inspectionId, measure, at));
}

/** A lead becomes `concluded` (and leaves the overdue queue). */
export function concludeLead(db: Db, leadId: string, at: string): BatchItem<"sqlite"> {
  return db.update(leads).set({ status: "concluded", overdueSince: null, updatedAt: at }).where(eq(leads.id, leadId));
}

/** A report becomes `concluded` with its lead's outcome and public summary, and a timeline row the reporter sees. */
export function concludeReport(
  db: Db,
  reportId: string,
  finding: { outcome: FindingOutcome; publicSummary: string },
  at: string,
): BatchItem<"sqlite">[] {
  return [
    db
      .update(reports)
      .set({ status: "concluded", outcome: finding.outcome, outcomeSummary: finding.publicSummary, updatedAt: at })
      .where(eq(reports.id, reportId)),
    db.insert(reportEvents).values(reportEventRecord(crypto.randomUUID(), reportId, "concluded", at)),
    reportStatusEvent(db, reportId, "concluded", at),
  ];
}
