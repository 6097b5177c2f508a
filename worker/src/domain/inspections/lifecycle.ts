import type { InspectionAction, InspectionStatus, InspectionType, TeamMemberInput } from "../../contracts/inspections";
import type { Role } from "../auth-policy";
import { type AuditEvent, cleanText, type Failure, fail } from "./result";
import { onTeam, type TiesByUser, teamConflicts } from "./team";

/**
 * The inspection lifecycle as a pure state machine:
 *
 * ```
 * planned ──start──▶ in_progress ──conclude──▶ concluded ──close──▶ closed
 *    │                                 └───────(no measures)───────────▲
 *    └──cancel (reason)──▶ cancelled
 * ```
 *
 * | action          | from                              | to            | who                          |
 * |-----------------|-----------------------------------|---------------|------------------------------|
 * | move            | planned, in_progress              | (same)        | any supervisor               |
 * | edit_team       | planned, in_progress              | (same)        | any supervisor               |
 * | split           | planned                           | (same)        | any supervisor               |
 * | cancel          | planned                           | cancelled     | any supervisor               |
 * | start           | planned                           | in_progress   | a team member                |
 * | record_finding  | in_progress                       | (same)        | a team member                |
 * | upload          | planned, in_progress, concluded   | (same)        | a team member                |
 * | conclude        | in_progress                       | concluded/closed | a supervisor on the team  |
 * | close           | concluded                         | closed        | the system, all measures verified |
 *
 * Why: planning and staffing (move, team, split, cancel) are a supervisor's
 * (trưởng đoàn, chánh thanh tra) job whoever is on the team. The work itself
 * (starting the visit, findings, documents) belongs to the team, so an
 * inspector off the team cannot write findings on a visit they never made.
 * The conclusion is signed by a supervisor who was there. Admins do nothing:
 * they hold the accounts (see `../workflow.ts`). Closing is not a decision,
 * it is a fact: the last measure was verified, so only the system closes.
 * Only a planned visit can be cancelled; one under way must be concluded,
 * even if the conclusion is that nothing could be verified, so no visit
 * disappears from the record once the unit has seen the team. An actor
 * recused from the unit (a tie added after they joined the team) may do
 * nothing at all.
 */

/** The console's actions plus the two the console never shows as buttons. */
export type LifecycleAction = InspectionAction | "cancel" | "close";

/** Who may do an action; see the table above. */
export type Who = "supervisor" | "team" | "team_supervisor" | "system";

export interface LifecycleRule {
  from: readonly InspectionStatus[];
  /** Absent when the action leaves the status alone. */
  to?: InspectionStatus;
  who: Who;
}

export const LIFECYCLE: Readonly<Record<LifecycleAction, LifecycleRule>> = {
  move: { from: ["planned", "in_progress"], who: "supervisor" },
  edit_team: { from: ["planned", "in_progress"], who: "supervisor" },
  split: { from: ["planned"], who: "supervisor" },
  cancel: { from: ["planned"], to: "cancelled", who: "supervisor" },
  start: { from: ["planned"], to: "in_progress", who: "team" },
  record_finding: { from: ["in_progress"], who: "team" },
  upload: { from: ["planned", "in_progress", "concluded"], who: "team" },
  conclude: { from: ["in_progress"], to: "concluded", who: "team_supervisor" },
  close: { from: ["concluded"], to: "closed", who: "system" },
};

export const LIFECYCLE_ACTIONS = Object.keys(LIFECYCLE) as LifecycleAction[];

/** Minimum length of a cancellation reason: long enough to say why, short enough not to be a chore. */
export const CANCEL_REASON_MIN = 10;

/** The inspection as the rules need it. */
export interface InspectionState {
  id: string;
  type: InspectionType;
  status: InspectionStatus;
  unitId: string;
  year: number;
  plannedStart: string;
  plannedEnd: string;
  team: readonly TeamMemberInput[];
  leadIds: readonly string[];
}

/**
 * Who is acting. `role: "system"` is the cron job and the measure rules
 * closing an implemented inspection. `recused` is computed by the caller
 * (`isRecused` on the actor's ties and the unit's ancestry).
 */
export interface InspectionActor {
  id: string;
  role: Role | "system";
  recused?: boolean;
}

/** The system actor. */
export const SYSTEM_ACTOR: InspectionActor = { id: "system", role: "system" };

/** What checking a team needs: the unit's ancestry, the members' ties and the accounts' roles. */
export interface TeamContext {
  /** The target unit and its ancestors, `[unit, parent, …, root]`. */
  unitAncestry: readonly string[];
  /** Ties of the team members (and anyone else). */
  tiesByUser: TiesByUser;
  /** Roles of enabled accounts; members missing here are refused as `not_staff`. */
  roles?: ReadonlyMap<string, Role>;
}

export type InspectionEvent = AuditEvent<LifecycleAction | "create", Record<string, unknown>>;

/**
 * Whether `actor` may do `action` on `inspection` now. Checks run in the
 * house order: the status first (illegal), then the role, recusal and team
 * membership (forbidden).
 *
 * @example
 * authorize(planned, "start", { id: "off-team", role: "inspector" })
 * // { ok: false, error: "forbidden", detail: "not_on_team", pointers: [] }
 */
export function authorize(
  inspection: Pick<InspectionState, "status" | "team">,
  action: LifecycleAction,
  actor: InspectionActor,
): { ok: true } | Failure {
  const rule = LIFECYCLE[action];
  if (!rule.from.includes(inspection.status)) return fail("illegal", `no_action:${action}@${inspection.status}`);
  if (rule.who === "system") return actor.role === "system" ? { ok: true } : fail("forbidden", `role:${actor.role}`);
  if (actor.role !== "inspector" && actor.role !== "supervisor") return fail("forbidden", `role:${actor.role}`);
  if (actor.recused) return fail("forbidden", "recused");
  if ((rule.who === "supervisor" || rule.who === "team_supervisor") && actor.role !== "supervisor") {
    return fail("forbidden", `role:${actor.role}`);
  }
  if ((rule.who === "team" || rule.who === "team_supervisor") && !onTeam(inspection.team, actor.id)) {
    return fail("forbidden", "not_on_team");
  }
  return { ok: true };
}

/**
 * The console's buttons for `actor`. Field checks (findings complete, dates)
 * are left to the action itself, except two that depend only on the leads
 * when `leadIds` is given: splitting needs two leads (one moves, one stays)
 * and recording findings needs one.
 *
 * @example
 * allowedActions({ ...planned, team: [{ userId: "s1", role: "head" }] }, { id: "s1", role: "supervisor" })
 * // ["move", "split", "edit_team", "start", "upload"]
 */
export function allowedActions(
  inspection: Pick<InspectionState, "status" | "team"> & { leadIds?: readonly string[] },
  actor: InspectionActor,
): InspectionAction[] {
  const leads = inspection.leadIds?.length;
  const console: readonly InspectionAction[] = [
    "move",
    "split",
    "edit_team",
    "start",
    "record_finding",
    "upload",
    "conclude",
  ];
  return console.filter(
    (action) =>
      authorize(inspection, action, actor).ok &&
      !(leads !== undefined && action === "split" && leads < 2) &&
      !(leads !== undefined && action === "record_finding" && leads < 1),
  );
}

// ------------------------------------------------------------------ create

/** Inspection columns to write; absent keys are left alone. */
export interface InspectionPatch {
  status?: InspectionStatus;
  startedAt?: string;
  closedAt?: string;
  cancelledReason?: string;
  plannedStart?: string;
  plannedEnd?: string;
  team?: TeamMemberInput[];
}

export type InspectionResult = { ok: true; patch: InspectionPatch; event: InspectionEvent } | Failure;

/**
 * Starts a planned visit (a team member, on site).
 *
 * @example
 * startInspection(planned, { id: "i1", role: "inspector" }, now)
 * // { ok: true, patch: { status: "in_progress", startedAt: now.toISOString() }, event: { action: "start", … } }
 */
export function startInspection(inspection: InspectionState, actor: InspectionActor, now: Date): InspectionResult {
  const allowed = authorize(inspection, "start", actor);
  if (!allowed.ok) return allowed;
  const startedAt = now.toISOString();
  return {
    ok: true,
    patch: { status: "in_progress", startedAt },
    event: { action: "start", before: { status: inspection.status }, after: { status: "in_progress", startedAt } },
  };
}

/**
 * Cancels a planned visit, with a reason (at least `CANCEL_REASON_MIN`
 * characters): a visit taken off the plan must say why, or cancelling
 * becomes a quiet way to spare a unit. Attached leads go back to the
 * unattached pool (the caller detaches them).
 *
 * @example
 * cancelInspection(planned, "  Đơn vị sáp nhập từ 01/7  ", supervisor)
 * // { ok: true, patch: { status: "cancelled", cancelledReason: "Đơn vị sáp nhập từ 01/7" }, event }
 */
export function cancelInspection(
  inspection: InspectionState,
  reason: string,
  actor: InspectionActor,
): InspectionResult {
  const allowed = authorize(inspection, "cancel", actor);
  if (!allowed.ok) return allowed;
  const cancelledReason = cleanText(reason);
  if (cancelledReason.length < CANCEL_REASON_MIN) return fail("invalid", "cancel_reason", ["/reason"]);
  return {
    ok: true,
    patch: { status: "cancelled", cancelledReason },
    event: {
      action: "cancel",
      before: { status: inspection.status },
      after: { status: "cancelled", reason: cancelledReason, detachedLeadIds: [...inspection.leadIds] },
    },
  };
}

/**
 * Replaces the team (a supervisor, before the conclusion). Every conflict
 * of `teamConflicts` is refused at its pointer; an empty team is refused at
 * `/team`, since nobody could then start or conclude the visit.
 *
 * @example
 * editTeam(planned, [{ userId: "u2", role: "head" }], supervisor, { unitAncestry, tiesByUser: { u2: [unitId] } })
 * // { ok: false, error: "invalid", detail: "team_conflict", pointers: ["/team/0/userId"] }
 */
export function editTeam(
  inspection: InspectionState,
  team: readonly TeamMemberInput[],
  actor: InspectionActor,
  context: TeamContext,
): InspectionResult {
  const allowed = authorize(inspection, "edit_team", actor);
  if (!allowed.ok) return allowed;
  if (team.length === 0) return fail("invalid", "team_empty", ["/team"]);
  const conflicts = teamConflicts(team, context.tiesByUser, context.unitAncestry, context.roles);
  if (conflicts.length > 0)
    return fail(
      "invalid",
      "team_conflict",
      conflicts.map((c) => c.pointer),
    );
  return {
    ok: true,
    patch: { team: [...team] },
    event: {
      action: "edit_team",
      before: { team: inspection.team.map((m) => `${m.userId}:${m.role}`) },
      after: { team: team.map((m) => `${m.userId}:${m.role}`) },
    },
  };
}

/**
 * Closes a concluded inspection once every measure is verified (the system
 * does this right after the last verification). Illegal while any measure
 * is not verified.
 *
 * @example
 * closeInspection(concluded, [{ status: "verified" }], now) // { ok: true, patch: { status: "closed", closedAt }, … }
 */
export function closeInspection(
  inspection: InspectionState,
  measures: readonly { status: string }[],
  now: Date,
  actor: InspectionActor = SYSTEM_ACTOR,
): InspectionResult {
  const allowed = authorize(inspection, "close", actor);
  if (!allowed.ok) return allowed;
  if (!measures.every((m) => m.status === "verified")) return fail("illegal", "measures_pending");
  const closedAt = now.toISOString();
  return {
    ok: true,
    patch: { status: "closed", closedAt },
    event: { action: "close", before: { status: inspection.status }, after: { status: "closed", closedAt } },
  };
}
