import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { alias } from "drizzle-orm/sqlite-core";
import type { Measure, MeasureQuery } from "../../contracts/inspections";
import { hanoiDate } from "../../domain/calendar";
import { ApiError } from "../../http/errors";
import type { Db } from "../client";
import { inspections, measures, units } from "../schema";
import type { Actor } from "./accounts";
import { auditInsert } from "./audit";
import { guarded, isGuardFailure } from "./guards";
import { historyOf, inspectionVisibleTo, requireMember, runBatch } from "./inspections";
import { endOfHanoiDay, escalationDue, isMeasureLate, onTime } from "./inspections-rules";
import { visibleTo } from "./recusal";

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

/** `POST /api/measures/{id}/response`: the unit's response is recorded (open, overdue or responded → responded). */
export async function respondMeasure(
  db: Db,
  actor: Actor,
  id: string,
  response: string,
  now: Date = new Date(),
): Promise<void> {
  const m = await requireMeasure(db, actor, id);
  if (m.status === "verified") throw new ApiError("conflict");
  const at = now.toISOString();
  await runBatch(
    db,
    guarded(db, measureUnchanged(m), [
      db
        .update(measures)
        .set({ status: "responded", response, respondedAt: at, updatedAt: at })
        .where(eq(measures.id, id)),
      auditInsert(db, {
        actorId: actor.id,
        actorKind: "user",
        action: "measure.responded",
        targetType: "measure",
        targetId: id,
        summary: { before: { status: m.status }, after: { status: "responded" }, late: at > endOfHanoiDay(m.deadline) },
        at,
      }),
    ]),
    isGuardFailure,
  );
}

/**
 * `POST /api/measures/{id}/verify`: a team member accepts the response. When
 * every measure of the inspection is verified, the conclusion is implemented
 * and the inspection is closed, in the same batch.
 */
export async function verifyMeasure(db: Db, actor: Actor, id: string, now: Date = new Date()): Promise<void> {
  const m = await requireMeasure(db, actor, id);
  await requireMember(db, actor, m.inspectionId);
  if (m.status !== "responded") throw new ApiError("conflict");
  const at = now.toISOString();
  const others = await db
    .select({ id: measures.id, status: measures.status })
    .from(measures)
    .where(eq(measures.inspectionId, m.inspectionId));
  const allVerified = others.every((o) => o.id === id || o.status === "verified");
  const statements: BatchItem<"sqlite">[] = [
    db
      .update(measures)
      .set({
        status: "verified",
        verifiedAt: at,
        verifiedBy: actor.id,
        verifiedOnTime: onTime(m.respondedAt, m.deadline),
        updatedAt: at,
      })
      .where(eq(measures.id, id)),
    auditInsert(db, {
      actorId: actor.id,
      actorKind: "user",
      action: "measure.verified",
      targetType: "measure",
      targetId: id,
      summary: {
        before: { status: "responded" },
        after: { status: "verified" },
        onTime: onTime(m.respondedAt, m.deadline),
      },
      at,
    }),
  ];
  if (allVerified) {
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
        summary: { before: { status: "concluded" }, after: { status: "closed" }, measures: others.length },
        at,
      }),
    );
  }
  await runBatch(db, guarded(db, measureUnchanged(m), statements), isGuardFailure);
}

/** `POST /api/measures/{id}/reject`: a team member sends the response back; open again, or overdue past the deadline. */
export async function rejectMeasure(
  db: Db,
  actor: Actor,
  id: string,
  reason: string,
  now: Date = new Date(),
): Promise<void> {
  const m = await requireMeasure(db, actor, id);
  await requireMember(db, actor, m.inspectionId);
  if (m.status !== "responded") throw new ApiError("conflict");
  const at = now.toISOString();
  const late = isMeasureLate("open", m.deadline, now);
  await runBatch(
    db,
    guarded(db, measureUnchanged(m), [
      db
        .update(measures)
        .set({ status: late ? "overdue" : "open", overdueSince: late ? (m.overdueSince ?? at) : null, updatedAt: at })
        .where(eq(measures.id, id)),
      auditInsert(db, {
        actorId: actor.id,
        actorKind: "user",
        action: "measure.rejected",
        targetType: "measure",
        targetId: id,
        summary: { before: { status: "responded" }, after: { status: late ? "overdue" : "open" }, reason },
        at,
      }),
    ]),
    isGuardFailure,
  );
}

/** What one cron run did to measures. */
export interface MeasureSweep {
  measuresOverdue: number;
  measuresEscalated: number;
}

/**
 * The cron part for measures: open measures past the end of their deadline
 * day (Hanoi) become `overdue`; overdue measures are escalated to
 * supervisors (audit `measure.escalated`, `last_escalated_at`) at once and
 * again every few days while they stay overdue. System events, no actor.
 */
export async function sweepMeasures(db: Db, now: Date): Promise<MeasureSweep> {
  const at = now.toISOString();
  const candidates = await db
    .select()
    .from(measures)
    .where(inArray(measures.status, ["open", "overdue"]));
  const statements: BatchItem<"sqlite">[] = [];
  let measuresOverdue = 0;
  let measuresEscalated = 0;
  for (const m of candidates) {
    const late = m.status === "open" && isMeasureLate("open", m.deadline, now);
    if (late) {
      measuresOverdue += 1;
      statements.push(
        db
          .update(measures)
          .set({ status: "overdue", overdueSince: at, updatedAt: at })
          .where(and(eq(measures.id, m.id), eq(measures.status, "open"))),
        auditInsert(db, {
          actorId: null,
          actorKind: "system",
          action: "measure.overdue",
          targetType: "measure",
          targetId: m.id,
          summary: { deadline: m.deadline, before: { status: "open" }, after: { status: "overdue" } },
          at,
        }),
      );
    }
    if ((late || m.status === "overdue") && escalationDue(m.lastEscalatedAt, now)) {
      measuresEscalated += 1;
      statements.push(
        db.update(measures).set({ lastEscalatedAt: at }).where(eq(measures.id, m.id)),
        auditInsert(db, {
          actorId: null,
          actorKind: "system",
          action: "measure.escalated",
          targetType: "measure",
          targetId: m.id,
          summary: { to: "supervisors", deadline: m.deadline, overdueSince: m.overdueSince ?? at },
          at,
        }),
      );
    }
  }
  for (let i = 0; i < statements.length; i += 100) {
    const [first, ...rest] = statements.slice(i, i + 100);
    if (first) await db.batch([first, ...rest]);
  }
  return { measuresOverdue, measuresEscalated };
}
