import type { Actor } from "../db/queries/accounts";
import { can, type Permission } from "../domain/auth-policy";
import { ApiError } from "../http/errors";

/** 403 unless the actor's role holds `permission` (after `requireActor` checked the session). */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new ApiError("forbidden");
}
