import { and, asc, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { MeasureDocument, MeasureExtensionRequest } from "../../contracts/inspections";
import type { UnitMeasure } from "../../contracts/liaison";
import type { Db } from "../client";
import { inList } from "../in-list";
import {
  auditLog,
  findings,
  inspections,
  leads,
  measureDocuments,
  measureExtensionRequests,
  measures,
  units,
  users,
} from "../schema";

/**
 * The scope of a unit liaison: their unit and every unit below it in the
 * directory, computed in SQL like recusal (`recusal.ts`), so no liaison
 * query can forget the sub-units or reach past them.
 */
function liaisonUnits(unitId: string): SQL {
  return sql`with recursive scope(id) as (
      select ${unitId}
      union
      select units.id from units join scope on units.parent_id = scope.id
    ) select id from scope`;
}

/**
 * A condition on a unit column: the unit is the liaison's or below it.
 *
 * @example
 * db.select().from(measures).where(inLiaisonScope(actor.unitId, measures.responsibleUnitId))
 */
export function inLiaisonScope(unitId: string, unitColumn: AnySQLiteColumn): SQL {
  return sql`${unitColumn} in (${liaisonUnits(unitId)})`;
}

/**
 * The active liaisons who cover `unitId`: those of the unit itself or of a
 * unit above it (a liaison's scope is their unit and its sub-units, as in
 * `inLiaisonScope`), oldest account first.
 */
export async function liaisonsCovering(db: Db, unitId: string): Promise<{ id: string }[]> {
  const chain = sql`with recursive chain(id, parent_id) as (
      select id, parent_id from units where id = ${unitId}
      union
      select units.id, units.parent_id from units join chain on units.id = chain.parent_id
    ) select id from chain`;
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "unit_liaison"), isNull(users.disabledAt), sql`${users.unitId} in (${chain})`))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(1000);
}

/**
 * The measures whose responsible unit is in the liaison's scope (optionally
 * one of them), earliest deadline first, at most 1 000, as the unit sees
 * them: chosen columns only, the conclusion's public parts, the documents and
 * extension requests, and the team's last rejection reason (never who).
 */
export async function unitMeasuresOf(db: Db, unitId: string, filter: { id?: string } = {}): Promise<UnitMeasure[]> {
  const conditions: SQL[] = [inLiaisonScope(unitId, measures.responsibleUnitId)];
  if (filter.id) conditions.push(eq(measures.id, filter.id));
  const rows = await db
    .select({
      id: measures.id,
      inspectionId: measures.inspectionId,
      responsibleUnitId: measures.responsibleUnitId,
      responsibleUnitName: units.name,
      description: measures.description,
      deadline: measures.deadline,
      status: measures.status,
      response: measures.response,
      respondedAt: measures.respondedAt,
      verifiedAt: measures.verifiedAt,
      verifiedOnTime: measures.verifiedOnTime,
      overdueSince: measures.overdueSince,
      concludedAt: inspections.concludedAt,
      recommendations: inspections.recommendations,
      guidance: inspections.guidance,
    })
    .from(measures)
    .innerJoin(inspections, eq(inspections.id, measures.inspectionId))
    .innerJoin(units, eq(units.id, measures.responsibleUnitId))
    .where(and(...conditions))
    .orderBy(asc(measures.deadline), asc(measures.createdAt), asc(measures.id))
    .limit(1000);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const inspectionIds = [...new Set(rows.map((r) => r.inspectionId))];
  const [docs, requests, rejections, publicFindings] = await Promise.all([
    documentsOf(db, ids),
    extensionRequestsOf(db, ids),
    db
      .select({ targetId: auditLog.targetId, at: auditLog.at, summary: auditLog.summary })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.targetType, "measure"),
          eq(auditLog.action, "measure.rejected"),
          inList(auditLog.targetId, ids),
        ),
      )
      .orderBy(asc(auditLog.at), asc(sql`"audit_log".rowid`)),
    db
      .select({ inspectionId: findings.inspectionId, outcome: findings.outcome, publicSummary: findings.publicSummary })
      .from(findings)
      .where(inList(findings.inspectionId, inspectionIds))
      .orderBy(asc(findings.recordedAt), asc(findings.id)),
  ]);
  return rows.map(({ inspectionId, concludedAt, recommendations, guidance, ...m }) => {
    const rejected = rejections.filter((r) => r.targetId === m.id).at(-1);
    const reason = rejected ? (JSON.parse(rejected.summary) as { after?: { reason?: unknown } }).after?.reason : null;
    return {
      ...m,
      rejection: rejected && typeof reason === "string" && m.status !== "verified" ? { reason, at: rejected.at } : null,
      documents: docs.filter((d) => d.measureId === m.id).map(({ measureId: _m, ...d }) => d),
      extensionRequests: requests.filter((r) => r.measureId === m.id).map(({ measureId: _m, ...r }) => r),
      conclusion: {
        concludedAt,
        findings: publicFindings
          .filter((f) => f.inspectionId === inspectionId)
          .map(({ outcome, publicSummary }) => ({ outcome, publicSummary })),
        recommendations: recommendations ?? "",
        guidance: guidance ?? "",
      },
    };
  });
}

/** The documents of some measures, oldest first. */
export async function documentsOf(
  db: Db,
  measureIds: readonly string[],
): Promise<(MeasureDocument & { measureId: string })[]> {
  if (measureIds.length === 0) return [];
  const rows = await db
    .select({
      measureId: measureDocuments.measureId,
      id: measureDocuments.id,
      title: measureDocuments.title,
      contentType: measureDocuments.contentType,
      size: measureDocuments.size,
      sha256: measureDocuments.sha256,
      createdAt: measureDocuments.createdAt,
    })
    .from(measureDocuments)
    .where(inList(measureDocuments.measureId, [...measureIds]))
    .orderBy(asc(measureDocuments.createdAt), asc(measureDocuments.id));
  return rows.map((r) => ({ ...r, contentType: r.contentType as MeasureDocument["contentType"] }));
}

/** The extension requests of some measures, latest first. */
export async function extensionRequestsOf(
  db: Db,
  measureIds: readonly string[],
): Promise<(MeasureExtensionRequest & { measureId: string })[]> {
  if (measureIds.length === 0) return [];
  return db
    .select({
      measureId: measureExtensionRequests.measureId,
      id: measureExtensionRequests.id,
      reason: measureExtensionRequests.reason,
      requestedDueOn: measureExtensionRequests.requestedDueOn,
      status: measureExtensionRequests.status,
      requestedAt: measureExtensionRequests.requestedAt,
      resolvedAt: measureExtensionRequests.resolvedAt,
    })
    .from(measureExtensionRequests)
    .where(inList(measureExtensionRequests.measureId, [...measureIds]))
    .orderBy(desc(measureExtensionRequests.requestedAt), desc(measureExtensionRequests.id));
}

/** A measure's stored document, by id. */
export async function findMeasureDocument(db: Db, measureId: string, docId: string) {
  const [row] = await db
    .select()
    .from(measureDocuments)
    .where(and(eq(measureDocuments.measureId, measureId), eq(measureDocuments.id, docId)))
    .limit(1);
  return row;
}

/** A measure's document count. */
export async function countMeasureDocuments(db: Db, measureId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(measureDocuments)
    .where(eq(measureDocuments.measureId, measureId));
  return row?.n ?? 0;
}

/** The insert of a measure document, for a batch. */
export function insertMeasureDocument(db: Db, row: typeof measureDocuments.$inferInsert): BatchItem<"sqlite"> {
  return db.insert(measureDocuments).values(row);
}

/** The insert of an extension request, for a batch. */
export function insertExtensionRequest(db: Db, row: typeof measureExtensionRequests.$inferInsert): BatchItem<"sqlite"> {
  return db.insert(measureExtensionRequests).values(row);
}

/** Marks a measure's pending extension requests granted (a supervisor extended its deadline), for a batch. */
export function grantExtensionRequests(db: Db, measureId: string, by: string, at: string): BatchItem<"sqlite"> {
  return db
    .update(measureExtensionRequests)
    .set({ status: "granted", resolvedBy: by, resolvedAt: at })
    .where(and(eq(measureExtensionRequests.measureId, measureId), eq(measureExtensionRequests.status, "pending")));
}

/** A lead forwarded to a liaison's unit, as the unit may see it: no text, reporter, contact, note or evidence. */
export interface ForwardedLeadRow {
  id: string;
  unitId: string;
  categoryCode: string;
  forwardedAt: string;
  /** The team's note as written; the service redacts it before it leaves. */
  note: string | null;
}

/**
 * Leads the team forwarded to a unit in the liaison's scope (`forwarded_to_unit_id`),
 * latest forward first, at most 1 000.
 */
export async function leadsForwardedToUnit(db: Db, unitId: string): Promise<ForwardedLeadRow[]> {
  const rows = await db
    .select({
      id: leads.id,
      unitId: leads.unitId,
      categoryCode: leads.categoryCode,
      decidedAt: leads.decidedAt,
      updatedAt: leads.updatedAt,
      note: leads.forwardedNote,
    })
    .from(leads)
    .where(and(eq(leads.status, "forwarded"), inLiaisonScope(unitId, leads.forwardedToUnitId)))
    .orderBy(desc(sql`coalesce(${leads.decidedAt}, ${leads.updatedAt})`), desc(leads.id))
    .limit(1000);
  return rows.map(({ decidedAt, updatedAt, ...row }) => ({ ...row, forwardedAt: decidedAt ?? updatedAt }));
}

/** A guard that no extension request of the measure is pending (one waits at a time). */
export function noPendingRequest(measureId: string): SQL {
  return sql`select count(*) = 0 from measure_extension_requests where measure_id = ${measureId} and status = 'pending'`;
}
