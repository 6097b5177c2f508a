import { MEASURES, type PublishedGroup } from "./suppression";

/**
 * CSV for the open data downloads (RFC 4180: comma separated, CRLF line ends,
 * a header row, fields quoted when they hold a comma, a quote or a line
 * break, quotes doubled). Text is UTF-8; a byte order mark is written by
 * default because Excel, which most readers here will open it with, otherwise
 * reads Vietnamese as Windows-1252.
 */

/** A CSV field value: null is an empty field (a suppressed or missing figure). */
export type CsvValue = string | number | boolean | null;

/** The UTF-8 byte order mark. */
export const BOM = "\uFEFF";

/**
 * One field, escaped. A text field starting with `=`, `+`, `-`, `@`, a tab or
 * a carriage return is prefixed with `'` so a spreadsheet does not run it as
 * a formula (labels come from the unit directory, which people edit); numbers
 * are written as they are, with a dot as the decimal separator.
 *
 * @example
 * csvField('Sở "Xây dựng", Hà Nội') // "\"Sở \"\"Xây dựng\"\", Hà Nội\""
 * csvField(null) // ""
 */
export function csvField(value: CsvValue): string {
  if (value === null) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError("CSV numbers must be finite");
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A CSV document from a header and rows of the same width.
 *
 * @throws RangeError when a row's width differs from the header's.
 * @example
 * toCsv(["key", "reports"], [["2026-11", 12], ["2026-12", null]], { bom: false })
 * // "key,reports\r\n2026-11,12\r\n2026-12,\r\n"
 */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvValue[])[],
  options: { bom?: boolean } = {},
): string {
  const lines = [header.map(csvField).join(",")];
  for (const row of rows) {
    if (row.length !== header.length) throw new RangeError("every CSV row must have as many fields as the header");
    lines.push(row.map(csvField).join(","));
  }
  return `${options.bom === false ? "" : BOM}${lines.join("\r\n")}\r\n`;
}

/** The columns of the statistics CSV, in order (the data dictionary documents each). */
export const STATS_CSV_COLUMNS = [
  "from",
  "to",
  "groupBy",
  "key",
  "label",
  ...MEASURES,
  "onTimeRate",
  "medianDaysToFirstResponse",
  "suppressed",
] as const;

/** The key of the totals row in the statistics CSV. */
export const TOTALS_ROW_KEY = "_total";

/** The part of a statistics response the CSV needs. */
export interface StatsTable {
  from: string;
  to: string;
  groupBy: string;
  /** Null counts when the totals are withheld. */
  totals: Record<(typeof MEASURES)[number], number | null>;
  groups: readonly PublishedGroup[];
  /** The totals row's figures beyond the counts (default: none, not suppressed). */
  totalsRow?: { onTimeRate: number | null; medianDaysToFirstResponse: number | null; suppressed: boolean };
}

/**
 * The statistics response as CSV: one row per group in the response's order
 * (suppressed groups keep their row, with empty counts and `suppressed` true,
 * so no unit disappears), then the totals row keyed `_total` with the
 * bilingual label "Tổng cộng / Total". Every row repeats the query so a file
 * stands on its own once saved.
 *
 * @example
 * statsCsv({ from: "2026-01-01", to: "2026-12-31", groupBy: "month", totals, groups })
 */
export function statsCsv(table: StatsTable, options: { bom?: boolean } = {}): string {
  const query = [table.from, table.to, table.groupBy];
  const rows: CsvValue[][] = table.groups.map((g) => [
    ...query,
    g.key,
    g.label,
    ...MEASURES.map((m) => g[m]),
    g.onTimeRate,
    g.medianDaysToFirstResponse,
    g.suppressed,
  ]);
  rows.push([
    ...query,
    TOTALS_ROW_KEY,
    "Tổng cộng / Total",
    ...MEASURES.map((m) => table.totals[m]),
    table.totalsRow?.onTimeRate ?? null,
    table.totalsRow?.medianDaysToFirstResponse ?? null,
    table.totalsRow?.suppressed ?? false,
  ]);
  return toCsv(STATS_CSV_COLUMNS, rows, options);
}
