import { CATEGORY_CODES } from "../../contracts/categories";
import { DISMISSAL_REASON_CODES } from "../../contracts/leads";
import {
  SECTOR_CODES,
  SECTOR_LABELS,
  type SectorCode,
  STATS_MAX_MONTHS,
  type StatsHeadline,
  type StatsQuery,
  type StatsResponse,
} from "../../contracts/stats";
import {
  type Counts,
  DEFAULT_MIN_CELL,
  DEFAULT_MIN_RANKED_CASES,
  type HistogramBin,
  MEASURES,
  matrixNodeKey,
  medianOfHistogram,
  monthKey,
  monthRange,
  publishWith,
  type RowPart,
  type StatsGroupInput,
  suppress,
  suppressMatrix,
} from "../../domain/stats";
import type { Lang } from "../../env";
import { ApiError } from "../../http/errors";
import { DISMISSAL_REASON_LABELS, monthLabel, STATS_MESSAGES } from "../../i18n/stats";
import { CELL_COLUMNS, type CellColumn } from "../rollups/definition";

/**
 * The query layer of the public statistics (issue 5). It reads only the
 * rollups (`stats_cells`, `stats_months`, `stats_durations*`) and the
 * directories (`units`, `categories`, `settings`), never the raw tables, in
 * one D1 round trip; and it suppresses small cells here, so no endpoint built
 * on it can publish one.
 */

/** A period of whole Hanoi months. */
export interface StatsPeriod {
  /** First day of the first month. */
  from: string;
  /** Last day of the last month. */
  to: string;
  /** First and last month keys. */
  fromMonth: string;
  toMonth: string;
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, "0")}`;
}

/** Months from `from` to `to`, both included. */
function monthsBetween(from: string, to: string): number {
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  return index(to) - index(from) + 1;
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * The period of a query as whole Hanoi months: `to` defaults to the current
 * Hanoi month, `from` to eleven months before `to`'s month (twelve months).
 *
 * @throws ApiError `validation_failed` (422, pointer `/to`) when `to` is before `from`.
 * @example
 * statsPeriod({ from: "2025-12-15", to: "2026-11-03" }, "vi", now)
 * // { from: "2025-12-01", to: "2026-11-30", fromMonth: "2025-12", toMonth: "2026-11" }
 */
export function statsPeriod(query: Pick<StatsQuery, "from" | "to">, lang: Lang, now: Date): StatsPeriod {
  if (query.from && query.to && query.to < query.from) {
    throw new ApiError("validation_failed", {
      errors: [{ pointer: "/to", message: STATS_MESSAGES.to_before_from[lang] }],
    });
  }
  const toMonth = query.to ? query.to.slice(0, 7) : monthKey(now);
  const fromMonth = query.from ? query.from.slice(0, 7) : shiftMonth(toMonth, -11);
  if (toMonth < fromMonth) {
    throw new ApiError("validation_failed", {
      errors: [{ pointer: query.to ? "/to" : "/from", message: STATS_MESSAGES.to_before_from[lang] }],
    });
  }
  if (monthsBetween(fromMonth, toMonth) > STATS_MAX_MONTHS) {
    throw new ApiError("validation_failed", {
      errors: [{ pointer: query.from ? "/from" : "/to", message: STATS_MESSAGES.period_too_long[lang] }],
    });
  }
  return { from: `${fromMonth}-01`, to: lastDayOfMonth(toMonth), fromMonth, toMonth };
}

type CellSums = Record<CellColumn, number>;
type CellRow = CellSums & { k: string };

const SUMS_SQL = CELL_COLUMNS.map((c) => `COALESCE(SUM(${c}), 0) AS ${c}`).join(", ");

function zeroSums(): CellSums {
  return Object.fromEntries(CELL_COLUMNS.map((c) => [c, 0])) as CellSums;
}

function addSums(into: CellSums, row: CellSums): void {
  for (const c of CELL_COLUMNS) into[c] += row[c];
}

/** The six published counts of a sum of cells. */
function countsOf(s: CellSums): Counts {
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
function rate(done: number, late: number): number | null {
  const all = done + late;
  return all <= 0 ? null : Math.round((done / all) * 1000) / 1000;
}

/** The dimensions a table can be grouped or filtered by. */
type Dimension = "month" | "category" | "sector" | "unit";

interface Filters {
  categoryCode?: string;
  sector?: SectorCode;
  unit?: string;
}

/** SQL conditions (and their binds) for the filters, minus the one dimension left free. */
function filterSql(filters: Filters, except: Dimension | null, columns: { unit: boolean; category: boolean }) {
  const where: string[] = [];
  const binds: string[] = [];
  if (filters.categoryCode !== undefined && except !== "category" && columns.category) {
    where.push("category_code = ?");
    binds.push(filters.categoryCode);
  }
  if (filters.sector !== undefined && except !== "sector" && columns.unit) {
    where.push("unit_id IN (SELECT id FROM units WHERE COALESCE(sector, 'local') = ?)");
    binds.push(filters.sector);
  }
  if (filters.unit !== undefined && except !== "unit" && columns.unit) {
    where.push("unit_id = ?");
    binds.push(filters.unit);
  }
  return { where, binds };
}

/** The SQL key of a dimension: sectors are grouped by unit and summed per sector here. */
function keySql(dimension: Dimension): string {
  if (dimension === "month") return "month";
  if (dimension === "category") return "category_code";
  return "unit_id";
}

interface UnitRow {
  id: string;
  name: string;
  sector: string;
  current: number;
}

interface Directories {
  units: Map<string, UnitRow>;
  categories: { code: string; nameVi: string; nameEn: string }[];
}

interface GroupDef {
  key: string;
  label: string;
}

/**
 * The groups a table shows: every month of the period, the seven categories,
 * every sector, or every current unit plus any unit with data, narrowed by
 * the filters that fix the same dimension (a sector's unit table lists that
 * sector's units).
 */
function groupSet(
  dimension: Dimension,
  filters: Filters,
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

/** Sums rows into the groups of a dimension (rows of units are summed per sector for `sector`). */
function sumIntoGroups(dimension: Dimension, rows: readonly CellRow[], dirs: Directories): Map<string, CellSums> {
  const sums = new Map<string, CellSums>();
  for (const row of rows) {
    const key = dimension === "sector" ? (dirs.units.get(row.k)?.sector ?? "local") : row.k;
    let into = sums.get(key);
    if (!into) {
      into = zeroSums();
      sums.set(key, into);
    }
    addSums(into, row);
  }
  return sums;
}

function totalOf(rows: readonly CellSums[]): CellSums {
  const total = zeroSums();
  for (const row of rows) addSums(total, row);
  return total;
}

interface HistogramRow {
  k: string;
  metric: string;
  days: number;
  n: number;
}

/**
 * The duration rollup that has the dimensions a query needs: the city-wide
 * sum by month, the per-category sum without units, the per-unit sum without
 * categories, or the full table.
 * The smaller the table, the fewer rows a period reads (at a million reports
 * the per-unit table holds about ten times the rows of the per-category one).
 */
function durationTable(
  needsUnit: boolean,
  needsCategory: boolean,
): { table: string; unit: boolean; category: boolean } {
  if (!needsUnit && !needsCategory) return { table: "stats_durations_month", unit: false, category: false };
  if (!needsUnit) return { table: "stats_durations_category", unit: false, category: true };
  if (!needsCategory) return { table: "stats_durations_unit", unit: true, category: false };
  return { table: "stats_durations", unit: true, category: true };
}

function numberSetting(value: string | undefined, fallback: number, min: number): number {
  const n = value === undefined ? Number.NaN : Number(value);
  return Number.isSafeInteger(n) && n >= min ? n : fallback;
}

/**
 * `GET /api/public/stats`: the figures of a period grouped by month,
 * category, sector or unit, with small cells suppressed.
 *
 * - Groups with fewer than K reports (setting `stats.min_cell`, default 5)
 *   and their complements are suppressed (domain `suppress`): every figure null.
 * - The unit, category and sector tables of one period share cells: unit X
 *   in category c is a group of X's table by category and of c's table by
 *   unit; X's total is a group of the unit table and the total of X's page.
 *   Their suppression is one pattern (domain `suppressMatrix`, from one extra
 *   grouped read of the period's unit × category matrix): a cell hidden in
 *   one of them is hidden in all, and each is protected with those cells
 *   forced hidden. Month tables are suppressed on their own.
 * - Totals are true totals. With a filter, the filtered population is a cell
 *   of that pattern; when it is hidden, the totals, the headline and every
 *   group are withheld (`totalsSuppressed`), so a unit's page never shows
 *   what the unit table hides.
 * - When even suppressing every group leaves a small cell derivable
 *   (`residualRisk`), every group is withheld; a filtered query withholds its
 *   totals too, the unfiltered city-wide query keeps its true totals.
 *
 * @throws ApiError `validation_failed` (422) when `to` is before `from`; `not_found` (404) for an unknown unit.
 * @example
 * const stats = await publicStats(c.env.DB, { groupBy: "unit" }, "vi", new Date());
 */
export async function publicStats(d1: D1Database, query: StatsQuery, lang: Lang, now: Date): Promise<StatsResponse> {
  const period = statsPeriod(query, lang, now);
  const groupBy = query.groupBy;
  const filters: Filters = {
    ...(query.categoryCode !== undefined ? { categoryCode: query.categoryCode } : {}),
    ...(query.sector !== undefined ? { sector: query.sector } : {}),
    ...(query.unit !== undefined ? { unit: query.unit } : {}),
  };
  const range = [period.fromMonth, period.toMonth];
  const cells = { unit: true, category: true };

  const filtered = filters.categoryCode !== undefined || filters.sector !== undefined || filters.unit !== undefined;
  const cellQuery = (dimension: Dimension) => {
    const f = filterSql(filters, null, cells);
    const where = ["month BETWEEN ? AND ?", ...f.where].join(" AND ");
    // The city-wide monthly table reads the per-month rollup: a dozen rows.
    const table = dimension === "month" && !filtered ? "stats_months" : "stats_cells";
    return d1
      .prepare(`SELECT ${keySql(dimension)} AS k, ${SUMS_SQL} FROM ${table} WHERE ${where} GROUP BY k`)
      .bind(...range, ...f.binds);
  };

  // Per-group first responses need the grouping's dimension; the headline's
  // medians only the filters' (so an unfiltered unit table reads its city-wide
  // medians from the small per-category histogram).
  const unitFilter = filters.unit !== undefined || filters.sector !== undefined;
  const categoryFilter = filters.categoryCode !== undefined;
  const groupDurations = durationTable(
    groupBy === "unit" || groupBy === "sector" || unitFilter,
    groupBy === "category" || categoryFilter,
  );
  const totalDurations = durationTable(unitFilter, categoryFilter);
  const durationQuery = (
    table: { table: string; unit: boolean; category: boolean },
    select: string,
    metrics: string[],
    groupByKey: string,
  ) => {
    const f = filterSql(filters, null, table);
    const where = [`metric IN (${metrics.map(() => "?").join(", ")})`, "month BETWEEN ? AND ?", ...f.where].join(
      " AND ",
    );
    return d1
      .prepare(
        `SELECT ${select}, metric, days, SUM(count) AS n FROM ${table.table} WHERE ${where} GROUP BY ${groupByKey}, days HAVING SUM(count) > 0`,
      )
      .bind(...metrics, ...range, ...f.binds);
  };
  const durationKey = groupBy === "month" ? "month" : groupBy === "category" ? "category_code" : "unit_id";

  const statements = [
    d1.prepare("SELECT key, value FROM settings WHERE key IN ('stats.min_cell', 'stats.min_ranked_cases')").bind(),
    d1.prepare(
      "SELECT id, name, COALESCE(sector, 'local') AS sector, (valid_to IS NULL) AS current FROM units ORDER BY id",
    ),
    d1.prepare("SELECT code, name_vi AS nameVi, name_en AS nameEn FROM categories ORDER BY sort_order"),
    durationQuery(groupDurations, `${durationKey} AS k`, ["first_response"], "k"),
    durationQuery(totalDurations, "'' AS k", ["first_response", "conclusion"], "metric"),
  ];
  // The unit × category matrix of the period, unfiltered: the linked
  // suppression pattern of every unit, category and sector table (and of the
  // filter's own cell) comes from it, so a cell has one status everywhere.
  // It carries every column, so a unit, category or sector table is summed
  // from it here instead of reading the same rollup rows a second time.
  const linked = groupBy !== "month" || filtered;
  statements.push(
    linked
      ? d1
          .prepare(
            `SELECT unit_id AS u, category_code AS c, ${SUMS_SQL} FROM stats_cells WHERE month BETWEEN ? AND ? GROUP BY unit_id, category_code`,
          )
          .bind(...range)
      : cellQuery(groupBy),
  );
  if (linked && groupBy === "month") statements.push(cellQuery(groupBy));
  const results = await d1.batch(statements);
  const rowsOf = <T>(i: number): T[] => (results[i]?.results ?? []) as T[];

  const settings = new Map(rowsOf<{ key: string; value: string }>(0).map((r) => [r.key, r.value]));
  const minCell = numberSetting(settings.get("stats.min_cell"), DEFAULT_MIN_CELL, 1);
  const minRankedCases = numberSetting(settings.get("stats.min_ranked_cases"), DEFAULT_MIN_RANKED_CASES, 0);
  const dirs: Directories = {
    units: new Map(rowsOf<UnitRow>(1).map((u) => [u.id, u])),
    categories: rowsOf<{ code: string; nameVi: string; nameEn: string }>(2),
  };
  if (filters.unit !== undefined && !dirs.units.has(filters.unit)) {
    throw new ApiError("not_found", { detail: STATS_MESSAGES.unknown_unit[lang] });
  }
  const firstResponseRows = rowsOf<HistogramRow>(3);
  const headlineDurationRows = rowsOf<HistogramRow>(4);
  const unitCategory = linked ? rowsOf<CellSums & { u: string; c: string }>(5) : [];
  const mainRows: CellRow[] = !linked
    ? rowsOf<CellRow>(5)
    : groupBy === "month"
      ? rowsOf<CellRow>(6)
      : tableFromMatrix(unitCategory, groupBy === "category" ? "c" : "u", filters, dirs);

  let totalsSuppressed = false;
  let statusOf: ((key: string) => boolean) | null = null;
  let matrixUnits: string[] = [];
  if (linked) {
    const matrix: MatrixRow[] = unitCategory.map((r) => ({ u: r.u, c: r.c, ...countsOf(r) }));
    matrixUnits = matrix.map((r) => r.u);
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
    // A filter's population is published only when it is visible in every table showing it.
    if (filtered) {
      if (filters.unit !== undefined && filters.sector !== undefined && unitSector !== filters.sector) {
        totalsSuppressed = true;
      } else if (hiddenNode(rowPart, column)) totalsSuppressed = true;
    }
    if (groupBy !== "month") {
      statusOf = (key) =>
        groupBy === "unit"
          ? hiddenNode({ row: key }, column)
          : groupBy === "category"
            ? hiddenNode(rowPart, key)
            : hiddenNode("row" in rowPart ? rowPart : { group: key }, column);
    }
  }

  const main = buildTable(groupBy, filters, mainRows, period, dirs, lang, minCell, firstResponseRows, {
    statusOf,
    units: linked ? matrixUnits : null,
  });
  if (main.result.residualRisk && filtered) totalsSuppressed = true;

  const totalCounts = countsOf(main.total);
  const nullCounts = Object.fromEntries(MEASURES.map((m) => [m, null])) as { [M in keyof Counts]: null };
  const groups = totalsSuppressed
    ? main.inputs.map((g) => ({
        key: g.key,
        label: g.label,
        ...nullCounts,
        onTimeRate: null,
        medianDaysToFirstResponse: null,
        suppressed: true,
      }))
    : main.result.groups;

  return {
    from: period.from,
    to: period.to,
    groupBy,
    minCell,
    minRankedCases,
    generatedAt: now.toISOString(),
    totals: totalsSuppressed ? nullCounts : totalCounts,
    totalsSuppressed,
    headline: totalsSuppressed ? null : headlineOf(main.total, headlineDurationRows, lang),
    groups,
    suppressedGroups: groups.filter((g) => g.suppressed).length,
  };
}

/** One table: the groups of a dimension from rollup rows, suppressed with the true totals. */
function buildTable(
  dimension: Dimension,
  filters: Filters,
  rows: readonly CellRow[],
  period: StatsPeriod,
  dirs: Directories,
  lang: Lang,
  minCell: number,
  firstResponse: readonly HistogramRow[] | null,
  linked: { statusOf: ((key: string) => boolean) | null; units: readonly string[] | null },
) {
  const sums = sumIntoGroups(dimension, rows, dirs);
  // Linked tables list the units of the unfiltered matrix, so that every
  // table shows the same units as the pattern was computed for.
  const defs = groupSet(dimension, filters, period, dirs, linked.units ?? rows.map((r) => r.k), lang);
  const histograms = new Map<string, HistogramBin[]>();
  for (const row of firstResponse ?? []) {
    const key = dimension === "sector" ? (dirs.units.get(row.k)?.sector ?? "local") : row.k;
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

/** A cell of the unit × category matrix: the six published counts. */
type MatrixRow = Counts & { u: string; c: string };

/**
 * The rows a unit, category or sector table would read from `stats_cells`
 * (keyed by unit or by category, the filters applied), summed from the
 * period's unit × category rows already fetched for the linked pattern.
 */
function tableFromMatrix(
  rows: readonly (CellSums & { u: string; c: string })[],
  key: "u" | "c",
  filters: Filters,
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

/** The headline figures of a population from its summed cells, dismissals and duration histograms. */
function headlineOf(total: CellSums, durations: readonly HistogramRow[], lang: Lang): StatsHeadline {
  const unspecified = total.dismissed_unspecified;
  const bins = (metric: string) =>
    durations.filter((d) => d.metric === metric).map((d) => ({ value: d.days, count: d.n }));
  return {
    inspectionsByType: {
      surprise: total.inspections_surprise,
      scheduled: total.inspections_scheduled,
      verification: total.inspections_verification,
    },
    findingsByOutcome: {
      substantiated: total.findings_substantiated,
      partly_substantiated: total.findings_partly,
      not_substantiated: total.findings_not_substantiated,
      could_not_verify: total.findings_could_not_verify,
    },
    dismissalsByReason: [
      ...DISMISSAL_REASON_CODES.map((code) => ({
        code,
        label: DISMISSAL_REASON_LABELS[code][lang],
        count: Math.max(0, total[`dismissed_${code}`]),
      })),
      ...(unspecified > 0
        ? [{ code: "unspecified" as const, label: DISMISSAL_REASON_LABELS.unspecified[lang], count: unspecified }]
        : []),
    ],
    measuresVerified: total.measures_verified,
    measuresOnTimeRate: rate(total.measures_on_time, total.measures_late),
    ackOnTimeRate: rate(total.ack_on_time, total.ack_late),
    medianDaysToFirstResponse: medianOfHistogram(bins("first_response")),
    medianDaysToConclusion: medianOfHistogram(bins("conclusion")),
  };
}
