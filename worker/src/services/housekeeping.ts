import { forgetExpiredChallenges } from "../lib/altcha";
import { forgetExpiredResponses } from "../lib/idempotency";
import { forgetPastWindows } from "../lib/rate-limit";
import { writeBatch } from "./batch";
import type { ServiceContext } from "./context";

/**
 * Forgets what only mattered for a while, as of `ctx.now`: remembered
 * responses past their 24 hours, rate-limit windows over, and spent ALTCHA
 * challenges past their expiry.
 */
export async function forgetExpired(ctx: ServiceContext): Promise<void> {
  await writeBatch(ctx.db, [
    forgetExpiredResponses(ctx.db, ctx.now),
    forgetPastWindows(ctx.db, ctx.now),
    forgetExpiredChallenges(ctx.db, ctx.now),
  ]);
}
