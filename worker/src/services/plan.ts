import type { BatchItem } from "drizzle-orm/batch";
import type {
  InspectionDetail,
  InspectionSplit,
  InspectionStatus,
  InspectionSummary,
  Plan,
  PlanUnit,
} from "../contracts/inspections";
import { auditInsert } from "../db/queries/audit";
import { attachStatements, noScheduledVisit, unchanged, yearOf } from "../db/queries/inspections";
import { detachLeads, insertInspectionStatements, updateInspection } from "../db/queries/inspections-write";
import { scheduledVisitsOfYear, unattachedLeads, visitsOfYear } from "../db/queries/plan";
import { loadCalendar } from "../db/queries/triage";
import { hanoiDate } from "../domain/calendar";
import { buildPlan as planFromDomain } from "../domain/inspections";
import { ApiError } from "../http/errors";
import { fieldError } from "../http/failures";
import { commitWrite } from "./batch";
import type { ActorContext } from "./context";
import { authorizeAction, requireInspection, requirePermission } from "./inspections/access";
import { getInspection, inspectionSummary } from "./inspections/read";

type WaitingUnit = Plan["unattached"][number];

/**
 * `GET /api/plan?year=`: every visible inspection of the year by unit and
 * month (surprise ones only for their team), units with more than one
 * scheduled visit flagged, and the referred leads still waiting for a visit.
 */
export async function getPlan(ctx: ActorContext, year: number): Promise<Plan> {
  const [rows, waitingLeads] = await Promise.all([
    visitsOfYear(ctx.db, ctx.actor, year),
    unattachedLeads(ctx.db, ctx.actor),
  ]);
  const byUnit = new Map<string, PlanUnit>();
  for (const r of rows) {
    const unit = byUnit.get(r.unitId) ?? { unitId: r.unitId, unitName: r.unitName, plannedTwice: false, visits: [] };
    unit.visits.push({
      inspectionId: r.id,
      type: r.type,
      status: r.status as PlanUnit["visits"][number]["status"],
      month: Number(r.plannedStart.slice(5, 7)),
      plannedStart: r.plannedStart,
      plannedEnd: r.plannedEnd,
      leadCount: Number(r.leadCount),
    });
    byUnit.set(r.unitId, unit);
  }
  for (const unit of byUnit.values()) {
    unit.plannedTwice = unit.visits.filter((v) => v.type === "scheduled" && v.status !== "cancelled").length > 1;
  }
  const waiting = new Map<string, WaitingUnit>();
  for (const lead of waitingLeads) {
    const group = waiting.get(lead.unitId) ?? { unitId: lead.unitId, unitName: lead.unitName, leads: [] };
    group.leads.push({
      id: lead.id,
      categoryCode: lead.categoryCode as WaitingUnit["leads"][number]["categoryCode"],
      priority: Math.round(lead.priority * 100) / 100,
      reportCount: lead.reportCount,
      openedAt: lead.openedAt,
    });
    waiting.set(lead.unitId, group);
  }
  return { year, units: [...byUnit.values()], unattached: [...waiting.values()] };
}

/**
 * `POST /api/plan/{year}/build` (supervisor), by `buildPlan` of the domain:
 * each unit with unattached referred leads (visible to the actor) gets its
 * leads attached to its planned scheduled visit of the year, or a new
 * scheduled visit (the actor heading its team) in the earliest month with
 * room, urgent units first, never starting on or before today. Leads that
 * cannot be placed (visit under way, year over) stay unattached on the plan
 * view. A unit another supervisor planned meanwhile is left to them.
 */
export async function buildPlan(ctx: ActorContext, year: number): Promise<InspectionSummary[]> {
  requirePermission(ctx.actor, "inspections.manage");
  const { db, actor } = ctx;
  const existing = await scheduledVisitsOfYear(db, year);
  const referred = await unattachedLeads(db, actor);
  const result = planFromDomain(
    year,
    [],
    referred.map((l) => ({ id: l.id, unitId: l.unitId, priority: l.priority, openedAt: l.openedAt })),
    existing.map((v) => ({
      id: v.id,
      type: v.type,
      unitId: v.unitId,
      status: v.status as InspectionStatus,
      plannedStart: v.plannedStart,
      plannedEnd: v.plannedEnd,
      leadIds: [],
      team: [],
    })),
    { today: hanoiDate(ctx.now), calendar: await loadCalendar(db, ctx.now), newId: () => crypto.randomUUID() },
  );
  const at = ctx.now.toISOString();
  for (const { inspectionId, leadIds } of result.attached) {
    const row = existing.find((v) => v.id === inspectionId);
    if (!row) continue;
    await commitWrite(db, attachStatements(db, actor, row.id, leadIds, at), unchanged(row));
  }
  const created: string[] = [];
  for (const visit of result.created) {
    const statements = insertInspectionStatements(
      db,
      actor,
      {
        id: visit.id,
        type: "scheduled",
        unitId: visit.unitId,
        plannedStart: visit.plannedStart,
        plannedEnd: visit.plannedEnd,
        scope: `Kiểm tra theo kế hoạch khung năm ${year}: ${visit.leadIds.length} đầu mối phản ánh`,
      },
      [{ userId: actor.id, role: "head" }],
      visit.leadIds,
      at,
      { builtFromPlan: year },
    );
    try {
      await commitWrite(db, statements, noScheduledVisit(visit.unitId, year));
      created.push(visit.id);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === "conflict")) throw error;
    }
  }
  return Promise.all(created.map((id) => inspectionSummary(ctx, id)));
}

/**
 * `POST /api/inspections/{id}/split` (supervisor): a second visit of the
 * same unit, type and team takes the given leads; it must fall in the same
 * plan year and the existing visit keeps at least one lead. Returns the new visit.
 */
export async function splitInspection(
  ctx: ActorContext,
  id: string,
  input: InspectionSplit,
): Promise<InspectionDetail> {
  requirePermission(ctx.actor, "inspections.manage");
  const { db, actor, lang } = ctx;
  const row = await requireInspection(ctx, id);
  const state = await authorizeAction(ctx, row, "split");
  const seen = new Set<string>();
  for (const [i, leadId] of input.leadIds.entries()) {
    if (seen.has(leadId) || !state.leadIds.includes(leadId)) {
      throw fieldError(`/leadIds/${i}`, "lead_not_attached", lang);
    }
    seen.add(leadId);
  }
  // one visit keeps at least one lead: moving them all is a move, not a split
  if (seen.size >= state.leadIds.length) throw fieldError("/leadIds", "split_keeps_one", lang);
  if (yearOf(input.plannedStart) !== row.year) throw fieldError("/plannedStart", "other_year", lang);
  const newId = crypto.randomUUID();
  const at = ctx.now.toISOString();
  const statements: BatchItem<"sqlite">[] = [
    detachLeads(db, id, input.leadIds),
    updateInspection(db, id, {}, at),
    ...insertInspectionStatements(
      db,
      actor,
      {
        id: newId,
        type: row.type,
        unitId: row.unitId,
        plannedStart: input.plannedStart,
        plannedEnd: input.plannedEnd,
        scope: row.scope,
      },
      [...state.team],
      input.leadIds,
      at,
      { splitFrom: id },
    ),
    auditInsert(db, {
      actorId: actor.id,
      actorKind: "user",
      action: "inspection.split",
      targetType: "inspection",
      targetId: id,
      summary: { into: newId, leadIds: input.leadIds },
      at,
    }),
  ];
  await commitWrite(db, statements, unchanged(row));
  return getInspection(ctx, newId);
}
