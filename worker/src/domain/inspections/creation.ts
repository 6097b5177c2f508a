import type { InspectionType, TeamMemberInput } from "../../contracts/inspections";
import type { LeadStatus } from "../../contracts/leads";
import type { InspectionActor, InspectionEvent, InspectionState, TeamContext } from "./lifecycle";
import { cleanText, type Failure, fail, isIsoDate } from "./result";
import { teamConflicts, withMember } from "./team";

// Creating an inspection (a supervisor plans a visit): the window, the
// one scheduled visit per unit and year, the team and the leads it takes.

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

export interface CreateContext extends TeamContext {
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
