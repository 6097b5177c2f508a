import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { InspectionSplit, InspectionSummary, Plan, PlanUnit } from "../../contracts/inspections";
import { addWorkingDays, hanoiDate, isWorkingDay, type WorkingCalendar } from "../../domain/calendar";
import type { Lang } from "../../env";
import { ApiError } from "../../http/errors";
import type { Db } from "../client";
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

/** The first working day on or after a date. */
function firstWorkingDay(date: string, calendar: WorkingCalendar): string {
  let d = date;
  while (!isWorkingDay(d, calendar)) d = addWorkingDays(d, 1, calendar);
  return d;
}

/** Working days a built visit lasts, its first day included. */
export const VISIT_WORKING_DAYS = 5;

/**
 * `POST /api/plan/{year}/build`: for each unit with unattached referred
 * leads, attaches them to the unit's planned scheduled visit of the year, or
 * creates one (the actor as head of its team). New visits are spread over
 * the remaining months of the year, most urgent unit first, each lasting
 * five working days from the first working day of its month.
 */
export async function buildPlan(
  db: Db,
  actor: Actor,
  year: number,
  now: Date = new Date(),
): Promise<InspectionSummary[]> {
  const calendar = await loadCalendar(db);
  const today = hanoiDate(now);
  const currentYear = yearOf(today);
  if (year < currentYear) return [];
  const firstMonth = year === currentYear ? Number(today.slice(5, 7)) + 1 : 1;
  const months = Array.from({ length: Math.max(0, 13 - firstMonth) }, (_, i) => firstMonth + i);
  const groups = new Map<string, string[]>();
  for (const lead of await unattachedLeads(db, actor))
    groups.set(lead.unitId, [...(groups.get(lead.unitId) ?? []), lead.id]);
  const at = now.toISOString();
  const created: string[] = [];
  let slot = 0;
  for (const [unitId, leadIds] of groups) {
    const [existing] = await db
      .select()
      .from(inspections)
      .where(
        and(
          eq(inspections.unitId, unitId),
          eq(inspections.year, year),
          eq(inspections.type, "scheduled"),
          eq(inspections.status, "planned"),
        ),
      )
      .orderBy(asc(inspections.plannedStart))
      .limit(1);
    if (existing) {
      await runBatch(
        db,
        guarded(db, unchanged(existing), attachStatements(db, actor, existing.id, leadIds, at)),
        isGuardFailure,
      );
      continue;
    }
    const month = months[slot % Math.max(1, months.length)];
    if (month === undefined) break;
    slot += 1;
    const plannedStart = firstWorkingDay(`${year}-${String(month).padStart(2, "0")}-01`, calendar);
    const plannedEnd = addWorkingDays(plannedStart, VISIT_WORKING_DAYS - 1, calendar);
    if (yearOf(plannedEnd) !== year) continue;
    const id = crypto.randomUUID();
    const statements = insertInspectionStatements(
      db,
      actor,
      {
        id,
        type: "scheduled",
        unitId,
        plannedStart,
        plannedEnd,
        scope: `Kiểm tra theo kế hoạch khung năm ${year}: ${leadIds.length} đầu mối phản ánh`,
      },
      [{ userId: actor.id, role: "head" }],
      leadIds,
      at,
      { builtFromPlan: year },
    );
    try {
      await runBatch(db, guarded(db, noScheduledVisit(unitId, year), statements), isGuardFailure);
      created.push(id);
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
      .where(and(eq(inspectionLeads.inspectionId, id), inArray(inspectionLeads.leadId, input.leadIds))),
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
