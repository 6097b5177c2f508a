import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { CategoryCode } from "../../contracts/categories";
import type { LeadStatus } from "../../contracts/leads";
import type { ReportStatus } from "../../contracts/reports";
import { type WorkingCalendar, workingCalendar } from "../../domain/calendar";
import { joinLead, type LeadState, openLead, type PlacedReport, rescore } from "../../domain/lead-plan";
import { monthKey } from "../../domain/stats";
import {
  assessSpecificity,
  CLUSTER_WINDOW_DAYS,
  type ClusterLead,
  OPEN_LEAD_STATUSES,
  type Triage,
  triageReport,
} from "../../domain/triage";
import { reporterStatusFor } from "../../domain/workflow";
import type { Db } from "../client";
import { inList } from "../in-list";
import { attachments, holidays, leads, reports, statsCells } from "../schema";
import { auditInsert } from "./audit";

/** The working-day calendar from the `holidays` table. */
export async function loadCalendar(db: Db): Promise<WorkingCalendar> {
  const rows = await db.select({ date: holidays.date, kind: holidays.kind }).from(holidays);
  return workingCalendar(
    rows.filter((r) => r.kind === "holiday").map((r) => r.date),
    rows.filter((r) => r.kind === "working_day").map((r) => r.date),
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
export function toLeadState(row: typeof leads.$inferSelect): LeadState {
  return {
    id: row.id,
    unitId: row.unitId,
    categoryCode: row.categoryCode as CategoryCode,
    status: row.status,
    severity: row.severity,
    reportCount: row.reportCount,
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

/** Lead columns of a `LeadState`, for insert or update. */
export function leadColumns(state: LeadState, at: string) {
  return { ...state, scoreFactors: JSON.stringify(state.scoreFactors), updatedAt: at };
}

/** The triage outcome and the statements that place a report, for the filing batch. */
export interface TriagePlan {
  triage: Triage;
  leadId: string;
  /** What the reporter sees at once: "received", or the status of the lead the report joined. */
  reporterStatus: ReportStatus;
  reportColumns: {
    leadId: string;
    suggestedCategory: string | null;
    severity: number;
    eligible: boolean;
    descriptionFolded: string;
    procedureKey: string | null;
    officialKey: string | null;
  };
  statements: BatchItem<"sqlite">[];
}

/**
 * Triages a report being filed: reads the open leads it could join, runs the
 * pure engine, and returns the lead insert or update plus its audit event, to
 * go in the same D1 batch as the report.
 */
export async function planTriage(
  db: Db,
  report: PlacedReport & {
    id: string;
    trackingCode: string;
    description: string;
    procedure?: string | null;
    officialHint?: string | null;
    occurredOn?: string | null;
  },
  now: Date,
): Promise<TriagePlan> {
  const [openLeads, calendar, findings] = await Promise.all([
    loadOpenLeads(db, report.unitId, report.receivedAt),
    loadCalendar(db),
    unitFindingsLast12Months(db, report.unitId, now),
  ]);
  const triage = triageReport({ ...report, openLeads });
  const at = now.toISOString();
  const statements: BatchItem<"sqlite">[] = [];
  let leadId: string;
  let reporterStatus: ReportStatus = "received";
  if (triage.lead.kind === "join") {
    leadId = triage.lead.leadId;
    const [row] = await db.select().from(leads).where(eq(leads.id, leadId)).limit(1);
    if (!row) throw new Error(`lead ${leadId} vanished during triage`);
    reporterStatus = reporterStatusFor(row.status as LeadStatus);
    const next = joinLead(toLeadState(row), report, triage, findings, now);
    statements.push(
      db.update(leads).set(leadColumns(next, at)).where(eq(leads.id, leadId)),
      auditInsert(db, {
        actorId: null,
        actorKind: "system",
        action: "lead.report_joined",
        targetType: "lead",
        targetId: leadId,
        summary: {
          trackingCode: report.trackingCode,
          similarity: triage.lead.similarity,
          matchedOn: triage.lead.matchedOn,
          before: { reportCount: row.reportCount, priority: row.priority },
          after: { reportCount: next.reportCount, priority: next.priority },
        },
        at,
      }),
    );
  } else {
    leadId = crypto.randomUUID();
    const state = openLead(leadId, report, triage, calendar, findings, now);
    statements.push(
      db.insert(leads).values(leadColumns(state, at)),
      auditInsert(db, {
        actorId: null,
        actorKind: "system",
        action: "lead.opened",
        targetType: "lead",
        targetId: leadId,
        summary: {
          trackingCode: report.trackingCode,
          severity: triage.severity,
          suggestion: triage.suggestion.differs ? triage.suggestion.code : null,
          eligible: triage.specificity.eligible,
          missing: triage.specificity.missing,
          after: { status: "new", priority: state.priority },
        },
        at,
      }),
    );
  }
  return {
    triage,
    leadId,
    reporterStatus,
    reportColumns: {
      leadId,
      suggestedCategory: triage.suggestion.code,
      severity: triage.severity.value,
      eligible: triage.specificity.eligible,
      descriptionFolded: triage.text.folded,
      procedureKey: triage.procedureKey,
      officialKey: triage.officialKey,
    },
    statements,
  };
}

/**
 * Re-derives a lead's counts from its reports and attachments and re-scores
 * it at `now`. Evidence arrives after filing, and the cron job calls this so
 * counters that two simultaneous filings raced on heal themselves.
 */
export async function refreshLead(db: Db, leadId: string, now: Date): Promise<void> {
  const [row] = await db.select().from(leads).where(eq(leads.id, leadId)).limit(1);
  if (!row) return;
  const [counts] = await db
    .select({
      reportCount: sql<number>`count(*)`,
      eligible: sql<number>`coalesce(max(${reports.eligible}), 0)`,
    })
    .from(reports)
    .where(eq(reports.leadId, leadId));
  const [files] = await db
    .select({ n: sql<number>`count(*)` })
    .from(attachments)
    .innerJoin(reports, eq(reports.id, attachments.reportId))
    .where(eq(reports.leadId, leadId));
  const next = {
    ...toLeadState(row),
    reportCount: Math.max(1, counts?.reportCount ?? row.reportCount),
    evidenceCount: files?.n ?? row.evidenceCount,
    eligible: Boolean(counts?.eligible),
  };
  const score = rescore(next, await unitFindingsLast12Months(db, row.unitId, now), now);
  await db
    .update(leads)
    .set({
      reportCount: next.reportCount,
      evidenceCount: next.evidenceCount,
      eligible: next.eligible,
      priority: score.priority,
      scoreFactors: JSON.stringify(score.scoreFactors),
    })
    .where(eq(leads.id, leadId));
}

/**
 * After a reporter adds evidence: the report may now be eligible for
 * verification (Article 25), and its lead gains evidence points.
 */
export async function evidenceAdded(db: Db, reportId: string, now: Date): Promise<void> {
  const [report] = await db.select().from(reports).where(eq(reports.id, reportId)).limit(1);
  if (!report?.leadId) return;
  const [files] = await db
    .select({ n: sql<number>`count(*)` })
    .from(attachments)
    .where(eq(attachments.reportId, reportId));
  const specificity = assessSpecificity({
    unitId: report.unitId,
    procedure: report.procedure,
    official: report.officialKey ?? report.officialHint,
    occurredOn: report.occurredOn,
    evidenceCount: files?.n ?? 0,
  });
  await db.update(reports).set({ eligible: specificity.eligible }).where(eq(reports.id, reportId));
  await refreshLead(db, report.leadId, now);
}
