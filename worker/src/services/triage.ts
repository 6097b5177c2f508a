import type { SQL } from "drizzle-orm";
import type { LeadStatus } from "../contracts/leads";
import type { ReportStatus } from "../contracts/reports";
import { auditInsert } from "../db/queries/audit";
import { updateLead } from "../db/queries/leads";
import { type ReportRow, setReportEligible } from "../db/queries/reports";
import {
  findLead,
  insertLead,
  leadEvidenceCounts,
  leadWitnesses,
  loadCalendar,
  loadOpenLeads,
  toLeadState,
  unitFindingsLast12Months,
} from "../db/queries/triage";
import { leadOpenedEvent, reportJoinedEvent } from "../db/rows/lead-events";
import { leadRecord } from "../db/rows/records";
import { joinLead, openLead, type PlacedReport, rescore } from "../domain/lead-plan";
import { assessSpecificity, countWitnesses, type Triage, triageReport } from "../domain/triage";
import { reporterStatusFor } from "../domain/workflow";
import type { Statements } from "./batch";
import type { ServiceContext } from "./context";
import { deadlineDays } from "./settings";

/**
 * Where a report goes in the triage queue: the lead it joins or opens when
 * filed, and what its evidence changes later. These plan statements for the
 * batch of the use case that calls them; they write nothing themselves.
 */

/** The triage outcome and the statements that place a report, for the filing batch. */
export interface TriagePlan {
  triage: Triage;
  leadId: string;
  /** What the reporter sees at once: "received", or the status of the lead the report joined. */
  reporterStatus: ReportStatus;
  /** The priority of the lead this report opened; null when it joined one. */
  openedPriority: number | null;
  reportColumns: {
    leadId: string;
    suggestedCategory: string | null;
    severity: number;
    eligible: boolean;
    descriptionFolded: string;
    procedureKey: string | null;
    officialKey: string | null;
  };
  statements: Statements;
}

/** A report being filed, as triage reads it. */
export type FiledReport = PlacedReport & {
  id: string;
  trackingCode: string;
  description: string;
  procedure?: string | null;
  officialHint?: string | null;
  occurredOn?: string | null;
  /** Salted hash of who filed it (`witnessKeyOf`), null when unknown. */
  witnessKey: string | null;
};

/**
 * Triages a report being filed at `ctx.now`: reads the open leads it could
 * join, runs the pure engine, and returns the lead insert or update plus its
 * audit event, to go in the same D1 batch as the report.
 */
export async function planTriage(ctx: ServiceContext, report: FiledReport): Promise<TriagePlan> {
  const { db, now } = ctx;
  const [openLeads, calendar, findings, deadlines] = await Promise.all([
    loadOpenLeads(db, report.unitId, report.receivedAt),
    loadCalendar(db, now),
    unitFindingsLast12Months(db, report.unitId, now),
    deadlineDays(ctx),
  ]);
  const triage = triageReport({ ...report, openLeads });
  const at = now.toISOString();
  const statements: Statements = [];
  let leadId: string;
  let reporterStatus: ReportStatus = "received";
  let openedPriority: number | null = null;
  if (triage.lead.kind === "join") {
    leadId = triage.lead.leadId;
    const row = await findLead(db, leadId);
    if (!row) throw new Error(`lead ${leadId} vanished during triage`);
    reporterStatus = reporterStatusFor(row.status as LeadStatus);
    const witnesses = await leadWitnesses(db, [leadId]);
    const independent = countWitnesses([
      ...witnesses,
      { key: report.witnessKey, receivedAt: report.receivedAt, text: report.description },
    ]);
    const next = joinLead(toLeadState(row), report, triage, findings, now, independent);
    statements.push(
      updateLead(db, leadId, leadRecord(next, at)),
      auditInsert(
        db,
        reportJoinedEvent({
          leadId,
          trackingCode: report.trackingCode,
          decision: triage.lead,
          before: row,
          after: next,
          at,
        }),
      ),
    );
  } else {
    leadId = crypto.randomUUID();
    const state = openLead(leadId, report, triage, calendar, findings, now, deadlines);
    openedPriority = state.priority;
    statements.push(
      insertLead(db, state, at),
      auditInsert(
        db,
        leadOpenedEvent({ leadId, trackingCode: report.trackingCode, triage, priority: state.priority, at }),
      ),
    );
  }
  return {
    triage,
    leadId,
    reporterStatus,
    openedPriority,
    reportColumns: {
      leadId,
      suggestedCategory: triage.suggestion.code,
      severity: triage.severity.value,
      eligible: triage.specificity.eligible,
      descriptionFolded: triage.text.folded,
      procedureKey: triage.procedureKey,
      officialKey: triage.officialKey,
    },
    statements,
  };
}

/**
 * What one more evidence file on `report` changes, planned at `ctx.now`: the
 * report may now be eligible for verification (Article 25), and its lead's
 * counts are re-derived from its reports and files and re-scored, so
 * counters that two simultaneous writes raced on heal themselves. Every
 * statement applies only when `stored` (the file's row exists) holds in the
 * same batch.
 */
export async function planEvidence(
  ctx: ServiceContext,
  report: ReportRow,
  filesBefore: number,
  stored: SQL,
): Promise<Statements> {
  const specificity = assessSpecificity({
    unitId: report.unitId,
    procedure: report.procedure,
    official: report.officialKey ?? report.officialHint,
    occurredOn: report.occurredOn,
    evidenceCount: filesBefore + 1,
  });
  const statements: Statements = [setReportEligible(ctx.db, report.id, specificity.eligible, stored)];
  const lead = report.leadId ? await findLead(ctx.db, report.leadId) : undefined;
  if (!lead) return statements;
  const counts = await leadEvidenceCounts(ctx.db, lead.id, report.id);
  const next = {
    ...toLeadState(lead),
    reportCount: Math.max(1, counts.reportCount),
    evidenceCount: counts.files + 1,
    eligible: counts.othersEligible || specificity.eligible,
  };
  const score = rescore(next, await unitFindingsLast12Months(ctx.db, lead.unitId, ctx.now), ctx.now);
  statements.push(
    updateLead(
      ctx.db,
      lead.id,
      {
        reportCount: next.reportCount,
        evidenceCount: next.evidenceCount,
        eligible: next.eligible,
        priority: score.priority,
        scoreFactors: JSON.stringify(score.scoreFactors),
      },
      stored,
    ),
  );
  return statements;
}
