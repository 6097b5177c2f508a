import type { SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { guarded, isGuardFailure } from "../db/queries/guards";
import { ApiError } from "../http/errors";

/** Whether an error is a uniqueness failure (a lead attached twice by two requests at once). */
export function isUniqueFailure(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (/UNIQUE constraint failed/.test(current.message)) return true;
  }
  return false;
}

/**
 * Writes a use case's statements as one D1 batch (one transaction), guarded
 * by `guard` when given (SQL that is 1 while the state the use case read
 * still holds). When that state changed under the request, or a concurrent
 * request took the same unique slot (a lead attached twice, a unit's one
 * scheduled visit), the whole batch rolls back and the request gets a 409.
 *
 * @example
 * await commitWrite(ctx.db, [update, auditInsert(ctx.db, entry)], unchanged(row));
 */
export async function commitWrite(db: Db, statements: readonly BatchItem<"sqlite">[], guard?: SQL): Promise<void> {
  const [first, ...rest] = guard ? guarded(db, guard, [...statements]) : statements;
  if (!first) return;
  try {
    await db.batch([first, ...rest]);
  } catch (error) {
    if (isUniqueFailure(error) || isGuardFailure(error)) throw new ApiError("conflict");
    throw error;
  }
}
