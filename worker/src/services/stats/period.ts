import { STATS_MAX_MONTHS, type StatsQuery } from "../../contracts/stats";
import { monthKey } from "../../domain/stats";
import type { Lang } from "../../env";
import { ApiError } from "../../http/errors";
import { STATS_MESSAGES } from "../../i18n/stats";

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

/** A 422 with one field error from the statistics messages. */
function periodError(pointer: string, key: keyof typeof STATS_MESSAGES, lang: Lang): ApiError {
  return new ApiError("validation_failed", { errors: [{ pointer, message: STATS_MESSAGES[key][lang] }] });
}

/**
 * The period of a query as whole Hanoi months: `to` defaults to the current
 * Hanoi month, `from` to eleven months before `to`'s month (twelve months).
 *
 * @throws ApiError `validation_failed` (422, pointer `/to`) when `to` is before `from`, and (pointer
 * `/from`, or `/to` without `from`) when the period is longer than `STATS_MAX_MONTHS` months.
 * @example
 * statsPeriod({ from: "2025-12-15", to: "2026-11-03" }, "vi", now)
 * // { from: "2025-12-01", to: "2026-11-30", fromMonth: "2025-12", toMonth: "2026-11" }
 */
export function statsPeriod(query: Pick<StatsQuery, "from" | "to">, lang: Lang, now: Date): StatsPeriod {
  if (query.from && query.to && query.to < query.from) throw periodError("/to", "to_before_from", lang);
  const toMonth = query.to ? query.to.slice(0, 7) : monthKey(now);
  const fromMonth = query.from ? query.from.slice(0, 7) : shiftMonth(toMonth, -11);
  if (toMonth < fromMonth) throw periodError(query.to ? "/to" : "/from", "to_before_from", lang);
  if (monthsBetween(fromMonth, toMonth) > STATS_MAX_MONTHS) {
    throw periodError(query.from ? "/from" : "/to", "period_too_long", lang);
  }
  return { from: `${fromMonth}-01`, to: lastDayOfMonth(toMonth), fromMonth, toMonth };
}
