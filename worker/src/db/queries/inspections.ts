import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type {
  InspectionDetail,
  InspectionQuery,
  InspectionStatus,
  InspectionSummary,
  InspectionType,
  TeamMemberInput,
} from "../../contracts/inspections";
import {
  allowedActions,
  authorize,
  type Failure,
  type InspectionState,
  type LifecycleAction,
} from "../../domain/inspections";
import type { Lang } from "../../env";
import { ApiError } from "../../http/errors";
import { INSPECTION_MESSAGES, type InspectionMessageKey } from "../../i18n/inspections";
import type { Db } from "../client";
import { inList } from "../in-list";
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
import { measuresOf } from "./measures";
import { visibleTo } from "./recusal";

export type InspectionRow = typeof inspections.$inferSelect;

/** A 422 with one field error in the request's language. */
export function fieldError(pointer: string, key: InspectionMessageKey, lang: Lang): ApiError {
  return new ApiError("validation_failed", { errors: [{ pointer, message: INSPECTION_MESSAGES[key][lang] }] });
}

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

/** The inspection row if the actor may see it; undefined otherwise (callers answer 404). */
export async function findVisibleInspection(db: Db, actor: Actor, id: string): Promise<InspectionRow | undefined> {
  const [row] = await db
    .select()
    .from(inspections)
    .where(and(eq(inspections.id, id), inspectionVisibleTo(actor)))
    .limit(1);
  return row;
}

/** Like `findVisibleInspection`, but answers 404 itself. */
export async function requireInspection(db: Db, actor: Actor, id: string): Promise<InspectionRow> {
  const row = await findVisibleInspection(db, actor, id);
  if (!row) throw new ApiError("not_found");
  return row;
}

/** Whether a user is on an inspection's team. */
export async function isMember(db: Db, inspectionId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: inspectionMembers.userId })
    .from(inspectionMembers)
    .where(and(eq(inspectionMembers.inspectionId, inspectionId), eq(inspectionMembers.userId, userId)))
    .limit(1);
  return row !== undefined;
}

/** 403 unless the actor is on the team. */
export async function requireMember(db: Db, actor: Actor, inspectionId: string): Promise<void> {
  if (!(await isMember(db, inspectionId, actor.id))) throw new ApiError("forbidden");
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
}): InspectionSummary {
  return { ...row, status: row.status as InspectionStatus, leadCount: Number(row.leadCount) };
}

/** `GET /api/inspections`: visible inspections, latest planned first. */
export async function listInspections(db: Db, actor: Actor, query: InspectionQuery): Promise<InspectionSummary[]> {
  const conditions: SQL[] = [inspectionVisibleTo(actor)];
  if (query.year) conditions.push(eq(inspections.year, query.year));
  if (query.type) conditions.push(eq(inspections.type, query.type));
  if (query.status) conditions.push(eq(inspections.status, query.status));
  if (query.unitId) conditions.push(eq(inspections.unitId, query.unitId));
  const rows = await db
    .select(summaryColumns)
    .from(inspections)
    .innerJoin(units, eq(units.id, inspections.unitId))
    .where(and(...conditions))
    .orderBy(desc(inspections.plannedStart), asc(inspections.id))
    .limit(1000);
  return rows.map(toSummary);
}

/** One inspection's summary, for an id already checked visible. */
export async function inspectionSummary(db: Db, id: string): Promise<InspectionSummary> {
  const [row] = await db
    .select(summaryColumns)
    .from(inspections)
    .innerJoin(units, eq(units.id, inspections.unitId))
    .where(eq(inspections.id, id))
    .limit(1);
  if (!row) throw new ApiError("not_found");
  return toSummary(row);
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

/** Everything the inspection page shows, for an inspection already checked visible. */
export async function inspectionDetail(db: Db, actor: Actor, row: InspectionRow): Promise<InspectionDetail> {
  const summary = await inspectionSummary(db, row.id);
  const [team, attached, findingRows, documents, measureList, events] = await Promise.all([
    db
      .select({ userId: inspectionMembers.userId, displayName: users.displayName, role: inspectionMembers.role })
      .from(inspectionMembers)
      .innerJoin(users, eq(users.id, inspectionMembers.userId))
      .where(eq(inspectionMembers.inspectionId, row.id))
      .orderBy(asc(inspectionMembers.role), asc(users.displayName)),
    db
      .select({ id: leads.id, categoryCode: leads.categoryCode, status: leads.status })
      .from(inspectionLeads)
      .innerJoin(leads, eq(leads.id, inspectionLeads.leadId))
      .where(eq(inspectionLeads.inspectionId, row.id))
      .orderBy(asc(leads.openedAt)),
    db.select().from(findings).where(eq(findings.inspectionId, row.id)),
    db
      .select()
      .from(inspectionDocuments)
      .where(eq(inspectionDocuments.inspectionId, row.id))
      .orderBy(asc(inspectionDocuments.createdAt)),
    measuresOf(db, actor, { inspectionId: row.id }),
    historyOf(db, "inspection", [row.id]),
  ]);
  const leadIds = attached.map((l) => l.id);
  const reportRows = leadIds.length
    ? await db
        .select({
          leadId: reports.leadId,
          trackingCode: reports.trackingCode,
          description: reports.description,
          receivedAt: reports.receivedAt,
        })
        .from(reports)
        .where(inList(reports.leadId, leadIds))
        .orderBy(asc(reports.receivedAt))
    : [];
  return {
    ...summary,
    createdBy: row.createdBy,
    startedAt: row.startedAt,
    team,
    leads: attached.map((lead) => {
      const finding = findingRows.find((f) => f.leadId === lead.id);
      return {
        id: lead.id,
        categoryCode: lead.categoryCode as InspectionDetail["leads"][number]["categoryCode"],
        status: lead.status as InspectionDetail["leads"][number]["status"],
        reports: reportRows
          .filter((r) => r.leadId === lead.id)
          .map(({ trackingCode, description, receivedAt }) => ({ trackingCode, description, receivedAt })),
        finding: finding
          ? {
              leadId: finding.leadId,
              outcome: finding.outcome,
              reasoning: finding.reasoning,
              publicSummary: finding.publicSummary,
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
    measures: measureList,
    events: events.map(({ targetId: _t, ...e }) => e),
    allowedActions: allowedActions({ status: summary.status, team, leadIds }, { id: actor.id, role: actor.role }),
  };
}

/**
 * Checks a team: each member an active inspector or supervisor, listed once,
 * and not recused from the unit (tied to it or to a unit above it). Throws
 * 422 with a pointer at the first bad entry.
 */
export async function checkTeam(
  db: Db,
  unitId: string,
  team: TeamMemberInput[],
  lang: Lang,
  pointer = "/team",
): Promise<void> {
  const seen = new Set<string>();
  let heads = 0;
  for (const [i, member] of team.entries()) {
    const at = `${pointer}/${i}/userId`;
    if (seen.has(member.userId)) throw fieldError(at, "duplicate_member", lang);
    if (member.role === "head" && ++heads > 1) throw fieldError(`${pointer}/${i}/role`, "second_head", lang);
    seen.add(member.userId);
    const [user] = await db
      .select({ role: users.role, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, member.userId))
      .limit(1);
    if (!user || user.disabledAt || user.role === "admin") throw fieldError(at, "not_staff", lang);
    const [clear] = await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.id, unitId), visibleTo({ id: member.userId } as Actor, units.id)))
      .limit(1);
    if (!clear) throw fieldError(at, "recused", lang);
  }
}

/**
 * Checks leads to attach: each visible to the actor, referred, about the
 * unit and not attached to any inspection yet. Throws 422 at the first bad one.
 */
export async function checkLeads(
  db: Db,
  actor: Actor,
  unitId: string,
  leadIds: string[],
  lang: Lang,
  pointer = "/leadIds",
): Promise<void> {
  const seen = new Set<string>();
  for (const [i, id] of leadIds.entries()) {
    const [lead] = await db
      .select({ id: leads.id, status: leads.status, unitId: leads.unitId, attached: inspectionLeads.inspectionId })
      .from(leads)
      .leftJoin(inspectionLeads, eq(inspectionLeads.leadId, leads.id))
      .where(and(eq(leads.id, id), visibleTo(actor, leads.unitId)))
      .limit(1);
    if (!lead || seen.has(id) || lead.status !== "referred" || lead.unitId !== unitId || lead.attached) {
      throw fieldError(`${pointer}/${i}`, "lead_unusable", lang);
    }
    seen.add(id);
  }
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

/** Statements attaching leads to an inspection, each audited on the lead's own timeline. */
export function attachStatements(
  db: Db,
  actor: Actor,
  inspectionId: string,
  leadIds: string[],
  at: string,
): BatchItem<"sqlite">[] {
  return leadIds.flatMap((leadId) => [
    db.insert(inspectionLeads).values({ inspectionId, leadId }),
    db.update(leads).set({ updatedAt: at }).where(eq(leads.id, leadId)),
    auditInsert(db, {
      actorId: actor.id,
      actorKind: "user",
      action: "lead.attached",
      targetType: "lead",
      targetId: leadId,
      summary: { inspectionId },
      at,
    }),
  ]);
}

/** Whether an error is a uniqueness failure (a lead attached twice by two requests at once). */
export function isUniqueFailure(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (/UNIQUE constraint failed/.test(current.message)) return true;
  }
  return false;
}

/** Runs a batch, turning a concurrent attach or guard failure into 409. */
export async function runBatch(db: Db, statements: BatchItem<"sqlite">[], isGuardFailure: (e: unknown) => boolean) {
  const [first, ...rest] = statements;
  if (!first) return;
  try {
    await db.batch([first, ...rest]);
  } catch (error) {
    if (isUniqueFailure(error) || isGuardFailure(error)) throw new ApiError("conflict");
    throw error;
  }
}

/** The inspection as the domain rules need it: with its team and attached leads. */
export async function inspectionState(db: Db, row: InspectionRow): Promise<InspectionState> {
  const [team, attached] = await Promise.all([
    db
      .select({ userId: inspectionMembers.userId, role: inspectionMembers.role })
      .from(inspectionMembers)
      .where(eq(inspectionMembers.inspectionId, row.id)),
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

/** A domain failure as the API error: illegal → 409, forbidden → 403, invalid → 422 with its pointers. */
export function failureError(failure: Failure, lang: Lang): ApiError {
  if (failure.error === "illegal") return new ApiError("conflict", { detail: failure.detail });
  if (failure.error === "forbidden") return new ApiError("forbidden");
  const key = failure.detail in INSPECTION_MESSAGES ? (failure.detail as InspectionMessageKey) : undefined;
  const pointers = failure.pointers.length ? failure.pointers : ["/"];
  return new ApiError("validation_failed", {
    ...(key ? { detail: INSPECTION_MESSAGES[key][lang] } : {}),
    errors: pointers.map((pointer) => ({
      pointer,
      message: key ? INSPECTION_MESSAGES[key][lang] : lang === "vi" ? "Giá trị chưa hợp lệ" : "Invalid value",
    })),
  });
}

/** Loads the state and checks a lifecycle action for the actor (the inspection already checked visible). */
export async function authorizeAction(
  db: Db,
  actor: Actor,
  row: InspectionRow,
  action: LifecycleAction,
  lang: Lang,
): Promise<InspectionState> {
  const state = await inspectionState(db, row);
  const allowed = authorize(state, action, { id: actor.id, role: actor.role });
  if (!allowed.ok) throw failureError(allowed, lang);
  return state;
}
