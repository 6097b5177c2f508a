import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { leapMonthOf, lunarNewYear, lunarToSolar, solarToLunar } from "../../src/domain/holidays";
import { oracleYears } from "./lunar-oracle";

const hungKings = (year: number) => lunarToSolar({ year, month: 3, day: 10, leap: false });

describe("the Vietnamese lunar calendar", () => {
  it.each([
    [2024, "2024-02-10"],
    [2025, "2025-01-29"],
    [2026, "2026-02-17"],
    [2027, "2027-02-06"],
    [2028, "2028-01-26"],
    [2029, "2029-02-13"],
    [2031, "2031-01-23"],
  ])("puts Tết %i on %s", (year, date) => {
    expect(lunarNewYear(year)).toBe(date);
    expect(solarToLunar(date)).toEqual({ year, month: 1, day: 1, leap: false });
  });

  it("puts Tết 2030 on 2 February in Vietnam, 3 February in China", () => {
    // The new moon is at 16:08 UTC on 2 February 2030: 23:08 in Hanoi, 00:08
    // the next day in Beijing. Lists of "Lunar New Year" dates give China's.
    expect(lunarNewYear(2030)).toBe("2030-02-02");
    expect(lunarNewYear(2030, 8)).toBe("2030-02-03");
  });

  it("differs from the Chinese calendar where UTC+7 and UTC+8 fall on different days", () => {
    expect(lunarNewYear(1985)).toBe("1985-01-21");
    expect(lunarNewYear(1985, 8)).toBe("1985-02-20");
    expect(lunarNewYear(2007)).toBe("2007-02-17");
    expect(lunarNewYear(2007, 8)).toBe("2007-02-18");
  });

  it.each([
    [2022, "2022-04-10"],
    [2023, "2023-04-29"],
    [2024, "2024-04-18"],
    [2025, "2025-04-07"],
    [2026, "2026-04-26"],
    [2027, "2027-04-16"],
  ])("puts Giỗ Tổ Hùng Vương %i on %s", (year, date) => {
    expect(hungKings(year)).toBe(date);
  });

  it("finds the leap months", () => {
    expect(leapMonthOf(2020)).toBe(4);
    expect(leapMonthOf(2023)).toBe(2);
    expect(leapMonthOf(2024)).toBeNull();
    expect(leapMonthOf(2025)).toBe(6);
    expect(leapMonthOf(2026)).toBeNull();
    expect(leapMonthOf(2028)).toBe(5);
    expect(leapMonthOf(2033)).toBe(11);
    expect(solarToLunar("2025-07-25")).toEqual({ year: 2025, month: 6, day: 1, leap: true });
    expect(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true })).toBe("2025-07-25");
    expect(solarToLunar("2033-12-22")).toEqual({ year: 2033, month: 11, day: 1, leap: true });
  });

  it("gives the last day of the lunar year just before Tết", () => {
    expect(solarToLunar("2025-01-28")).toEqual({ year: 2024, month: 12, day: 29, leap: false });
    expect(solarToLunar("2024-02-09")).toEqual({ year: 2023, month: 12, day: 30, leap: false });
  });

  it("refuses lunar dates that do not exist", () => {
    expect(() => lunarToSolar({ year: 2026, month: 6, day: 1, leap: true })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2025, month: 5, day: 1, leap: true })).toThrow(RangeError);
    // Month 12 of Giáp Thìn (2024) has 29 days: Tết Ất Tỵ follows 29 Chạp.
    expect(() => lunarToSolar({ year: 2024, month: 12, day: 30, leap: false })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2025, month: 13, day: 1, leap: false })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2025, month: 1, day: 0, leap: false })).toThrow(RangeError);
    expect(() => solarToLunar("2025-02-30")).toThrow(RangeError);
    expect(() => solarToLunar("30/04/2025")).toThrow(RangeError);
  });

  it("converts every day there and back", () => {
    const day = fc.integer({ min: Date.UTC(1901, 0, 1), max: Date.UTC(2150, 11, 31) });
    fc.assert(
      fc.property(day, (ms) => {
        const date = new Date(ms - (ms % 86_400_000)).toISOString().slice(0, 10);
        const lunar = solarToLunar(date);
        expect(lunarToSolar(lunar)).toBe(date);
        expect(lunar.day).toBeGreaterThanOrEqual(1);
        expect(lunar.day).toBeLessThanOrEqual(30);
        if (lunar.leap) expect(leapMonthOf(lunar.year)).toBe(lunar.month);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with a full ephemeris on Tết and Giỗ Tổ Hùng Vương for 2000–2100", () => {
    const oracle = oracleYears(2000, 2100);
    for (const [year, expected] of oracle) {
      expect({ year, tet: lunarNewYear(year), hungKings: hungKings(year) }).toEqual({ year, ...expected });
    }
  });
});
