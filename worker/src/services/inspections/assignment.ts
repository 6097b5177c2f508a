import type { InspectionAssignment, InspectionDetail, InspectionQuery } from "../../contracts/inspections";
import { auditInsert } from "../../db/queries/audit";
import { teamOf, unchanged } from "../../db/queries/inspections";
import { updateInspection } from "../../db/queries/inspections-write";
import { assigneeCandidate } from "../../db/queries/leads";
import { type AssigneeCandidate, mayAssignInspection } from "../../domain/assignment";
import { can, type Role } from "../../domain/auth-policy";
import { assignmentError, assignmentFailureError } from "../../http/failures";
import { commitWrite } from "../batch";
import type { ActorContext } from "../context";
import { requireInspection } from "./access";
import { getInspection } from "./read";

/**
 * Who is in charge of an inspection: supervisors assign, reassign and
 * release; an inspector takes an unassigned inspection or releases their
 * own. Each change is one batch with its `inspection.assigned` (or
 * `inspection.unassigned`) audit row, guarded on the inspection being as read.
 */

/** The proposed assignee, recusal computed against the inspected unit. */
async function candidate(ctx: ActorContext, userId: string | null, unitId: string) {
  if (userId === null) return undefined;
  const row = await assigneeCandidate(ctx.db, userId, unitId);
  if (!row) return undefined;
  return {
    id: row.id,
    role: row.role as Role,
    disabled: row.disabledAt !== null,
    recused: !row.visible,
  } satisfies AssigneeCandidate;
}

/**
 * `POST /api/inspections/{id}/assignment`: set or clear the inspector in
 * charge. 404 when the actor cannot see the inspection; 409 closed,
 * cancelled or someone else's; 403 not the actor's to give; 422 an unknown,
 * disabled, non-casework or recused assignee, or someone off the team of a
 * surprise inspection. Setting the current assignee again writes nothing.
 */
export async function assignInspection(
  ctx: ActorContext,
  id: string,
  input: InspectionAssignment,
): Promise<InspectionDetail> {
  const row = await requireInspection(ctx, id);
  const team = await teamOf(ctx.db, id);
  const result = mayAssignInspection(
    { status: row.status, type: row.type, assigneeId: row.assigneeId, teamIds: team.map((m) => m.userId) },
    ctx.actor,
    input.assigneeId,
    await candidate(ctx, input.assigneeId, row.unitId),
  );
  if (!result.ok) throw assignmentFailureError(result, ctx.lang);
  if (result.change) {
    const at = ctx.now.toISOString();
    await commitWrite(
      ctx.db,
      [
        updateInspection(ctx.db, id, { assigneeId: input.assigneeId }, at),
        auditInsert(ctx.db, {
          actorId: ctx.actor.id,
          actorKind: "user",
          action: input.assigneeId === null ? "inspection.unassigned" : "inspection.assigned",
          targetType: "inspection",
          targetId: id,
          summary: { from: row.assigneeId, to: input.assigneeId },
          at,
        }),
      ],
      unchanged(row),
    );
  }
  return getInspection(ctx, id);
}

/**
 * The `assignee` filter of `GET /api/inspections` with `me` resolved; an
 * inspector may ask only for their own (`me`) or the unassigned (`none`):
 * another person's id is a 403 problem, as on the lead queue.
 */
export function inspectionFilter(ctx: ActorContext, query: InspectionQuery): InspectionQuery {
  const assignee = query.assignee === "me" ? ctx.actor.id : query.assignee;
  if (assignee && assignee !== "none" && assignee !== ctx.actor.id && !can(ctx.actor.role, "inspections.assign")) {
    throw assignmentError("forbidden", "assignee_filter_forbidden", ctx.lang);
  }
  return { ...query, assignee };
}
