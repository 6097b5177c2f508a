import type { BatchItem } from "drizzle-orm/batch";
import type { Measure, MeasureQuery } from "../contracts/inspections";
import { auditInsert } from "../db/queries/audit";
import { teamOf } from "../db/queries/inspections";
import {
  closeConcludedInspection,
  type MeasureFilter,
  measureStatuses,
  measuresOf,
  measuresToSweep,
  measureUnchanged,
  updateMeasure,
} from "../db/queries/measures";
import { loadCalendar } from "../db/queries/triage";
import {
  inspectionClosedEvent,
  measureActionEvent,
  measureEscalatedEvent,
  measureOverdueEvent,
} from "../db/rows/inspection-events";
import { hanoiDate } from "../domain/calendar";
import { conclusionImplemented, escalations, type MeasureRequest, measureTransition } from "../domain/inspections";
import { isDeadlineSoon } from "../domain/notifications";
import { ApiError } from "../http/errors";
import { failureError } from "../http/failures";
import { commitWrite } from "./batch";
import type { ActorContext, ServiceContext } from "./context";
import { requirePermission, ruleActor } from "./inspections/access";
import {
  flushNotifications,
  measureAnsweredEvent,
  measureDeadlineSoonEvent,
  measureOverdueEvent as measureOverdueNotification,
  measureRejectedEvent,
  measureVerifiedEvent,
} from "./notifications";

/** "Due soon": the deadline falls within this many days. */
export const DUE_SOON_DAYS = 7;

/** Audit action names, in the past tense like the rest of the log. */

/** D1 takes at most this many statements in one batch; the cron writes its changes in runs of it. */
const SWEEP_BATCH = 100;

/**
 * `GET /api/measures`: the measures the actor may see, earliest deadline
 * first. `due=soon` means open or responded with a deadline from today to
 * `DUE_SOON_DAYS` days ahead (Hanoi dates); `due=overdue` means overdue.
 */
export function listMeasures(ctx: ActorContext, query: MeasureQuery): Promise<Measure[]> {
  requirePermission(ctx.actor, "inspections.read");
  const { due, ...rest } = query;
  const filter: MeasureFilter = { ...rest };
  if (due === "overdue") filter.overdue = true;
  if (due === "soon") {
    filter.dueBetween = {
      from: hanoiDate(ctx.now),
      to: hanoiDate(new Date(ctx.now.getTime() + DUE_SOON_DAYS * 86_400_000)),
    };
  }
  return measuresOf(ctx.db, ctx.actor, filter);
}

/** One measure the actor may see, or 404. */
export async function getMeasure(ctx: ActorContext, id: string): Promise<Measure> {
  const [measure] = await measuresOf(ctx.db, ctx.actor, { id });
  if (!measure) throw new ApiError("not_found");
  return measure;
}

/**
 * One measure transition (`POST /api/measures/{id}/response|verify|reject`)
 * by the rules of `domain/inspections/measures`: anyone on staff records the
 * unit's response; the inspection's team verifies or rejects it. Verifying
 * the last unverified measure closes the inspection (implemented), in the
 * same batch. Everything is audited. Returns the measure as it now is.
 */
export async function applyMeasureAction(ctx: ActorContext, id: string, request: MeasureRequest): Promise<Measure> {
  requirePermission(ctx.actor, "inspections.conduct");
  const m = await getMeasure(ctx, id);
  const team = await teamOf(ctx.db, m.inspectionId);
  const result = measureTransition(m, request, ruleActor(ctx.actor), team, ctx.now);
  if (!result.ok) throw failureError(result, ctx.lang);
  const at = ctx.now.toISOString();
  const statements: BatchItem<"sqlite">[] = [
    updateMeasure(ctx.db, id, result.patch, at),
    auditInsert(ctx.db, measureActionEvent(ctx.actor.id, id, request.action, result.event, at)),
  ];
  if (request.action === "respond") {
    // Staff recording the unit's answer: the inspection's team is told to verify, as for a liaison's.
    statements.push(
      measureAnsweredEvent(ctx, {
        responseId: `${id}:${at}`,
        measureId: id,
        inspectionId: m.inspectionId,
        unitId: m.responsibleUnitId,
      }),
    );
  }
  if (request.action === "verify" || request.action === "reject") {
    // The unit's liaisons learn the team's decision (never the reason's text).
    const facts = { measureId: id, unitId: m.responsibleUnitId, deadline: m.deadline };
    statements.push(request.action === "verify" ? measureVerifiedEvent(ctx, facts) : measureRejectedEvent(ctx, facts));
  }
  if (result.patch.status === "verified") {
    const siblings = await measureStatuses(ctx.db, m.inspectionId);
    const after = siblings.map((s) => (s.id === id ? { status: "verified" as const } : s));
    if (conclusionImplemented(after)) {
      statements.push(
        closeConcludedInspection(ctx.db, m.inspectionId, at),
        auditInsert(ctx.db, inspectionClosedEvent(ctx.actor.id, m.inspectionId, siblings.length, at)),
      );
    }
  }
  await commitWrite(ctx.db, statements, measureUnchanged(m));
  await flushNotifications(ctx);
  return getMeasure(ctx, id);
}

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
export async function sweepMeasures(ctx: ServiceContext): Promise<MeasureSweep> {
  const { db, now } = ctx;
  const at = now.toISOString();
  const rows = await measuresToSweep(db);
  const calendar = await loadCalendar(db, now);
  const plan = escalations(rows, now, calendar);
  const unitOf = new Map(rows.map((r) => [r.id, r]));
  // Each measure's statements stay together in one batch, so its state and its e-mail are never half-written.
  const groups: BatchItem<"sqlite">[][] = [];
  for (const o of plan.overdue) {
    const row = unitOf.get(o.id);
    groups.push([
      updateMeasure(db, o.id, o.patch, at, { onlyIfOpen: true }),
      auditInsert(db, measureOverdueEvent(o.id, o.event, at)),
      // The unit's liaisons are told; the event id (measure and deadline) makes a second run record nothing.
      ...(row
        ? [measureOverdueNotification(ctx, { measureId: o.id, unitId: row.responsibleUnitId, deadline: row.deadline })]
        : []),
    ]);
  }
  // Open measures due within 3 working days: one warning per measure and deadline (ignored once recorded).
  for (const row of rows) {
    if (!isDeadlineSoon(row, now, calendar)) continue;
    groups.push([
      measureDeadlineSoonEvent(ctx, { measureId: row.id, unitId: row.responsibleUnitId, deadline: row.deadline }),
    ]);
  }
  for (const e of plan.escalated) {
    groups.push([
      updateMeasure(db, e.id, e.patch, at, { stamp: false }),
      auditInsert(db, measureEscalatedEvent(e.id, e, at)),
    ]);
  }
  let run: BatchItem<"sqlite">[] = [];
  const write = async () => {
    const [first, ...rest] = run;
    if (first) await db.batch([first, ...rest]);
    run = [];
  };
  for (const group of groups) {
    if (run.length + group.length > SWEEP_BATCH) await write();
    run.push(...group);
  }
  await write();
  return { measuresOverdue: plan.overdue.length, measuresEscalated: plan.escalated.length };
}
