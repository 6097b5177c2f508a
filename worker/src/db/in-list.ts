import { type SQL, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";

/**
 * `column IN (…)` for a list whose length depends on the data, bound as ONE
 * JSON parameter read back with `json_each`. Drizzle's `inArray` binds one
 * parameter per value and D1 refuses a statement with more than 100, so a
 * lead with 120 reports or a page of 150 measures would fail with a 500.
 * An empty list gives a condition that is false (`x IN` an empty set), with
 * no special case and no SQL error. Keep `inArray` for short constant lists
 * (a handful of statuses).
 *
 * @example
 * db.select().from(attachments).where(inList(attachments.reportId, reportIds))
 * // … where "attachments"."report_id" in (select value from json_each(?))  -- ['["r1","r2",…]']
 */
export function inList(column: AnySQLiteColumn, values: readonly string[]): SQL {
  return sql`${column} in (select value from json_each(${JSON.stringify(values)}))`;
}
