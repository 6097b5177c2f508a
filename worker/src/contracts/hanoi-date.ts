/**
 * Hà Nội's calendar date, the one definition shared by the contracts (a
 * date "not in the future"), the domain's working-day calendar, the site and
 * the scripts. Vietnam has kept UTC+7 without daylight saving since 1975,
 * so a fixed offset is exact and needs no time-zone database.
 */

/** Asia/Ho_Chi_Minh is UTC+7 all year. */
export const HANOI_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * The Hanoi calendar date of an instant, or the date itself when given
 * `YYYY-MM-DD`.
 *
 * @example
 * hanoiDate(new Date("2025-01-01T17:30:00Z")) // "2025-01-02" (00:30 in Hanoi)
 * hanoiDate(new Date()) // today in Hà Nội
 */
export function hanoiDate(value: Date | string): string {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const time = typeof value === "string" ? Date.parse(value) : value.getTime();
  if (Number.isNaN(time)) throw new RangeError(`Not a date: ${String(value)}`);
  return new Date(time + HANOI_OFFSET_MS).toISOString().slice(0, 10);
}
