import { eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../client";
import { loginThrottles } from "../schema";

/** Seconds until `bucket` may try again (0 when it may now). */
export async function lockedFor(db: Db, bucket: string, nowSec: number): Promise<number> {
  const [row] = await db.select().from(loginThrottles).where(eq(loginThrottles.bucket, bucket)).limit(1);
  return row ? Math.max(0, row.lockedUntil - nowSec) : 0;
}

/** Counts one more failure of `bucket` and returns its consecutive failures so far. */
export async function countFailure(db: Db, bucket: string, nowSec: number): Promise<number> {
  const [row] = await db
    .insert(loginThrottles)
    .values({ bucket, failures: 1, lastFailureAt: nowSec, lockedUntil: 0 })
    .onConflictDoUpdate({
      target: loginThrottles.bucket,
      set: { failures: sql`${loginThrottles.failures} + 1`, lastFailureAt: nowSec },
    })
    .returning({ failures: loginThrottles.failures });
  return row?.failures ?? 1;
}

/** Locks `bucket` until `until` (Unix seconds). */
export async function lockBucket(db: Db, bucket: string, until: number): Promise<void> {
  await db.update(loginThrottles).set({ lockedUntil: until }).where(eq(loginThrottles.bucket, bucket));
}

/** The statement that forgets a bucket's failures (a successful login), for a batch. */
export function clearFailures(db: Db, bucket: string): BatchItem<"sqlite"> {
  return db.delete(loginThrottles).where(eq(loginThrottles.bucket, bucket));
}
