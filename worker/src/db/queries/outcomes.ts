import { eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { FindingOutcome } from "../../contracts/inspections";
import type { NewMeasure } from "../../domain/inspections";
import { ApiError } from "../../http/errors";
import type { Db } from "../client";
import { inList } from "../in-list";
import { findings, leads, measures, outcomeContests, reportEvents, reports, units } from "../schema";
import { auditInsert } from "./audit";
import type { FindingRow } from "./findings";
import { guarded, isGuardFailure } from "./guards";

/** A row of `reports`. */
export type ReportRow = typeof reports.$inferSelect;

/** The status of each of some leads. */
export function leadStatuses(db: Db, leadIds: readonly string[]) {
  return db.select({ leadId: leads.id, status: leads.status }).from(leads).where(inList(leads.id, leadIds));
}

/** The findings recorded on some leads. */
export async function findingsOfLeads(db: Db, leadIds: readonly string[]): Promise<FindingRow[]> {
  return leadIds.length ? db.select().from(findings).where(inList(findings.leadId, leadIds)) : [];
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
  return db.insert(measures).values({ id, inspectionId, ...measure, createdAt: at, updatedAt: at });
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
    db.insert(reportEvents).values({ id: crypto.randomUUID(), reportId, at, status: "concluded", note: null }),
  ];
}

/**
 * @deprecated Kept only while `routes/reports.index.ts` imports it from here;
 * the reporter's contest becomes a use case of the contests service.
 */
export async function contestOutcome(
  db: Db,
  report: ReportRow,
  reason: string,
  now: Date = new Date(),
): Promise<string> {
  if (report.status !== "concluded") throw new ApiError("conflict");
  const [previous] = await db.select().from(outcomeContests).where(eq(outcomeContests.reportId, report.id)).limit(1);
  if (previous) throw new ApiError("limit_reached");
  const at = now.toISOString();
  const statements: BatchItem<"sqlite">[] = [
    db.insert(outcomeContests).values({ reportId: report.id, reason, createdAt: at }),
  ];
  if (report.leadId) {
    statements.push(
      db.update(leads).set({ overdueSince: at, updatedAt: at }).where(eq(leads.id, report.leadId)),
      auditInsert(db, {
        actorId: null,
        actorKind: "reporter",
        action: "lead.outcome_contested",
        targetType: "lead",
        targetId: report.leadId,
        summary: { trackingCode: report.trackingCode, outcome: report.outcome, reason },
        at,
      }),
    );
  }
  try {
    await db.batch(
      guarded(db, sql`select count(*) = 0 from outcome_contests where report_id = ${report.id}`, statements),
    );
  } catch (error) {
    if (isGuardFailure(error) || /UNIQUE|PRIMARY KEY/.test(String(error))) throw new ApiError("limit_reached");
    throw error;
  }
  return at;
}
