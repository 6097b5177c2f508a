import type { StatsGroupBy } from "../../../../worker/src/contracts/stats";

/** A month as the filters and the page address hold it: `YYYY-MM`. */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** What the page shows: a whole-month period and optional filters. */
export interface StatsFilters {
  from: string;
  to: string;
  categoryCode: string;
  sector: string;
  unit: string;
}

/** The current month in Hanoi (`YYYY-MM`), whatever the device's zone. */
export function currentHanoiMonth(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(now).slice(0, 7);
}

/** `YYYY-MM` moved by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The default period: the last twelve months, this one included (the API's default too). */
export function defaultPeriod(now: Date = new Date()): { from: string; to: string } {
  const to = currentHanoiMonth(now);
  return { from: addMonths(to, -11), to };
}

/**
 * The filters of a page address. Anything that does not fit (a malformed
 * month, `from` after `to`, an unknown code) falls back to its default, and
 * `invalid` says so, so the page can tell the reader instead of failing.
 */
export function readFilters(
  search: string,
  known: { categories: readonly string[]; sectors: readonly string[] },
): { filters: StatsFilters; invalid: boolean } {
  const params = new URLSearchParams(search);
  const defaults = defaultPeriod();
  let invalid = false;
  const pick = (name: string, ok: (value: string) => boolean): string => {
    const value = params.get(name) ?? "";
    if (value === "" || ok(value)) return value;
    invalid = true;
    return "";
  };
  let from = pick("from", (v) => MONTH.test(v)) || defaults.from;
  let to = pick("to", (v) => MONTH.test(v)) || defaults.to;
  if (from > to) {
    invalid = true;
    ({ from, to } = defaults);
  }
  const categoryCode = pick("categoryCode", (v) => known.categories.includes(v));
  const sector = pick("sector", (v) => known.sectors.includes(v));
  const unit = pick("id", (v) => /^[a-z0-9-]{1,64}$/.test(v));
  return { filters: { from, to, categoryCode, sector, unit }, invalid };
}

/** The page address of a set of filters (defaults left out, so the plain page stays plain). */
export function pageSearch(filters: StatsFilters): string {
  const params = new URLSearchParams();
  if (filters.unit) params.set("id", filters.unit);
  const defaults = defaultPeriod();
  if (filters.from !== defaults.from || filters.to !== defaults.to) {
    params.set("from", filters.from);
    params.set("to", filters.to);
  }
  if (filters.categoryCode) params.set("categoryCode", filters.categoryCode);
  if (filters.sector) params.set("sector", filters.sector);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The API address for the filters, grouped by `groupBy`; `to` is any day of its month, which the API widens. */
export function apiPath(
  filters: StatsFilters,
  groupBy: StatsGroupBy,
  lang: "vi" | "en",
  format: "json" | "csv" = "json",
): string {
  const params = new URLSearchParams({ from: `${filters.from}-01`, to: `${filters.to}-01`, groupBy });
  if (filters.categoryCode) params.set("categoryCode", filters.categoryCode);
  if (filters.sector) params.set("sector", filters.sector);
  if (filters.unit) params.set("unit", filters.unit);
  params.set("lang", lang);
  return `/api/public/stats${format === "csv" ? ".csv" : ""}?${params}`;
}
