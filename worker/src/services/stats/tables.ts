import { CATEGORY_CODES } from "../../contracts/categories";
import { SECTOR_CODES, SECTOR_LABELS } from "../../contracts/stats";
import type {
  CategoryRow,
  CellRow,
  CellSums,
  Dimension,
  HistogramRow,
  StatsFilters,
  UnitCategoryRow,
  UnitRow,
} from "../../db/queries/stats";
import { CELL_COLUMNS } from "../../db/rollups/definition";
import {
  type Counts,
  type HistogramBin,
  medianOfHistogram,
  monthRange,
  publishWith,
  type StatsGroupInput,
  suppress,
} from "../../domain/stats";
import type { Lang } from "../../env";
import { monthLabel } from "../../i18n/stats";
import type { StatsPeriod } from "./period";

/**
 * The tables of the public statistics: summing rollup rows into groups, the
 * groups each dimension lists, and one table's groups with suppression
 * applied.
 */

/** The unit and category directories, as read with the figures. */
export interface Directories {
  units: Map<string, UnitRow>;
  categories: CategoryRow[];
}

interface GroupDef {
  key: string;
  label: string;
}

export function zeroSums(): CellSums {
  return Object.fromEntries(CELL_COLUMNS.map((c) => [c, 0])) as CellSums;
}

export function addSums(into: CellSums, row: CellSums): void {
  for (const c of CELL_COLUMNS) into[c] += row[c];
}

/** The six published counts of a sum of cells. */
export function countsOf(s: CellSums): Counts {
  return {
    reports: s.reports,
    leads: s.leads,
    referred: s.referred,
    dismissed: s.dismissed,
    inspections: s.inspections_surprise + s.inspections_scheduled + s.inspections_verification,
    substantiated: s.findings_substantiated + s.findings_partly,
  };
}

/** A share rounded to three decimals, or null for 0/0. */
export function rate(done: number, late: number): number | null {
  const all = done + late;
  return all <= 0 ? null : Math.round((done / all) * 1000) / 1000;
}

function totalOf(rows: readonly CellSums[]): CellSums {
  const total = zeroSums();
  for (const row of rows) addSums(total, row);
  return total;
}

/**
 * The groups a table shows: every month of the period, the seven categories,
 * every sector, or every current unit plus any unit with data, narrowed by
 * the filters that fix the same dimension (a sector's unit table lists that
 * sector's units).
 */
export function groupSet(
  dimension: Dimension,
  filters: StatsFilters,
  period: StatsPeriod,
  dirs: Directories,
  withData: Iterable<string>,
  lang: Lang,
): GroupDef[] {
  if (dimension === "month") {
    return monthRange(period.from, period.to).map((m) => ({ key: m, label: monthLabel(m, lang) }));
  }
  if (dimension === "category") {
    const known = new Map(dirs.categories.map((c) => [c.code, lang === "en" ? c.nameEn : c.nameVi]));
    return CATEGORY_CODES.filter((code) => filters.categoryCode === undefined || code === filters.categoryCode).map(
      (code) => ({ key: code, label: known.get(code) ?? code }),
    );
  }
  if (dimension === "sector") {
    const unitSector = filters.unit !== undefined ? dirs.units.get(filters.unit)?.sector : undefined;
    return SECTOR_CODES.filter(
      (code) =>
        (filters.sector === undefined || code === filters.sector) &&
        (filters.unit === undefined || code === unitSector),
    ).map((code) => ({ key: code, label: SECTOR_LABELS[code][lang] }));
  }
  const ids = new Set<string>();
  for (const u of dirs.units.values()) if (u.current) ids.add(u.id);
  for (const id of withData) if (dirs.units.has(id)) ids.add(id);
  // A unit's own page works for a unit merged away too, with or without data in the period.
  if (filters.unit !== undefined && dirs.units.has(filters.unit)) ids.add(filters.unit);
  const groups: GroupDef[] = [];
  for (const id of ids) {
    const unit = dirs.units.get(id) as UnitRow;
    if (filters.sector !== undefined && unit.sector !== filters.sector) continue;
    if (filters.unit !== undefined && id !== filters.unit) continue;
    groups.push({ key: id, label: unit.name });
  }
  return groups.sort((a, b) => a.label.localeCompare(b.label, "vi") || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The group key of a row: rows of units are summed per sector for `sector`. */
function groupKey(dimension: Dimension, key: string, dirs: Directories): string {
  return dimension === "sector" ? (dirs.units.get(key)?.sector ?? "local") : key;
}

/** Sums rows into the groups of a dimension. */
function sumIntoGroups(dimension: Dimension, rows: readonly CellRow[], dirs: Directories): Map<string, CellSums> {
  const sums = new Map<string, CellSums>();
  for (const row of rows) {
    const key = groupKey(dimension, row.k, dirs);
    let into = sums.get(key);
    if (!into) {
      into = zeroSums();
      sums.set(key, into);
    }
    addSums(into, row);
  }
  return sums;
}

/**
 * The rows a unit, category or sector table would read from `stats_cells`
 * (keyed by unit or by category, the filters applied), summed from the
 * period's unit × category rows already fetched for the linked pattern.
 */
export function tableFromMatrix(
  rows: readonly UnitCategoryRow[],
  key: "u" | "c",
  filters: StatsFilters,
  dirs: Directories,
): CellRow[] {
  const out = new Map<string, CellRow>();
  for (const r of rows) {
    if (filters.categoryCode !== undefined && r.c !== filters.categoryCode) continue;
    if (filters.unit !== undefined && r.u !== filters.unit) continue;
    if (filters.sector !== undefined && dirs.units.get(r.u)?.sector !== filters.sector) continue;
    const k = r[key];
    let sums = out.get(k);
    if (!sums) {
      sums = { k, ...zeroSums() };
      out.set(k, sums);
    }
    addSums(sums, r);
  }
  return [...out.values()];
}

/** How a table's groups are suppressed: by the linked pattern (a hidden status per group) or on their own. */
export interface TableLinks {
  /** Whether a group is hidden in the linked pattern; null for a table suppressed on its own (months). */
  statusOf: ((key: string) => boolean) | null;
  /** The units every linked table lists (those of the unfiltered matrix); null for a table on its own. */
  units: readonly string[] | null;
}

/** One table: the groups of a dimension from rollup rows, suppressed, with the true totals. */
export function buildTable(
  dimension: Dimension,
  filters: StatsFilters,
  rows: readonly CellRow[],
  context: { period: StatsPeriod; dirs: Directories; lang: Lang; minCell: number },
  firstResponse: readonly HistogramRow[],
  linked: TableLinks,
) {
  const { period, dirs, lang, minCell } = context;
  const sums = sumIntoGroups(dimension, rows, dirs);
  // Linked tables list the units of the unfiltered matrix, so that every
  // table shows the same units as the pattern was computed for.
  const defs = groupSet(dimension, filters, period, dirs, linked.units ?? rows.map((r) => r.k), lang);
  const histograms = new Map<string, HistogramBin[]>();
  for (const row of firstResponse) {
    const key = groupKey(dimension, row.k, dirs);
    const bins = histograms.get(key) ?? [];
    bins.push({ value: row.days, count: row.n });
    histograms.set(key, bins);
  }
  const inputs: StatsGroupInput[] = defs.map((def) => {
    const s = sums.get(def.key) ?? zeroSums();
    return {
      key: def.key,
      label: def.label,
      ...countsOf(s),
      onTimeRate: rate(s.ack_on_time, s.ack_late),
      medianDaysToFirstResponse: medianOfHistogram(histograms.get(def.key) ?? []),
    };
  });
  const total = totalOf(rows);
  const { statusOf } = linked;
  const result = statusOf
    ? publishWith(inputs, new Set(inputs.filter((g) => statusOf(g.key)).map((g) => g.key)))
    : suppress(inputs, countsOf(total), minCell);
  return { inputs, total, result };
}
