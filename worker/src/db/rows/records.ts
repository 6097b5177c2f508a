import type { Channel } from "../../contracts/channels";
import type { LeadStatus } from "../../contracts/leads";
import type { ReportStatus } from "../../contracts/reports";
import type { NewMeasure, ValidFinding } from "../../domain/inspections";
import type { LeadState } from "../../domain/lead-plan";
import type { findings, inspections, measures, reportEvents, reportMessages, reports } from "../schema";

// The rows the services insert, built from the domain's decisions: pure
// (ids and times come in), so that the seeds write exactly these rows.

/** The `leads` columns of a `LeadState`, for insert (triage opens a lead) or update (a report joins it). */
export function leadRecord(state: LeadState, at: string) {
  return { ...state, scoreFactors: JSON.stringify(state.scoreFactors), updatedAt: at };
}

/** An entry of a report's timeline, as the reporter sees it: a status, at an instant (the Worker writes no note). */
export function reportEventRecord(
  id: string,
  reportId: string,
  status: ReportStatus,
  at: string,
): { id: string; reportId: string; at: string; status: ReportStatus; note: null } {
  return { id, reportId, at, status, note: null } satisfies typeof reportEvents.$inferInsert;
}

/** A message between the inspectors and the reporter of a report; `authorUserId` only for an inspector's. */
export function messageRecord(message: {
  id: string;
  reportId: string;
  sender: "reporter" | "inspector";
  authorUserId?: string | null;
  body: string;
  at: string;
}) {
  return { ...message, authorUserId: message.authorUserId ?? null } satisfies typeof reportMessages.$inferInsert;
}

/** A new planned inspection, as its creator sets it up. */
export function inspectionRecord(
  values: Omit<typeof inspections.$inferInsert, "createdBy" | "createdAt" | "updatedAt" | "status" | "year">,
  createdBy: string,
  at: string,
) {
  return {
    ...values,
    status: "planned" as const,
    year: Number(values.plannedStart.slice(0, 4)),
    createdBy,
    createdAt: at,
    updatedAt: at,
  } satisfies typeof inspections.$inferInsert;
}

/** A corrective measure set by a conclusion, `open`. */
export function measureRecord(id: string, inspectionId: string, measure: NewMeasure, at: string) {
  return { id, inspectionId, ...measure, createdAt: at, updatedAt: at } satisfies typeof measures.$inferInsert;
}

/** The team's side of a redacted public summary: the original and the redaction as JSON. */
export interface RedactedSummary {
  publicSummaryOriginal?: string | null;
  publicSummaryRedaction?: string | null;
}

/** A finding on one attached lead, by the team member who recorded it. */
export function findingRecord(
  id: string,
  target: { inspectionId: string; leadId: string; unitId: string },
  finding: ValidFinding & RedactedSummary & { recordedBy: string; recordedAt: string },
) {
  return { id, ...target, ...finding } satisfies typeof findings.$inferInsert;
}

/** Statuses at which the triage decision has been taken. */
const DECIDED: readonly string[] = ["referred", "dismissed", "merged", "forwarded"];

/**
 * The `leads` columns a workflow transition sets (`transitionLead`): the
 * domain's patch, the first acknowledgement, the decision time (a decision
 * also clears the overdue mark; reopening a dismissal clears the decision).
 */
export function leadTransitionColumns<P extends { status: LeadStatus }>(
  lead: { status: string; acknowledgedAt: string | null },
  patch: P,
  at: string,
) {
  return {
    ...patch,
    updatedAt: at,
    ...(lead.acknowledgedAt ? {} : { acknowledgedAt: at }),
    ...(DECIDED.includes(patch.status) ? { decidedAt: at, overdueSince: null } : {}),
    ...(patch.status === "in_review" && lead.status === "dismissed" ? { decidedAt: null } : {}),
  };
}

/** The `leads` columns of the reporter's answer putting a lead back in review (`replyAsReporter`). */
export function leadResumedColumns(at: string) {
  return { status: "in_review" as const, updatedAt: at };
}

/** A report as the filing use case hands it over: validated, NFC, contact already sealed. */
export interface NewReport {
  id: string;
  /** The opaque id Open311 publishes; when absent the database draws one (trigger). */
  publicId?: string;
  trackingCode: string;
  secretHash: string;
  track: "anonymous" | "named";
  unitId: string;
  categoryCode: string;
  description: string;
  occurredOn?: string;
  procedure?: string;
  officialHint?: string;
  reporterKind: "citizen" | "business" | "organization";
  /** The contact details, AES-GCM sealed (base64 IV and ciphertext). */
  contact?: { iv: string; ciphertext: string };
  /** How it reached the team (`web` unless staff entered it). */
  channel?: Channel;
  /** The staff member who entered a report received by another channel, and when. */
  entered?: { by: string; at: string } | undefined;
  /** Salted hash of who filed it, for counting independent witnesses (null when unknown). */
  witnessKey?: string | null;
  receivedAt: string;
  /** The reporter-visible status at filing: "received" unless it joined a lead further along. */
  status?: ReportStatus;
  /** Where triage placed it and what it found (see queries/triage.ts). */
  triage?: {
    leadId: string;
    suggestedCategory: string | null;
    severity: number;
    eligible: boolean;
    descriptionFolded: string;
    procedureKey: string | null;
    officialKey: string | null;
  };
}

/** The `reports` row of a report being filed (its triage columns included). */
export function reportRecord(report: NewReport) {
  return {
    id: report.id,
    publicId: report.publicId ?? null,
    trackingCode: report.trackingCode,
    secretHash: report.secretHash,
    track: report.track,
    unitId: report.unitId,
    categoryCode: report.categoryCode,
    description: report.description,
    occurredOn: report.occurredOn ?? null,
    procedure: report.procedure ?? null,
    officialHint: report.officialHint ?? null,
    reporterKind: report.reporterKind,
    contactIv: report.contact?.iv ?? null,
    contactCiphertext: report.contact?.ciphertext ?? null,
    channel: report.channel ?? "web",
    enteredBy: report.entered?.by ?? null,
    enteredAt: report.entered?.at ?? null,
    witnessKey: report.witnessKey ?? null,
    status: report.status ?? ("received" as const),
    receivedAt: report.receivedAt,
    updatedAt: report.receivedAt,
    ...report.triage,
  } satisfies typeof reports.$inferInsert;
}

/**
 * The statuses of a filed report's first timeline entries, both at its
 * receipt: "received", then the status of the lead it joined when that lead
 * is further along (the reporter sees it at once).
 */
export function filingEventStatuses(report: Pick<NewReport, "status">): ReportStatus[] {
  return report.status && report.status !== "received" ? ["received", report.status] : ["received"];
}
