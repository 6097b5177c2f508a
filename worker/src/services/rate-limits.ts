import type { Bindings } from "../env";
import { ApiError } from "../http/errors";
import { clientIp, hitRateLimit, type RateLimitPolicy } from "../lib/rate-limit";
import type { ActorContext, ServiceContext } from "./context";

/** Reporters' budgets per client and hour; a row of `settings` overrides each without a deploy. */
const DEFAULT_REPORTS_PER_HOUR = 30;

function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = Number.parseInt(value ?? "", 10);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** Filing reports: `REPORTS_PER_CLIENT_PER_HOUR` (wrangler.toml), or 30. */
export function reportsPolicy(env: Bindings): RateLimitPolicy {
  return {
    scope: "reports",
    settingKey: "reports_per_client_per_hour",
    fallback: positiveInt(env.REPORTS_PER_CLIENT_PER_HOUR, DEFAULT_REPORTS_PER_HOUR),
  };
}

/** A reporter's replies and contests. */
export const MESSAGES_POLICY: RateLimitPolicy = {
  scope: "messages",
  settingKey: "messages_per_client_per_hour",
  fallback: 60,
};

/** Evidence uploads: enough for five files per report on a few reports an hour, not for a flood. */
export const UPLOADS_POLICY: RateLimitPolicy = {
  scope: "evidence",
  settingKey: "evidence_uploads_per_client_per_hour",
  fallback: 60,
};

/**
 * Staff entering reports received by phone, post, in person…: per staff
 * account, not per client address (a reception desk shares one address).
 * 60 an hour unless the setting overrides it.
 */
export const INTAKE_POLICY: RateLimitPolicy = {
  scope: "intake",
  settingKey: "intake_reports_per_staff_per_hour",
  fallback: 60,
};

/**
 * Counts one request of a staff account against a budget in the window of
 * `ctx.now`; 429 with Retry-After once it is spent.
 *
 * @example
 * await countStaffRequest(actorContext(c), INTAKE_POLICY);
 */
export async function countStaffRequest(ctx: ActorContext, policy: RateLimitPolicy): Promise<void> {
  const { allowed, retryAfter } = await hitRateLimit(
    ctx.db,
    ctx.env.IP_HASH_SALT,
    `staff:${ctx.actor.id}`,
    policy,
    ctx.now,
  );
  if (!allowed) throw new ApiError("rate_limited", { retryAfter });
}

/**
 * Counts one request of a client against a budget in the window of
 * `ctx.now`; 429 with Retry-After once it is spent. The address only ever
 * enters an HMAC.
 *
 * @example
 * await countRequest(ctx, MESSAGES_POLICY, c.req.header("cf-connecting-ip"));
 */
export async function countRequest(
  ctx: ServiceContext,
  policy: RateLimitPolicy,
  address: string | undefined,
): Promise<void> {
  const { allowed, retryAfter } = await hitRateLimit(ctx.db, ctx.env.IP_HASH_SALT, clientIp(address), policy, ctx.now);
  if (!allowed) throw new ApiError("rate_limited", { retryAfter });
}
