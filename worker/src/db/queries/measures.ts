import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { alias } from "drizzle-orm/sqlite-core";
import type { Measure, MeasureQuery } from "../../contracts/inspections";
import { hanoiDate } from "../../domain/calendar";
import {
  conclusionImplemented,
  escalations,
  type MeasureRequest,
  type MeasureState,
  measureTransition,
} from "../../domain/inspections";
import type { Lang } from "../../env";
import { ApiError } from "../../http/errors";
import type { Db } from "../client";
import { inspectionMembers, inspections, measures, units } from "../schema";
import type { Actor } from "./accounts";
import { auditInsert } from "./audit";
import { guarded, isGuardFailure } from "./guards";
import { failureError, historyOf, inspectionVisibleTo, runBatch } from "./inspections";
import { visibleTo } from "./recusal";
import { loadCalendar } from "./triage";

/** "Due soon": the deadline falls within this many days. */
export const DUE_SOON_DAYS = 7;

const responsible = alias(units, "responsible_unit");

/**
 * Measures the actor may see (recusal on both the inspected and the
 * responsible unit, surprise inspections only for their team), earliest
 * deadline first, each with its history from the audit log.
 */
export async function measuresOf(
  db: Db,
  actor: Actor,
  query: MeasureQuery & { id?: string },
  now: Date = new Date(),
): Promise<Measure[]> {
  const conditions: SQL[] = [inspectionVisibleTo(actor), visibleTo(actor, measures.responsibleUnitId)];
  if (query.id) conditions.push(eq(measures.id, query.id));
  if (query.inspectionId) conditions.push(eq(measures.inspectionId, query.inspectionId));
  if (query.status) conditions.push(eq(measures.status, query.status));
  if (query.unitId) {
    conditions.push(sql`(${measures.responsibleUnitId} = ${query.unitId} or ${inspections.unitId} = ${query.unitId})`);
  }
  if (query.due === "overdue") conditions.push(eq(measures.status, "overdue"));
  if (query.due === "soon") {
    const today = hanoiDate(now);
    const until = hanoiDate(new Date(now.getTime() + DUE_SOON_DAYS * 86_400_000));
    conditions.push(
      inArray(measures.status, ["open", "responded"]),
      sql`${measures.deadline} >= ${today} and ${measures.deadline} <= ${until}`,
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
  const history = await historyOf(
    db,
    "measure",
    rows.map((r) => r.measure.id),
  );
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
  }));
}

/** One visible measure, or 404. */
export async function requireMeasure(db: Db, actor: Actor, id: string): Promise<Measure> {
  const [measure] = await measuresOf(db, actor, { id });
  if (!measure) throw new ApiError("not_found");
  return measure;
}

function measureUnchanged(m: Measure) {
  return sql`select count(*) from measures where id = ${m.id} and status = ${m.status} and coalesce(responded_at, '') = ${m.respondedAt ?? ""}`;
}

/** The measure as the domain rules need it. */
function measureState(m: Measure): MeasureState {
  return {
    id: m.id,
    status: m.status,
    deadline: m.deadline,
    response: m.response,
    respondedAt: m.respondedAt,
    verifiedAt: m.verifiedAt,
    verifiedBy: m.verifiedBy,
    verifiedOnTime: m.verifiedOnTime,
    overdueSince: m.overdueSince,
    lastEscalatedAt: m.lastEscalatedAt,
  };
}

/**
 * One measure transition (`POST /api/measures/{id}/response|verify|reject`)
 * by the rules of `domain/inspections/measures`: anyone on staff records the
 * unit's response; the inspection's team verifies or rejects it. Verifying
 * the last unverified measure closes the inspection (implemented), in the
 * same batch. Everything is audited.
 */
export async function applyMeasureAction(
  db: Db,
  actor: Actor,
  id: string,
  request: MeasureRequest,
  lang: Lang,
  now: Date = new Date(),
): Promise<void> {
  const m = await requireMeasure(db, actor, id);
  const team = await db
    .select({ userId: inspectionMembers.userId, role: inspectionMembers.role })
    .from(inspectionMembers)
    .where(eq(inspectionMembers.inspectionId, m.inspectionId));
  const result = measureTransition(measureState(m), request, { id: actor.id, role: actor.role }, team, now);
  if (!result.ok) throw failureError(result, lang);
  const at = now.toISOString();
  const statements: BatchItem<"sqlite">[] = [
    db
      .update(measures)
      .set({ ...result.patch, updatedAt: at })
      .where(eq(measures.id, id)),
    auditInsert(db, {
      actorId: actor.id,
      actorKind: "user",
      action: `measure.${PAST[request.action]}`,
      targetType: "measure",
      targetId: id,
      summary: { before: result.event.before, after: result.event.after },
      at,
    }),
  ];
  if (result.patch.status === "verified") {
    const siblings = await db
      .select({ id: measures.id, status: measures.status })
      .from(measures)
      .where(eq(measures.inspectionId, m.inspectionId));
    const after = siblings.map((s) => (s.id === id ? { status: "verified" as const } : s));
    if (conclusionImplemented(after)) {
      statements.push(
        db
          .update(inspections)
          .set({ status: "closed", closedAt: at, updatedAt: at })
          .where(and(eq(inspections.id, m.inspectionId), eq(inspections.status, "concluded"))),
        auditInsert(db, {
          actorId: actor.id,
          actorKind: "user",
          action: "inspection.closed",
          targetType: "inspection",
          targetId: m.inspectionId,
          summary: { before: { status: "concluded" }, after: { status: "closed" }, measures: siblings.length },
          at,
        }),
      );
    }
  }
  await runBatch(db, guarded(db, measureUnchanged(m), statements), isGuardFailure);
}

/** Audit action names, in the past tense like the rest of the log. */
const PAST = { respond: "responded", verify: "verified", reject: "rejected", mark_overdue: "overdue" } as const;

/** What one cron run did to measures. */
export interface MeasureSweep {
  measuresOverdue: number;
  measuresEscalated: number;
}

/**
 * The cron part for measures, by `escalations` of the domain: open measures
 * past the end of their deadline day (Hanoi) become `overdue`; measures that
 * need a supervisor (overdue, or a response left unverified too long) are
 * escalated (audit `measure.escalated`, `last_escalated_at`), again every
 * few working days while they stay so. System events, no actor.
 */
export async function sweepMeasures(db: Db, now: Date): Promise<MeasureSweep> {
  const at = now.toISOString();
  const rows = await db
    .select()
    .from(measures)
    .where(inArray(measures.status, ["open", "overdue", "responded"]));
  const plan = escalations(
    rows.map((r): MeasureState => r),
    now,
    await loadCalendar(db),
  );
  const statements: BatchItem<"sqlite">[] = [];
  for (const o of plan.overdue) {
    statements.push(
      db
        .update(measures)
        .set({ ...o.patch, updatedAt: at })
        .where(and(eq(measures.id, o.id), eq(measures.status, "open"))),
      auditInsert(db, {
        actorId: null,
        actorKind: "system",
        action: "measure.overdue",
        targetType: "measure",
        targetId: o.id,
        summary: { before: o.event.before, after: o.event.after },
        at,
      }),
    );
  }
  for (const e of plan.escalated) {
    statements.push(
      db.update(measures).set(e.patch).where(eq(measures.id, e.id)),
      auditInsert(db, {
        actorId: null,
        actorKind: "system",
        action: "measure.escalated",
        targetType: "measure",
        targetId: e.id,
        summary: { to: "supervisors", kind: e.kind, workingDaysLate: e.workingDaysLate },
        at,
      }),
    );
  }
  for (let i = 0; i < statements.length; i += 100) {
    const [first, ...rest] = statements.slice(i, i + 100);
    if (first) await db.batch([first, ...rest]);
  }
  return { measuresOverdue: plan.overdue.length, measuresEscalated: plan.escalated.length };
}
