/**
 * Computed public holidays for a year the `holidays` table does not cover
 * yet, so a deadline never runs off the end of the table. They follow the
 * Labour Code 2019 (Art. 112) as the government has applied it to public
 * servants, whose weekly rest is Saturday and Sunday; every default is
 * provisional until an administrator confirms the year's announced schedule.
 *
 * The rules, each checked against the schedules announced for 2021–2026:
 * - Tết Dương lịch: 1 January.
 * - Tết Nguyên Đán: five days, the last two days of the lunar year and the
 *   first three of the new one (Tết − 2 … Tết + 2). The Code leaves the
 *   choice to the Prime Minister; this is the choice every year since 2021
 *   (for example 2024: 8–14 February; 2026: 14–22 February with weekends).
 * - Giỗ Tổ Hùng Vương: the 10th day of the 3rd lunar month.
 * - 30 April and 1 May.
 * - Quốc khánh: 2 September and one adjacent day, the one that joins the
 *   weekend: 1/9 when 2/9 is a Tuesday, Friday or Saturday; 3/9 when it is a
 *   Monday, Thursday or Sunday; on a Wednesday neither does, and the earlier
 *   day, 1/9, is the default (as for 2026).
 * - Nghỉ bù: a holiday that falls on a Saturday or Sunday (or on another
 *   holiday) gives the next working day off (Art. 112(3)), after the whole
 *   run of holidays, as announced for 2023 (29 April – 3 May).
 *
 * Not predicted: the days the government adds by moving a working day to a
 * Saturday (hoán đổi ngày làm việc, e.g. 2 May 2025 off for Saturday 26 April
 * worked), and any holiday a later law adds. An administrator enters those.
 * Only weekdays are returned, as in the table: weekends are days off anyway.
 * So a year always has 11 days: each of the 11 statutory days is either a
 * weekday or gives one.
 */
import type { Holiday } from "../calendar";
import { lunarNewYear, lunarToSolar } from "./lunar";

/** The names the `holidays` table uses (migration 0003). */
export const HOLIDAY_NAMES = {
  newYear: { nameVi: "Tết Dương lịch", nameEn: "New Year's Day" },
  tet: { nameVi: "Tết Nguyên Đán", nameEn: "Lunar New Year (Tết)" },
  hungKings: { nameVi: "Giỗ Tổ Hùng Vương", nameEn: "Hung Kings' Commemoration" },
  reunification: { nameVi: "Ngày Giải phóng miền Nam", nameEn: "Reunification Day" },
  labour: { nameVi: "Ngày Quốc tế Lao động", nameEn: "International Labour Day" },
  nationalDay: { nameVi: "Quốc khánh", nameEn: "National Day" },
} as const;

/** One of the public holidays of Art. 112. */
export type HolidayKey = keyof typeof HOLIDAY_NAMES;

/** A day of Art. 112 as the law places it, weekend or not. */
export interface StatutoryDay {
  date: string;
  holiday: HolidayKey;
}

const DAY_MS = 86_400_000;

function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

function checkYear(year: number): void {
  // The lunar calendar is checked against an ephemeris over 1900–2100; the
  // Labour Code rules make no sense much before 2021 or centuries ahead.
  if (!Number.isInteger(year) || year < 1900 || year > 2199) throw new RangeError(`Year out of range: ${year}`);
}

/**
 * The day adjacent to 2 September that is off with it: the one that joins a
 * weekend, or 1/9 when 2/9 is a Wednesday.
 *
 * @example
 * nationalDayAdjacent(2025) // "2025-09-01": 2/9 is a Tuesday
 * nationalDayAdjacent(2027) // "2027-09-03": 2/9 is a Thursday
 */
export function nationalDayAdjacent(year: number): string {
  checkYear(year);
  const weekday = new Date(Date.UTC(year, 8, 2)).getUTCDay();
  // Sunday, Monday and Thursday look forward; the other days back.
  return [0, 1, 4].includes(weekday) ? `${year}-09-03` : `${year}-09-01`;
}

/**
 * The eleven days off of Art. 112 in `year`, where the law and the usual
 * choices put them, before any compensating day: sorted by date; a date
 * appears twice when two holidays fall on it.
 *
 * @example
 * statutoryDays(2026).filter((d) => d.holiday === "hungKings") // [{ date: "2026-04-26", holiday: "hungKings" }]: a Sunday
 */
export function statutoryDays(year: number): StatutoryDay[] {
  checkYear(year);
  const tet = lunarNewYear(year);
  const days: StatutoryDay[] = [
    { date: `${year}-01-01`, holiday: "newYear" },
    ...[-2, -1, 0, 1, 2].map((offset): StatutoryDay => ({ date: shift(tet, offset), holiday: "tet" })),
    { date: lunarToSolar({ year, month: 3, day: 10, leap: false }), holiday: "hungKings" },
    { date: `${year}-04-30`, holiday: "reunification" },
    { date: `${year}-05-01`, holiday: "labour" },
    { date: `${year}-09-02`, holiday: "nationalDay" },
    { date: nationalDayAdjacent(year), holiday: "nationalDay" },
  ];
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function inLieu(holiday: HolidayKey): { nameVi: string; nameEn: string } {
  const names = HOLIDAY_NAMES[holiday];
  // A Tết break is announced as one block: its compensating days carry its name.
  if (holiday === "tet") return names;
  return { nameVi: `Nghỉ bù ${names.nameVi}`, nameEn: `${names.nameEn} (in lieu)` };
}

/**
 * The weekday days off of `year` by the rules above, sorted by date, each
 * marked `provisional: true`, named as in the `holidays` table (compensating
 * days "Nghỉ bù …" / "… (in lieu)", except inside Tết).
 *
 * @example
 * computeDefaultHolidays(2028).filter((h) => h.nameVi === "Tết Nguyên Đán").map((h) => h.date)
 * // ["2028-01-24", "2028-01-25", "2028-01-26", "2028-01-27", "2028-01-28"]
 */
export function computeDefaultHolidays(year: number): Holiday[] {
  let days = computed.get(year);
  if (!days) {
    days = placeDays(year);
    computed.set(year, days);
  }
  return days.map((day) => ({ ...day }));
}

/**
 * Years already computed: the astronomy costs about a third of a millisecond
 * a year, and every deadline counted past the table's last year asks again.
 */
const computed = new Map<number, readonly Holiday[]>();

function placeDays(year: number): Holiday[] {
  const taken = new Set<string>();
  const days: Holiday[] = [];
  const owed: StatutoryDay[] = [];
  for (const day of statutoryDays(year)) {
    if (isWeekend(day.date) || taken.has(day.date)) {
      owed.push(day);
      continue;
    }
    taken.add(day.date);
    days.push({ date: day.date, ...HOLIDAY_NAMES[day.holiday], provisional: true });
  }
  // Every weekday holiday is placed first, so a compensating day skips the
  // rest of its run (Saturday 29/4, Sunday 30/4, Monday 1/5 → 2/5 and 3/5).
  for (const day of owed) {
    let date = shift(day.date, 1);
    while (isWeekend(date) || taken.has(date)) date = shift(date, 1);
    taken.add(date);
    days.push({ date, ...inLieu(day.holiday), provisional: true });
  }
  return days.sort((a, b) => (a.date < b.date ? -1 : 1));
}

/**
 * The stored holidays, plus computed defaults for each of `years` that has
 * no stored row at all (a year with any row is taken as the administrator's
 * whole schedule for it, provisional or confirmed). Sorted by date.
 *
 * @example
 * withDefaultHolidays(rowsFromTheTable, [2027, 2028]) // the 2027 rows, and 2028 computed
 */
export function withDefaultHolidays<T extends { date: string }>(
  stored: readonly T[],
  years: Iterable<number>,
): Array<T | Holiday> {
  const covered = new Set(stored.map((row) => Number(row.date.slice(0, 4))));
  const rows: Array<T | Holiday> = [...stored];
  for (const year of new Set(years)) {
    if (!covered.has(year)) rows.push(...computeDefaultHolidays(year));
  }
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * How many years past the later of the last stored year and the current year
 * the loaded calendar computes: more than any deadline counts ahead.
 */
export const DEFAULT_YEARS_AHEAD = 3;

/**
 * The years a working-day calendar needs at `nowYear`, from the first stored
 * year (or `nowYear`) to `DEFAULT_YEARS_AHEAD` past the last stored year (or
 * `nowYear`), so a deadline counted from today never runs off the table.
 *
 * @example
 * calendarYears(["2025-01-01", "2040-09-03"], 2026) // 2025 … 2043
 * calendarYears(["2025-01-01", "2040-09-03"], 2041) // 2025 … 2044
 */
export function calendarYears(storedDates: readonly string[], nowYear: number): number[] {
  let first = nowYear;
  let last = nowYear;
  for (const date of storedDates) {
    const year = Number(date.slice(0, 4));
    if (year < first) first = year;
    if (year > last) last = year;
  }
  const years: number[] = [];
  for (let year = first; year <= last + DEFAULT_YEARS_AHEAD; year++) years.push(year);
  return years;
}
