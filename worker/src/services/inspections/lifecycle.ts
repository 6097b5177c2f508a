import type { BatchItem } from "drizzle-orm/batch";
import type {
  InspectionCancel,
  InspectionCreate,
  InspectionDetail,
  InspectionPatch,
} from "../../contracts/inspections";
import { auditInsert } from "../../db/queries/audit";
import {
  inspectionState,
  isUnitVisible,
  noScheduledVisit,
  scheduledVisits,
  unchanged,
  yearOf,
} from "../../db/queries/inspections";
import {
  detachLeads,
  insertInspectionStatements,
  replaceTeam,
  updateInspection,
} from "../../db/queries/inspections-write";
import { inspectionEditedEvent, inspectionStartedEvent } from "../../db/rows/inspection-events";
import { cancelInspection as cancelRule } from "../../domain/inspections";
import { ApiError } from "../../http/errors";
import { failureError, fieldError } from "../../http/failures";
import { INSPECTION_MESSAGES } from "../../i18n/inspections";
import { commitWrite } from "../batch";
import type { ActorContext } from "../context";
import { authorizeAction, requireInspection, requirePermission, ruleActor } from "./access";
import { getInspection } from "./read";
import { checkLeads, checkTeam, withCreator } from "./team";

/**
 * `POST /api/inspections` (supervisor): checks the unit, the team (recusal),
 * the leads and the one-scheduled-visit-per-year rule, then writes the
 * inspection, its team and its leads in one batch (audited
 * `inspection.created`, `lead.attached`). The creator joins the team.
 */
export async function createInspection(ctx: ActorContext, input: InspectionCreate): Promise<InspectionDetail> {
  requirePermission(ctx.actor, "inspections.manage");
  const { db, actor, lang } = ctx;
  if (!(await isUnitVisible(db, actor, input.unitId))) {
    throw new ApiError("not_found", { detail: INSPECTION_MESSAGES.unknown_unit[lang] });
  }
  await checkTeam(ctx, input.unitId, input.team);
  await checkLeads(ctx, input.unitId, input.leadIds);
  const year = yearOf(input.plannedStart);
  if (input.type === "scheduled" && (await scheduledVisits(db, input.unitId, year)).length > 0) {
    throw new ApiError("conflict", { detail: INSPECTION_MESSAGES.plan_conflict[lang] });
  }
  const id = crypto.randomUUID();
  const statements = insertInspectionStatements(
    db,
    actor,
    {
      id,
      type: input.type,
      unitId: input.unitId,
      plannedStart: input.plannedStart,
      plannedEnd: input.plannedEnd,
      scope: input.scope,
    },
    withCreator(input.team, actor),
    input.leadIds,
    ctx.now.toISOString(),
  );
  await commitWrite(db, statements, input.type === "scheduled" ? noScheduledVisit(input.unitId, year) : undefined);
  return getInspection(ctx, id);
}

/**
 * `PATCH /api/inspections/{id}` (supervisor): moves the window (within its
 * plan year), changes the scope or replaces the team, while planned or in
 * progress. Audited `inspection.moved` or `inspection.updated`.
 */
export async function patchInspection(
  ctx: ActorContext,
  id: string,
  input: InspectionPatch,
): Promise<InspectionDetail> {
  requirePermission(ctx.actor, "inspections.manage");
  const { db, actor, lang } = ctx;
  const row = await requireInspection(ctx, id);
  const moving = input.plannedStart !== undefined || input.plannedEnd !== undefined;
  await authorizeAction(ctx, row, moving ? "move" : "edit_team");
  const plannedStart = input.plannedStart ?? row.plannedStart;
  const plannedEnd = input.plannedEnd ?? row.plannedEnd;
  if (plannedEnd < plannedStart) throw fieldError("/plannedEnd", "ends_before_start", lang);
  if (yearOf(plannedStart) !== row.year) {
    throw new ApiError("conflict", { detail: INSPECTION_MESSAGES.other_year[lang] });
  }
  if (input.team) {
    if (input.team.length === 0) throw fieldError("/team", "team_empty", lang);
    await checkTeam(ctx, row.unitId, input.team);
  }
  const at = ctx.now.toISOString();
  const statements: BatchItem<"sqlite">[] = [
    updateInspection(db, id, { plannedStart, plannedEnd, scope: input.scope ?? row.scope }, at),
    ...(input.team ? replaceTeam(db, id, input.team) : []),
    auditInsert(
      db,
      inspectionEditedEvent(
        actor.id,
        id,
        {
          moving,
          before: row,
          after: { plannedStart, plannedEnd },
          ...(input.scope ? { scope: true } : {}),
          ...(input.team ? { team: input.team.map((m) => m.userId) } : {}),
        },
        at,
      ),
    ),
  ];
  await commitWrite(db, statements, unchanged(row));
  return getInspection(ctx, id);
}

/** `POST /api/inspections/{id}/start`: a team member starts a planned inspection. Audited `inspection.started`. */
export async function startInspection(ctx: ActorContext, id: string): Promise<InspectionDetail> {
  requirePermission(ctx.actor, "inspections.conduct");
  const row = await requireInspection(ctx, id);
  await authorizeAction(ctx, row, "start");
  const at = ctx.now.toISOString();
  await commitWrite(
    ctx.db,
    [
      updateInspection(ctx.db, id, { status: "in_progress", startedAt: at }, at),
      auditInsert(ctx.db, inspectionStartedEvent(ctx.actor.id, id, at)),
    ],
    unchanged(row),
  );
  return getInspection(ctx, id);
}

/**
 * `POST /api/inspections/{id}/cancel`: a supervisor takes a planned visit off
 * the plan with a reason. The attached leads are detached in the same batch
 * (they stay referred, ready for another visit); the public statistics never
 * counted the visit, since only started inspections are counted.
 */
export async function cancelInspection(
  ctx: ActorContext,
  id: string,
  input: InspectionCancel,
): Promise<InspectionDetail> {
  requirePermission(ctx.actor, "inspections.manage");
  const row = await requireInspection(ctx, id);
  const state = await inspectionState(ctx.db, row);
  const result = cancelRule(state, input.reason, ruleActor(ctx.actor));
  if (!result.ok) throw failureError(result, ctx.lang);
  const at = ctx.now.toISOString();
  await commitWrite(
    ctx.db,
    [
      updateInspection(ctx.db, id, { status: "cancelled", cancelledReason: result.patch.cancelledReason }, at),
      detachLeads(ctx.db, id),
      auditInsert(ctx.db, {
        actorId: ctx.actor.id,
        actorKind: "user",
        action: "inspection.cancelled",
        targetType: "inspection",
        targetId: id,
        summary: { before: { status: row.status }, after: { status: "cancelled" }, detachedLeadIds: state.leadIds },
        at,
      }),
    ],
    unchanged(row),
  );
  return getInspection(ctx, id);
}
