import type { BulkMerge, BulkResult, LeadDetail, LeadStatus, Transition } from "../contracts/leads";
import { auditInsert } from "../db/queries/audit";
import {
  findVisibleLead,
  findVisibleLeads,
  leadsUnchanged,
  leadUnchanged,
  reportsOfLeadsWithStatus,
  updateLead,
} from "../db/queries/leads";
import { insertMessage, moveReports, reporterStatusChanges, reportsOfLead } from "../db/queries/reports";
import { type LeadRow, leadWitnesses, toLeadState, unitFindingsLast12Months } from "../db/queries/triage";
import { leadTransitionEvent } from "../db/rows/lead-events";
import { leadTransitionColumns } from "../db/rows/records";
import { mergeInto, rescore } from "../domain/lead-plan";
import { eventIds } from "../domain/notifications";
import { countWitnesses } from "../domain/triage";
import { type ForwardDestination, findRule, transition } from "../domain/workflow";
import { assignmentError, transitionFailureError } from "../http/failures";
import { type Statements, writeGuarded } from "./batch";
import type { ActorContext } from "./context";
import { leadView, requireVisibleLead } from "./leads";
import { flushNotifications, notificationEvent } from "./notifications";
import { forwardDestination } from "./routing";

/**
 * The lead a merge may go into: another lead the actor sees, about the same
 * unit. A lead about another unit would carry its reports past the recusal
 * of inspectors tied to either unit, so it is treated as no target (422).
 */
async function mergeTarget(ctx: ActorContext, lead: LeadRow, input: Transition): Promise<LeadRow | undefined> {
  if (input.to !== "merged" || !input.targetLeadId) return undefined;
  const candidate = await findVisibleLead(ctx.db, ctx.actor, input.targetLeadId);
  return candidate?.unitId === lead.unitId ? candidate : undefined;
}

/** The target of a merge with the merged lead's reports and signals added, re-scored at `ctx.now`. */
async function mergeStatements(
  ctx: ActorContext,
  lead: LeadRow,
  target: LeadRow,
  reportIds: readonly string[],
): Promise<Statements> {
  const at = ctx.now.toISOString();
  const merged = {
    ...mergeInto(toLeadState(target), toLeadState(lead)),
    independentReports: countWitnesses(await leadWitnesses(ctx.db, [target.id, lead.id])),
  };
  const score = rescore(merged, await unitFindingsLast12Months(ctx.db, target.unitId, ctx.now), ctx.now);
  return [
    ...(reportIds.length ? [moveReports(ctx.db, reportIds, target.id)] : []),
    updateLead(ctx.db, target.id, {
      categoryCode: merged.categoryCode,
      severity: merged.severity,
      reportCount: merged.reportCount,
      independentReports: merged.independentReports,
      evidenceCount: merged.evidenceCount,
      businessHarm: merged.businessHarm,
      eligible: merged.eligible,
      lastReportAt: merged.lastReportAt,
      priority: score.priority,
      scoreFactors: JSON.stringify(score.scoreFactors),
      updatedAt: at,
    }),
    auditInsert(ctx.db, {
      actorId: ctx.actor.id,
      actorKind: "user",
      action: "lead.merged_in",
      targetType: "lead",
      targetId: target.id,
      summary: { from: lead.id, reports: reportIds.length },
      at,
    }),
  ];
}

/**
 * `POST /api/leads/{id}/transitions`: one workflow transition (`transition`
 * in the domain decides), with everything it implies, in one batch guarded
 * on the lead being as it was read: the lead's columns, the reporter-visible
 * status and timeline of each of its reports, a question to the reporters
 * when information is requested, the reports moving over on a merge, and the
 * audit event. Illegal → 409, forbidden → 403, missing fields → 422; a
 * concurrent change → 409. Returns the lead page after the change.
 */
export async function transitionLead(ctx: ActorContext, id: string, input: Transition): Promise<LeadDetail> {
  const { db, actor } = ctx;
  const lead = await requireVisibleLead(ctx, id);
  const target = await mergeTarget(ctx, lead, input);
  // the destination is looked up only for a forwarding the actor may make, so a refusal stays a 409 or 403
  const forwarding =
    input.to === "forwarded" && findRule(lead.status as LeadStatus, "forwarded")?.roles.includes(actor.role);
  const destination: ForwardDestination | undefined = forwarding
    ? await forwardDestination(ctx, input.forwardedTo)
    : undefined;
  const result = transition(
    { id: lead.id, status: lead.status as LeadStatus, proposedBy: lead.proposedBy },
    { ...input, target: target ? { id: target.id, status: target.status as LeadStatus } : undefined, destination },
    { id: actor.id, role: actor.role },
  );
  if (!result.ok) throw transitionFailureError(result, ctx.lang);

  const at = ctx.now.toISOString();
  const leadReports = await reportsOfLead(db, lead.id);
  const question = input.to === "info_requested" ? input.reason : undefined;
  const statements: Statements = [
    updateLead(db, lead.id, leadTransitionColumns(lead, result.patch, at)),
    ...reporterStatusChanges(db, leadReports, result.reporterStatus, at),
    ...(question
      ? leadReports.map((report) =>
          insertMessage(db, {
            id: crypto.randomUUID(),
            reportId: report.id,
            sender: "inspector",
            authorUserId: actor.id,
            body: question,
            at,
          }),
        )
      : []),
  ];
  if (result.patch.status === "merged" && target) {
    statements.push(
      ...(await mergeStatements(
        ctx,
        lead,
        target,
        leadReports.map((r) => r.id),
      )),
    );
  }
  if (result.patch.status === "dismissal_proposed") {
    statements.push(
      notificationEvent(ctx, {
        id: eventIds.dismissalAwaitingApproval(lead.id, at),
        kind: "dismissal.awaiting_approval",
        subjectId: lead.id,
        payload: { leadId: lead.id, unitId: lead.unitId },
      }),
    );
  }
  statements.push(auditInsert(db, leadTransitionEvent(actor.id, lead.id, result.event, at)));
  await writeGuarded(db, leadUnchanged(lead), statements);
  await flushNotifications(ctx);
  return leadView(ctx, id);
}

/**
 * `POST /api/leads/bulk/merge`: merge several leads into `targetId` in one
 * batch, each by the same rule as a single merge (`transition` to `merged`:
 * role, state, the target's state), all or nothing. Every lead must be
 * visible (404 otherwise), about the target's unit (422 at `/leadIds`), and
 * not the target itself (422). The target takes every report and signal and
 * is re-scored once; each merged lead gets its `lead.merge` audit row and
 * the target one `lead.merged_in` row per merged lead.
 */
export async function bulkMerge(ctx: ActorContext, input: BulkMerge): Promise<BulkResult> {
  const { db, actor } = ctx;
  const ids = [...new Set(input.leadIds)];
  if (ids.includes(input.targetId))
    throw assignmentError("validation_failed", "bulk_target_in_list", ctx.lang, "/targetId");
  const target = await requireVisibleLead(ctx, input.targetId);
  const sources = await findVisibleLeads(db, actor, ids);
  if (sources.length !== ids.length) throw assignmentError("not_found", "bulk_unknown_leads", ctx.lang);
  if (sources.some((l) => l.unitId !== target.unitId)) {
    throw assignmentError("validation_failed", "bulk_other_unit", ctx.lang, "/leadIds");
  }
  const at = ctx.now.toISOString();
  const allReports = await reportsOfLeadsWithStatus(
    db,
    sources.map((l) => l.id),
  );
  const statements: Statements = [];
  let merged = toLeadState(target);
  for (const lead of sources) {
    const result = transition(
      { id: lead.id, status: lead.status as LeadStatus, proposedBy: lead.proposedBy },
      { to: "merged", targetLeadId: target.id, target: { id: target.id, status: target.status as LeadStatus } },
      { id: actor.id, role: actor.role },
    );
    if (!result.ok) throw transitionFailureError(result, ctx.lang);
    const leadReports = allReports.filter((r) => r.leadId === lead.id);
    merged = mergeInto(merged, toLeadState(lead));
    statements.push(
      updateLead(db, lead.id, {
        ...result.patch,
        updatedAt: at,
        ...(lead.acknowledgedAt ? {} : { acknowledgedAt: at }),
        decidedAt: at,
        overdueSince: null,
      }),
      ...reporterStatusChanges(db, leadReports, result.reporterStatus, at),
      auditInsert(db, {
        actorId: actor.id,
        actorKind: "user",
        action: `lead.${result.event.action}`,
        targetType: "lead",
        targetId: lead.id,
        summary: { before: result.event.before, after: result.event.after, bulk: true },
        at,
      }),
      auditInsert(db, {
        actorId: actor.id,
        actorKind: "user",
        action: "lead.merged_in",
        targetType: "lead",
        targetId: target.id,
        summary: { from: lead.id, reports: leadReports.length, bulk: true },
        at,
      }),
    );
  }
  merged.independentReports = countWitnesses(await leadWitnesses(db, [target.id, ...sources.map((l) => l.id)]));
  const score = rescore(merged, await unitFindingsLast12Months(db, target.unitId, ctx.now), ctx.now);
  statements.push(
    ...(allReports.length
      ? [
          moveReports(
            db,
            allReports.map((r) => r.id),
            target.id,
          ),
        ]
      : []),
    updateLead(db, target.id, {
      categoryCode: merged.categoryCode,
      severity: merged.severity,
      reportCount: merged.reportCount,
      independentReports: merged.independentReports,
      evidenceCount: merged.evidenceCount,
      businessHarm: merged.businessHarm,
      eligible: merged.eligible,
      lastReportAt: merged.lastReportAt,
      priority: score.priority,
      scoreFactors: JSON.stringify(score.scoreFactors),
      updatedAt: at,
    }),
  );
  await writeGuarded(db, leadsUnchanged([target, ...sources]), statements);
  return { count: sources.length, leadIds: sources.map((l) => l.id) };
}
