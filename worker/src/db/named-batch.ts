/**
 * Raw D1 statements run in one batch and read back by name instead of by
 * position, so adding or skipping a query cannot shift what another one reads.
 */

/** A prepared statement and the type of the rows it returns. */
export interface RowsQuery<Row> {
  statement: D1PreparedStatement;
  /** Never set: carries the row type. */
  readonly row?: Row;
}

/**
 * Declares the row type of a prepared statement.
 *
 * @example
 * const units = rowsQuery<{ id: string; name: string }>(d1.prepare("SELECT id, name FROM units"));
 */
export function rowsQuery<Row>(statement: D1PreparedStatement): RowsQuery<Row> {
  return { statement };
}

/** The rows of each named query; a query left out (undefined) reads as undefined. */
export type BatchRows<Queries> = {
  [K in keyof Queries]: Queries[K] extends RowsQuery<infer Row> ? Row[] : undefined;
};

/**
 * Runs every named query that is present in ONE `d1.batch` (one round trip,
 * one transaction) and returns their rows under the same names.
 *
 * @example
 * const { units, settings } = await batchByName(d1, {
 *   units: rowsQuery<UnitRow>(d1.prepare("SELECT …")),
 *   settings: filtered ? rowsQuery<SettingRow>(d1.prepare("SELECT …")) : undefined,
 * });
 */
export async function batchByName<Queries extends Record<string, RowsQuery<unknown> | undefined>>(
  d1: D1Database,
  queries: Queries,
): Promise<BatchRows<Queries>> {
  const present = Object.entries(queries).filter((entry): entry is [string, RowsQuery<unknown>] => !!entry[1]);
  const results = present.length ? await d1.batch(present.map(([, query]) => query.statement)) : [];
  const rows: Record<string, unknown[] | undefined> = Object.fromEntries(
    Object.keys(queries).map((k) => [k, undefined]),
  );
  present.forEach(([name], i) => {
    rows[name] = results[i]?.results ?? [];
  });
  return rows as BatchRows<Queries>;
}
