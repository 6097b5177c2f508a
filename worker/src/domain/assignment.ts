import type { LeadStatus } from "../contracts/leads";
import { can, type Role } from "./auth-policy";

/**
 * Who owns a lead, and who may read its reporters' contact details. Pure: the
 * caller loads the lead, the actor and the proposed assignee (with whether
 * the assignee is recused from the lead's unit) and writes what is allowed.
 */

/** A lead that is over: merged into another, dismissed or concluded. Nobody is assigned to it any more. */
export const CLOSED_LEAD_STATUSES: readonly LeadStatus[] = ["merged", "dismissed", "concluded"];

/** Why an assignment is refused; the key of its message in `i18n/leads.ts` (`ASSIGNMENT_MESSAGES`). */
export type AssignmentProblem =
  | "lead_closed"
  | "already_assigned"
  | "not_yours"
  | "unknown_staff"
  | "account_disabled"
  | "not_casework"
  | "recused"
  | "inspection_closed"
  | "inspection_already_assigned"
  | "inspection_not_yours"
  | "inspection_recused"
  | "not_on_team";

export type AssignmentResult =
  | { ok: true; change: boolean }
  | { ok: false; error: "illegal" | "forbidden" | "invalid"; detail: AssignmentProblem };

/** The account proposed as assignee, as loaded: `undefined` when no such account exists. */
export interface AssigneeCandidate {
  id: string;
  role: Role;
  disabled: boolean;
  /** Tied to the lead's unit or a unit above it. */
  recused: boolean;
}

const refuse = (error: "illegal" | "forbidden" | "invalid", detail: AssignmentProblem): AssignmentResult => ({
  ok: false,
  error,
  detail,
});

/**
 * Whether `actor` may set the lead's assignee to `assigneeId` (`null`
 * releases it). Supervisors assign, reassign and release any open lead;
 * an inspector may take an unassigned lead for themselves and release their
 * own. The assignee must be an active inspector or supervisor not recused
 * from the lead's unit. Checks run in this order: lead closed (409), role
 * (403), lead already someone else's (409), assignee unknown, disabled, not
 * casework staff, recused (422 at `/assigneeId`). Setting the current
 * assignee again is allowed and changes nothing.
 *
 * @example
 * mayAssign({ status: "new", assigneeId: null }, { id: "u1", role: "inspector" }, "u1", candidate)
 * // { ok: true, change: true }
 */
export function mayAssign(
  lead: { status: LeadStatus; assigneeId: string | null },
  actor: { id: string; role: Role },
  assigneeId: string | null,
  candidate: AssigneeCandidate | undefined,
): AssignmentResult {
  if (CLOSED_LEAD_STATUSES.includes(lead.status)) return refuse("illegal", "lead_closed");
  if (!can(actor.role, "leads.assign")) {
    const takes = assigneeId === actor.id;
    const releasesOwn = assigneeId === null && lead.assigneeId === actor.id;
    if (!takes && !releasesOwn) return refuse("forbidden", "not_yours");
    if (takes && lead.assigneeId !== null && lead.assigneeId !== actor.id) return refuse("illegal", "already_assigned");
  }
  if (assigneeId === lead.assigneeId) return { ok: true, change: false };
  if (assigneeId === null) return { ok: true, change: true };
  if (!candidate) return refuse("invalid", "unknown_staff");
  if (candidate.disabled) return refuse("invalid", "account_disabled");
  if (!can(candidate.role, "leads.triage")) return refuse("invalid", "not_casework");
  if (candidate.recused) return refuse("invalid", "recused");
  return { ok: true, change: true };
}

/** An inspection that is over: closed after its measures, or cancelled. Nobody is assigned to it any more. */
export const CLOSED_INSPECTION_STATUSES: readonly string[] = ["closed", "cancelled"];

/**
 * Whether `actor` may set the inspection's assignee (the inspector in
 * charge) to `assigneeId` (`null` releases it): the same rules as for a lead
 * (`mayAssign`), with `inspections.assign` as the supervisors' permission and
 * `inspections.conduct` as what the assignee must hold. A surprise
 * inspection is known only to its team, so its assignee must be on the team.
 * Order: inspection over (409), role (403), someone else's (409), assignee
 * unknown, disabled, not casework, recused, off a surprise team (422).
 *
 * @example
 * mayAssignInspection({ status: "planned", type: "scheduled", assigneeId: null, teamIds: [] },
 *   { id: "u1", role: "inspector" }, "u1", candidate) // { ok: true, change: true }
 */
export function mayAssignInspection(
  inspection: { status: string; type: string; assigneeId: string | null; teamIds: readonly string[] },
  actor: { id: string; role: Role },
  assigneeId: string | null,
  candidate: AssigneeCandidate | undefined,
): AssignmentResult {
  if (CLOSED_INSPECTION_STATUSES.includes(inspection.status)) return refuse("illegal", "inspection_closed");
  if (!can(actor.role, "inspections.assign")) {
    const takes = assigneeId === actor.id;
    const releasesOwn = assigneeId === null && inspection.assigneeId === actor.id;
    if (!takes && !releasesOwn) return refuse("forbidden", "inspection_not_yours");
    if (takes && inspection.assigneeId !== null && inspection.assigneeId !== actor.id) {
      return refuse("illegal", "inspection_already_assigned");
    }
  }
  if (assigneeId === inspection.assigneeId) return { ok: true, change: false };
  if (assigneeId === null) return { ok: true, change: true };
  if (!candidate) return refuse("invalid", "unknown_staff");
  if (candidate.disabled) return refuse("invalid", "account_disabled");
  if (!can(candidate.role, "inspections.conduct")) return refuse("invalid", "not_casework");
  if (candidate.recused) return refuse("invalid", "inspection_recused");
  if (inspection.type === "surprise" && !inspection.teamIds.includes(candidate.id)) {
    return refuse("invalid", "not_on_team");
  }
  return { ok: true, change: true };
}

/**
 * Whether the actor may decrypt the contact details of the lead's reporters:
 * its assignee, or a role holding `contacts.read` (supervisors). Everyone
 * else who sees the lead sees only that a contact exists.
 *
 * @example
 * mayViewContacts({ assigneeId: "u1" }, { id: "u2", role: "inspector" }) // false
 */
export function mayViewContacts(lead: { assigneeId: string | null }, actor: { id: string; role: Role }): boolean {
  return can(actor.role, "contacts.read") || (lead.assigneeId !== null && lead.assigneeId === actor.id);
}
