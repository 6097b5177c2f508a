import * as Astronomy from "astronomy-engine";

/**
 * An independent Vietnamese lunar calendar for the tests: the same rules as
 * `worker/src/domain/holidays/lunar.ts` (a month starts on the UTC+7 day of a
 * new moon; month 11 holds the winter solstice; in a 13-month year the first
 * month without a major solar term is the leap month), but with new moons and
 * solar terms from astronomy-engine's full ephemeris instead of the
 * truncated series the domain uses.
 */

const HANOI_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

function hanoiDay(date: Date): number {
  return Math.floor((date.getTime() + HANOI_MS) / DAY_MS);
}

function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Hanoi days (days since 1970-01-01) of the new moons and the major solar terms from `from` to `to` (years). */
function ephemeris(from: number, to: number) {
  const moons: number[] = [];
  for (let t = Astronomy.MakeTime(new Date(Date.UTC(from, 0, 1))); t.date.getUTCFullYear() <= to; ) {
    const moon = Astronomy.SearchMoonPhase(0, t, 40);
    if (!moon) throw new Error("no new moon found");
    moons.push(hanoiDay(moon.date));
    t = moon.AddDays(5);
  }
  const terms: Array<{ longitude: number; day: number }> = [];
  for (let year = from; year <= to; year++) {
    for (let longitude = 0; longitude < 360; longitude += 30) {
      const term = Astronomy.SearchSunLongitude(longitude, Astronomy.MakeTime(new Date(Date.UTC(year, 0, 1))), 366);
      if (!term) throw new Error("no solar term found");
      terms.push({ longitude, day: hanoiDay(term.date) });
    }
  }
  return { moons, terms };
}

export interface OracleYear {
  /** First day of month 1. */
  tet: string;
  /** 10th day of month 3. */
  hungKings: string;
}

/** Tết and Giỗ Tổ Hùng Vương of every year from `from` to `to`, by the ephemeris. */
export function oracleYears(from: number, to: number): Map<number, OracleYear> {
  const { moons, terms } = ephemeris(from - 1, to + 1);
  const monthAt = (day: number) => moons.findLastIndex((start) => start <= day);
  const solstice = (year: number) => {
    const term = terms.find((t) => t.longitude === 270 && new Date(t.day * DAY_MS).getUTCFullYear() === year);
    if (!term) throw new Error(`no solstice in ${year}`);
    return term.day;
  };
  const hasMajorTerm = (i: number) =>
    terms.some((t) => t.day >= (moons[i] as number) && t.day < (moons[i + 1] as number));
  const years = new Map<number, OracleYear>();
  for (let year = from; year <= to; year++) {
    const month11 = monthAt(solstice(year - 1));
    const nextMonth11 = monthAt(solstice(year));
    let leapFound = nextMonth11 - month11 !== 13;
    let number = 11;
    const starts = new Map<number, number>();
    for (let i = month11 + 1; i < nextMonth11; i++) {
      if (!leapFound && !hasMajorTerm(i)) {
        leapFound = true;
        continue;
      }
      number = (number % 12) + 1;
      if (!starts.has(number)) starts.set(number, moons[i] as number);
    }
    const month1 = starts.get(1);
    const month3 = starts.get(3);
    if (month1 === undefined || month3 === undefined) throw new Error(`no month 1 or 3 in ${year}`);
    years.set(year, { tet: isoOfDay(month1), hungKings: isoOfDay(month3 + 9) });
  }
  return years;
}
