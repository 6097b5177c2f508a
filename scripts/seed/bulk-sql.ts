// The SQL of the bulk data: multi-row INSERTs under D1's statement limit,
// and the counter-derived ids and tracking codes of its rows.
import type { Row, TableName, Tables } from "./rows.ts";
import { sqlValue } from "./sql.ts";

const CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
/** Rows handed to one insertMany call, which splits them into statements of at most MAX_STATEMENT bytes. */
export const ROWS_PER_INSERT = 500;
const MAX_STATEMENT = 90_000;
/** Characters of SQL in one file of inspections, findings and measures. */
export const MAX_FILE = 60_000_000;

/** Distinct tracking codes from a counter, in the `PA-XXXX-XXXX` shape, prefixed so they never meet the sample's. */
export function trackingCode(n: number): string {
  let digits = "";
  for (let i = 0, v = n; i < 7; i++, v = Math.floor(v / 25)) digits = CODE_ALPHABET[v % 25] + digits;
  return `PA-Z${digits.slice(0, 3)}-${digits.slice(3)}`;
}

/** A UUID-shaped id from a kind digit, the batch and a counter. */
export function hexId(kind: number, batch: number, n: number): string {
  return `b${kind}${batch}00000-0000-4000-a000-${n.toString(16).padStart(12, "0")}`;
}

/**
 * `INSERT INTO table (cols) VALUES (…), (…);` statements for `rows`, each
 * kept under MAX_STATEMENT characters (D1 refuses statements over 100 KB).
 */
export function insertMany<T extends TableName>(table: T, rows: readonly Tables[T][]): string[] {
  const first: Row | undefined = rows[0];
  if (!first) return [];
  const columns = Object.keys(first);
  const head = `INSERT INTO ${table} (${columns.join(",")}) VALUES\n`;
  const statements: string[] = [];
  let values: string[] = [];
  let length = head.length;
  for (const row of rows as readonly Row[]) {
    const tuple = `(${columns.map((c) => sqlValue(row[c])).join(",")})`;
    const bytes = Buffer.byteLength(tuple) + 2;
    if (values.length && length + bytes > MAX_STATEMENT) {
      statements.push(`${head}${values.join(",\n")};`);
      values = [];
      length = head.length;
    }
    values.push(tuple);
    length += bytes;
  }
  if (values.length) statements.push(`${head}${values.join(",\n")};`);
  return statements;
}
