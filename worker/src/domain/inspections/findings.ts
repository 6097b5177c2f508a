import type { FindingOutcome } from "../../contracts/inspections";
import { FINDING_OUTCOMES } from "../../contracts/inspections";
import type { LeadStatus } from "../../contracts/leads";
import type { ReportStatus } from "../../contracts/reports";
import { authorize, type InspectionActor, type InspectionState } from "./lifecycle";
import { type AuditEvent, cleanText, type Failure, fail } from "./result";

/**
 * Findings on the attached leads, what the reporter is told, and the
 * reporter's one chance to contest it.
 */

/**
 * Reasoning shorter than this cannot say what was checked and why it led to
 * the outcome; DOMAIN.md's first weakness is inspections that record
 * nothing ("nể nang, né tránh"), so a one-word finding is refused.
 */
export const FINDING_REASONING_MIN = 30;
/** The public summary must say something, but stay short: reporters read it on a phone. */
export const PUBLIC_SUMMARY_MIN = 20;
export const PUBLIC_SUMMARY_MAX = 1000;
export const POSITION_MAX = 200;

/** Contact data has no place in what reporters (and through them anyone) read. */
const CONTACT_PATTERN = /[\w.+-]+@[\w-]+\.[\w.]+|(?:\+84|\b0)\d(?:[\s.-]?\d){8,9}\b/u;
/** A spreadsheet would run a cell starting with one of these (the position goes to the CSV export). */
const FORMULA_START = /^[=+\-@]/u;

export interface FindingDraft {
  outcome: string;
  reasoning: string;
  publicSummary: string;
  position?: string | null;
}

export interface ValidFinding {
  outcome: FindingOutcome;
  reasoning: string;
  publicSummary: string;
  position: string | null;
}

/**
 * Checks a finding: one of the four outcomes; reasoning of at least
 * `FINDING_REASONING_MIN` characters; a public summary of
 * `PUBLIC_SUMMARY_MIN`–`PUBLIC_SUMMARY_MAX` characters with no e-mail
 * address or phone number (reporters may be told about a finding, never
 * handed someone's contact); an optional position (chức vụ, never a name) of
 * at most `POSITION_MAX` characters that does not start like a spreadsheet
 * formula. Text is trimmed NFC; runs of spaces in a position become one (it
 * is grouped on in the export); a blank position is no position.
 *
 * @example
 * validateFinding({ outcome: "maybe", reasoning: "ngắn", publicSummary: "" })
 * // { ok: false, error: "invalid", detail: "missing_or_invalid", pointers: ["/outcome", "/reasoning", "/publicSummary"] }
 */
export function validateFinding(draft: FindingDraft): { ok: true; finding: ValidFinding } | Failure {
  const pointers: string[] = [];
  const outcome = FINDING_OUTCOMES.find((o) => o === draft.outcome);
  if (!outcome) pointers.push("/outcome");
  const reasoning = cleanText(draft.reasoning);
  if (reasoning.length < FINDING_REASONING_MIN) pointers.push("/reasoning");
  const publicSummary = cleanText(draft.publicSummary);
  if (
    publicSummary.length < PUBLIC_SUMMARY_MIN ||
    publicSummary.length > PUBLIC_SUMMARY_MAX ||
    CONTACT_PATTERN.test(publicSummary)
  ) {
    pointers.push("/publicSummary");
  }
  const position = cleanText(draft.position).replace(/\s+/gu, " ") || null;
  if (position !== null && (position.length > POSITION_MAX || FORMULA_START.test(position))) pointers.push("/position");
  if (pointers.length > 0 || !outcome) return fail("invalid", "missing_or_invalid", pointers);
  return { ok: true, finding: { outcome, reasoning, publicSummary, position } };
}

export type FindingEvent = AuditEvent<"record_finding", Record<string, unknown>>;

/**
 * Records or replaces the finding on one attached lead: a team member,
 * while the inspection is in progress (after the conclusion a finding is
 * part of a signed document and changes only through a contest). A lead not
 * attached to this inspection fails with detail `lead_not_attached` (a 404
 * for the route).
 *
 * @example
 * recordFinding(inProgress, "L1", draft, { id: "i1", role: "inspector" }, null, now)
 * // { ok: true, finding: { …, recordedBy: "i1", recordedAt }, event: { action: "record_finding", before: { outcome: null }, … } }
 */
export function recordFinding(
  inspection: InspectionState,
  leadId: string,
  draft: FindingDraft,
  actor: InspectionActor,
  previous: { outcome: FindingOutcome } | null,
  now: Date,
):
  | {
      ok: true;
      finding: ValidFinding & { leadId: string; recordedBy: string; recordedAt: string };
      event: FindingEvent;
    }
  | Failure {
  const allowed = authorize(inspection, "record_finding", actor);
  if (!allowed.ok) return allowed;
  if (!inspection.leadIds.includes(leadId)) return fail("invalid", "lead_not_attached", ["/leadId"]);
  const valid = validateFinding(draft);
  if (!valid.ok) return valid;
  return {
    ok: true,
    finding: { ...valid.finding, leadId, recordedBy: actor.id, recordedAt: now.toISOString() },
    event: {
      action: "record_finding",
      before: { leadId, outcome: previous?.outcome ?? null },
      after: { leadId, outcome: valid.finding.outcome, position: valid.finding.position },
    },
  };
}

/**
 * The attached leads without a finding, in attachment order: a conclusion
 * cannot be issued while any is missing (every lead gets an answer).
 *
 * @example
 * missingFindings(["L1", "L2"], ["L2"]) // ["L1"]
 */
export function missingFindings(attachedLeadIds: readonly string[], leadIdsWithFinding: readonly string[]): string[] {
  const have = new Set(leadIdsWithFinding);
  return attachedLeadIds.filter((id) => !have.has(id));
}

/** Whether a finding counts against the unit (personnel export, measures required). */
export function isSubstantiated(outcome: FindingOutcome): boolean {
  return outcome === "substantiated" || outcome === "partly_substantiated";
}

// ------------------------------------------------------------- reporters

/** What the follow page shows once the lead is concluded. */
export interface ReporterOutcome {
  status: Extract<ReportStatus, "concluded">;
  outcome: FindingOutcome;
  outcomeSummary: string;
}

/**
 * The reporter's view of a concluded lead: the outcome is the finding's
 * value as is (the four values are the reporting contract) with the
 * inspector's public summary; never the reasoning, which may name people.
 *
 * @example
 * reporterOutcome({ outcome: "partly_substantiated", publicSummary: "Có chậm trễ…" })
 * // { status: "concluded", outcome: "partly_substantiated", outcomeSummary: "Có chậm trễ…" }
 */
export function reporterOutcome(finding: Pick<ValidFinding, "outcome" | "publicSummary">): ReporterOutcome {
  return { status: "concluded", outcome: finding.outcome, outcomeSummary: finding.publicSummary };
}

/** A contest reason must say what the reporter disagrees with (as `ContestInputSchema`). */
export const CONTEST_REASON_MIN = 10;
export const CONTEST_REASON_MAX = 2000;

export interface ContestState {
  /** The report's status as the reporter sees it. */
  reportStatus: ReportStatus;
  /** Set once the report has been contested (resolved or not). */
  contestedAt: string | null;
}

export type ContestEvent = AuditEvent<"contest" | "uphold" | "reopen", Record<string, unknown>>;

/**
 * A reporter contests the outcome of their report: only once it is
 * concluded, exactly once per report (a second contest is illegal even after
 * the first was resolved: one more look by a supervisor, not an endless
 * appeal that an interested party could use to keep a unit under review),
 * with a reason of `CONTEST_REASON_MIN`–`CONTEST_REASON_MAX` characters.
 * Contesting does not change what the reporter sees; it puts the lead in
 * front of a supervisor (`resolveContest`).
 *
 * @example
 * contestOutcome({ reportStatus: "concluded", contestedAt: null }, "Đơn vị vẫn thu tiền ngoài quy định", now)
 * // { ok: true, contest: { reason: "Đơn vị vẫn thu…", createdAt }, event: { action: "contest", … } }
 */
export function contestOutcome(
  state: ContestState,
  reason: string,
  now: Date,
): { ok: true; contest: { reason: string; createdAt: string }; event: ContestEvent } | Failure {
  if (state.reportStatus !== "concluded") return fail("illegal", `not_concluded:${state.reportStatus}`);
  if (state.contestedAt !== null) return fail("illegal", "already_contested");
  const clean = cleanText(reason);
  if (clean.length < CONTEST_REASON_MIN || clean.length > CONTEST_REASON_MAX) {
    return fail("invalid", "missing_or_invalid", ["/reason"]);
  }
  const createdAt = now.toISOString();
  return {
    ok: true,
    contest: { reason: clean, createdAt },
    event: { action: "contest", before: { contested: false }, after: { contested: true, reason: clean } },
  };
}

/**
 * A supervisor decides a contest: `uphold` keeps the outcome (the reason is
 * recorded for the audit), `reopen` sends the lead back to `in_review`, so
 * it is triaged and referred again and the reporter sees `in_review`. Only
 * supervisors (the same people who approve dismissals); a decided contest
 * cannot be decided again. The reason is required either way: an upheld
 * contest must say why the reporter was wrong.
 *
 * @example
 * resolveContest({ resolvedAt: null }, { decision: "reopen", reason: "Chưa xác minh chứng cứ mới" }, sup, now)
 * // { ok: true, contestPatch: { resolvedAt, resolvedBy: "s1" }, leadPatch: { status: "in_review" }, reporterStatus: "in_review", event }
 */
export function resolveContest(
  contest: { resolvedAt: string | null },
  request: { decision: "uphold" | "reopen"; reason: string },
  actor: InspectionActor,
  now: Date,
):
  | {
      ok: true;
      contestPatch: { resolvedAt: string; resolvedBy: string };
      leadPatch: { status: LeadStatus } | null;
      reporterStatus: ReportStatus;
      event: ContestEvent;
    }
  | Failure {
  if (contest.resolvedAt !== null) return fail("illegal", "already_resolved");
  if (actor.role !== "supervisor") return fail("forbidden", `role:${actor.role}`);
  if (actor.recused) return fail("forbidden", "recused");
  const reason = cleanText(request.reason);
  const pointers: string[] = [];
  if (request.decision !== "uphold" && request.decision !== "reopen") pointers.push("/decision");
  if (reason.length < CONTEST_REASON_MIN) pointers.push("/reason");
  if (pointers.length > 0) return fail("invalid", "missing_or_invalid", pointers);
  const reopen = request.decision === "reopen";
  return {
    ok: true,
    contestPatch: { resolvedAt: now.toISOString(), resolvedBy: actor.id },
    leadPatch: reopen ? { status: "in_review" } : null,
    reporterStatus: reopen ? "in_review" : "concluded",
    event: {
      action: request.decision,
      before: { status: "concluded" },
      after: { status: reopen ? "in_review" : "concluded", reason },
    },
  };
}
