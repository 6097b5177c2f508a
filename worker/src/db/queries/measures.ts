import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { alias } from "drizzle-orm/sqlite-core";
import type { Measure, MeasureQuery } from "../../contracts/inspections";
import type { MeasurePatch, MeasureState } from "../../domain/inspections";
import type { Db } from "../client";
import { inspections, measures, units } from "../schema";
import type { Actor } from "./accounts";
import { historyOf, inspectionVisibleTo } from "./inspections";
import { documentsOf, extensionRequestsOf } from "./liaison";
import { visibleTo } from "./recusal";

const responsible = alias(units, "responsible_unit");

/** Which measures to read: the query's filters, one id, or a deadline window (Hanoi dates, both included). */
export type MeasureFilter = Omit<MeasureQuery, "due"> & {
  id?: string;
  overdue?: boolean;
  dueBetween?: { from: string; to: string };
};

/**
 * Measures the actor may see (recusal on both the inspected and the
 * responsible unit, surprise inspections only for their team), earliest
 * deadline first (at most 1 000), each with its history from the audit log.
 */
export async function measuresOf(db: Db, actor: Actor, filter: MeasureFilter): Promise<Measure[]> {
  const conditions: SQL[] = [inspectionVisibleTo(actor), visibleTo(actor, measures.responsibleUnitId)];
  if (filter.id) conditions.push(eq(measures.id, filter.id));
  if (filter.inspectionId) conditions.push(eq(measures.inspectionId, filter.inspectionId));
  if (filter.status) conditions.push(eq(measures.status, filter.status));
  if (filter.unitId) {
    conditions.push(
      sql`(${measures.responsibleUnitId} = ${filter.unitId} or ${inspections.unitId} = ${filter.unitId})`,
    );
  }
  if (filter.overdue) conditions.push(eq(measures.status, "overdue"));
  if (filter.dueBetween) {
    conditions.push(
      inArray(measures.status, ["open", "responded"]),
      sql`${measures.deadline} >= ${filter.dueBetween.from} and ${measures.deadline} <= ${filter.dueBetween.to}`,
    );
  }
  const rows = await db
    .select({
      measure: measures,
      inspectionType: inspections.type,
      unitId: inspections.unitId,
      responsibleUnitName: responsible.name,
    })
    .from(measures)
    .innerJoin(inspections, eq(inspections.id, measures.inspectionId))
    .innerJoin(responsible, eq(responsible.id, measures.responsibleUnitId))
    .where(and(...conditions))
    .orderBy(asc(measures.deadline), asc(measures.createdAt), asc(measures.id))
    .limit(1000);
  const ids = rows.map((r) => r.measure.id);
  const [history, documents, requests] = await Promise.all([
    historyOf(db, "measure", ids),
    documentsOf(db, ids),
    extensionRequestsOf(db, ids),
  ]);
  return rows.map(({ measure: m, inspectionType, unitId, responsibleUnitName }) => ({
    id: m.id,
    inspectionId: m.inspectionId,
    inspectionType,
    unitId,
    responsibleUnitId: m.responsibleUnitId,
    responsibleUnitName,
    description: m.description,
    deadline: m.deadline,
    status: m.status,
    response: m.response,
    respondedAt: m.respondedAt,
    verifiedAt: m.verifiedAt,
    verifiedBy: m.verifiedBy,
    verifiedOnTime: m.verifiedOnTime,
    overdueSince: m.overdueSince,
    lastEscalatedAt: m.lastEscalatedAt,
    history: history.filter((h) => h.targetId === m.id).map(({ targetId: _t, ...e }) => e),
    documents: documents.filter((d) => d.measureId === m.id).map(({ measureId: _m, ...d }) => d),
    extensionRequests: requests.filter((r) => r.measureId === m.id).map(({ measureId: _m, ...r }) => r),
  }));
}

/** A guard that the measure is still as read (status and last response). */
export function measureUnchanged(m: Pick<Measure, "id" | "status" | "respondedAt">): SQL {
  return sql`select count(*) from measures where id = ${m.id} and status = ${m.status} and coalesce(responded_at, '') = ${m.respondedAt ?? ""}`;
}

/** The statuses of every measure of an inspection. */
export function measureStatuses(db: Db, inspectionId: string) {
  return db
    .select({ id: measures.id, status: measures.status })
    .from(measures)
    .where(eq(measures.inspectionId, inspectionId));
}

/** Measures the cron job looks at: open, overdue or responded. */
export async function measuresToSweep(db: Db): Promise<(MeasureState & { responsibleUnitId: string })[]> {
  return db
    .select()
    .from(measures)
    .where(inArray(measures.status, ["open", "overdue", "responded"]));
}

/** A measure's change, stamped `updated_at` unless `stamp` is false (an escalation changes no state). */
export function updateMeasure(
  db: Db,
  id: string,
  patch: MeasurePatch,
  at: string,
  options: { onlyIfOpen?: boolean; stamp?: boolean } = {},
): BatchItem<"sqlite"> {
  const where = options.onlyIfOpen ? and(eq(measures.id, id), eq(measures.status, "open")) : eq(measures.id, id);
  return db
    .update(measures)
    .set(options.stamp === false ? patch : { ...patch, updatedAt: at })
    .where(where);
}

/** Closes an inspection whose conclusion is implemented, if it is still `concluded`. */
export function closeConcludedInspection(db: Db, inspectionId: string, at: string): BatchItem<"sqlite"> {
  return db
    .update(inspections)
    .set({ status: "closed", closedAt: at, updatedAt: at })
    .where(and(eq(inspections.id, inspectionId), eq(inspections.status, "concluded")));
}

/** A measure's columns as the domain's rules read them, by id (no visibility check: the caller made it). */
export async function measureRow(
  db: Db,
  id: string,
): Promise<(MeasureState & { inspectionId: string; responsibleUnitId: string }) | undefined> {
  const [row] = await db.select().from(measures).where(eq(measures.id, id)).limit(1);
  return row;
}
