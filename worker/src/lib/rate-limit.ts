import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { rateLimits, settings } from "../db/schema";
import { hmacHex } from "./crypto";

/** Length of a fixed rate-limit window. */
export const WINDOW_SECONDS = 3600;

/** One rate-limited action with its default budget per client per window. */
export interface RateLimitPolicy {
  /** Bucket prefix, so actions do not share a budget. */
  scope: string;
  /** Row of `settings` that overrides the default without a deploy. */
  settingKey: string;
  /** Budget when no setting row exists. */
  fallback: number;
}

/** Outcome of counting one request. */
export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets, for `Retry-After`. */
  retryAfter: number;
}

/**
 * An integer from `settings`, or `fallback` when the row is missing or not a
 * positive integer.
 */
export async function readLimit(db: Db, key: string, fallback: number): Promise<number> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
  const value = Number.parseInt(row?.value ?? "", 10);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * Counts a request against a fixed hourly window and says whether it is
 * within budget. The client is identified by HMAC(IP_HASH_SALT, ip + window):
 * the raw IP is never stored or logged, and buckets of two windows cannot be
 * linked to each other.
 *
 * @example
 * const { allowed, retryAfter } = await hitRateLimit(db, env.IP_HASH_SALT, ip, policy, now);
 * if (!allowed) throw new ApiError("rate_limited", { retryAfter });
 */
export async function hitRateLimit(
  db: Db,
  salt: string,
  clientIp: string,
  policy: RateLimitPolicy,
  now: Date,
): Promise<RateLimitResult> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % WINDOW_SECONDS);
  const client = await hmacHex(salt, `${clientIp}|${windowStart}`);
  const bucket = `${policy.scope}:${client}`;
  const [limit, [counted]] = await Promise.all([
    readLimit(db, policy.settingKey, policy.fallback),
    db
      .insert(rateLimits)
      .values({ bucket, windowStart, count: 1 })
      .onConflictDoUpdate({
        target: [rateLimits.bucket, rateLimits.windowStart],
        set: { count: sql`${rateLimits.count} + 1` },
      })
      .returning({ count: rateLimits.count }),
  ]);
  return {
    allowed: (counted?.count ?? 1) <= limit,
    retryAfter: Math.max(1, windowStart + WINDOW_SECONDS - nowSeconds),
  };
}

/** The client address Cloudflare reports, only ever used as input to the HMAC. */
export function clientIp(header: string | undefined): string {
  return header?.trim() || "unknown";
}

/** The statement that forgets windows that ended more than an hour before `now`, for the cron job. */
export function forgetPastWindows(db: Db, now: Date) {
  return db.delete(rateLimits).where(lt(rateLimits.windowStart, Math.floor(now.getTime() / 1000) - 2 * WINDOW_SECONDS));
}
