import type { InspectionAction, InspectionStatus, InspectionType, TeamMemberInput } from "../../contracts/inspections";
import type { LeadStatus } from "../../contracts/leads";
import type { Role } from "../auth-policy";
import { type AuditEvent, cleanText, type Failure, fail, isIsoDate } from "./result";
import { onTeam, type TiesByUser, teamConflicts, withMember } from "./team";

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

/** A lead named in a create request, as loaded (undefined when not found or not visible to the actor). */
export interface CandidateLead {
  id: string;
  unitId: string;
  status: LeadStatus;
  /** The inspection it is attached to, if any. */
  inspectionId: string | null;
}

export interface CreateRequest {
  type: InspectionType;
  unitId: string;
  plannedStart: string;
  plannedEnd: string;
  scope: string;
  leadIds: readonly string[];
  team: readonly TeamMemberInput[];
}

export interface CreateContext {
  /** The target unit and its ancestors, `[unit, parent, …, root]`. */
  unitAncestry: readonly string[];
  /** Ties of the team members (and anyone else). */
  tiesByUser: TiesByUser;
  /** Roles of enabled accounts; members missing here are refused as `not_staff`. */
  roles?: ReadonlyMap<string, Role>;
  /** The leads named in `leadIds`, by id. */
  leads: ReadonlyMap<string, CandidateLead>;
  /** The unit's inspections (any year, any type). */
  existing: readonly Pick<InspectionState, "id" | "type" | "unitId" | "year" | "status">[];
  now: Date;
}

export interface NewInspection {
  type: InspectionType;
  unitId: string;
  status: "planned";
  year: number;
  plannedStart: string;
  plannedEnd: string;
  scope: string;
  leadIds: string[];
  team: TeamMemberInput[];
  createdBy: string;
  createdAt: string;
}

/**
 * Field errors of a planned window: both real dates, end not before start,
 * both in one year (the framework plan is annual; a visit across 31/12 would
 * belong to two plans). `year`, when given, is the plan year the window must
 * stay in (a move may not leave it).
 *
 * @example
 * windowErrors("2026-12-28", "2027-01-05") // ["/plannedEnd"]
 */
export function windowErrors(plannedStart: string, plannedEnd: string, year?: number): string[] {
  const pointers: string[] = [];
  const startOk = isIsoDate(plannedStart) && (year === undefined || plannedStart.startsWith(`${year}-`));
  if (!startOk) pointers.push("/plannedStart");
  const endOk =
    isIsoDate(plannedEnd) &&
    (!startOk || (plannedEnd >= plannedStart && plannedEnd.slice(0, 4) === plannedStart.slice(0, 4)));
  if (!endOk) pointers.push("/plannedEnd");
  return pointers;
}

/**
 * Whether a unit already has a live scheduled visit in `year` (cancelled
 * visits do not count): the 2024 rule is one framework visit per unit per
 * year, so a unit does not host team after team.
 */
export function hasScheduledVisit(
  existing: readonly Pick<InspectionState, "type" | "unitId" | "year" | "status">[],
  unitId: string,
  year: number,
): boolean {
  return existing.some(
    (i) => i.type === "scheduled" && i.unitId === unitId && i.year === year && i.status !== "cancelled",
  );
}

/**
 * Checks a new inspection. Order: role and recusal (forbidden), fields
 * (invalid: window, scope, every bad lead at `/leadIds/<i>`, every bad team
 * member at `/team/<i>/userId`), then the plan (illegal `plan_conflict`: a
 * second scheduled visit of the unit that year; split the first instead).
 * A lead can be attached when it is referred, about this very unit (a
 * sub-unit has its own visit) and not attached elsewhere. The creator joins
 * the team as a member when not listed.
 *
 * @example
 * createInspection({ type: "surprise", unitId: "u", plannedStart: "2026-03-02", plannedEnd: "2026-03-03",
 *   scope: "Thái độ tiếp dân", leadIds: [], team: [] }, { id: "s1", role: "supervisor" }, context)
 * // { ok: true, inspection: { status: "planned", year: 2026, team: [{ userId: "s1", role: "member" }], … }, event }
 */
export function createInspection(
  request: CreateRequest,
  actor: InspectionActor,
  context: CreateContext,
): { ok: true; inspection: NewInspection; event: InspectionEvent } | Failure {
  if (actor.role !== "supervisor") return fail("forbidden", `role:${actor.role}`);
  if (actor.recused) return fail("forbidden", "recused");

  const pointers = windowErrors(request.plannedStart, request.plannedEnd);
  const scope = cleanText(request.scope);
  if (scope === "") pointers.push("/scope");
  const seen = new Set<string>();
  request.leadIds.forEach((leadId, index) => {
    const lead = context.leads.get(leadId);
    const attachable =
      lead !== undefined &&
      !seen.has(leadId) &&
      lead.status === "referred" &&
      lead.unitId === request.unitId &&
      lead.inspectionId === null;
    seen.add(leadId);
    if (!attachable) pointers.push(`/leadIds/${index}`);
  });
  const team = withMember(request.team, actor.id);
  for (const conflict of teamConflicts(team, context.tiesByUser, context.unitAncestry, context.roles)) {
    // The creator, appended last, is never a body field; their recusal was checked above.
    if (conflict.index < request.team.length) pointers.push(conflict.pointer);
  }
  if (pointers.length > 0) return fail("invalid", "missing_or_invalid", pointers);

  const year = Number(request.plannedStart.slice(0, 4));
  if (request.type === "scheduled" && hasScheduledVisit(context.existing, request.unitId, year)) {
    return fail("illegal", "plan_conflict");
  }
  const inspection: NewInspection = {
    type: request.type,
    unitId: request.unitId,
    status: "planned",
    year,
    plannedStart: request.plannedStart,
    plannedEnd: request.plannedEnd,
    scope,
    leadIds: [...request.leadIds],
    team,
    createdBy: actor.id,
    createdAt: context.now.toISOString(),
  };
  return {
    ok: true,
    inspection,
    event: {
      action: "create",
      before: {},
      after: {
        status: "planned",
        type: request.type,
        unitId: request.unitId,
        plannedStart: request.plannedStart,
        plannedEnd: request.plannedEnd,
        leadIds: inspection.leadIds,
        team: team.map((m) => m.userId),
      },
    },
  };
}

// ------------------------------------------------------------ transitions

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
  context: Pick<CreateContext, "unitAncestry" | "tiesByUser" | "roles">,
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
