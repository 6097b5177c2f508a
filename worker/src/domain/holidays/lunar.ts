/**
 * The Vietnamese lunisolar calendar, computed astronomically as Hồ Ngọc Đức
 * describes it ("Thuật toán tính âm lịch"): a month starts on the local day
 * of a new moon; month 11 is the one containing the winter solstice; in a
 * year with 13 new moons between two months 11, the first month without a
 * major solar term (trung khí) is the leap month. New moons and the Sun's
 * longitude come from the truncated series of Meeus' *Astronomical
 * Algorithms*, which are accurate to minutes over 1900–2100.
 *
 * Dates are local to a time zone given in hours. Vietnam has used UTC+7
 * since 1968; China uses UTC+8, which is why the two calendars sometimes
 * disagree (Tết 1985: 21 January in Vietnam, 20 February in China).
 */

/** Vietnam's offset from UTC, in hours, for every date this calendar serves. */
export const VIETNAM_TIME_ZONE = 7;

/** A date of the lunar calendar. `year` is the Gregorian year in which its month 1 begins. */
export interface LunarDate {
  year: number;
  /** 1–12. */
  month: number;
  /** 1–30. */
  day: number;
  /** True for the intercalary month that repeats `month`. */
  leap: boolean;
}

/** Julian day number of 1970-01-01, the Unix epoch. */
const UNIX_EPOCH_JDN = 2_440_588;
const DAY_MS = 86_400_000;
/** Mean length of a synodic month, in days. */
const SYNODIC_MONTH = 29.530588853;
/** Julian date of the new moon numbered 0 (1900-01-01 13:51 UTC), the origin of `k`. */
const NEW_MOON_ZERO = 2_415_021.076998695;
const RAD = Math.PI / 180;

function julianDayNumber(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  }
  return time / DAY_MS + UNIX_EPOCH_JDN;
}

function dateOfJulianDayNumber(jdn: number): string {
  return new Date((jdn - UNIX_EPOCH_JDN) * DAY_MS).toISOString().slice(0, 10);
}

/** Julian date (UT) of the k-th new moon after 1900-01-01 (Meeus, ch. 49, truncated). */
function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const mean =
    2_415_020.75933 +
    29.53058868 * k +
    0.0001178 * t2 -
    0.000000155 * t3 +
    0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * RAD;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * RAD;
  const latitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * RAD;
  const correction =
    (0.1734 - 0.000393 * t) * Math.sin(sunAnomaly) +
    0.0021 * Math.sin(2 * sunAnomaly) -
    0.4068 * Math.sin(moonAnomaly) +
    0.0161 * Math.sin(2 * moonAnomaly) -
    0.0004 * Math.sin(3 * moonAnomaly) +
    0.0104 * Math.sin(2 * latitude) -
    0.0051 * Math.sin(sunAnomaly + moonAnomaly) -
    0.0074 * Math.sin(sunAnomaly - moonAnomaly) +
    0.0004 * Math.sin(2 * latitude + sunAnomaly) -
    0.0004 * Math.sin(2 * latitude - sunAnomaly) -
    0.0006 * Math.sin(2 * latitude + moonAnomaly) +
    0.001 * Math.sin(2 * latitude - moonAnomaly) +
    0.0005 * Math.sin(2 * moonAnomaly + sunAnomaly);
  // ΔT (TT − UT), in days.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return mean + correction - deltaT;
}

/** Julian day number of the local day on which the k-th new moon falls. */
function newMoonDay(k: number, timeZone: number): number {
  return Math.floor(newMoon(k) + 0.5 + timeZone / 24);
}

/** The Sun's apparent longitude at Julian date `jd`, in radians, in [0, 2π). */
function sunLongitude(jd: number): number {
  const t = (jd - 2_451_545.0) / 36_525;
  const t2 = t * t;
  const anomaly = (357.5291 + 35_999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * RAD;
  const meanLongitude = 280.46645 + 36_000.76983 * t + 0.0003032 * t2;
  const center =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(anomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * anomaly) +
    0.00029 * Math.sin(3 * anomaly);
  const longitude = (meanLongitude + center) * RAD;
  return longitude - 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
}

/**
 * Which 30° sector (0–11) the Sun is in at the start of a local day: sector
 * 9 starts at the winter solstice (270°). A month whose start and next
 * start share a sector contains no major solar term.
 */
function sunSector(jdn: number, timeZone: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - timeZone / 24) / Math.PI) * 6);
}

/** Julian day number of the first day of the lunar month 11 that contains the winter solstice of `year`. */
function month11Start(year: number, timeZone: number): number {
  const k = Math.floor((julianDayNumber(`${String(year).padStart(4, "0")}-12-31`) - 2_415_021) / SYNODIC_MONTH);
  const start = newMoonDay(k, timeZone);
  // A new moon after the solstice starts month 12: month 11 began one lunation earlier.
  return sunSector(start, timeZone) >= 9 ? newMoonDay(k - 1, timeZone) : start;
}

/** Number of the lunation `jdn` starts, counted as `newMoon` counts them. */
function lunationOf(jdn: number): number {
  return Math.floor((jdn - NEW_MOON_ZERO) / SYNODIC_MONTH + 0.5);
}

/**
 * In a leap year (13 months between two months 11 starting at `a11`), how
 * many months after month 11 the leap month comes: the first month with no
 * major solar term.
 */
function leapMonthOffset(a11: number, timeZone: number): number {
  const k = lunationOf(a11);
  let i = 1;
  let sector = sunSector(newMoonDay(k + i, timeZone), timeZone);
  let previous: number;
  do {
    previous = sector;
    i++;
    sector = sunSector(newMoonDay(k + i, timeZone), timeZone);
  } while (sector !== previous && i < 14);
  return i - 1;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9998) throw new RangeError(`Year out of range: ${year}`);
}

/**
 * The lunar date of a Gregorian date (`YYYY-MM-DD`).
 *
 * @example
 * solarToLunar("2025-01-29") // { year: 2025, month: 1, day: 1, leap: false }: Tết Ất Tỵ
 * solarToLunar("2025-07-25") // { year: 2025, month: 6, day: 1, leap: true }: leap month 6
 */
export function solarToLunar(date: string, timeZone: number = VIETNAM_TIME_ZONE): LunarDate {
  const jdn = julianDayNumber(date);
  const gregorianYear = Number(date.slice(0, 4));
  checkYear(gregorianYear);
  const k = Math.floor((jdn - NEW_MOON_ZERO) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, timeZone);
  if (monthStart > jdn) monthStart = newMoonDay(k, timeZone);
  let a11 = month11Start(gregorianYear, timeZone);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = gregorianYear;
    a11 = month11Start(gregorianYear - 1, timeZone);
  } else {
    year = gregorianYear + 1;
    b11 = month11Start(gregorianYear + 1, timeZone);
  }
  const day = jdn - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let month = diff + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, timeZone);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { year, month, day, leap };
}

/** Julian day number of the first day of a lunar month, or undefined when that month does not exist. */
function monthStartDay(year: number, month: number, leap: boolean, timeZone: number): number | undefined {
  const [a11, b11] =
    month < 11
      ? [month11Start(year - 1, timeZone), month11Start(year, timeZone)]
      : [month11Start(year, timeZone), month11Start(year + 1, timeZone)];
  let offset = month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, timeZone);
    let leapMonth = leapOffset - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return undefined;
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    return undefined;
  }
  return newMoonDay(lunationOf(a11) + offset, timeZone);
}

/**
 * The Gregorian date (`YYYY-MM-DD`) of a lunar date. Throws a RangeError for
 * a date that does not exist: a leap month the year does not have, or day 30
 * of a 29-day month.
 *
 * @example
 * lunarToSolar({ year: 2026, month: 3, day: 10, leap: false }) // "2026-04-26": Giỗ Tổ Hùng Vương
 */
export function lunarToSolar(lunar: LunarDate, timeZone: number = VIETNAM_TIME_ZONE): string {
  const { year, month, day, leap } = lunar;
  checkYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) {
    throw new RangeError(`Not a lunar date: ${JSON.stringify(lunar)}`);
  }
  const start = monthStartDay(year, month, leap, timeZone);
  if (start === undefined) throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
  const jdn = start + day - 1;
  if (day === 30 && newMoonDay(lunationOf(start) + 1, timeZone) <= jdn) {
    throw new RangeError(`Lunar month ${month}${leap ? " (leap)" : ""} of ${year} has 29 days`);
  }
  return dateOfJulianDayNumber(jdn);
}

/**
 * The first day of the lunar year that begins in Gregorian `year` (mùng 1 Tết).
 *
 * @example
 * lunarNewYear(2028) // "2028-01-26"
 */
export function lunarNewYear(year: number, timeZone: number = VIETNAM_TIME_ZONE): string {
  return lunarToSolar({ year, month: 1, day: 1, leap: false }, timeZone);
}

/**
 * The month that lunar `year` repeats, or null in a year of twelve months.
 *
 * @example
 * leapMonthOf(2025) // 6
 * leapMonthOf(2026) // null
 */
export function leapMonthOf(year: number, timeZone: number = VIETNAM_TIME_ZONE): number | null {
  checkYear(year);
  // Months 1–10 of `year` lie after month 11 of year − 1; months 11 and 12 after month 11 of year.
  const early = leapMonthBetween(year - 1, timeZone);
  if (early !== null && early <= 10) return early;
  const late = leapMonthBetween(year, timeZone);
  return late !== null && late >= 11 ? late : null;
}

/** The leap month between month 11 of `year` and month 11 of `year + 1`, if any. */
function leapMonthBetween(year: number, timeZone: number): number | null {
  const a11 = month11Start(year, timeZone);
  if (month11Start(year + 1, timeZone) - a11 <= 365) return null;
  const month = leapMonthOffset(a11, timeZone) - 2;
  return month < 0 ? month + 12 : month;
}
