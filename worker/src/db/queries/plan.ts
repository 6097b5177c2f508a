import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { inspections, leads, units } from "../schema";
import type { Actor } from "./accounts";
import { type InspectionRow, inspectionVisibleTo, liveAttachment } from "./inspections";
import { visibleTo } from "./recusal";

/**
 * Referred leads not in any live (planned or in progress) inspection, visible
 * to the actor, highest priority first: a lead reopened by a contest and
 * referred again is plannable again, its earlier inspections being history.
 */
export function unattachedLeads(db: Db, actor: Actor) {
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
    .where(and(eq(leads.status, "referred"), isNull(liveAttachment(leads.id)), visibleTo(actor, leads.unitId)))
    .orderBy(desc(leads.priority), asc(leads.id));
}

/** Every inspection of a year the actor may see, by unit name then start, with its lead count. */
export function visitsOfYear(db: Db, actor: Actor, year: number) {
  return db
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
}

/** Every scheduled visit of a year that is not cancelled, whoever may see it. */
export function scheduledVisitsOfYear(db: Db, year: number): Promise<InspectionRow[]> {
  return db
    .select()
    .from(inspections)
    .where(
      and(eq(inspections.year, year), eq(inspections.type, "scheduled"), sql`${inspections.status} <> 'cancelled'`),
    );
}
