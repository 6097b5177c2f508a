import { CATEGORY_CODES } from "../../contracts/categories";
import type { Dimension, StatsFilters, UnitCategoryRow } from "../../db/queries/stats";
import {
  type Counts,
  MEASURES,
  matrixNodeKey,
  type PublishedGroup,
  type RowPart,
  type StatsGroupInput,
  suppressMatrix,
} from "../../domain/stats";
import type { Lang } from "../../env";
import type { StatsPeriod } from "./period";
import { countsOf, type Directories, groupSet, type TableLinks } from "./tables";

/**
 * What the public statistics withhold, beyond the groups `suppress` hides:
 *
 * - The unit, category and sector tables of one period share cells: unit X
 *   in category c is a group of X's table by category and of c's table by
 *   unit; X's total is a group of the unit table and the total of X's page.
 *   Their suppression is one pattern (domain `suppressMatrix`, from the
 *   period's unit × category matrix): a cell hidden in one of them is hidden
 *   in all, and each is protected with those cells forced hidden. Month
 *   tables are suppressed on their own.
 * - With a filter, the filtered population is a cell of that pattern; when it
 *   is hidden, the totals, the headline and every group are withheld
 *   (`totalsSuppressed`), so a unit's page never shows what the unit table hides.
 */

/** A cell of the unit × category matrix: the six published counts. */
type MatrixRow = Counts & { u: string; c: string };

/**
 * The linked suppression pattern of the period (domain `suppressMatrix`):
 * units (the same set every unit table lists) × the seven categories, units
 * nested in sectors. Figures not tied to a category (inspections, verified
 * measures) and units outside the directory are known remainders of the margins.
 */
function linkedPattern(
  matrix: readonly MatrixRow[],
  period: StatsPeriod,
  dirs: Directories,
  lang: Lang,
  minCell: number,
) {
  const zero = (): Counts => Object.fromEntries(MEASURES.map((m) => [m, 0])) as Counts;
  const add = (into: Counts, c: Counts) => {
    for (const m of MEASURES) into[m] += c[m];
  };
  const rows = groupSet(
    "unit",
    {},
    period,
    dirs,
    matrix.map((r) => r.u),
    lang,
  ).map((g) => g.key);
  const categories = new Set<string>(CATEGORY_CODES);
  const cells = new Map<string, Map<string, Counts>>();
  const rowMargins = new Map(rows.map((r) => [r, zero()]));
  const columnMargins = new Map(CATEGORY_CODES.map((c) => [c as string, zero()]));
  const total = zero();
  for (const r of matrix) {
    add(total, r);
    const margin = rowMargins.get(r.u);
    if (margin) add(margin, r);
    if (!categories.has(r.c)) continue;
    add(columnMargins.get(r.c) as Counts, r);
    if (!rowMargins.has(r.u)) continue;
    let row = cells.get(r.u);
    if (!row) {
      row = new Map();
      cells.set(r.u, row);
    }
    const into = row.get(r.c) ?? zero();
    add(into, r);
    row.set(r.c, into);
  }
  return suppressMatrix(
    {
      rows,
      columns: CATEGORY_CODES,
      cells,
      rowMargins,
      columnMargins,
      total,
      rowGroups: new Map(rows.map((r) => [r, dirs.units.get(r)?.sector ?? "local"])),
    },
    minCell,
  );
}

/** What the linked pattern decides for one query. */
export interface LinkedWithholding {
  /** The filtered population is hidden somewhere: totals, headline and groups are withheld. */
  totalsSuppressed: boolean;
  /** How the main table's groups are suppressed. */
  links: TableLinks;
}

/**
 * The linked pattern's decision for a query: whether the filtered population
 * may be published at all, and each group's status in the main table (for
 * unit, category and sector tables; a month table keeps its own suppression).
 */
export function linkedWithholding(
  unitCategory: readonly UnitCategoryRow[],
  groupBy: Dimension,
  filters: StatsFilters,
  context: { period: StatsPeriod; dirs: Directories; lang: Lang; minCell: number },
): LinkedWithholding {
  const { period, dirs, lang, minCell } = context;
  const matrix: MatrixRow[] = unitCategory.map((r) => ({ u: r.u, c: r.c, ...countsOf(r) }));
  const pattern = linkedPattern(matrix, period, dirs, lang, minCell);
  // The population the filters leave: one unit, one sector or all, in one category or all.
  const unitSector = filters.unit !== undefined ? dirs.units.get(filters.unit)?.sector : undefined;
  const rowPart: RowPart =
    filters.unit !== undefined
      ? { row: filters.unit }
      : filters.sector !== undefined
        ? { group: filters.sector }
        : { all: true };
  const column = filters.categoryCode ?? null;
  const hiddenNode = (part: RowPart, col: string | null) => {
    const key = matrixNodeKey(part, col);
    return !pattern.nodes.has(key) || pattern.hidden.has(key);
  };
  const filtered = filters.categoryCode !== undefined || filters.sector !== undefined || filters.unit !== undefined;
  // A filter's population is published only when it is visible in every table showing it.
  const totalsSuppressed =
    filtered &&
    ((filters.unit !== undefined && filters.sector !== undefined && unitSector !== filters.sector) ||
      hiddenNode(rowPart, column));
  const statusOf =
    groupBy === "month"
      ? null
      : (key: string) =>
          groupBy === "unit"
            ? hiddenNode({ row: key }, column)
            : groupBy === "category"
              ? hiddenNode(rowPart, key)
              : hiddenNode("row" in rowPart ? rowPart : { group: key }, column);
  return { totalsSuppressed, links: { statusOf, units: matrix.map((r) => r.u) } };
}

/** Every group of a withheld table, listed with every figure null. */
export function withheldGroups(inputs: readonly StatsGroupInput[]): PublishedGroup[] {
  const nullCounts = Object.fromEntries(MEASURES.map((m) => [m, null])) as { [M in keyof Counts]: null };
  return inputs.map((g) => ({
    key: g.key,
    label: g.label,
    ...nullCounts,
    onTimeRate: null,
    medianDaysToFirstResponse: null,
    suppressed: true,
  }));
}
