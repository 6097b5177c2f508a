import { eq, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../client";
import { writeGuards } from "../schema";

/**
 * Wraps batch statements between a guard that aborts the batch unless
 * `condition` (a SQL expression that is 1 when the state read earlier still
 * holds) is true, and the guard's removal. Two requests that read the same
 * state and both write: one wins, the other's whole batch rolls back.
 *
 * @example
 * await db.batch(guarded(db, sql`(select count(*) from leads where id = ${id} and status = ${status})`, [ … ]));
 */
export function guarded(
  db: Db,
  condition: SQL,
  statements: BatchItem<"sqlite">[],
): [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]] {
  const id = crypto.randomUUID();
  return [
    db.insert(writeGuards).values({ id, ok: sql`(${condition})` }),
    ...statements,
    db.delete(writeGuards).where(eq(writeGuards.id, id)),
  ];
}

/** Whether an error is a guard's CHECK failing: the state changed under the request. */
export function isGuardFailure(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (/CHECK constraint failed: write_guards_ok/.test(current.message)) return true;
  }
  return false;
}
