import type { CategoryCode } from "../contracts/categories";
import { ACK_WORKING_DAYS, type CalendarInput, TRIAGE_WORKING_DAYS, workingDeadline } from "./calendar";
import type { Triage } from "./triage";
import { computePriority, type PriorityFactor } from "./triage/priority";
import { CATEGORY_SEVERITY } from "./triage/severity";

/**
 * How a filed report changes the leads table: a new lead, or a joined one.
 * Pure, so the seed script and the API place reports with the same rules.
 */

/** The lead columns triage owns. */
export interface LeadState {
  id: string;
  unitId: string;
  categoryCode: CategoryCode;
  status: string;
  severity: number;
  reportCount: number;
  /** Reports that are independent witnesses (`countWitnesses`); the "reports" factor counts these. */
  independentReports: number;
  evidenceCount: number;
  businessHarm: boolean;
  eligible: boolean;
  openedAt: string;
  lastReportAt: string;
  ackDueAt: string;
  dueAt: string;
  procedureKey: string | null;
  officialKey: string | null;
  priority: number;
  scoreFactors: PriorityFactor[];
}

/** The report facts the plan needs besides its triage. */
export interface PlacedReport {
  unitId: string;
  categoryCode: CategoryCode;
  reporterKind: "citizen" | "business" | "organization";
  evidenceCount: number;
  receivedAt: string;
}

/**
 * Of two categories, the one a lead is filed under: the more severe, so a
 * bribe demand that joins a harassment lead makes it a bribery lead.
 */
export function leadCategory(a: CategoryCode, b: CategoryCode): CategoryCode {
  return CATEGORY_SEVERITY[b] > CATEGORY_SEVERITY[a] ? b : a;
}

/** The later of two ISO instants (strings compare in time order). */
export function laterOf(a: string, b: string): string {
  return [a, b].sort()[1] ?? a;
}

/** The lead columns a merge adds up. */
export type MergedFields = Pick<
  LeadState,
  | "categoryCode"
  | "severity"
  | "reportCount"
  | "independentReports"
  | "evidenceCount"
  | "businessHarm"
  | "eligible"
  | "lastReportAt"
>;

/**
 * The lead a merge leaves: `target` with the reports, evidence and signals of
 * `source` added (the graver category and severity, the later last report).
 * Independent reports are added too, which is an upper bound: the caller
 * counts the merged reports again with `countWitnesses` (copies may sit on
 * both sides). Re-score the result with `rescore`.
 *
 * @example
 * const merged = mergeInto(toLeadState(target), toLeadState(source));
 */
export function mergeInto<T extends MergedFields>(target: T, source: MergedFields): T {
  return {
    ...target,
    categoryCode: leadCategory(target.categoryCode, source.categoryCode),
    severity: Math.max(target.severity, source.severity),
    reportCount: target.reportCount + source.reportCount,
    independentReports: target.independentReports + source.independentReports,
    evidenceCount: target.evidenceCount + source.evidenceCount,
    businessHarm: target.businessHarm || source.businessHarm,
    eligible: target.eligible || source.eligible,
    lastReportAt: laterOf(target.lastReportAt, source.lastReportAt),
  };
}

/** Re-scores a lead at `now` (the cron job does this as time passes). */
export function rescore(lead: Omit<LeadState, "priority" | "scoreFactors">, unitFindings: number, now: Date) {
  const priority = computePriority(
    {
      severity: lead.severity,
      reportCount: lead.reportCount,
      independentReports: Math.min(lead.reportCount, lead.independentReports),
      evidenceCount: lead.evidenceCount,
      businessHarm: lead.businessHarm,
      unitFindingsLast12Months: unitFindings,
      openedAt: lead.openedAt,
      dueAt: lead.dueAt,
    },
    now,
  );
  return { priority: priority.total, scoreFactors: priority.factors };
}

/**
 * A new lead for a report that joined none. Deadlines count working days
 * from the report: acknowledge in ACK_WORKING_DAYS, decide in
 * TRIAGE_WORKING_DAYS (both overridable).
 *
 * @example
 * openLead("L1", report, triage, DEFAULT_CALENDAR, 0, now).status // "new"
 */
export function openLead(
  id: string,
  report: PlacedReport,
  triage: Triage,
  calendar: CalendarInput,
  unitFindings: number,
  now: Date,
  deadlines: { ackDays: number; triageDays: number } = { ackDays: ACK_WORKING_DAYS, triageDays: TRIAGE_WORKING_DAYS },
): LeadState {
  const base = {
    id,
    unitId: report.unitId,
    categoryCode: report.categoryCode,
    status: "new",
    severity: triage.severity.value,
    reportCount: 1,
    independentReports: 1,
    evidenceCount: report.evidenceCount,
    businessHarm: triage.signals.businessHarm.length > 0,
    eligible: triage.specificity.eligible,
    openedAt: report.receivedAt,
    lastReportAt: report.receivedAt,
    ackDueAt: workingDeadline(report.receivedAt, deadlines.ackDays, calendar),
    dueAt: workingDeadline(report.receivedAt, deadlines.triageDays, calendar),
    procedureKey: triage.procedureKey,
    officialKey: triage.officialKey,
  };
  return { ...base, ...rescore(base, unitFindings, now) };
}

/**
 * The lead after another report joins it: more reports, the highest
 * severity, any business harm or eligibility, the more severe category,
 * and a new score. Deadlines stay those of the first report.
 * `independentReports` is `countWitnesses` over the lead's reports with
 * this one: the same client again, or a near-copy, adds a report but no
 * witness.
 */
export function joinLead(
  lead: LeadState,
  report: PlacedReport,
  triage: Triage,
  unitFindings: number,
  now: Date,
  independentReports: number,
): LeadState {
  const next = {
    ...lead,
    categoryCode: leadCategory(lead.categoryCode, report.categoryCode),
    severity: Math.max(lead.severity, triage.severity.value),
    reportCount: lead.reportCount + 1,
    independentReports: Math.max(1, Math.min(lead.reportCount + 1, independentReports)),
    evidenceCount: lead.evidenceCount + report.evidenceCount,
    businessHarm: lead.businessHarm || triage.signals.businessHarm.length > 0,
    eligible: lead.eligible || triage.specificity.eligible,
    lastReportAt: laterOf(report.receivedAt, lead.lastReportAt),
    procedureKey: lead.procedureKey ?? triage.procedureKey,
    officialKey: lead.officialKey ?? triage.officialKey,
  };
  return { ...next, ...rescore(next, unitFindings, now) };
}
