import type { SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { guarded, isGuardFailure } from "../db/queries/guards";
import { uniqueViolation } from "../db/queries/reports";
import { ApiError } from "../http/errors";

/** Statements of one D1 batch (one transaction). */
export type Statements = BatchItem<"sqlite">[];

/**
 * Runs statements as one D1 batch, or nothing when there are none.
 *
 * @example
 * await writeBatch(ctx.db, [insertNote(ctx.db, note), auditInsert(ctx.db, entry)]);
 */
export async function writeBatch(db: Db, statements: Statements): Promise<void> {
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/**
 * Runs statements as one D1 batch that holds only while `condition` (SQL that
 * is 1 when the state the use case read is still there) is true. When another
 * request changed that state first, the batch rolls back and the error of
 * `changed` is thrown: by default a 409.
 *
 * @example
 * await writeGuarded(ctx.db, leadUnchanged(lead), statements);
 */
export async function writeGuarded(
  db: Db,
  condition: SQL,
  statements: Statements,
  changed: () => Error = () => new ApiError("conflict"),
): Promise<void> {
  if (!(await tryGuarded(db, condition, statements))) throw changed();
}

/**
 * Like `writeGuarded`, but says whether the batch was written instead of
 * throwing when the state changed, for a use case that reads again or lets
 * the other request's change stand.
 */
export async function tryGuarded(db: Db, condition: SQL, statements: Statements): Promise<boolean> {
  try {
    await db.batch(guarded(db, condition, statements));
    return true;
  } catch (error) {
    if (isGuardFailure(error)) return false;
    throw error;
  }
}

/**
 * Writes a use case's statements as one D1 batch, guarded by `guard` when
 * given. When the state read changed under the request, or a concurrent
 * request took the same unique slot (a lead attached twice, a unit's one
 * scheduled visit), the whole batch rolls back and the request gets a 409.
 *
 * @example
 * await commitWrite(ctx.db, [update, auditInsert(ctx.db, entry)], unchanged(row));
 */
export async function commitWrite(db: Db, statements: Statements, guard?: SQL): Promise<void> {
  try {
    if (guard) await writeGuarded(db, guard, statements);
    else await writeBatch(db, statements);
  } catch (error) {
    if (uniqueViolation(error) !== undefined || isGuardFailure(error)) throw new ApiError("conflict");
    throw error;
  }
}
