import type { SectorCode } from "../../contracts/stats";
import { batchByName, rowsQuery } from "../named-batch";
import { CELL_COLUMNS, type CellColumn } from "../rollups/definition";

/**
 * The reads of the public statistics (issue 5). They touch only the rollups
 * (`stats_cells`, `stats_months`, `stats_durations*`) and the directories
 * (`units`, `categories`, `settings`), never the raw tables, in one D1
 * batch. What is published or withheld is decided in `services/stats/`.
 */

/** The counted columns of a rollup row, summed. */
export type CellSums = Record<CellColumn, number>;
/** Summed cells of one group (`k`: a month, a category code or a unit id). */
export type CellRow = CellSums & { k: string };
/** Summed cells of one unit (`u`) in one category (`c`). */
export type UnitCategoryRow = CellSums & { u: string; c: string };

/** One bin of a duration histogram: `n` cases took `days` working days. */
export interface HistogramRow {
  k: string;
  metric: string;
  days: number;
  n: number;
}

/** A unit of the directory; `current` is 1 unless it was merged away. */
export interface UnitRow {
  id: string;
  name: string;
  sector: string;
  current: number;
}

/** A category of the directory with its names. */
export interface CategoryRow {
  code: string;
  nameVi: string;
  nameEn: string;
}

/** The dimensions a table can be grouped or filtered by. */
export type Dimension = "month" | "category" | "sector" | "unit";

/** The filters of a statistics query. */
export interface StatsFilters {
  categoryCode?: string;
  sector?: SectorCode;
  unit?: string;
}

/** What one statistics request reads. */
export interface StatsReadPlan {
  /** First and last month keys of the period. */
  fromMonth: string;
  toMonth: string;
  groupBy: Dimension;
  filters: StatsFilters;
  /** Read the period's unfiltered unit × category cells. */
  unitCategory: boolean;
  /** Read the filtered cells grouped by `groupBy`. */
  grouped: boolean;
}

const SUMS_SQL = CELL_COLUMNS.map((c) => `COALESCE(SUM(${c}), 0) AS ${c}`).join(", ");

/** SQL conditions (and their binds) for the filters a table has columns for. */
function filterSql(filters: StatsFilters, columns: { unit: boolean; category: boolean }) {
  const where: string[] = [];
  const binds: string[] = [];
  if (filters.categoryCode !== undefined && columns.category) {
    where.push("category_code = ?");
    binds.push(filters.categoryCode);
  }
  if (filters.sector !== undefined && columns.unit) {
    where.push("unit_id IN (SELECT id FROM units WHERE COALESCE(sector, 'local') = ?)");
    binds.push(filters.sector);
  }
  if (filters.unit !== undefined && columns.unit) {
    where.push("unit_id = ?");
    binds.push(filters.unit);
  }
  return { where, binds };
}

/** The SQL key of a dimension: sectors are grouped by unit and summed per sector by the caller. */
function keySql(dimension: Dimension): string {
  if (dimension === "month") return "month";
  if (dimension === "category") return "category_code";
  return "unit_id";
}

interface DurationTable {
  table: string;
  unit: boolean;
  category: boolean;
}

/**
 * The duration rollup that has the dimensions a query needs: the city-wide
 * sum by month, the per-category sum without units, the per-unit sum without
 * categories, or the full table.
 * The smaller the table, the fewer rows a period reads (at a million reports
 * the per-unit table holds about ten times the rows of the per-category one).
 */
function durationTable(needsUnit: boolean, needsCategory: boolean): DurationTable {
  if (!needsUnit && !needsCategory) return { table: "stats_durations_month", unit: false, category: false };
  if (!needsUnit) return { table: "stats_durations_category", unit: false, category: true };
  if (!needsCategory) return { table: "stats_durations_unit", unit: true, category: false };
  return { table: "stats_durations", unit: true, category: true };
}

/**
 * Reads everything one statistics request needs in ONE D1 batch, by name:
 * the K and N settings, the unit and category directories, the first-response
 * histograms per group, the headline's duration histograms, and the cells
 * the plan asks for (the unit × category matrix, the grouped table or both).
 *
 * @example
 * const rows = await readStats(env.DB, { fromMonth: "2025-12", toMonth: "2026-11", groupBy: "unit", filters: {}, unitCategory: true, grouped: false });
 */
export function readStats(d1: D1Database, plan: StatsReadPlan) {
  const { filters, groupBy } = plan;
  const range = [plan.fromMonth, plan.toMonth];
  const filtered = filters.categoryCode !== undefined || filters.sector !== undefined || filters.unit !== undefined;

  const durations = (table: DurationTable, select: string, metrics: string[], groupByKey: string) => {
    const f = filterSql(filters, table);
    const where = [`metric IN (${metrics.map(() => "?").join(", ")})`, "month BETWEEN ? AND ?", ...f.where];
    return rowsQuery<HistogramRow>(
      d1
        .prepare(
          `SELECT ${select}, metric, days, SUM(count) AS n FROM ${table.table} WHERE ${where.join(" AND ")} GROUP BY ${groupByKey}, days HAVING SUM(count) > 0`,
        )
        .bind(...metrics, ...range, ...f.binds),
    );
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
  const durationKey = groupBy === "month" ? "month" : groupBy === "category" ? "category_code" : "unit_id";

  const grouped = () => {
    const f = filterSql(filters, { unit: true, category: true });
    const where = ["month BETWEEN ? AND ?", ...f.where].join(" AND ");
    // The city-wide monthly table reads the per-month rollup: a dozen rows.
    const table = groupBy === "month" && !filtered ? "stats_months" : "stats_cells";
    return rowsQuery<CellRow>(
      d1
        .prepare(`SELECT ${keySql(groupBy)} AS k, ${SUMS_SQL} FROM ${table} WHERE ${where} GROUP BY k`)
        .bind(...range, ...f.binds),
    );
  };

  return batchByName(d1, {
    settings: rowsQuery<{ key: string; value: string }>(
      d1.prepare("SELECT key, value FROM settings WHERE key IN ('stats.min_cell', 'stats.min_ranked_cases')").bind(),
    ),
    units: rowsQuery<UnitRow>(
      d1.prepare(
        "SELECT id, name, COALESCE(sector, 'local') AS sector, (valid_to IS NULL) AS current FROM units ORDER BY id",
      ),
    ),
    categories: rowsQuery<CategoryRow>(
      d1.prepare("SELECT code, name_vi AS nameVi, name_en AS nameEn FROM categories ORDER BY sort_order"),
    ),
    firstResponse: durations(groupDurations, `${durationKey} AS k`, ["first_response"], "k"),
    headlineDurations: durations(
      durationTable(unitFilter, categoryFilter),
      "'' AS k",
      ["first_response", "conclusion"],
      "metric",
    ),
    unitCategory: plan.unitCategory
      ? rowsQuery<UnitCategoryRow>(
          d1
            .prepare(
              `SELECT unit_id AS u, category_code AS c, ${SUMS_SQL} FROM stats_cells WHERE month BETWEEN ? AND ? GROUP BY unit_id, category_code`,
            )
            .bind(...range),
        )
      : undefined,
    grouped: plan.grouped ? grouped() : undefined,
  });
}

/** What `readStats` returns. */
export type StatsRows = Awaited<ReturnType<typeof readStats>>;
