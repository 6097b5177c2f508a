import type { InspectionDetail, InspectionQuery, InspectionSummary } from "../../contracts/inspections";
import {
  attachedLeads,
  documentsOf,
  findInspectionSummary,
  findingsOfInspection,
  historyOf,
  type InspectionRow,
  listInspections as queryInspections,
  reportsOfLeads,
  teamWithNames,
} from "../../db/queries/inspections";
import { allowedActions } from "../../domain/inspections";
import { ApiError } from "../../http/errors";
import type { ActorContext } from "../context";
import { listMeasures } from "../measures";
import { storedRedaction } from "../redaction";
import { requireInspection, ruleActor } from "./access";

type DetailLead = InspectionDetail["leads"][number];

/** `GET /api/inspections`: visible inspections, latest planned first. */
export function listInspections(ctx: ActorContext, query: InspectionQuery): Promise<InspectionSummary[]> {
  return queryInspections(ctx.db, ctx.actor, query);
}

/** `GET /api/inspections/{id}`: the inspection page, or 404 when the actor may not see it. */
export async function getInspection(ctx: ActorContext, id: string): Promise<InspectionDetail> {
  return inspectionDetail(ctx, await requireInspection(ctx, id));
}

/** One inspection's summary (the id already checked visible). */
export async function inspectionSummary(ctx: ActorContext, id: string): Promise<InspectionSummary> {
  const summary = await findInspectionSummary(ctx.db, id);
  if (!summary) throw new ApiError("not_found");
  return summary;
}

/**
 * Everything the inspection page shows, for an inspection already checked
 * visible: team, leads with their reports and findings, documents, the
 * conclusion, measures with their history, the audit trail and the actions
 * the actor may take now.
 */
export async function inspectionDetail(ctx: ActorContext, row: InspectionRow): Promise<InspectionDetail> {
  const summary = await inspectionSummary(ctx, row.id);
  const [team, attached, findingRows, documents, measures, events] = await Promise.all([
    teamWithNames(ctx.db, row.id),
    attachedLeads(ctx.db, row.id),
    findingsOfInspection(ctx.db, row.id),
    documentsOf(ctx.db, row.id),
    listMeasures(ctx, { inspectionId: row.id }),
    historyOf(ctx.db, "inspection", [row.id]),
  ]);
  const leadIds = attached.map((l) => l.id);
  const reportRows = await reportsOfLeads(ctx.db, leadIds);
  return {
    ...summary,
    createdBy: row.createdBy,
    startedAt: row.startedAt,
    team,
    leads: attached.map((lead): DetailLead => {
      const finding = findingRows.find((f) => f.leadId === lead.id);
      return {
        id: lead.id,
        categoryCode: lead.categoryCode as DetailLead["categoryCode"],
        status: lead.status as DetailLead["status"],
        reports: reportRows
          .filter((r) => r.leadId === lead.id)
          .map(({ trackingCode, description, receivedAt }) => ({ trackingCode, description, receivedAt })),
        finding: finding
          ? {
              leadId: finding.leadId,
              outcome: finding.outcome,
              reasoning: finding.reasoning,
              publicSummary: finding.publicSummary,
              publicSummaryRedaction: storedRedaction(finding.publicSummaryOriginal, finding.publicSummaryRedaction),
              position: finding.position,
              recordedBy: finding.recordedBy,
              recordedAt: finding.recordedAt,
            }
          : null,
      };
    }),
    documents: documents.map((d) => ({
      id: d.id,
      title: d.title,
      contentType: "application/pdf" as const,
      size: d.size,
      sha256: d.sha256,
      uploadedBy: d.uploadedBy,
      createdAt: d.createdAt,
    })),
    conclusion:
      row.conclusion && row.concludedAt && row.concludedBy
        ? {
            conclusion: row.conclusion,
            recommendations: row.recommendations ?? "",
            guidance: row.guidance ?? "",
            concludedAt: row.concludedAt,
            concludedBy: row.concludedBy,
            implemented: row.status === "closed",
          }
        : null,
    measures,
    events: events.map(({ targetId: _t, ...e }) => e),
    allowedActions: allowedActions({ status: summary.status, team, leadIds }, ruleActor(ctx.actor)),
  };
}
