import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { InspectionCreate, InspectionPatch, TeamMemberInput } from "../../contracts/inspections";
import { cancelInspection as cancelRule } from "../../domain/inspections/lifecycle";
import type { Lang } from "../../env";
import { ApiError } from "../../http/errors";
import { INSPECTION_MESSAGES } from "../../i18n/inspections";
import type { Db } from "../client";
import { inspectionLeads, inspectionMembers, inspections, units } from "../schema";
import type { Actor } from "./accounts";
import { auditInsert } from "./audit";
import { guarded, isGuardFailure } from "./guards";
import {
  attachStatements,
  authorizeAction,
  checkLeads,
  checkTeam,
  failureError,
  fieldError,
  type InspectionRow,
  inspectionState,
  requireInspection,
  runBatch,
  scheduledVisits,
  yearOf,
} from "./inspections";
import { visibleTo } from "./recusal";

/** The team with the creator added (as head when nobody heads it, else as a member) when not listed. */
export function withCreator(team: TeamMemberInput[], actor: Actor): TeamMemberInput[] {
  if (team.some((m) => m.userId === actor.id)) return team;
  return [...team, { userId: actor.id, role: team.some((m) => m.role === "head") ? "member" : "head" }];
}

/** No other scheduled visit of the unit that year, checked again inside the batch. */
export function noScheduledVisit(unitId: string, year: number) {
  return sql`select count(*) = 0 from inspections where unit_id = ${unitId} and year = ${year} and type = 'scheduled' and status <> 'cancelled'`;
}

/** Statements inserting a new inspection with its team and leads, audited. */
export function insertInspectionStatements(
  db: Db,
  actor: Actor,
  values: Omit<typeof inspections.$inferInsert, "createdBy" | "createdAt" | "updatedAt" | "status" | "year">,
  team: TeamMemberInput[],
  leadIds: string[],
  at: string,
  summary: Record<string, unknown> = {},
): BatchItem<"sqlite">[] {
  return [
    db.insert(inspections).values({
      ...values,
      status: "planned",
      year: yearOf(values.plannedStart),
      createdBy: actor.id,
      createdAt: at,
      updatedAt: at,
    }),
    ...team.map((m) => db.insert(inspectionMembers).values({ inspectionId: values.id, ...m })),
    ...attachStatements(db, actor, values.id, leadIds, at),
    auditInsert(db, {
      actorId: actor.id,
      actorKind: "user",
      action: "inspection.created",
      targetType: "inspection",
      targetId: values.id,
      summary: {
        type: values.type,
        unitId: values.unitId,
        plannedStart: values.plannedStart,
        plannedEnd: values.plannedEnd,
        team: team.map((m) => m.userId),
        leadIds,
        ...summary,
      },
      at,
    }),
  ];
}

/**
 * `POST /api/inspections`: checks the unit, team (recusal), leads and the
 * one-scheduled-visit-per-year rule, then writes it all in one batch.
 */
export async function createInspection(
  db: Db,
  actor: Actor,
  input: InspectionCreate,
  lang: Lang,
  now: Date = new Date(),
): Promise<string> {
  const [unit] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.id, input.unitId), visibleTo(actor, units.id)))
    .limit(1);
  if (!unit) throw new ApiError("not_found", { detail: INSPECTION_MESSAGES.unknown_unit[lang] });
  await checkTeam(db, input.unitId, input.team, lang);
  await checkLeads(db, actor, input.unitId, input.leadIds, lang);
  const year = yearOf(input.plannedStart);
  if (input.type === "scheduled" && (await scheduledVisits(db, input.unitId, year)).length > 0) {
    throw new ApiError("conflict", { detail: INSPECTION_MESSAGES.plan_conflict[lang] });
  }
  const id = crypto.randomUUID();
  const at = now.toISOString();
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
    at,
  );
  await runBatch(
    db,
    input.type === "scheduled" ? guarded(db, noScheduledVisit(input.unitId, year), statements) : statements,
    isGuardFailure,
  );
  return id;
}

/** A guard that the inspection is still as read (status and last update). */
export function unchanged(row: InspectionRow) {
  return sql`select count(*) from inspections where id = ${row.id} and status = ${row.status} and updated_at = ${row.updatedAt}`;
}

/**
 * `PATCH /api/inspections/{id}`: moves the window (within its plan year),
 * changes the scope or replaces the team, while planned or in progress.
 */
export async function patchInspection(
  db: Db,
  actor: Actor,
  id: string,
  input: InspectionPatch,
  lang: Lang,
  now: Date = new Date(),
): Promise<void> {
  const row = await requireInspection(db, actor, id);
  const moving = input.plannedStart !== undefined || input.plannedEnd !== undefined;
  await authorizeAction(db, actor, row, moving ? "move" : "edit_team", lang);
  const plannedStart = input.plannedStart ?? row.plannedStart;
  const plannedEnd = input.plannedEnd ?? row.plannedEnd;
  if (plannedEnd < plannedStart) {
    throw new ApiError("validation_failed", {
      errors: [
        {
          pointer: "/plannedEnd",
          message: lang === "vi" ? "Ngày kết thúc trước ngày bắt đầu" : "Ends before it starts",
        },
      ],
    });
  }
  if (yearOf(plannedStart) !== row.year) {
    throw new ApiError("conflict", { detail: INSPECTION_MESSAGES.other_year[lang] });
  }
  if (input.team) {
    if (input.team.length === 0) throw fieldError("/team", "team_empty", lang);
    await checkTeam(db, row.unitId, input.team, lang);
  }
  const at = now.toISOString();
  const statements: BatchItem<"sqlite">[] = [
    db
      .update(inspections)
      .set({ plannedStart, plannedEnd, scope: input.scope ?? row.scope, updatedAt: at })
      .where(eq(inspections.id, id)),
  ];
  if (input.team) {
    statements.push(
      db.delete(inspectionMembers).where(eq(inspectionMembers.inspectionId, id)),
      ...input.team.map((m) => db.insert(inspectionMembers).values({ inspectionId: id, ...m })),
    );
  }
  statements.push(
    auditInsert(db, {
      actorId: actor.id,
      actorKind: "user",
      action: moving ? "inspection.moved" : "inspection.updated",
      targetType: "inspection",
      targetId: id,
      summary: {
        before: { plannedStart: row.plannedStart, plannedEnd: row.plannedEnd },
        after: { plannedStart, plannedEnd },
        ...(input.scope ? { scope: true } : {}),
        ...(input.team ? { team: input.team.map((m) => m.userId) } : {}),
      },
      at,
    }),
  );
  await runBatch(db, guarded(db, unchanged(row), statements), isGuardFailure);
}

/** `POST /api/inspections/{id}/start`: a team member starts a planned inspection. */
export async function startInspection(
  db: Db,
  actor: Actor,
  id: string,
  lang: Lang,
  now: Date = new Date(),
): Promise<void> {
  const row = await requireInspection(db, actor, id);
  await authorizeAction(db, actor, row, "start", lang);
  const at = now.toISOString();
  await runBatch(
    db,
    guarded(db, unchanged(row), [
      db.update(inspections).set({ status: "in_progress", startedAt: at, updatedAt: at }).where(eq(inspections.id, id)),
      auditInsert(db, {
        actorId: actor.id,
        actorKind: "user",
        action: "inspection.started",
        targetType: "inspection",
        targetId: id,
        summary: { before: { status: "planned" }, after: { status: "in_progress" } },
        at,
      }),
    ]),
    isGuardFailure,
  );
}

/**
 * `POST /api/inspections/{id}/cancel`: a supervisor takes a planned visit off
 * the plan with a reason. The attached leads are detached in the same batch
 * (they stay referred, ready for another visit); the public statistics never
 * counted the visit, since only started inspections are counted.
 */
export async function cancelInspection(
  db: Db,
  actor: Actor,
  id: string,
  reason: string,
  lang: Lang,
  now: Date = new Date(),
): Promise<void> {
  const row = await requireInspection(db, actor, id);
  const state = await inspectionState(db, row);
  const result = cancelRule(state, reason, { id: actor.id, role: actor.role });
  if (!result.ok) throw failureError(result, lang);
  const at = now.toISOString();
  await runBatch(
    db,
    guarded(db, unchanged(row), [
      db
        .update(inspections)
        .set({ status: "cancelled", cancelledReason: result.patch.cancelledReason, updatedAt: at })
        .where(eq(inspections.id, id)),
      db.delete(inspectionLeads).where(eq(inspectionLeads.inspectionId, id)),
      auditInsert(db, {
        actorId: actor.id,
        actorKind: "user",
        action: "inspection.cancelled",
        targetType: "inspection",
        targetId: id,
        summary: { before: { status: row.status }, after: { status: "cancelled" }, detachedLeadIds: state.leadIds },
        at,
      }),
    ]),
    isGuardFailure,
  );
}
