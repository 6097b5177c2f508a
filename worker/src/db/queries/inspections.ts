import { and, asc, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { InspectionQuery, InspectionStatus, InspectionSummary, InspectionType } from "../../contracts/inspections";
import type { InspectionState } from "../../domain/inspections";
import type { Db } from "../client";
import { inList } from "../in-list";
import { leadAttachedEvent } from "../rows/lead-events";
import {
  auditLog,
  findings,
  inspectionDocuments,
  inspectionLeads,
  inspectionMembers,
  inspections,
  leads,
  reports,
  units,
  users,
} from "../schema";
import type { Actor } from "./accounts";
import { auditInsert } from "./audit";
import { guarded } from "./guards";
import { visibleTo } from "./recusal";

/** A row of `inspections`. */
export type InspectionRow = typeof inspections.$inferSelect;

/**
 * The condition every inspection read adds: recusal on the inspected unit,
 * and surprise inspections only for their own team (nobody else, not even
 * other supervisors, learns of them).
 */
export function inspectionVisibleTo(actor: Actor): SQL {
  return and(
    visibleTo(actor, inspections.unitId),
    sql`(${inspections.type} <> 'surprise' or exists (select 1 from inspection_members im where im.inspection_id = "inspections"."id" and im.user_id = ${actor.id}))`,
  ) as SQL;
}

/** The inspection row if the actor may see it; undefined otherwise. */
export async function findVisibleInspection(db: Db, actor: Actor, id: string): Promise<InspectionRow | undefined> {
  const [row] = await db
    .select()
    .from(inspections)
    .where(and(eq(inspections.id, id), inspectionVisibleTo(actor)))
    .limit(1);
  return row;
}

const leadCount = sql<number>`(select count(*) from inspection_leads il where il.inspection_id = "inspections"."id")`;

const summaryColumns = {
  id: inspections.id,
  type: inspections.type,
  unitId: inspections.unitId,
  unitName: units.name,
  status: inspections.status,
  year: inspections.year,
  plannedStart: inspections.plannedStart,
  plannedEnd: inspections.plannedEnd,
  scope: inspections.scope,
  leadCount,
  createdAt: inspections.createdAt,
  assigneeId: inspections.assigneeId,
  assigneeName: sql<string | null>`(select u.display_name from users u where u.id = "inspections"."assignee_id")`,
};

function toSummary(row: {
  id: string;
  type: InspectionType;
  unitId: string;
  unitName: string;
  status: string;
  year: number;
  plannedStart: string;
  plannedEnd: string;
  scope: string;
  leadCount: number;
  createdAt: string;
  assigneeId: string | null;
  assigneeName: string | null;
}): InspectionSummary {
  const { assigneeId, assigneeName, ...rest } = row;
  return {
    ...rest,
    status: row.status as InspectionStatus,
    leadCount: Number(row.leadCount),
    assignee: assigneeId ? { id: assigneeId, name: assigneeName ?? assigneeId } : null,
  };
}

/** Visible inspections matching the filters, latest planned first (at most 1 000). */
export async function listInspections(db: Db, actor: Actor, query: InspectionQuery): Promise<InspectionSummary[]> {
  const conditions: SQL[] = [inspectionVisibleTo(actor)];
  if (query.year) conditions.push(eq(inspections.year, query.year));
  if (query.type) conditions.push(eq(inspections.type, query.type));
  if (query.status) conditions.push(eq(inspections.status, query.status));
  if (query.unitId) conditions.push(eq(inspections.unitId, query.unitId));
  // `me` is resolved to the actor's id by the service; `none` is the unassigned inspections.
  if (query.assignee === "none") conditions.push(isNull(inspections.assigneeId));
  else if (query.assignee) conditions.push(eq(inspections.assigneeId, query.assignee));
  const rows = await db
    .select(summaryColumns)
    .from(inspections)
    .innerJoin(units, eq(units.id, inspections.unitId))
    .where(and(...conditions))
    .orderBy(desc(inspections.plannedStart), asc(inspections.id))
    .limit(1000);
  return rows.map(toSummary);
}

/** One inspection's summary (the id already checked visible), or undefined. */
export async function findInspectionSummary(db: Db, id: string): Promise<InspectionSummary | undefined> {
  const [row] = await db
    .select(summaryColumns)
    .from(inspections)
    .innerJoin(units, eq(units.id, inspections.unitId))
    .where(eq(inspections.id, id))
    .limit(1);
  return row ? toSummary(row) : undefined;
}

/** Audit events about targets, oldest first, in the shape of lead events. */
export async function historyOf(db: Db, targetType: string, ids: string[]) {
  if (!ids.length) return [];
  const rows = await db
    .select({
      targetId: auditLog.targetId,
      at: auditLog.at,
      action: auditLog.action,
      actor: users.displayName,
      summary: auditLog.summary,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.targetType, targetType), inList(auditLog.targetId, ids)))
    .orderBy(asc(auditLog.at), asc(sql`"audit_log".rowid`));
  return rows.map((e) => ({
    targetId: e.targetId,
    at: e.at,
    action: e.action,
    actor: e.actor,
    summary: JSON.parse(e.summary) as Record<string, unknown>,
  }));
}

/** An inspection's team with names, heads first. */
export function teamWithNames(db: Db, inspectionId: string) {
  return db
    .select({ userId: inspectionMembers.userId, displayName: users.displayName, role: inspectionMembers.role })
    .from(inspectionMembers)
    .innerJoin(users, eq(users.id, inspectionMembers.userId))
    .where(eq(inspectionMembers.inspectionId, inspectionId))
    .orderBy(asc(inspectionMembers.role), asc(users.displayName));
}

/** An inspection's team as the domain rules need it. */
export function teamOf(db: Db, inspectionId: string) {
  return db
    .select({ userId: inspectionMembers.userId, role: inspectionMembers.role })
    .from(inspectionMembers)
    .where(eq(inspectionMembers.inspectionId, inspectionId));
}

/** The leads attached to an inspection, oldest first. */
export function attachedLeads(db: Db, inspectionId: string) {
  return db
    .select({ id: leads.id, categoryCode: leads.categoryCode, status: leads.status })
    .from(inspectionLeads)
    .innerJoin(leads, eq(leads.id, inspectionLeads.leadId))
    .where(eq(inspectionLeads.inspectionId, inspectionId))
    .orderBy(asc(leads.openedAt));
}

/** The findings recorded on an inspection. */
export function findingsOfInspection(db: Db, inspectionId: string) {
  return db.select().from(findings).where(eq(findings.inspectionId, inspectionId));
}

/** An inspection's documents, oldest first. */
export function documentsOf(db: Db, inspectionId: string) {
  return db
    .select()
    .from(inspectionDocuments)
    .where(eq(inspectionDocuments.inspectionId, inspectionId))
    .orderBy(asc(inspectionDocuments.createdAt));
}

/** The reports of some leads, oldest first, as the inspection page lists them. */
export async function reportsOfLeads(db: Db, leadIds: readonly string[]) {
  if (!leadIds.length) return [];
  return db
    .select({
      leadId: reports.leadId,
      trackingCode: reports.trackingCode,
      description: reports.description,
      receivedAt: reports.receivedAt,
    })
    .from(reports)
    .where(inList(reports.leadId, leadIds))
    .orderBy(asc(reports.receivedAt));
}

/** Whether the unit exists and the actor is not recused from it. */
export async function isUnitVisible(db: Db, actor: Pick<Actor, "id">, unitId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.id, unitId), visibleTo(actor as Actor, units.id)))
    .limit(1);
  return row !== undefined;
}

/** The role and state of an account proposed for a team, or undefined for an unknown id. */
export async function teamCandidate(db: Db, userId: string) {
  const [user] = await db
    .select({ role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return user;
}

/**
 * SQL that is the id of the live (planned or in progress) inspection a lead
 * is attached to, or null. Attachments to concluded or closed inspections are
 * history: a lead reopened by a contest and referred again may be attached to
 * a new inspection (re-inspection).
 */
export function liveAttachment(leadId: SQL | SQLiteColumn | string): SQL<string | null> {
  return sql<
    string | null
  >`(select il.inspection_id from inspection_leads il join inspections i on i.id = il.inspection_id where il.lead_id = ${leadId} and i.status in ('planned', 'in_progress') limit 1)`;
}

/** A lead proposed for an inspection, if visible to the actor, with the live inspection it is attached to. */
export async function leadForAttachment(db: Db, actor: Actor, leadId: string) {
  const [lead] = await db
    .select({
      id: leads.id,
      status: leads.status,
      unitId: leads.unitId,
      attached: liveAttachment(leadId),
    })
    .from(leads)
    .where(and(eq(leads.id, leadId), visibleTo(actor, leads.unitId)))
    .limit(1);
  return lead;
}

/** The scheduled visits of a unit in a year (not cancelled). */
export async function scheduledVisits(db: Db, unitId: string, year: number): Promise<InspectionRow[]> {
  return db
    .select()
    .from(inspections)
    .where(
      and(
        eq(inspections.unitId, unitId),
        eq(inspections.year, year),
        eq(inspections.type, "scheduled"),
        sql`${inspections.status} <> 'cancelled'`,
      ),
    )
    .orderBy(asc(inspections.plannedStart));
}

/** The year of a `YYYY-MM-DD` date. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/**
 * Statements attaching leads to an inspection, each audited on the lead's own
 * timeline, each guarded so that a lead already in another live inspection
 * makes the whole batch roll back.
 */
export function attachStatements(
  db: Db,
  actor: Pick<Actor, "id">,
  inspectionId: string,
  leadIds: readonly string[],
  at: string,
): BatchItem<"sqlite">[] {
  return leadIds.flatMap((leadId) => [
    // A lead is in one live inspection at a time: a concurrent attachment elsewhere rolls the batch back (409).
    ...guarded(db, sql`${liveAttachment(leadId)} is null`, [
      db.insert(inspectionLeads).values({ inspectionId, leadId }),
    ]),
    db.update(leads).set({ updatedAt: at }).where(eq(leads.id, leadId)),
    auditInsert(db, leadAttachedEvent(actor.id, leadId, inspectionId, at)),
  ]);
}

/** The inspection as the domain rules need it: with its team and attached leads. */
export async function inspectionState(db: Db, row: InspectionRow): Promise<InspectionState> {
  const [team, attached] = await Promise.all([
    teamOf(db, row.id),
    db.select({ leadId: inspectionLeads.leadId }).from(inspectionLeads).where(eq(inspectionLeads.inspectionId, row.id)),
  ]);
  return {
    id: row.id,
    type: row.type,
    status: row.status as InspectionStatus,
    unitId: row.unitId,
    year: row.year,
    plannedStart: row.plannedStart,
    plannedEnd: row.plannedEnd,
    team,
    leadIds: attached.map((a) => a.leadId),
  };
}

/** A guard that the inspection is still as read (status and last update). */
export function unchanged(row: Pick<InspectionRow, "id" | "status" | "updatedAt">): SQL {
  return sql`select count(*) from inspections where id = ${row.id} and status = ${row.status} and updated_at = ${row.updatedAt}`;
}

/** No other scheduled visit of the unit that year, checked again inside the batch. */
export function noScheduledVisit(unitId: string, year: number): SQL {
  return sql`select count(*) = 0 from inspections where unit_id = ${unitId} and year = ${year} and type = 'scheduled' and status <> 'cancelled'`;
}
