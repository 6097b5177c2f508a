import type { CategoryCode } from "../contracts/categories";
import type { ForwardedTo, LeadDetail, LeadStatus } from "../contracts/leads";
import { CUSTOM_MESSAGES } from "../contracts/messages";
import type { Routing, Split } from "../contracts/routing";
import { auditInsert } from "../db/queries/audit";
import { leadsUnchanged, leadUnchanged, recusedUnitsAmong, updateLead } from "../db/queries/leads";
import { findLeadReport, reporterStatusChanges } from "../db/queries/reports";
import { insertRoutedLead, leadEverInspected, routableReports, updateReportRouting } from "../db/queries/routing";
import {
  findLead,
  type LeadRow,
  leadWitnesses,
  loadOpenLeads,
  toLeadState,
  unitFindingsLast12Months,
} from "../db/queries/triage";
import { getUnitRow } from "../db/queries/units";
import { leadRecord } from "../db/rows/records";
import { joinLead } from "../domain/lead-plan";
import {
  checkRouting,
  leadForReport,
  type RetriagedReport,
  ROUTABLE_STATUSES,
  rebuildLead,
  retriage,
  retriagedColumns,
} from "../domain/routing";
import { countWitnesses } from "../domain/triage";
import { type ForwardDestination, reporterStatusFor } from "../domain/workflow";
import { ApiError } from "../http/errors";
import { routingError, routingFailureError } from "../http/failures";
import { type Statements, writeGuarded } from "./batch";
import type { ActorContext } from "./context";
import { filingTarget } from "./directory";
import { leadView, requireVisibleLead } from "./leads";

/**
 * Re-routing (issue 12): a lead or one of its reports moved to another unit
 * or category, and a report split out into a lead of its own. Each is one
 * guarded batch: the re-triaged reports, the leads rebuilt from the reports
 * they now hold and re-scored, and the audit rows with the reason. The
 * statistics follow through the rollup triggers on `reports.unit_id`,
 * `reports.category_code`, `leads.unit_id` and `leads.category_code`.
 */

/**
 * The unit a lead or report is routed to: like filing, the unit while it is
 * current or its successor (422 at `/unitId` for an unknown or ended unit),
 * and never a unit the actor is recused from (422: routing there would steer
 * a matter about their own unit).
 */
async function routingUnit(ctx: ActorContext, unitId: string | undefined): Promise<string | undefined> {
  if (unitId === undefined) return undefined;
  const target = await filingTarget(ctx, unitId);
  if (!target.ok) {
    const message = CUSTOM_MESSAGES[target.reason === "ended" ? "unit_ended" : "unknown_unit"][ctx.lang];
    throw new ApiError("validation_failed", { detail: message, errors: [{ pointer: "/unitId", message }] });
  }
  if ((await recusedUnitsAmong(ctx.db, ctx.actor.id, [target.unitId])).length > 0) {
    throw routingError("invalid", "routing_unit_recused", ctx.lang, ["/unitId"]);
  }
  return target.unitId;
}

/**
 * Where a lead is forwarded (chuyển đơn): a unit of the directory, followed to
 * its successor like filing (422 at `/forwardedTo/unitId` when unknown or
 * ended), with its name as the reporter will read it; or an agency outside
 * the directory by name. Undefined when none was given (the transition asks for it).
 */
export async function forwardDestination(
  ctx: ActorContext,
  to: ForwardedTo | undefined,
): Promise<ForwardDestination | undefined> {
  if (to === undefined) return undefined;
  if ("name" in to) return { unitId: null, name: to.name };
  const target = await filingTarget(ctx, to.unitId);
  const unit = target.ok ? await getUnitRow(ctx.db, target.unitId) : undefined;
  if (!target.ok || !unit) {
    const message = CUSTOM_MESSAGES[!target.ok && target.reason === "ended" ? "unit_ended" : "unknown_unit"][ctx.lang];
    throw new ApiError("validation_failed", { detail: message, errors: [{ pointer: "/forwardedTo/unitId", message }] });
  }
  return { unitId: unit.id, name: unit.name };
}

/** An audit row of the actor about a lead. */
function leadAudit(ctx: ActorContext, leadId: string, action: string, summary: Record<string, unknown>) {
  return auditInsert(ctx.db, {
    actorId: ctx.actor.id,
    actorKind: "user",
    action,
    targetType: "lead",
    targetId: leadId,
    summary,
    at: ctx.now.toISOString(),
  });
}

/**
 * `POST /api/leads/{id}/routing`: the lead and all its reports move to the
 * new unit and/or category. Each report is triaged again there (severity,
 * eligibility, suggestion); the lead is rebuilt from them and re-scored with
 * the new unit's findings. Only a lead still in triage and never inspected
 * (409 otherwise); 422 when nothing would change.
 */
export async function routeLead(ctx: ActorContext, id: string, input: Routing): Promise<LeadDetail> {
  const lead = await requireVisibleLead(ctx, id);
  const unitId = await routingUnit(ctx, input.unitId);
  const check = checkRouting(
    lead,
    { unitId, categoryCode: input.categoryCode },
    await leadEverInspected(ctx.db, lead.id),
  );
  if (!check.ok) throw routingFailureError(check, ctx.lang);

  const newUnit = unitId ?? lead.unitId;
  const newCategory = (input.categoryCode ?? lead.categoryCode) as CategoryCode;
  const held = (await routableReports(ctx.db, lead.id)).map((r) =>
    retriage(r, newUnit, input.categoryCode ?? r.categoryCode),
  );
  const findings = await unitFindingsLast12Months(ctx.db, newUnit, ctx.now);
  const next = rebuildLead(toLeadState(lead), newUnit, newCategory, held, findings, ctx.now);
  const at = ctx.now.toISOString();
  await writeGuarded(ctx.db, leadUnchanged(lead), [
    ...held.map((r) => updateReportRouting(ctx.db, r.report.id, retriagedColumns(r), at)),
    updateLead(ctx.db, lead.id, leadRecord(next, at)),
    leadAudit(ctx, lead.id, "lead.routed", {
      reason: input.reason,
      before: { unitId: lead.unitId, categoryCode: lead.categoryCode, priority: lead.priority },
      after: { unitId: newUnit, categoryCode: newCategory, priority: next.priority },
    }),
  ]);
  return leadView(ctx, id);
}

/** A lead and the report of `trackingCode` it holds, both visible to the actor (404 otherwise), with its reports re-read. */
async function leadAndReport(ctx: ActorContext, id: string, trackingCode: string) {
  const lead = await requireVisibleLead(ctx, id);
  const report = await findLeadReport(ctx.db, lead.id, trackingCode);
  if (!report) throw new ApiError("not_found");
  const reports = await routableReports(ctx.db, lead.id);
  const moving = reports.find((r) => r.id === report.id);
  if (!moving) throw new ApiError("not_found");
  const rest = reports.filter((r) => r.id !== report.id);
  if (rest.length === 0) throw routingError("illegal", "routing_only_report", ctx.lang);
  return { lead, moving, rest };
}

/** The lead a report leaves, rebuilt from the reports it keeps, in its unit and category. */
async function remainingLead(ctx: ActorContext, lead: LeadRow, rest: readonly RetriagedReport[]) {
  const findings = await unitFindingsLast12Months(ctx.db, lead.unitId, ctx.now);
  return rebuildLead(toLeadState(lead), lead.unitId, lead.categoryCode as CategoryCode, rest, findings, ctx.now);
}

/**
 * `POST /api/leads/{id}/reports/{trackingCode}/routing`: one report leaves
 * its lead for another unit and/or category. It is triaged again there and
 * clustered like a new filing: into a matching open lead of the new unit
 * (never the lead it leaves), or a new lead that keeps the old lead's status
 * and deadlines. Both leads are rebuilt and re-scored. The lead's only report
 * is a 409 (route the lead instead). Returns the lead it left.
 */
export async function routeReport(
  ctx: ActorContext,
  id: string,
  trackingCode: string,
  input: Routing,
): Promise<LeadDetail> {
  const { lead, moving, rest } = await leadAndReport(ctx, id, trackingCode);
  const unitId = await routingUnit(ctx, input.unitId);
  const check = checkRouting(
    { status: lead.status, unitId: moving.unitId, categoryCode: moving.categoryCode },
    { unitId, categoryCode: input.categoryCode },
    await leadEverInspected(ctx.db, lead.id),
  );
  if (!check.ok) throw routingFailureError(check, ctx.lang);

  const newUnit = unitId ?? moving.unitId;
  const newCategory = input.categoryCode ?? moving.categoryCode;
  const openLeads = (await loadOpenLeads(ctx.db, newUnit, moving.receivedAt)).filter((l) => l.id !== lead.id);
  const moved = retriage(moving, newUnit, newCategory, openLeads);
  const findings = await unitFindingsLast12Months(ctx.db, newUnit, ctx.now);
  const at = ctx.now.toISOString();
  const statements: Statements = [];
  const guard: LeadRow[] = [lead];
  let targetId: string;
  let reporterStatus = reporterStatusFor(lead.status as LeadStatus);
  if (moved.triage.lead.kind === "join") {
    const target = await findLead(ctx.db, moved.triage.lead.leadId);
    if (!target) throw new ApiError("conflict");
    guard.push(target);
    targetId = target.id;
    reporterStatus = reporterStatusFor(target.status as LeadStatus);
    const independent = countWitnesses([
      ...(await leadWitnesses(ctx.db, [target.id])),
      { key: moving.witnessKey, receivedAt: moving.receivedAt, text: moving.description },
    ]);
    const joined = joinLead(toLeadState(target), moved.report, moved.triage, findings, ctx.now, independent);
    statements.push(updateLead(ctx.db, target.id, leadRecord(joined, at)));
  } else {
    targetId = crypto.randomUUID();
    const opened = leadForReport(targetId, newCategory, toLeadState(lead), moved, findings, ctx.now);
    statements.push(insertRoutedLead(ctx.db, opened, lead.acknowledgedAt, at));
  }
  const remaining = await remainingLead(
    ctx,
    lead,
    rest.map((r) => retriage(r, r.unitId, r.categoryCode)),
  );
  const summary = {
    trackingCode: moving.trackingCode,
    reason: input.reason,
    before: { leadId: lead.id, unitId: moving.unitId, categoryCode: moving.categoryCode },
    after: { leadId: targetId, unitId: newUnit, categoryCode: newCategory, joined: moved.triage.lead.kind === "join" },
  };
  statements.push(
    updateReportRouting(ctx.db, moving.id, { ...retriagedColumns(moved), leadId: targetId }, at),
    ...reporterStatusChanges(ctx.db, [moving], reporterStatus, at),
    updateLead(ctx.db, lead.id, leadRecord(remaining, at)),
    leadAudit(ctx, lead.id, "report.routed", summary),
    leadAudit(ctx, targetId, "report.routed_in", summary),
  );
  await writeGuarded(ctx.db, leadsUnchanged(guard), statements);
  return leadView(ctx, id);
}

/**
 * `POST /api/leads/{id}/reports/{trackingCode}/split`: the report becomes a
 * lead of its own about the same unit, in the lead's category, keeping the
 * lead's status, acknowledgement and deadlines; both leads are rebuilt from
 * their reports and re-scored. Only while the lead is in triage (409), never
 * its only report (409). Returns the new lead.
 */
export async function splitReport(
  ctx: ActorContext,
  id: string,
  trackingCode: string,
  input: Split,
): Promise<LeadDetail> {
  const { lead, moving, rest } = await leadAndReport(ctx, id, trackingCode);
  if (!ROUTABLE_STATUSES.includes(lead.status)) throw routingError("illegal", "routing_closed", ctx.lang);
  const findings = await unitFindingsLast12Months(ctx.db, lead.unitId, ctx.now);
  const moved = retriage(moving, moving.unitId, moving.categoryCode);
  const newId = crypto.randomUUID();
  const opened = leadForReport(newId, lead.categoryCode as CategoryCode, toLeadState(lead), moved, findings, ctx.now);
  const remaining = await remainingLead(
    ctx,
    lead,
    rest.map((r) => retriage(r, r.unitId, r.categoryCode)),
  );
  const at = ctx.now.toISOString();
  const summary = { trackingCode: moving.trackingCode, reason: input.reason, from: lead.id, to: newId };
  await writeGuarded(ctx.db, leadUnchanged(lead), [
    insertRoutedLead(ctx.db, opened, lead.acknowledgedAt, at),
    updateReportRouting(ctx.db, moving.id, { ...retriagedColumns(moved), leadId: newId }, at),
    updateLead(ctx.db, lead.id, leadRecord(remaining, at)),
    leadAudit(ctx, lead.id, "report.split", summary),
    leadAudit(ctx, newId, "lead.split_from", summary),
  ]);
  return leadView(ctx, newId);
}
