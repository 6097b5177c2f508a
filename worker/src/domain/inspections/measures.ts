import type { MeasureStatus, TeamMemberInput } from "../../contracts/inspections";
import {
  addWorkingDays,
  type CalendarInput,
  DEFAULT_CALENDAR,
  HANOI_OFFSET_MS,
  hanoiDate,
  workingDaysBetween,
} from "../calendar";
import type { InspectionActor } from "./lifecycle";
import { type AuditEvent, cleanText, type Failure, fail } from "./result";
import { onTeam } from "./team";

/**
 * Corrective measures (biện pháp chấn chỉnh): the part DOMAIN.md calls the
 * weakest link, follow-up on conclusions. A measure names a responsible
 * unit, what it must do and a deadline (a Hanoi calendar date; the unit has
 * until the end of that day).
 *
 * ```
 * open ──respond──▶ responded ──verify──▶ verified
 *  │  ▲               │  ▲ (respond again: an amended response)
 *  │  └──reject───────┘  │
 *  ▼                     │
 * overdue ──respond──────┘        reject past the deadline → overdue
 * ```
 *
 * | action       | from                        | to                          | who                         |
 * |--------------|-----------------------------|-----------------------------|-----------------------------|
 * | respond      | open, overdue, responded    | responded                   | any inspector or supervisor, or the unit's liaison |
 * | verify       | responded                   | verified                    | a member of the inspection team |
 * | reject       | responded                   | open, or overdue past the deadline | a member of the inspection team |
 * | mark_overdue | open                        | overdue                     | the system (cron)           |
 *
 * Decisions, and why:
 * - Units have no accounts: staff record the unit's response as it arrives
 *   (letter, official dispatch), so any inspector or supervisor may, and the
 *   record says who. Judging it is the team's: they know what they found.
 * - Only an `open` measure becomes `overdue`. A response recorded but not
 *   yet verified is the inspectors' delay, not the unit's: marking it
 *   overdue would blame the unit in the public completion rate for time the
 *   inspectors took, and a unit re-sending its response would flip the
 *   status back and forth every night. Instead an unverified response
 *   escalates to supervisors (`verification_late`) once
 *   `VERIFICATION_WORKING_DAYS` working days pass after it was recorded.
 * - An overdue measure can still be responded to and verified: late is
 *   better than never, and the record keeps both `overdueSince` and
 *   `verifiedOnTime`.
 * - "On time" means the response that was finally accepted was recorded by
 *   the deadline. The deadline binds the unit, not the verifier; a response
 *   rejected and replaced after the deadline is late.
 * - `overdueSince` is the end of the deadline day, not the time the cron
 *   job noticed, so the record does not depend on when the job ran.
 */

export type MeasureAction = "respond" | "verify" | "reject" | "mark_overdue";

export interface MeasureRule {
  from: readonly MeasureStatus[];
  who: "staff" | "team" | "system";
}

export const MEASURE_RULES: Readonly<Record<MeasureAction, MeasureRule>> = {
  respond: { from: ["open", "overdue", "responded"], who: "staff" },
  verify: { from: ["responded"], who: "team" },
  reject: { from: ["responded"], who: "team" },
  mark_overdue: { from: ["open"], who: "system" },
};

export const MEASURE_ACTIONS = Object.keys(MEASURE_RULES) as MeasureAction[];

/** A response or a rejection reason shorter than this says nothing ("Đã xong"). */
export const MEASURE_TEXT_MIN = 10;
/** Working days the team has to verify a recorded response before supervisors hear of it. */
export const VERIFICATION_WORKING_DAYS = 10;
/** Working days between two escalations of the same measure. */
export const ESCALATION_REPEAT_WORKING_DAYS = 5;

export interface MeasureState {
  id: string;
  status: MeasureStatus;
  /** `YYYY-MM-DD`, inclusive. */
  deadline: string;
  response: string | null;
  respondedAt: string | null;
  verifiedAt: string | null;
  verifiedBy: string | null;
  verifiedOnTime: boolean | null;
  overdueSince: string | null;
  lastEscalatedAt: string | null;
}

/** Measure columns to write; `null` clears, absent keys are left alone. */
export type MeasurePatch = Partial<Omit<MeasureState, "id">> & { status?: MeasureStatus };

export type MeasureEvent = AuditEvent<MeasureAction | "escalate", Record<string, unknown>>;

export type MeasureResult = { ok: true; patch: MeasurePatch; event: MeasureEvent } | Failure;

/**
 * The instant a deadline passes: the end of that day in Hanoi, as ISO UTC.
 *
 * @example
 * deadlineEnd("2026-03-31") // "2026-03-31T17:00:00.000Z" (midnight in Hanoi)
 */
export function deadlineEnd(deadline: string): string {
  return new Date(Date.parse(`${deadline}T00:00:00Z`) + 86_400_000 - HANOI_OFFSET_MS).toISOString();
}

/** Whether `at` is after the deadline day (Hanoi). */
export function pastDeadline(deadline: string, at: Date | string): boolean {
  const time = typeof at === "string" ? Date.parse(at) : at.getTime();
  return time >= Date.parse(deadlineEnd(deadline));
}

/** The request of one measure transition. */
export type MeasureRequest =
  | { action: "respond"; response: string }
  | { action: "verify" }
  | { action: "reject"; reason: string }
  | { action: "mark_overdue" };

/**
 * Whether `actor` may do `action` on `measure`; the house order: status
 * (illegal), then role, recusal, team (forbidden).
 */
export function authorizeMeasure(
  measure: Pick<MeasureState, "status">,
  action: MeasureAction,
  actor: InspectionActor,
  team: readonly TeamMemberInput[],
): { ok: true } | Failure {
  const rule = MEASURE_RULES[action];
  if (!rule.from.includes(measure.status)) return fail("illegal", `no_action:${action}@${measure.status}`);
  if (rule.who === "system") return actor.role === "system" ? { ok: true } : fail("forbidden", `role:${actor.role}`);
  // A unit's liaison answers their own unit's measures; the service only loads those (others are 404).
  if (rule.who === "staff" && actor.role === "unit_liaison") return { ok: true };
  if (actor.role !== "inspector" && actor.role !== "supervisor") return fail("forbidden", `role:${actor.role}`);
  if (actor.recused) return fail("forbidden", "recused");
  if (rule.who === "team" && !onTeam(team, actor.id)) return fail("forbidden", "not_on_team");
  return { ok: true };
}

/**
 * The actions `actor` could take now, for the console's buttons.
 *
 * @example
 * allowedMeasureActions({ status: "responded" }, { id: "i1", role: "inspector" }, [{ userId: "i1", role: "member" }])
 * // ["respond", "verify", "reject"]
 */
export function allowedMeasureActions(
  measure: Pick<MeasureState, "status">,
  actor: InspectionActor,
  team: readonly TeamMemberInput[],
): MeasureAction[] {
  return MEASURE_ACTIONS.filter((action) => authorizeMeasure(measure, action, actor, team).ok);
}

/**
 * Applies one transition at `now`.
 *
 * @example
 * measureTransition(responded, { action: "verify" }, { id: "i1", role: "inspector" }, team, now)
 * // { ok: true, patch: { status: "verified", verifiedAt, verifiedBy: "i1", verifiedOnTime: true }, event }
 */
export function measureTransition(
  measure: MeasureState,
  request: MeasureRequest,
  actor: InspectionActor,
  team: readonly TeamMemberInput[],
  now: Date,
): MeasureResult {
  const allowed = authorizeMeasure(measure, request.action, actor, team);
  if (!allowed.ok) return allowed;
  const at = now.toISOString();
  const before = { status: measure.status };
  switch (request.action) {
    case "respond": {
      const response = cleanText(request.response);
      if (response.length < MEASURE_TEXT_MIN) return fail("invalid", "missing_or_invalid", ["/response"]);
      const onTime = !pastDeadline(measure.deadline, now);
      return {
        ok: true,
        patch: { status: "responded", response, respondedAt: at },
        event: {
          action: "respond",
          before,
          after: { status: "responded", onTime, amended: measure.status === "responded" },
        },
      };
    }
    case "verify": {
      const verifiedOnTime = measure.respondedAt !== null && !pastDeadline(measure.deadline, measure.respondedAt);
      return {
        ok: true,
        patch: { status: "verified", verifiedAt: at, verifiedBy: actor.id, verifiedOnTime },
        event: { action: "verify", before, after: { status: "verified", verifiedOnTime } },
      };
    }
    case "reject": {
      const reason = cleanText(request.reason);
      if (reason.length < MEASURE_TEXT_MIN) return fail("invalid", "missing_or_invalid", ["/reason"]);
      const late = pastDeadline(measure.deadline, now);
      const patch: MeasurePatch = late
        ? { status: "overdue", overdueSince: measure.overdueSince ?? deadlineEnd(measure.deadline) }
        : { status: "open" };
      return {
        ok: true,
        patch,
        event: { action: "reject", before, after: { status: patch.status, reason } },
      };
    }
    case "mark_overdue": {
      if (!pastDeadline(measure.deadline, now)) return fail("illegal", "not_due");
      const overdueSince = deadlineEnd(measure.deadline);
      return {
        ok: true,
        patch: { status: "overdue", overdueSince },
        event: { action: "mark_overdue", before, after: { status: "overdue", overdueSince } },
      };
    }
  }
}

// --------------------------------------------------------------- the cron

export type EscalationKind = "overdue" | "verification_late";

export interface Escalation {
  id: string;
  kind: EscalationKind;
  /** Working days since the measure fell due (the deadline, or the verification due date). */
  workingDaysLate: number;
  patch: { lastEscalatedAt: string };
  event: MeasureEvent;
}

export interface EscalationOptions {
  repeatWorkingDays?: number;
  verificationWorkingDays?: number;
}

export interface EscalationPlan {
  /** Open measures whose deadline has passed: write `patch` (status `overdue`). */
  overdue: { id: string; patch: MeasurePatch; event: MeasureEvent }[];
  /** Measures to put in front of the supervisors now: write `patch`. */
  escalated: Escalation[];
}

/** When a measure first needs a supervisor, if it is in a state that can: the Hanoi due date and its end instant. */
function escalationDue(
  measure: MeasureState,
  calendar: CalendarInput,
  verificationWorkingDays: number,
): { kind: EscalationKind; date: string; at: string } | null {
  if (measure.status === "open" || measure.status === "overdue") {
    return { kind: "overdue", date: measure.deadline, at: deadlineEnd(measure.deadline) };
  }
  if (measure.status === "responded" && measure.respondedAt) {
    const date = addWorkingDays(measure.respondedAt, verificationWorkingDays, calendar);
    return { kind: "verification_late", date, at: deadlineEnd(date) };
  }
  return null;
}

/**
 * What the nightly job does to measures at `now`:
 * - an `open` measure past its deadline becomes `overdue`;
 * - a measure is escalated to supervisors when it falls due (`overdue`: an
 *   open or overdue measure past its deadline; `verification_late`: a
 *   response unverified `VERIFICATION_WORKING_DAYS` working days after it
 *   was recorded), then again every `ESCALATION_REPEAT_WORKING_DAYS` working
 *   days while it stays so. Reminders count working days because nobody
 *   reads them over Tết.
 *
 * Idempotent: whether to escalate depends only on `lastEscalatedAt`. It is
 * escalated when never escalated, when the last escalation predates the
 * current due instant (the measure fell due again, e.g. a response arrived
 * after an overdue escalation and now waits for verification), or when
 * enough working days passed since. Once the returned patches are written,
 * running again at the same `now` returns nothing. A job that missed days
 * escalates once, not once per missed day.
 *
 * @example
 * escalations([{ ...measure, status: "open", deadline: "2026-03-31" }], new Date("2026-04-01T01:00:00Z"))
 * // { overdue: [{ id, patch: { status: "overdue", overdueSince: "2026-03-31T17:00:00.000Z" }, … }],
 * //   escalated: [{ id, kind: "overdue", workingDaysLate: 1, patch: { lastEscalatedAt: "2026-04-01T01:00:00.000Z" }, … }] }
 */
export function escalations(
  measures: readonly MeasureState[],
  now: Date,
  calendar: CalendarInput = DEFAULT_CALENDAR,
  options: EscalationOptions = {},
): EscalationPlan {
  const repeat = options.repeatWorkingDays ?? ESCALATION_REPEAT_WORKING_DAYS;
  const verificationDays = options.verificationWorkingDays ?? VERIFICATION_WORKING_DAYS;
  const at = now.toISOString();
  const plan: EscalationPlan = { overdue: [], escalated: [] };
  for (const measure of measures) {
    if (measure.status === "open" && pastDeadline(measure.deadline, now)) {
      const marked = measureTransition(measure, { action: "mark_overdue" }, { id: "system", role: "system" }, [], now);
      if (marked.ok) plan.overdue.push({ id: measure.id, patch: marked.patch, event: marked.event });
    }
    const due = escalationDue(measure, calendar, verificationDays);
    if (!due || at < due.at) continue;
    const last = measure.lastEscalatedAt;
    const escalate = last === null || last < due.at || workingDaysBetween(last, now, calendar) >= repeat;
    if (!escalate) continue;
    const workingDaysLate = Math.max(0, workingDaysBetween(due.date, hanoiDate(now), calendar));
    plan.escalated.push({
      id: measure.id,
      kind: due.kind,
      workingDaysLate,
      patch: { lastEscalatedAt: at },
      event: { action: "escalate", before: { lastEscalatedAt: last }, after: { kind: due.kind, workingDaysLate } },
    });
  }
  return plan;
}

// ------------------------------------------------------------- statistics

/**
 * Whether a conclusion is implemented: every measure verified. A conclusion
 * without measures is implemented at once (the inspection closes when it is
 * issued): it found nothing that needs correcting, or only gave guidance.
 * `validateConclusion` refuses a conclusion that substantiates a lead and
 * orders nothing, so "no measures" cannot be used to skip the follow-up.
 *
 * @example
 * conclusionImplemented([]) // true
 * conclusionImplemented([{ status: "verified" }, { status: "responded" }]) // false
 */
export function conclusionImplemented(measures: readonly Pick<MeasureState, "status">[]): boolean {
  return measures.every((m) => m.status === "verified");
}

export type Timeliness = "on_time" | "late" | "pending";

/**
 * How a measure counts in the completion statistics at `now`:
 * - verified: on time when the accepted response was recorded by the deadline;
 * - a response recorded after the deadline: late, whatever the verification says;
 * - open or overdue past the deadline: late (no response is the worst case, not a missing value);
 * - otherwise (before the deadline, or responded on time and awaiting verification): pending.
 *
 * @example
 * timeliness({ status: "open", deadline: "2026-03-31", … }, new Date("2026-04-02T00:00:00Z")) // "late"
 */
export function timeliness(
  measure: Pick<MeasureState, "status" | "deadline" | "respondedAt" | "verifiedOnTime">,
  now: Date,
): Timeliness {
  if (measure.status === "verified") {
    if (measure.verifiedOnTime !== null) return measure.verifiedOnTime ? "on_time" : "late";
    return measure.respondedAt !== null && !pastDeadline(measure.deadline, measure.respondedAt) ? "on_time" : "late";
  }
  if (measure.status === "responded" && measure.respondedAt !== null) {
    return pastDeadline(measure.deadline, measure.respondedAt) ? "late" : "pending";
  }
  return pastDeadline(measure.deadline, now) ? "late" : "pending";
}

/**
 * The share of measures implemented on time, among those already decided
 * (on time or late); `share` is null when none is decided yet, so the
 * public page shows "no data" rather than 0 % or 100 %.
 *
 * @example
 * onTimeShare([verifiedOnTime, openPastDeadline, openNotDue], now)
 * // { onTime: 1, late: 1, pending: 1, share: 0.5 }
 */
export function onTimeShare(
  measures: readonly Pick<MeasureState, "status" | "deadline" | "respondedAt" | "verifiedOnTime">[],
  now: Date,
): { onTime: number; late: number; pending: number; share: number | null } {
  const counts = { on_time: 0, late: 0, pending: 0 };
  for (const m of measures) counts[timeliness(m, now)]++;
  const decided = counts.on_time + counts.late;
  return {
    onTime: counts.on_time,
    late: counts.late,
    pending: counts.pending,
    share: decided === 0 ? null : counts.on_time / decided,
  };
}
