import type { FindingOutcome } from "../../contracts/inspections";
import type { LeadStatus } from "../../contracts/leads";
import type { Triage } from "../../domain/triage";
import type { TransitionEvent } from "../../domain/workflow";
import { type AuditEntry, systemEvent, userEvent } from "./audit";

// The audit events of a lead's timeline, as the services write them and the
// seeds replay them: one builder per action, pure (ids and times come in).

const lead = (id: string) => ({ type: "lead", id });

/** Triage opened a lead for a report (`planTriage`). */
export function leadOpenedEvent(input: {
  leadId: string;
  trackingCode: string;
  triage: Pick<Triage, "severity" | "suggestion" | "specificity">;
  priority: number;
  at: string;
}): AuditEntry {
  const { triage } = input;
  return systemEvent(
    "lead.opened",
    lead(input.leadId),
    {
      trackingCode: input.trackingCode,
      severity: triage.severity,
      suggestion: triage.suggestion.differs ? triage.suggestion.code : null,
      eligible: triage.specificity.eligible,
      missing: triage.specificity.missing,
      after: { status: "new", priority: input.priority },
    },
    input.at,
  );
}

/** Triage joined a report to an open lead (`planTriage`). */
export function reportJoinedEvent(input: {
  leadId: string;
  trackingCode: string;
  decision: { similarity: number; matchedOn: unknown };
  before: { reportCount: number; priority: number };
  after: { reportCount: number; independentReports: number; priority: number };
  at: string;
}): AuditEntry {
  return systemEvent(
    "lead.report_joined",
    lead(input.leadId),
    {
      trackingCode: input.trackingCode,
      similarity: input.decision.similarity,
      matchedOn: input.decision.matchedOn,
      before: { reportCount: input.before.reportCount, priority: input.before.priority },
      after: {
        reportCount: input.after.reportCount,
        independentReports: input.after.independentReports,
        priority: input.after.priority,
      },
    },
    input.at,
  );
}

/** A workflow transition by a staff member (`transitionLead`), from the domain's event. */
export function leadTransitionEvent(
  actorId: string,
  leadId: string,
  event: Pick<TransitionEvent, "action" | "before" | "after">,
  at: string,
): AuditEntry {
  return userEvent(actorId, `lead.${event.action}`, lead(leadId), { before: event.before, after: event.after }, at);
}

/** The reporter's answer put a lead waiting for information back in review (`replyAsReporter`). */
export function reporterResumedEvent(leadId: string, at: string): AuditEntry {
  return {
    actorId: null,
    actorKind: "reporter",
    action: "lead.resume",
    targetType: "lead",
    targetId: leadId,
    summary: { before: { status: "info_requested" }, after: { status: "in_review" }, cause: "reporter_reply" },
    at,
  };
}

/** The cron marked a lead that missed a deadline (`markOverdueLeads`). */
export function leadOverdueEvent(
  row: { id: string; status: string; ackDueAt: string; dueAt: string },
  deadline: "acknowledgement" | "decision",
  at: string,
): AuditEntry {
  return systemEvent(
    "lead.overdue",
    lead(row.id),
    { deadline, dueAt: deadline === "decision" ? row.dueAt : row.ackDueAt, status: row.status },
    at,
  );
}

/** The deadline a lead late at `at` has missed: its decision's when that is past, else its acknowledgement's. */
export function missedDeadline(row: { dueAt: string }, at: string): "acknowledgement" | "decision" {
  return row.dueAt < at ? "decision" : "acknowledgement";
}

/** A lead attached to an inspection (creating or editing it). */
export function leadAttachedEvent(actorId: string, leadId: string, inspectionId: string, at: string): AuditEntry {
  return userEvent(actorId, "lead.attached", lead(leadId), { inspectionId }, at);
}

/** A lead concluded with its inspection's finding (`concludeInspection`). */
export function leadConcludedEvent(
  actorId: string,
  leadId: string,
  input: { before: LeadStatus | string | undefined; inspectionId: string; outcome: FindingOutcome | string },
  at: string,
): AuditEntry {
  return userEvent(
    actorId,
    "lead.concluded",
    lead(leadId),
    {
      before: { status: input.before },
      after: { status: "concluded" },
      inspectionId: input.inspectionId,
      outcome: input.outcome,
    },
    at,
  );
}
