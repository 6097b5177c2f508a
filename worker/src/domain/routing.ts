import type { CategoryCode } from "../contracts/categories";
import type { ReporterKind } from "../contracts/reports";
import { type LeadState, laterOf, leadCategory, rescore } from "./lead-plan";
import { type ClusterLead, countWitnesses, OPEN_LEAD_STATUSES, type Triage, triageReport } from "./triage";

/**
 * Re-routing (issue 12): an inspector moves a lead, or one report, to another
 * unit or category, or splits a report out into a lead of its own. Pure: the
 * service loads the lead and its reports, asks here whether the change is
 * allowed and what the leads become, and writes the result in one batch.
 */

/** Leads whose unit or category may still change: those still being triaged. */
export const ROUTABLE_STATUSES: readonly string[] = OPEN_LEAD_STATUSES;

/** Why a routing change is refused (messages in `worker/src/i18n/routing.ts`). */
export type RoutingFailureKey =
  | "routing_closed"
  | "routing_inspected"
  | "routing_nothing"
  | "routing_unchanged"
  | "routing_only_report"
  | "routing_unit_recused";

export type RoutingCheck =
  | { ok: true }
  | { ok: false; error: "illegal" | "invalid"; detail: RoutingFailureKey; pointers: string[] };

/** A report as re-triage reads it. */
export interface RoutableReport {
  id: string;
  unitId: string;
  categoryCode: CategoryCode;
  description: string;
  procedure: string | null;
  officialHint: string | null;
  occurredOn: string | null;
  reporterKind: ReporterKind;
  evidenceCount: number;
  receivedAt: string;
  /** Salted hash of who filed it (honest corroboration), null when unknown. */
  witnessKey: string | null;
}

/** A report after re-triage: where it now belongs and what triage found. */
export interface RetriagedReport {
  report: RoutableReport;
  triage: Triage;
}

const fail = (error: "illegal" | "invalid", detail: RoutingFailureKey, pointers: string[] = []): RoutingCheck => ({
  ok: false,
  error,
  detail,
  pointers,
});

/**
 * Whether a lead (or one of its reports) may be routed to `change`. Checks in
 * this order: the lead is past triage (409), it was ever attached to an
 * inspection (409: its findings were made under its unit and category),
 * nothing asked (422), nothing would change (422).
 *
 * @example
 * checkRouting({ status: "referred", unitId: "u1", categoryCode: "delay" }, { categoryCode: "bribery" }, false)
 * // { ok: false, error: "illegal", detail: "routing_closed", pointers: [] }
 */
export function checkRouting(
  current: { status: string; unitId: string; categoryCode: string },
  change: { unitId?: string; categoryCode?: CategoryCode },
  inspected: boolean,
): RoutingCheck {
  if (!ROUTABLE_STATUSES.includes(current.status)) return fail("illegal", "routing_closed");
  if (inspected) return fail("illegal", "routing_inspected");
  if (change.unitId === undefined && change.categoryCode === undefined) {
    return fail("invalid", "routing_nothing", ["/unitId", "/categoryCode"]);
  }
  const sameUnit = change.unitId === undefined || change.unitId === current.unitId;
  const sameCategory = change.categoryCode === undefined || change.categoryCode === current.categoryCode;
  if (sameUnit && sameCategory) {
    return fail("invalid", "routing_unchanged", change.unitId !== undefined ? ["/unitId"] : ["/categoryCode"]);
  }
  return { ok: true };
}

/**
 * Triage run again on a report as if it had been filed about `unitId` in
 * `categoryCode`, against `openLeads` it could join (none: it stays where it is).
 */
export function retriage(
  report: RoutableReport,
  unitId: string,
  categoryCode: CategoryCode,
  openLeads: readonly ClusterLead[] = [],
): RetriagedReport {
  const moved = { ...report, unitId, categoryCode };
  return { report: moved, triage: triageReport({ ...moved, openLeads }) };
}

/**
 * A lead rebuilt from the reports it now holds, in `unitId` and
 * `categoryCode` (or, when null, the gravest category of its reports): counts,
 * severity, signals and keys from those reports, deadlines and opening from
 * `base`, re-scored at `now`.
 *
 * @example
 * rebuildLead(toLeadState(row), "u2", "bribery", [retriage(r, "u2", "bribery")], 0, now).reportCount // 1
 */
export function rebuildLead(
  base: LeadState,
  unitId: string,
  categoryCode: CategoryCode | null,
  held: readonly RetriagedReport[],
  unitFindings: number,
  now: Date,
): LeadState {
  const ordered = [...held].sort((a, b) => (a.report.receivedAt < b.report.receivedAt ? -1 : 1));
  const first = ordered[0];
  if (!first) {
    // a lead without report rows (imported or hand-made): only its place changes
    const moved = { ...base, unitId, categoryCode: categoryCode ?? base.categoryCode };
    return { ...moved, ...rescore(moved, unitFindings, now) };
  }
  const next = {
    ...base,
    unitId,
    categoryCode:
      categoryCode ?? ordered.reduce((c, r) => leadCategory(c, r.report.categoryCode), first.report.categoryCode),
    severity: Math.max(...ordered.map((r) => r.triage.severity.value)),
    reportCount: ordered.length,
    independentReports: countWitnesses(
      ordered.map((r) => ({ key: r.report.witnessKey, receivedAt: r.report.receivedAt, text: r.report.description })),
    ),
    evidenceCount: ordered.reduce((n, r) => n + r.report.evidenceCount, 0),
    businessHarm: ordered.some((r) => r.triage.signals.businessHarm.length > 0),
    eligible: ordered.some((r) => r.triage.specificity.eligible),
    lastReportAt: ordered.reduce((at, r) => laterOf(at, r.report.receivedAt), first.report.receivedAt),
    procedureKey: ordered.find((r) => r.triage.procedureKey)?.triage.procedureKey ?? null,
    officialKey: ordered.find((r) => r.triage.officialKey)?.triage.officialKey ?? null,
  };
  return { ...next, ...rescore(next, unitFindings, now) };
}

/**
 * A new lead for a report leaving its lead (split out, or routed where no
 * open lead matches) in `categoryCode`: its own counts and signals, opened at
 * its receipt; it keeps the status and deadlines of the lead it left, which
 * were already running.
 */
export function leadForReport(
  id: string,
  categoryCode: CategoryCode,
  from: Pick<LeadState, "ackDueAt" | "dueAt" | "status">,
  moved: RetriagedReport,
  unitFindings: number,
  now: Date,
): LeadState {
  const base: LeadState = {
    id,
    unitId: moved.report.unitId,
    categoryCode,
    status: from.status,
    severity: 0,
    reportCount: 1,
    independentReports: 1,
    evidenceCount: 0,
    businessHarm: false,
    eligible: false,
    openedAt: moved.report.receivedAt,
    lastReportAt: moved.report.receivedAt,
    ackDueAt: from.ackDueAt,
    dueAt: from.dueAt,
    procedureKey: null,
    officialKey: null,
    priority: 0,
    scoreFactors: [],
  };
  return rebuildLead(base, moved.report.unitId, categoryCode, [moved], unitFindings, now);
}

/** The report columns re-triage sets. */
export function retriagedColumns(moved: RetriagedReport) {
  return {
    unitId: moved.report.unitId,
    categoryCode: moved.report.categoryCode,
    suggestedCategory: moved.triage.suggestion.code,
    severity: moved.triage.severity.value,
    eligible: moved.triage.specificity.eligible,
  };
}
