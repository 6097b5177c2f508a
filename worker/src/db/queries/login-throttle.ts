import { eq, sql } from "drizzle-orm";
import { lockSeconds } from "../../domain/auth-policy";
import type { Db } from "../client";
import { loginThrottles } from "../schema";

/** Seconds until `bucket` may try again (0 when it may now). */
export async function lockedFor(db: Db, bucket: string, nowSec: number): Promise<number> {
  const [row] = await db.select().from(loginThrottles).where(eq(loginThrottles.bucket, bucket)).limit(1);
  return row ? Math.max(0, row.lockedUntil - nowSec) : 0;
}

/** Counts a failure and sets the next lock by exponential back-off. */
export async function recordFailure(db: Db, bucket: string, nowSec: number): Promise<void> {
  const [row] = await db
    .insert(loginThrottles)
    .values({ bucket, failures: 1, lastFailureAt: nowSec, lockedUntil: 0 })
    .onConflictDoUpdate({
      target: loginThrottles.bucket,
      set: { failures: sql`${loginThrottles.failures} + 1`, lastFailureAt: nowSec },
    })
    .returning({ failures: loginThrottles.failures });
  const lock = lockSeconds(row?.failures ?? 1);
  if (lock > 0) {
    await db
      .update(loginThrottles)
      .set({ lockedUntil: nowSec + lock })
      .where(eq(loginThrottles.bucket, bucket));
  }
}

/** A successful login clears the bucket. */
export async function clearFailures(db: Db, bucket: string): Promise<void> {
  await db.delete(loginThrottles).where(eq(loginThrottles.bucket, bucket));
}
