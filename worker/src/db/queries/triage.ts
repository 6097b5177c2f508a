import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { CategoryCode } from "../../contracts/categories";
import { hanoiDate, type WorkingCalendar, workingCalendar } from "../../domain/calendar";
import { calendarYears, withDefaultHolidays } from "../../domain/holidays";
import type { LeadState } from "../../domain/lead-plan";
import { monthKey } from "../../domain/stats";
import { CLUSTER_WINDOW_DAYS, type ClusterLead, OPEN_LEAD_STATUSES, type Witness } from "../../domain/triage";
import type { Db } from "../client";
import { inList } from "../in-list";
import { leadRecord } from "../rows/records";
import { attachments, holidays, leads, reports, statsCells } from "../schema";

/** A row of `leads`. */
export type LeadRow = typeof leads.$inferSelect;

/**
 * The working-day calendar from the `holidays` table, plus the computed
 * provisional defaults of every year it needs at `now` that has no row at all
 * (after the table's last year, or a gap), so a deadline never runs off the
 * end of the table.
 */
export async function loadCalendar(db: Db, now: Date): Promise<WorkingCalendar> {
  const stored = await db.select({ date: holidays.date, kind: holidays.kind }).from(holidays);
  const years = calendarYears(
    stored.map((r) => r.date),
    Number(hanoiDate(now).slice(0, 4)),
  );
  const rows = withDefaultHolidays(stored, years);
  return workingCalendar(
    rows.filter((r) => !("kind" in r) || r.kind === "holiday").map((r) => r.date),
    rows.filter((r) => "kind" in r && r.kind === "working_day").map((r) => r.date),
  );
}

/**
 * Substantiated findings (in full or in part) about a unit in the last twelve
 * Hanoi months up to `now`'s month, for the "repeat unit" factor. Read from
 * the statistics rollup, which triggers keep in step with `findings`, so the
 * count is one primary-key range read.
 */
export async function unitFindingsLast12Months(db: Db, unitId: string, now: Date): Promise<number> {
  const to = monthKey(now);
  const [y, m] = to.split("-").map(Number) as [number, number];
  const first = y * 12 + (m - 1) - 11;
  const start = `${String(Math.floor(first / 12)).padStart(4, "0")}-${String((first % 12) + 1).padStart(2, "0")}`;
  const [row] = await db
    .select({ n: sql<number>`COALESCE(SUM(${statsCells.findingsSubstantiated} + ${statsCells.findingsPartly}), 0)` })
    .from(statsCells)
    .where(and(gte(statsCells.month, start), lte(statsCells.month, to), eq(statsCells.unitId, unitId)));
  return Math.max(0, row?.n ?? 0);
}

/** Open leads about `unitId` whose last report is recent enough to be joined, with their reports' texts and keys. */
export async function loadOpenLeads(db: Db, unitId: string, receivedAt: string): Promise<ClusterLead[]> {
  const since = new Date(Date.parse(receivedAt) - CLUSTER_WINDOW_DAYS * 86_400_000).toISOString();
  const rows = await db
    .select()
    .from(leads)
    .where(
      and(eq(leads.unitId, unitId), inArray(leads.status, [...OPEN_LEAD_STATUSES]), gte(leads.lastReportAt, since)),
    );
  if (rows.length === 0) return [];
  const texts = await db
    .select({
      leadId: reports.leadId,
      description: reports.description,
      procedureKey: reports.procedureKey,
      officialKey: reports.officialKey,
    })
    .from(reports)
    .where(
      inList(
        reports.leadId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(reports.receivedAt));
  return rows.map((lead) => {
    const own = texts.filter((t) => t.leadId === lead.id);
    return {
      id: lead.id,
      unitId: lead.unitId,
      categoryCode: lead.categoryCode as CategoryCode,
      status: lead.status,
      lastReportAt: lead.lastReportAt,
      descriptions: own.map((t) => t.description),
      procedureKeys: own.map((t) => t.procedureKey),
      officialKeys: own.map((t) => t.officialKey),
    };
  });
}

/** A lead row as the plan sees it. */
export function toLeadState(row: LeadRow): LeadState {
  return {
    id: row.id,
    unitId: row.unitId,
    categoryCode: row.categoryCode as CategoryCode,
    status: row.status,
    severity: row.severity,
    reportCount: row.reportCount,
    independentReports: row.independentReports,
    evidenceCount: row.evidenceCount,
    businessHarm: row.businessHarm,
    eligible: row.eligible,
    openedAt: row.openedAt,
    lastReportAt: row.lastReportAt,
    ackDueAt: row.ackDueAt,
    dueAt: row.dueAt,
    procedureKey: row.procedureKey,
    officialKey: row.officialKey,
    priority: row.priority,
    scoreFactors: JSON.parse(row.scoreFactors),
  };
}

/**
 * The witnesses (`countWitnesses`) among the reports of the given leads,
 * optionally leaving some reports out (those moving elsewhere).
 */
export async function leadWitnesses(
  db: Db,
  leadIds: readonly string[],
  exceptReportIds: readonly string[] = [],
): Promise<Witness[]> {
  if (leadIds.length === 0) return [];
  const rows = await db
    .select({
      id: reports.id,
      key: reports.witnessKey,
      receivedAt: reports.receivedAt,
      text: reports.description,
    })
    .from(reports)
    .where(inList(reports.leadId, leadIds));
  const except = new Set(exceptReportIds);
  return rows.filter((r) => !except.has(r.id)).map(({ key, receivedAt, text }) => ({ key, receivedAt, text }));
}

/** A lead row by id. */
export async function findLead(db: Db, id: string): Promise<LeadRow | undefined> {
  const [row] = await db.select().from(leads).where(eq(leads.id, id)).limit(1);
  return row;
}

/** The insert of a new lead from its state, for a batch. */
export function insertLead(db: Db, state: LeadState, at: string): BatchItem<"sqlite"> {
  return db.insert(leads).values(leadRecord(state, at));
}

/** A lead's counts as its reports and their files say: reports, eligible reports other than one, files. */
export async function leadEvidenceCounts(
  db: Db,
  leadId: string,
  exceptReportId: string,
): Promise<{ reportCount: number; othersEligible: boolean; files: number }> {
  const [counts] = await db
    .select({
      reportCount: sql<number>`count(*)`,
      othersEligible: sql<number>`coalesce(max(case when ${reports.id} = ${exceptReportId} then 0 else ${reports.eligible} end), 0)`,
    })
    .from(reports)
    .where(eq(reports.leadId, leadId));
  const [files] = await db
    .select({ n: sql<number>`count(*)` })
    .from(attachments)
    .innerJoin(reports, eq(reports.id, attachments.reportId))
    .where(eq(reports.leadId, leadId));
  return {
    reportCount: counts?.reportCount ?? 0,
    othersEligible: Boolean(counts?.othersEligible),
    files: files?.n ?? 0,
  };
}
