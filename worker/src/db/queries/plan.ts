import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { InspectionSplit, InspectionStatus, InspectionSummary, Plan, PlanUnit } from "../../contracts/inspections";
import { hanoiDate } from "../../domain/calendar";
import { buildPlan as planFromDomain } from "../../domain/inspections";
import type { Lang } from "../../env";
import { ApiError } from "../../http/errors";
import type { Db } from "../client";
import { inList } from "../in-list";
import { inspectionLeads, inspections, leads, units } from "../schema";
import type { Actor } from "./accounts";
import { auditInsert } from "./audit";
import { guarded, isGuardFailure } from "./guards";
import {
  attachStatements,
  authorizeAction,
  fieldError,
  inspectionSummary,
  inspectionVisibleTo,
  requireInspection,
  runBatch,
  yearOf,
} from "./inspections";
import { insertInspectionStatements, noScheduledVisit, unchanged } from "./inspections-write";
import { visibleTo } from "./recusal";
import { loadCalendar } from "./triage";

/** Referred leads not attached to any inspection, visible to the actor, highest priority first. */
async function unattachedLeads(db: Db, actor: Actor) {
  return db
    .select({
      id: leads.id,
      unitId: leads.unitId,
      unitName: units.name,
      categoryCode: leads.categoryCode,
      priority: leads.priority,
      reportCount: leads.reportCount,
      openedAt: leads.openedAt,
    })
    .from(leads)
    .innerJoin(units, eq(units.id, leads.unitId))
    .leftJoin(inspectionLeads, eq(inspectionLeads.leadId, leads.id))
    .where(and(eq(leads.status, "referred"), isNull(inspectionLeads.leadId), visibleTo(actor, leads.unitId)))
    .orderBy(desc(leads.priority), asc(leads.id));
}

/**
 * `GET /api/plan?year=`: every visible inspection of the year by unit and
 * month (surprise ones only for their team), units with more than one
 * scheduled visit flagged, and the referred leads still waiting for a visit.
 */
export async function getPlan(db: Db, actor: Actor, year: number): Promise<Plan> {
  const rows = await db
    .select({
      id: inspections.id,
      type: inspections.type,
      status: inspections.status,
      unitId: inspections.unitId,
      unitName: units.name,
      plannedStart: inspections.plannedStart,
      plannedEnd: inspections.plannedEnd,
      leadCount: sql<number>`(select count(*) from inspection_leads il where il.inspection_id = "inspections"."id")`,
    })
    .from(inspections)
    .innerJoin(units, eq(units.id, inspections.unitId))
    .where(and(eq(inspections.year, year), inspectionVisibleTo(actor)))
    .orderBy(asc(units.name), asc(inspections.plannedStart));
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
  const waiting = new Map<string, Plan["unattached"][number]>();
  for (const lead of await unattachedLeads(db, actor)) {
    const group = waiting.get(lead.unitId) ?? { unitId: lead.unitId, unitName: lead.unitName, leads: [] };
    group.leads.push({
      id: lead.id,
      categoryCode: lead.categoryCode as Plan["unattached"][number]["leads"][number]["categoryCode"],
      priority: Math.round(lead.priority * 100) / 100,
      reportCount: lead.reportCount,
      openedAt: lead.openedAt,
    });
    waiting.set(lead.unitId, group);
  }
  return { year, units: [...byUnit.values()], unattached: [...waiting.values()] };
}

/**
 * `POST /api/plan/{year}/build`, by `buildPlan` of the domain: each unit
 * with unattached referred leads (visible to the actor) gets its leads
 * attached to its planned scheduled visit of the year, or a new scheduled
 * visit (the actor heading its team) in the earliest month with room, urgent
 * units first, never starting on or before today. Leads that cannot be
 * placed (visit under way, year over) stay unattached on the plan view.
 */
export async function buildPlan(
  db: Db,
  actor: Actor,
  year: number,
  now: Date = new Date(),
): Promise<InspectionSummary[]> {
  const existing = await db
    .select()
    .from(inspections)
    .where(
      and(eq(inspections.year, year), eq(inspections.type, "scheduled"), sql`${inspections.status} <> 'cancelled'`),
    );
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
    { today: hanoiDate(now), calendar: await loadCalendar(db), newId: () => crypto.randomUUID() },
  );
  const at = now.toISOString();
  for (const { inspectionId, leadIds } of result.attached) {
    const row = existing.find((v) => v.id === inspectionId);
    if (!row) continue;
    await runBatch(db, guarded(db, unchanged(row), attachStatements(db, actor, row.id, leadIds, at)), isGuardFailure);
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
      [...visit.leadIds],
      at,
      { builtFromPlan: year },
    );
    try {
      await runBatch(db, guarded(db, noScheduledVisit(visit.unitId, year), statements), isGuardFailure);
      created.push(visit.id);
    } catch (error) {
      // another supervisor planned this unit in the meantime: leave it to them
      if (!(error instanceof ApiError && error.code === "conflict")) throw error;
    }
  }
  return Promise.all(created.map((id) => inspectionSummary(db, id)));
}

/**
 * `POST /api/inspections/{id}/split`: a second visit of the same unit, type
 * and team takes the given leads; it must fall in the same plan year.
 */
export async function splitInspection(
  db: Db,
  actor: Actor,
  id: string,
  input: InspectionSplit,
  lang: Lang,
  now: Date = new Date(),
): Promise<string> {
  const row = await requireInspection(db, actor, id);
  const state = await authorizeAction(db, actor, row, "split", lang);
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
  const team = [...state.team];
  const newId = crypto.randomUUID();
  const at = now.toISOString();
  const statements: BatchItem<"sqlite">[] = [
    db
      .delete(inspectionLeads)
      .where(and(eq(inspectionLeads.inspectionId, id), inList(inspectionLeads.leadId, input.leadIds))),
    db.update(inspections).set({ updatedAt: at }).where(eq(inspections.id, id)),
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
      team,
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
  await runBatch(db, guarded(db, unchanged(row), statements), isGuardFailure);
  return newId;
}
