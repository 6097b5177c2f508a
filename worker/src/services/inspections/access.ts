import type { Actor } from "../../db/queries/accounts";
import { findVisibleInspection, type InspectionRow, inspectionState } from "../../db/queries/inspections";
import { can, type Permission } from "../../domain/auth-policy";
import { authorize, type InspectionActor, type InspectionState, type LifecycleAction } from "../../domain/inspections";
import { ApiError } from "../../http/errors";
import { failureError } from "../../http/failures";
import type { ActorContext } from "../context";

/**
 * 403 unless the actor's role holds `permission`. Use cases check it first,
 * before they look anything up, so a role without it learns nothing (not
 * even whether an id exists).
 */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new ApiError("forbidden");
}

/** The staff member as the inspection rules see them. */
export function ruleActor(actor: Actor): InspectionActor {
  return { id: actor.id, role: actor.role };
}

/** The inspection if the actor may see it (recusal, surprise visits for their team only); 404 otherwise. */
export async function requireInspection(ctx: ActorContext, id: string): Promise<InspectionRow> {
  const row = await findVisibleInspection(ctx.db, ctx.actor, id);
  if (!row) throw new ApiError("not_found");
  return row;
}

/**
 * Loads the inspection's team and leads and checks a lifecycle action for
 * the actor (the inspection already checked visible): 409 in the wrong
 * status, 403 for the wrong role or off the team.
 */
export async function authorizeAction(
  ctx: ActorContext,
  row: InspectionRow,
  action: LifecycleAction,
): Promise<InspectionState> {
  const state = await inspectionState(ctx.db, row);
  const allowed = authorize(state, action, ruleActor(ctx.actor));
  if (!allowed.ok) throw failureError(allowed, ctx.lang);
  return state;
}
