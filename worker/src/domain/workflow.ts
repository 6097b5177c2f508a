import { DISMISSAL_REASON_CODES, type DismissalReasonCode, type LeadStatus } from "../contracts/leads";
import type { ReportStatus } from "../contracts/reports";
import type { Role } from "./auth-policy";

/**
 * The lead workflow as a pure state machine. Routes call `transition` and
 * turn an error kind into a status: illegal → 409, forbidden → 403,
 * invalid → 422.
 *
 * Who may do what (admins do no casework: they hold the keys to accounts, and
 * letting them decide cases too would let one person create a second account
 * and approve their own dismissal):
 *
 * | from                                | to                  | action            | inspector | supervisor |
 * |-------------------------------------|---------------------|-------------------|-----------|------------|
 * | new                                 | in_review           | review            | yes       | yes        |
 * | in_review                           | info_requested      | request_info      | yes       | yes        |
 * | info_requested                      | in_review           | resume            | yes       | yes        |
 * | in_review                           | referred            | refer             | no        | yes        |
 * | in_review                           | dismissal_proposed  | propose_dismissal | yes       | yes        |
 * | dismissal_proposed                  | dismissed           | approve_dismissal | no        | yes, not the proposer |
 * | dismissal_proposed                  | in_review           | send_back         | no        | yes        |
 * | new, in_review, info_requested      | merged              | merge             | yes       | yes        |
 * | dismissed                           | in_review           | reopen            | no        | yes        |
 * | new, in_review, info_requested      | forwarded           | forward           | no        | yes        |
 *
 * Working the queue (review, questions, proposals, merges) is everyone's;
 * acts that end or escalate a lead (referral, approving or rejecting a
 * dismissal, reopening) are a supervisor's. `referred` and `merged` are final
 * here: the inspection continues a referred lead, and a merged lead's reports
 * live on in its target. Forwarding (chuyển đơn) sends a lead that is not the
 * team's to the competent agency, with a reason and the destination; it ends
 * the lead like a referral, so it is a supervisor's, and it is counted as
 * forwarded, never as dismissed.
 */

export type WorkflowAction =
  | "review"
  | "request_info"
  | "resume"
  | "refer"
  | "propose_dismissal"
  | "approve_dismissal"
  | "send_back"
  | "merge"
  | "reopen"
  | "forward";

/** What a transition requires besides the role. */
type Requirement = "reason" | "reasonCode" | "target" | "notProposer" | "destination";

export interface TransitionRule {
  from: readonly LeadStatus[];
  to: LeadStatus;
  action: WorkflowAction;
  roles: readonly Role[];
  requires: readonly Requirement[];
}

const QUEUE_WORK: readonly Role[] = ["inspector", "supervisor"];
const SUPERVISION: readonly Role[] = ["supervisor"];

/**
 * Every legal transition. A reason is required where someone must be able to
 * tell later why a lead stopped or came back: a proposed dismissal (with its
 * code, counted in the public statistics), a proposal sent back (the proposer
 * learns why), and a reopening.
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  { from: ["new"], to: "in_review", action: "review", roles: QUEUE_WORK, requires: [] },
  { from: ["in_review"], to: "info_requested", action: "request_info", roles: QUEUE_WORK, requires: [] },
  { from: ["info_requested"], to: "in_review", action: "resume", roles: QUEUE_WORK, requires: [] },
  { from: ["in_review"], to: "referred", action: "refer", roles: SUPERVISION, requires: [] },
  {
    from: ["in_review"],
    to: "dismissal_proposed",
    action: "propose_dismissal",
    roles: QUEUE_WORK,
    requires: ["reason", "reasonCode"],
  },
  {
    from: ["dismissal_proposed"],
    to: "dismissed",
    action: "approve_dismissal",
    roles: SUPERVISION,
    requires: ["notProposer"],
  },
  { from: ["dismissal_proposed"], to: "in_review", action: "send_back", roles: SUPERVISION, requires: ["reason"] },
  {
    from: ["new", "in_review", "info_requested"],
    to: "merged",
    action: "merge",
    roles: QUEUE_WORK,
    requires: ["target"],
  },
  { from: ["dismissed"], to: "in_review", action: "reopen", roles: SUPERVISION, requires: ["reason"] },
  {
    from: ["new", "in_review", "info_requested"],
    to: "forwarded",
    action: "forward",
    roles: SUPERVISION,
    requires: ["reason", "destination"],
  },
];

/** A lead may be merged into a lead in one of these states: one still being worked, or already with inspection. */
export const MERGE_TARGET_STATUSES: readonly LeadStatus[] = ["new", "in_review", "info_requested", "referred"];

/**
 * What the reporter sees for each lead status. A proposed dismissal still
 * reads "in_review": the reporter must not learn of a proposal a supervisor
 * may reject. A merged lead shows its target's status.
 */
export const REPORTER_STATUS: Readonly<Record<Exclude<LeadStatus, "merged">, ReportStatus>> = {
  new: "received",
  in_review: "in_review",
  info_requested: "info_requested",
  referred: "referred",
  dismissal_proposed: "in_review",
  dismissed: "not_actionable",
  concluded: "concluded",
  forwarded: "forwarded",
};

/**
 * The reporter-visible status of a report in a lead of `status`.
 *
 * @example
 * reporterStatusFor("dismissal_proposed")    // "in_review"
 * reporterStatusFor("merged", "referred")    // "referred"
 */
export function reporterStatusFor(status: LeadStatus, mergedTargetStatus?: LeadStatus): ReportStatus {
  if (status !== "merged") return REPORTER_STATUS[status];
  if (mergedTargetStatus === undefined || mergedTargetStatus === "merged") return "in_review";
  return REPORTER_STATUS[mergedTargetStatus];
}

export interface WorkflowLead {
  id: string;
  status: LeadStatus;
  /** Who proposed the pending dismissal, if any. */
  proposedBy: string | null;
}

export interface WorkflowActor {
  id: string;
  role: Role;
}

export interface TransitionRequest {
  to: LeadStatus;
  reason?: string;
  reasonCode?: string;
  targetLeadId?: string;
  /** The merge target as loaded by the caller (undefined when not found or not visible). */
  target?: { id: string; status: LeadStatus };
  /** Where a forwarded lead goes, as the caller resolved it: a unit of the directory (with its name), or a name. */
  destination?: ForwardDestination;
}

/** The competent agency a lead is forwarded to. */
export interface ForwardDestination {
  unitId: string | null;
  name: string;
}

/** Lead columns to write. `null` clears a column; absent keys are left alone. */
export interface LeadPatch {
  status: LeadStatus;
  proposedBy?: string | null;
  dismissalReason?: string | null;
  dismissalReasonCode?: DismissalReasonCode | null;
  mergedInto?: string | null;
  forwardedToUnitId?: string | null;
  forwardedToName?: string | null;
  forwardedNote?: string | null;
}

/** Summary for the audit log. */
export interface TransitionEvent {
  action: WorkflowAction;
  before: { status: LeadStatus };
  after: {
    status: LeadStatus;
    reason?: string;
    reasonCode?: DismissalReasonCode;
    targetLeadId?: string;
    forwardedTo?: ForwardDestination;
  };
}

export type TransitionResult =
  | { ok: true; patch: LeadPatch; event: TransitionEvent; reporterStatus: ReportStatus }
  | { ok: false; error: "illegal" | "forbidden" | "invalid"; detail: string; pointers: string[] };

/** The rule for `from → to`, if any. */
export function findRule(from: LeadStatus, to: LeadStatus): TransitionRule | undefined {
  return TRANSITIONS.find((rule) => rule.to === to && rule.from.includes(from));
}

const fail = (
  error: "illegal" | "forbidden" | "invalid",
  detail: string,
  pointers: string[] = [],
): TransitionResult => ({
  ok: false,
  error,
  detail,
  pointers,
});

/**
 * Checks and applies one transition. Checks run in this order, so each
 * failure has one answer: no such transition from this state (illegal), the
 * role may not (forbidden), the proposer approving their own dismissal
 * (forbidden), missing or bad fields (invalid, with JSON pointers), a merge
 * target in a state that cannot take it (illegal).
 *
 * @example
 * transition({ id: "L1", status: "dismissal_proposed", proposedBy: "u1" }, { to: "dismissed" },
 *   { id: "u1", role: "supervisor" })
 * // { ok: false, error: "forbidden", detail: "self_approval", pointers: [] }
 */
export function transition(lead: WorkflowLead, request: TransitionRequest, actor: WorkflowActor): TransitionResult {
  const rule = findRule(lead.status, request.to);
  if (!rule) return fail("illegal", `no_transition:${lead.status}->${request.to}`);
  if (!rule.roles.includes(actor.role)) return fail("forbidden", `role:${actor.role}`);
  if (rule.requires.includes("notProposer") && lead.proposedBy === actor.id) return fail("forbidden", "self_approval");

  const reason = request.reason?.trim() ?? "";
  const pointers: string[] = [];
  if (rule.requires.includes("reason") && reason === "") pointers.push("/reason");
  const reasonCode = DISMISSAL_REASON_CODES.find((code) => code === request.reasonCode);
  if (rule.requires.includes("reasonCode") && !reasonCode) pointers.push("/reasonCode");
  if (rule.requires.includes("target")) {
    const targetId = request.targetLeadId ?? "";
    if (targetId === "" || targetId === lead.id || request.target?.id !== targetId) pointers.push("/targetLeadId");
  }
  if (rule.requires.includes("destination") && !request.destination?.name.trim()) pointers.push("/forwardedTo");
  if (pointers.length > 0) return fail("invalid", "missing_or_invalid", pointers);
  if (rule.requires.includes("target") && request.target && !MERGE_TARGET_STATUSES.includes(request.target.status)) {
    return fail("illegal", `target_status:${request.target.status}`);
  }

  const patch: LeadPatch = { status: rule.to };
  const after: TransitionEvent["after"] = { status: rule.to };
  if (reason !== "") after.reason = reason;
  switch (rule.action) {
    case "propose_dismissal":
      patch.proposedBy = actor.id;
      patch.dismissalReason = reason;
      patch.dismissalReasonCode = reasonCode ?? null;
      if (reasonCode) after.reasonCode = reasonCode;
      break;
    case "send_back":
    case "reopen":
      patch.proposedBy = null;
      patch.dismissalReason = null;
      patch.dismissalReasonCode = null;
      break;
    case "merge":
      patch.mergedInto = request.targetLeadId ?? null;
      after.targetLeadId = request.targetLeadId;
      break;
    case "forward":
      if (request.destination) {
        patch.forwardedToUnitId = request.destination.unitId;
        patch.forwardedToName = request.destination.name;
        patch.forwardedNote = reason;
        after.forwardedTo = request.destination;
      }
      break;
    default:
      break;
  }
  return {
    ok: true,
    patch,
    event: { action: rule.action, before: { status: lead.status }, after },
    reporterStatus: reporterStatusFor(rule.to, request.target?.status),
  };
}

/**
 * The target statuses `actor` could move `lead` to, for the console's buttons.
 * Field checks (reason, target) are left to `transition`.
 *
 * @example
 * allowedTransitions({ id: "L1", status: "in_review", proposedBy: null }, { id: "u2", role: "inspector" })
 * // ["info_requested", "dismissal_proposed", "merged"]
 */
export function allowedTransitions(lead: WorkflowLead, actor: WorkflowActor): LeadStatus[] {
  return TRANSITIONS.filter(
    (rule) =>
      rule.from.includes(lead.status) &&
      rule.roles.includes(actor.role) &&
      !(rule.requires.includes("notProposer") && lead.proposedBy === actor.id),
  ).map((rule) => rule.to);
}
