import type { StatsQuery, StatsResponse } from "../../contracts/stats";
import { readStats, type StatsFilters } from "../../db/queries/stats";
import { type Counts, DEFAULT_MIN_CELL, DEFAULT_MIN_RANKED_CASES, MEASURES, statsCsv } from "../../domain/stats";
import { ApiError } from "../../http/errors";
import { STATS_MESSAGES } from "../../i18n/stats";
import type { ServiceContext } from "../context";
import { headlineOf } from "./headline";
import { statsPeriod } from "./period";
import { buildTable, countsOf, type Directories, tableFromMatrix } from "./tables";
import { linkedWithholding, withheldGroups } from "./withholding";

function numberSetting(value: string | undefined, fallback: number, min: number): number {
  const n = value === undefined ? Number.NaN : Number(value);
  return Number.isSafeInteger(n) && n >= min ? n : fallback;
}

/**
 * `GET /api/public/stats`: the figures of a period grouped by month,
 * category, sector or unit, with small cells suppressed, read in one D1
 * batch from the rollups and directories only.
 *
 * - Groups with fewer than K reports (setting `stats.min_cell`, default 5)
 *   and their complements are suppressed (domain `suppress`): every figure null.
 * - Unit, category and sector tables share one linked pattern, and a filter
 *   whose own cell is hidden withholds totals, headline and groups
 *   (`totalsSuppressed`): see `withholding.ts`.
 * - Totals are true totals.
 * - When even suppressing every group leaves a small cell derivable
 *   (`residualRisk`), every group is withheld; a filtered query withholds its
 *   totals too, the unfiltered city-wide query keeps its true totals.
 *
 * @throws ApiError `validation_failed` (422) for a bad period (`statsPeriod`); `not_found` (404) for an unknown unit.
 * @example
 * const stats = await publicStats(serviceContext(c), { groupBy: "unit" });
 */
export async function publicStats(ctx: ServiceContext, query: StatsQuery): Promise<StatsResponse> {
  const { lang, now } = ctx;
  const period = statsPeriod(query, lang, now);
  const groupBy = query.groupBy;
  const filters: StatsFilters = {
    ...(query.categoryCode !== undefined ? { categoryCode: query.categoryCode } : {}),
    ...(query.sector !== undefined ? { sector: query.sector } : {}),
    ...(query.unit !== undefined ? { unit: query.unit } : {}),
  };
  const filtered = filters.categoryCode !== undefined || filters.sector !== undefined || filters.unit !== undefined;
  // The unit × category matrix of the period, unfiltered, carries the linked
  // suppression pattern of every unit, category and sector table (and of the
  // filter's own cell), so a cell has one status everywhere. It carries every
  // column, so a unit, category or sector table is summed from it instead of
  // reading the same rollup rows a second time.
  const linked = groupBy !== "month" || filtered;
  const rows = await readStats(ctx.env.DB, {
    fromMonth: period.fromMonth,
    toMonth: period.toMonth,
    groupBy,
    filters,
    unitCategory: linked,
    grouped: !linked || groupBy === "month",
  });

  const settings = new Map(rows.settings.map((r) => [r.key, r.value]));
  const minCell = numberSetting(settings.get("stats.min_cell"), DEFAULT_MIN_CELL, 1);
  const minRankedCases = numberSetting(settings.get("stats.min_ranked_cases"), DEFAULT_MIN_RANKED_CASES, 0);
  const dirs: Directories = { units: new Map(rows.units.map((u) => [u.id, u])), categories: rows.categories };
  if (filters.unit !== undefined && !dirs.units.has(filters.unit)) {
    throw new ApiError("not_found", { detail: STATS_MESSAGES.unknown_unit[lang] });
  }
  const context = { period, dirs, lang, minCell };
  const unitCategory = rows.unitCategory ?? [];
  const mainRows = rows.grouped ?? tableFromMatrix(unitCategory, groupBy === "category" ? "c" : "u", filters, dirs);
  const withholding = linked
    ? linkedWithholding(unitCategory, groupBy, filters, context)
    : { totalsSuppressed: false, links: { statusOf: null, units: null } };

  const main = buildTable(groupBy, filters, mainRows, context, rows.firstResponse, withholding.links);
  const totalsSuppressed = withholding.totalsSuppressed || (main.result.residualRisk && filtered);
  const nullCounts = Object.fromEntries(MEASURES.map((m) => [m, null])) as { [M in keyof Counts]: null };
  const groups = totalsSuppressed ? withheldGroups(main.inputs) : main.result.groups;

  return {
    from: period.from,
    to: period.to,
    groupBy,
    minCell,
    minRankedCases,
    generatedAt: now.toISOString(),
    totals: totalsSuppressed ? nullCounts : countsOf(main.total),
    totalsSuppressed,
    headline: totalsSuppressed ? null : headlineOf(main.total, rows.headlineDurations, lang, minCell),
    groups,
    suppressedGroups: groups.filter((g) => g.suppressed).length,
  };
}

/** The statistics as CSV: one row per group, then the totals row with the headline's rates. */
function statsResponseCsv(stats: StatsResponse): string {
  return statsCsv({
    ...stats,
    totalsRow: {
      onTimeRate: stats.headline?.ackOnTimeRate ?? null,
      medianDaysToFirstResponse: stats.headline?.medianDaysToFirstResponse ?? null,
      suppressed: stats.totalsSuppressed,
    },
  });
}

/**
 * `GET /api/public/stats.csv`: the same figures as CSV, with the file name
 * the download gets (`thong-ke-2025-12_2026-11-unit.csv`, `statistics-…` in English).
 */
export async function publicStatsCsv(
  ctx: ServiceContext,
  query: StatsQuery,
): Promise<{ csv: string; fileName: string }> {
  const stats = await publicStats(ctx, query);
  const filters = [query.categoryCode, query.sector, query.unit].filter((f): f is string => f !== undefined);
  const parts = [
    ctx.lang === "en" ? "statistics" : "thong-ke",
    `${stats.from.slice(0, 7)}_${stats.to.slice(0, 7)}`,
    stats.groupBy,
    ...filters,
  ];
  return { csv: statsResponseCsv(stats), fileName: `${parts.join("-")}.csv` };
}
