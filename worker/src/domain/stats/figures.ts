import { hanoiDate } from "../calendar";

/**
 * The derived figures of the public statistics: medians, on-time shares,
 * months and the unit ranking. Pure functions over numbers and dates the
 * query layer has already fetched.
 */

/**
 * The median of a list of durations in working days, rounded to one decimal;
 * null for an empty list (no figure rather than a made-up zero). An even count
 * takes the mean of the two middle values.
 *
 * @throws RangeError on a negative or non-finite value.
 * @example
 * median([3, 1, 2]) // 2
 * median([1, 2, 4, 10]) // 3
 * median([1, 2]) // 1.5
 * median([]) // null
 */
export function median(values: readonly number[]): number | null {
  for (const v of values) if (!Number.isFinite(v) || v < 0) throw new RangeError("durations must be finite and >= 0");
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return roundTo(value, 1);
}

/** Rounds half away from zero at `decimals`, avoiding binary artefacts such as 1.005 → 1. */
function roundTo(value: number, decimals: number): number {
  return Number(`${Math.round(Number(`${value}e${decimals}`))}e-${decimals}`);
}

/** Something with a deadline, done or still open. */
export interface DeadlineItem {
  /** When it was due (ISO instant). */
  dueAt: string | Date;
  /** When it was done (ISO instant), or null while open. */
  doneAt: string | Date | null;
}

function toTime(value: string | Date): number {
  const time = typeof value === "string" ? Date.parse(value) : value.getTime();
  if (Number.isNaN(time)) throw new RangeError(`Not a date: ${String(value)}`);
  return time;
}

/**
 * The share of items done on time, 0..1 rounded to three decimals, or null
 * when no item has an outcome yet. Honest by construction (issue 5, "Honest
 * figures"): an item still open after its deadline counts as late, so a unit
 * cannot look punctual by never finishing. An open item not yet due has no
 * outcome and is left out. Done exactly at the deadline is on time.
 *
 * @example
 * onTimeRate(
 *   [
 *     { dueAt: "2026-11-10T00:00:00Z", doneAt: "2026-11-09T00:00:00Z" }, // on time
 *     { dueAt: "2026-11-10T00:00:00Z", doneAt: null }, // open and overdue: late
 *     { dueAt: "2026-12-31T00:00:00Z", doneAt: null }, // open, not yet due: left out
 *   ],
 *   new Date("2026-11-20T00:00:00Z"),
 * ) // 0.5
 */
export function onTimeRate(items: readonly DeadlineItem[], now: Date): number | null {
  const nowTime = now.getTime();
  let onTime = 0;
  let decided = 0;
  for (const item of items) {
    const due = toTime(item.dueAt);
    if (item.doneAt === null) {
      if (nowTime > due) decided++;
      continue;
    }
    decided++;
    if (toTime(item.doneAt) <= due) onTime++;
  }
  return decided === 0 ? null : roundTo(onTime / decided, 3);
}

/**
 * The Hanoi month (`YYYY-MM`, Asia/Ho_Chi_Minh) of an instant or a
 * `YYYY-MM-DD` date: the monthly trend groups by the month people in Hanoi
 * lived it, so a report filed at 23:30 on 31 October UTC belongs to November.
 *
 * @example
 * monthKey("2026-10-31T17:30:00Z") // "2026-11"
 * monthKey("2026-11-05") // "2026-11"
 */
export function monthKey(value: Date | string): string {
  return hanoiDate(value).slice(0, 7);
}

/**
 * Every month from the month of `from` to the month of `to` (`YYYY-MM-DD`),
 * both included, so that a trend shows empty months as zero instead of
 * skipping them.
 *
 * @throws RangeError when `to` is before `from` or a date is malformed.
 * @example
 * monthRange("2026-11-15", "2027-01-02") // ["2026-11", "2026-12", "2027-01"]
 */
export function monthRange(from: string, to: string): string[] {
  const pattern = /^(\d{4})-(\d{2})-\d{2}$/;
  const a = pattern.exec(from);
  const b = pattern.exec(to);
  if (!a || !b) throw new RangeError("dates must be YYYY-MM-DD");
  let index = Number(a[1]) * 12 + Number(a[2]) - 1;
  const last = Number(b[1]) * 12 + Number(b[2]) - 1;
  if (last < index) throw new RangeError("to is before from");
  const months: string[] = [];
  for (; index <= last; index++) {
    months.push(`${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`);
  }
  return months;
}

/** The default minimum number of cases for a unit to appear in the ranking chart (issue 5; a setting). */
export const DEFAULT_MIN_RANKED_CASES = 10;

/** A unit row as published: `cases` is null when the row is suppressed. */
export interface RankableUnit {
  key: string;
  label: string;
  cases: number | null;
}

/** A unit in the ranking: position 1 has the most cases; equal counts share a position. */
export interface RankedUnit extends RankableUnit {
  cases: number;
  rank: number;
}

/**
 * The unit ranking chart: units with at least `minCases` cases, most first,
 * equal counts sharing a rank (1, 2, 2, 4), ties listed by key. It only
 * decides which bars are drawn: a unit below the threshold is still a row of
 * the data table and still counted in the totals ("không có vùng cấm": no unit
 * is ever excluded), and the function never touches totals. `unranked` says
 * how many units the chart leaves out, so the page can say so. Suppressed rows
 * (cases null) are never ranked.
 *
 * @example
 * rankUnits([
 *   { key: "a", label: "Sở A", cases: 12 },
 *   { key: "b", label: "Sở B", cases: 30 },
 *   { key: "c", label: "Phường C", cases: 4 },
 *   { key: "d", label: "Phường D", cases: 12 },
 * ])
 * // { ranked: [b (rank 1), a (rank 2), d (rank 2)], unranked: 1 }
 */
export function rankUnits(
  units: readonly RankableUnit[],
  minCases: number = DEFAULT_MIN_RANKED_CASES,
): { ranked: RankedUnit[]; unranked: number } {
  if (!Number.isSafeInteger(minCases) || minCases < 0) throw new RangeError("minCases must be a non-negative integer");
  const eligible = units
    .filter((u): u is RankableUnit & { cases: number } => u.cases !== null && u.cases >= minCases)
    .sort((a, b) => b.cases - a.cases || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const ranked: RankedUnit[] = [];
  eligible.forEach((unit, i) => {
    const prev = ranked[i - 1];
    ranked.push({ ...unit, rank: prev && prev.cases === unit.cases ? prev.rank : i + 1 });
  });
  return { ranked, unranked: units.length - ranked.length };
}

/** One bar of a duration histogram: `count` items took `value` working days. */
export interface HistogramBin {
  value: number;
  count: number;
}

/**
 * The median of the durations a histogram describes, exactly as {@link median}
 * would compute it over the expanded list (same rounding), without building
 * that list: the rollups hold counts per number of days, which can be large.
 * Bins with a count of zero or less are ignored (a rollup row can fall back to
 * zero when a contribution moves away).
 *
 * @throws RangeError on a negative or non-finite value, or a non-integer count.
 * @example
 * medianOfHistogram([{ value: 1, count: 2 }, { value: 4, count: 1 }]) // 1
 * medianOfHistogram([{ value: 1, count: 1 }, { value: 2, count: 1 }]) // 1.5
 * medianOfHistogram([]) // null
 */
export function medianOfHistogram(bins: readonly HistogramBin[]): number | null {
  const used = bins.filter((b) => b.count > 0);
  for (const b of used) {
    if (!Number.isFinite(b.value) || b.value < 0) throw new RangeError("durations must be finite and >= 0");
    if (!Number.isSafeInteger(b.count)) throw new RangeError("counts must be integers");
  }
  const total = used.reduce((s, b) => s + b.count, 0);
  if (total === 0) return null;
  const sorted = [...used].sort((a, b) => a.value - b.value);
  const at = (index: number): number => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.count;
      if (index < seen) return b.value;
    }
    return (sorted[sorted.length - 1] as HistogramBin).value;
  };
  const mid = Math.floor(total / 2);
  const value = total % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  return roundTo(value, 1);
}
