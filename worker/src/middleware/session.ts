import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { totpRequiredRoles } from "../db/queries/accounts";
import { can, type Permission } from "../domain/auth-policy";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";
import { serviceContext } from "../http/service-context";
import { resolveSession } from "../services/sessions";

/** Name of the session cookie (HttpOnly, Secure, SameSite=Strict, Path=/). */
export const SESSION_COOKIE = "pacv_session";

/**
 * Requires a live session; sets `actor`. No session, or a dead one, or a
 * disabled account → 401. With a permission (or a list, any of which will
 * do), a role without it → 403. A role
 * that must use TOTP gets 403 until it enrols, except on the account routes.
 *
 * @example
 * app.use("/leads/*", requireActor("leads.read"));
 */
export function requireActor(
  permission?: Permission | readonly Permission[],
  options: { allowWithoutTotp?: boolean } = {},
) {
  const anyOf: readonly Permission[] =
    permission === undefined ? [] : typeof permission === "string" ? [permission] : permission;
  return createMiddleware<AppEnv>(async (c, next) => {
    const ctx = serviceContext(c);
    const token = getCookie(c, SESSION_COOKIE);
    const actor = token ? await resolveSession(ctx, token) : undefined;
    if (!actor) throw new ApiError("unauthorized");
    if (!options.allowWithoutTotp && !actor.totpEnabled && (await totpRequiredRoles(ctx.db)).includes(actor.role)) {
      throw new ApiError("totp_enrolment_required");
    }
    if (anyOf.length > 0 && !anyOf.some((p) => can(actor.role, p))) throw new ApiError("forbidden");
    c.set("actor", actor);
    await next();
  });
}
