/**
 * Working days in Hanoi (Asia/Ho_Chi_Minh, UTC+7 all year: Vietnam has no
 * daylight saving time, so a fixed offset is exact). Deadlines count working
 * days: not Saturday or Sunday, not a public holiday, plus the weekend days
 * the government declares working days when it moves a day off. Holidays are
 * data, passed in, so an administrator can correct them without a release.
 */

import { HANOI_OFFSET_MS, hanoiDate } from "../contracts/hanoi-date";

// One definition of Hanoi's date for the contracts, the domain, the site and the scripts.
export { HANOI_OFFSET_MS, hanoiDate } from "../contracts/hanoi-date";

/** Working days to acknowledge a report (issue 3 default; a setting). */
export const ACK_WORKING_DAYS = 1;
/** Working days to decide the triage of a lead (issue 3 default; a setting). */
export const TRIAGE_WORKING_DAYS = 5;

/** Days off and worked weekend days, as `YYYY-MM-DD` Hanoi dates. */
export interface WorkingCalendar {
  holidays: ReadonlySet<string>;
  /** Saturdays or Sundays that are working days (a day off moved elsewhere is worked here). */
  workingWeekends: ReadonlySet<string>;
}

/** A calendar, or just a list of holiday dates. */
export type CalendarInput = WorkingCalendar | readonly string[];

/**
 * Builds a calendar from lists of dates.
 *
 * @example
 * workingCalendar(["2025-09-01", "2025-09-02"])
 */
export function workingCalendar(holidays: readonly string[], workingWeekends: readonly string[] = []): WorkingCalendar {
  return { holidays: new Set(holidays), workingWeekends: new Set(workingWeekends) };
}

function asCalendar(input: CalendarInput): WorkingCalendar {
  return "holidays" in input ? input : workingCalendar(input);
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * True when `date` (`YYYY-MM-DD`) is a working day.
 *
 * @example
 * isWorkingDay("2025-09-02", DEFAULT_CALENDAR) // false: National Day
 * isWorkingDay("2025-04-26", DEFAULT_CALENDAR) // true: a Saturday worked in exchange for 2 May
 */
export function isWorkingDay(date: string, calendar: CalendarInput): boolean {
  const cal = asCalendar(calendar);
  if (cal.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return cal.workingWeekends.has(date);
  return true;
}

/**
 * The date of the `n`-th working day after `start`'s Hanoi date (n ≥ 0). As
 * in Vietnamese administrative practice, the day something arrives does not
 * count; the period starts the next working day. n = 0 is the start date
 * itself.
 *
 * @example
 * addWorkingDays("2025-01-24", 1, DEFAULT_CALENDAR) // "2025-02-03": Friday, then Tết
 */
export function addWorkingDays(start: Date | string, n: number, calendar: CalendarInput): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const cal = asCalendar(calendar);
  let date = hanoiDate(start);
  for (let left = n; left > 0; ) {
    date = shiftDate(date, 1);
    if (isWorkingDay(date, cal)) left--;
  }
  return date;
}

/**
 * Working days `d` with a < d ≤ b (Hanoi dates); negative when b is before a.
 * So `workingDaysBetween(a, addWorkingDays(a, n)) === n`, and how many working
 * days a lead is overdue is `workingDaysBetween(dueDate, today)`.
 *
 * @example
 * workingDaysBetween("2025-08-29", "2025-09-03", DEFAULT_CALENDAR) // 1: weekend and National Day skipped
 */
export function workingDaysBetween(a: Date | string, b: Date | string, calendar: CalendarInput): number {
  const cal = asCalendar(calendar);
  const from = hanoiDate(a);
  const to = hanoiDate(b);
  if (to < from) return -workingDaysBetween(to, from, cal);
  let count = 0;
  for (let date = shiftDate(from, 1); date <= to; date = shiftDate(date, 1)) {
    if (isWorkingDay(date, cal)) count++;
  }
  return count;
}

/**
 * The deadline instant for something received at `receivedAt` and due within
 * `n` working days: the end of the n-th working day in Hanoi (midnight, i.e.
 * 17:00 UTC of that date), as an ISO string.
 *
 * @example
 * workingDeadline("2025-06-02T02:00:00Z", TRIAGE_WORKING_DAYS, DEFAULT_CALENDAR) // "2025-06-09T17:00:00.000Z"
 */
export function workingDeadline(receivedAt: Date | string, n: number, calendar: CalendarInput): string {
  const date = addWorkingDays(receivedAt, n, calendar);
  return new Date(Date.parse(`${shiftDate(date, 1)}T00:00:00Z`) - HANOI_OFFSET_MS).toISOString();
}

/** A holiday as data (the shape of the `holidays` table). */
export interface Holiday {
  date: string;
  nameVi: string;
  nameEn: string;
  /**
   * True when the government had not published the arrangement when this
   * list was written: the date follows the Labour Code 2019 (Art. 112) and the
   * usual pattern, and an administrator should confirm it.
   */
  provisional?: boolean;
}

const TET_VI = "Tết Nguyên Đán";
const TET_EN = "Lunar New Year (Tết)";

function range(from: string, to: string, nameVi: string, nameEn: string, provisional?: boolean): Holiday[] {
  const days: Holiday[] = [];
  for (let date = from; date <= to; date = shiftDate(date, 1)) {
    days.push(provisional ? { date, nameVi, nameEn, provisional } : { date, nameVi, nameEn });
  }
  return days;
}

/**
 * Public holidays 2025–2027 as the `holidays` table holds them (Labour Code 2019, Art. 112: 1/1, five days of
 * Tết, Hùng Kings' day 10/3 lunar, 30/4, 1/5, 2/9 and one adjacent day), with
 * the days off the government announced around them, and a compensating day
 * off when a holiday falls on a weekend. Tết ranges include the weekends
 * inside them, as announced.
 */
export const DEFAULT_HOLIDAYS: readonly Holiday[] = [
  { date: "2025-01-01", nameVi: "Tết Dương lịch", nameEn: "New Year's Day" },
  ...range("2025-01-25", "2025-02-02", TET_VI, TET_EN),
  { date: "2025-04-07", nameVi: "Giỗ Tổ Hùng Vương", nameEn: "Hùng Kings' Commemoration" },
  { date: "2025-04-30", nameVi: "Ngày Giải phóng miền Nam", nameEn: "Reunification Day" },
  { date: "2025-05-01", nameVi: "Ngày Quốc tế Lao động", nameEn: "International Workers' Day" },
  { date: "2025-05-02", nameVi: "Nghỉ hoán đổi (làm bù thứ Bảy 26/4)", nameEn: "Day off moved from Saturday 26/4" },
  { date: "2025-09-01", nameVi: "Quốc khánh (ngày liền kề)", nameEn: "National Day (adjacent day)" },
  { date: "2025-09-02", nameVi: "Quốc khánh", nameEn: "National Day" },

  { date: "2026-01-01", nameVi: "Tết Dương lịch", nameEn: "New Year's Day" },
  ...range("2026-02-14", "2026-02-22", TET_VI, TET_EN),
  {
    date: "2026-04-27",
    nameVi: "Nghỉ bù Giỗ Tổ Hùng Vương (26/4 là Chủ nhật)",
    nameEn: "Hùng Kings' Day, moved from Sunday",
  },
  { date: "2026-04-30", nameVi: "Ngày Giải phóng miền Nam", nameEn: "Reunification Day" },
  { date: "2026-05-01", nameVi: "Ngày Quốc tế Lao động", nameEn: "International Workers' Day" },
  { date: "2026-09-01", nameVi: "Quốc khánh (ngày liền kề)", nameEn: "National Day (adjacent day)", provisional: true },
  { date: "2026-09-02", nameVi: "Quốc khánh", nameEn: "National Day" },

  { date: "2027-01-01", nameVi: "Tết Dương lịch", nameEn: "New Year's Day" },
  // Not yet announced: as migration 0003 placed it (the last day of the year
  // and mùng 1–4, 5–11/2), provisional in the table since migration 0013.
  ...range("2027-02-05", "2027-02-11", TET_VI, TET_EN, true),
  { date: "2027-04-16", nameVi: "Giỗ Tổ Hùng Vương", nameEn: "Hùng Kings' Commemoration" },
  { date: "2027-04-30", nameVi: "Ngày Giải phóng miền Nam", nameEn: "Reunification Day" },
  {
    date: "2027-05-03",
    nameVi: "Nghỉ bù Quốc tế Lao động (1/5 là thứ Bảy)",
    nameEn: "Workers' Day, moved from Saturday",
  },
  { date: "2027-09-02", nameVi: "Quốc khánh", nameEn: "National Day" },
  { date: "2027-09-03", nameVi: "Quốc khánh (ngày liền kề)", nameEn: "National Day (adjacent day)", provisional: true },
];

/** Weekend days declared working days in exchange for a day off elsewhere. */
export const DEFAULT_WORKING_WEEKENDS: readonly string[] = ["2025-04-26"];

/** The default calendar built from the lists above. */
export const DEFAULT_CALENDAR: WorkingCalendar = workingCalendar(
  DEFAULT_HOLIDAYS.map((h) => h.date),
  DEFAULT_WORKING_WEEKENDS,
);
