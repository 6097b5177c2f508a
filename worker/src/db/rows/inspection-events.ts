import type { InspectionStatus, InspectionType, TeamMemberInput } from "../../contracts/inspections";
import { type AuditEntry, systemEvent, userEvent } from "./audit";

// The audit events of inspections and their corrective measures, as the
// services and the cron write them and the seeds replay them.

const inspection = (id: string) => ({ type: "inspection", id });
const measure = (id: string) => ({ type: "measure", id });

/** A planned inspection created with its team and leads; `extra` adds e.g. `{ plan: year }` for the framework plan. */
export function inspectionCreatedEvent(
  actorId: string,
  values: { id: string; type: InspectionType; unitId: string; plannedStart: string; plannedEnd: string },
  team: readonly Pick<TeamMemberInput, "userId">[],
  leadIds: readonly string[],
  at: string,
  extra: Record<string, unknown> = {},
): AuditEntry {
  return userEvent(
    actorId,
    "inspection.created",
    inspection(values.id),
    {
      type: values.type,
      unitId: values.unitId,
      plannedStart: values.plannedStart,
      plannedEnd: values.plannedEnd,
      team: team.map((m) => m.userId),
      leadIds,
      ...extra,
    },
    at,
  );
}

type Dates = { plannedStart: string; plannedEnd: string };

/** An inspection's dates were set (`moving`: `inspection.moved`) or only its scope or team (`inspection.updated`). */
export function inspectionEditedEvent(
  actorId: string,
  id: string,
  change: { moving: boolean; before: Dates; after: Dates; scope?: boolean; team?: readonly string[] },
  at: string,
): AuditEntry {
  return userEvent(
    actorId,
    change.moving ? "inspection.moved" : "inspection.updated",
    inspection(id),
    {
      before: { plannedStart: change.before.plannedStart, plannedEnd: change.before.plannedEnd },
      after: { plannedStart: change.after.plannedStart, plannedEnd: change.after.plannedEnd },
      ...(change.scope ? { scope: true } : {}),
      ...(change.team ? { team: change.team } : {}),
    },
    at,
  );
}

/** A team member started a planned inspection. */
export function inspectionStartedEvent(actorId: string, id: string, at: string): AuditEntry {
  return userEvent(
    actorId,
    "inspection.started",
    inspection(id),
    { before: { status: "planned" }, after: { status: "in_progress" } },
    at,
  );
}

/** A finding recorded (or replaced: `previous`) on one attached lead; the outcome, never the text. */
export function findingRecordedEvent(
  actorId: string,
  inspectionId: string,
  finding: {
    leadId: string;
    outcome: string;
    previous?: string;
    /** The public summary's redaction: confirmed or not, marks counted by kind (never the text). */
    redaction?: { confirmed: boolean; marks: Record<string, number> };
  },
  at: string,
): AuditEntry {
  return userEvent(
    actorId,
    "inspection.finding_recorded",
    inspection(inspectionId),
    {
      leadId: finding.leadId,
      outcome: finding.outcome,
      ...(finding.previous ? { previous: finding.previous } : {}),
      ...(finding.redaction ? { redaction: finding.redaction } : {}),
    },
    at,
  );
}

/** The conclusion: the inspection's new status, its leads and the measures it set. */
export function inspectionConcludedEvent(
  actorId: string,
  id: string,
  change: {
    before: string;
    after: InspectionStatus | undefined;
    leadIds: readonly string[];
    measureIds: readonly string[];
  },
  at: string,
): AuditEntry {
  return userEvent(
    actorId,
    "inspection.concluded",
    inspection(id),
    {
      before: { status: change.before },
      after: { status: change.after },
      leads: change.leadIds,
      measures: change.measureIds,
    },
    at,
  );
}

/** A corrective measure set by a conclusion. */
export function measureCreatedEvent(
  actorId: string,
  measureId: string,
  m: { inspectionId: string; responsibleUnitId: string; deadline: string },
  at: string,
): AuditEntry {
  return userEvent(
    actorId,
    "measure.created",
    measure(measureId),
    {
      inspectionId: m.inspectionId,
      responsibleUnitId: m.responsibleUnitId,
      deadline: m.deadline,
      after: { status: "open" },
    },
    at,
  );
}

/** What a measure action is called once done. */
export const MEASURE_ACTION_PAST = {
  respond: "responded",
  verify: "verified",
  reject: "rejected",
  mark_overdue: "overdue",
} as const;

/** A team member's act on a measure (`applyMeasureAction`), from the domain's event. */
export function measureActionEvent(
  actorId: string,
  measureId: string,
  action: keyof typeof MEASURE_ACTION_PAST,
  event: { before: unknown; after: unknown },
  at: string,
): AuditEntry {
  return userEvent(
    actorId,
    `measure.${MEASURE_ACTION_PAST[action]}`,
    measure(measureId),
    { before: event.before, after: event.after },
    at,
  );
}

/** The cron found an open measure past its deadline. */
export function measureOverdueEvent(
  measureId: string,
  event: { before: unknown; after: unknown },
  at: string,
): AuditEntry {
  return systemEvent("measure.overdue", measure(measureId), { before: event.before, after: event.after }, at);
}

/** The cron escalated a measure to the supervisors. */
export function measureEscalatedEvent(
  measureId: string,
  escalation: { kind: string; workingDaysLate: number },
  at: string,
): AuditEntry {
  return systemEvent(
    "measure.escalated",
    measure(measureId),
    { to: "supervisors", kind: escalation.kind, workingDaysLate: escalation.workingDaysLate },
    at,
  );
}

/** The last measure verified: the conclusion is implemented and the inspection closed. */
export function inspectionClosedEvent(actorId: string, id: string, measures: number, at: string): AuditEntry {
  return userEvent(
    actorId,
    "inspection.closed",
    inspection(id),
    { before: { status: "concluded" }, after: { status: "closed" }, measures },
    at,
  );
}
