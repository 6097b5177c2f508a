import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACK_WORKING_DAYS,
  addWorkingDays,
  DEFAULT_CALENDAR,
  DEFAULT_HOLIDAYS,
  DEFAULT_WORKING_WEEKENDS,
  hanoiDate,
  isWorkingDay,
  TRIAGE_WORKING_DAYS,
  workingCalendar,
  workingDaysBetween,
  workingDeadline,
} from "../../src/domain/calendar";

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe("hanoiDate", () => {
  it("uses UTC+7 all year", () => {
    expect(hanoiDate(new Date("2025-01-01T16:59:59Z"))).toBe("2025-01-01");
    expect(hanoiDate(new Date("2025-01-01T17:00:00Z"))).toBe("2025-01-02");
    expect(hanoiDate(new Date("2025-07-01T17:00:00Z"))).toBe("2025-07-02");
    expect(hanoiDate("2025-03-30T18:00:00+01:00")).toBe("2025-03-31");
    expect(hanoiDate("2025-03-30")).toBe("2025-03-30");
    expect(() => hanoiDate("not a date")).toThrow(RangeError);
  });
});

describe("the default holiday list", () => {
  const dates = DEFAULT_HOLIDAYS.map((h) => h.date);

  it("is sorted, unique, real dates with names in both languages", () => {
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    for (const h of DEFAULT_HOLIDAYS) {
      expect(new Date(`${h.date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(h.date);
      expect(h.nameVi.normalize("NFC")).toBe(h.nameVi);
      expect(h.nameVi.length).toBeGreaterThan(0);
      expect(h.nameEn.length).toBeGreaterThan(0);
    }
  });

  it.each(["2025", "2026", "2027"])("has the fixed holidays of %s", (year) => {
    for (const day of ["01-01", "04-30", "09-02"]) expect(dates).toContain(`${year}-${day}`);
    const tet = DEFAULT_HOLIDAYS.filter((h) => h.date.startsWith(year) && h.nameVi === "Tết Nguyên Đán");
    expect(tet.filter((h) => weekday(h.date) !== 0 && weekday(h.date) !== 6)).toHaveLength(5);
    expect(DEFAULT_HOLIDAYS.some((h) => h.date.startsWith(year) && h.nameVi.includes("Hùng Vương"))).toBe(true);
    expect(DEFAULT_HOLIDAYS.some((h) => h.date.startsWith(year) && h.nameVi.includes("liền kề"))).toBe(true);
  });

  it("places Tết around the first day of the lunar year", () => {
    for (const newYear of ["2025-01-29", "2026-02-17", "2027-02-06"]) expect(dates).toContain(newYear);
  });

  it("gives a compensating weekday when a holiday falls on a weekend", () => {
    expect(weekday("2026-04-26")).toBe(0);
    expect(isWorkingDay("2026-04-27", DEFAULT_CALENDAR)).toBe(false);
    expect(weekday("2027-05-01")).toBe(6);
    expect(isWorkingDay("2027-05-03", DEFAULT_CALENDAR)).toBe(false);
  });

  it("puts every day off on a weekday or inside a Tết range", () => {
    for (const h of DEFAULT_HOLIDAYS) {
      if (h.nameVi !== "Tết Nguyên Đán") expect([0, 6], h.date).not.toContain(weekday(h.date));
    }
    for (const date of DEFAULT_WORKING_WEEKENDS) expect([0, 6]).toContain(weekday(date));
  });
});

describe("isWorkingDay", () => {
  it.each([
    ["2025-06-02", true, "a Monday"],
    ["2025-06-07", false, "a Saturday"],
    ["2025-06-08", false, "a Sunday"],
    ["2025-01-29", false, "Tết"],
    ["2025-04-07", false, "Hùng Kings' day"],
    ["2025-05-02", false, "a day off moved from Saturday 26/4"],
    ["2025-04-26", true, "the Saturday worked in exchange"],
    ["2025-09-01", false, "the day next to National Day"],
  ])("%s is a working day: %s (%s)", (date, expected) => {
    expect(isWorkingDay(date, DEFAULT_CALENDAR)).toBe(expected);
  });

  it("accepts a plain list of holidays", () => {
    expect(isWorkingDay("2025-06-03", ["2025-06-03"])).toBe(false);
    expect(isWorkingDay("2025-06-03", [])).toBe(true);
  });
});

describe("addWorkingDays", () => {
  it("starts counting the day after, skipping weekends", () => {
    expect(addWorkingDays("2025-06-02", 1, [])).toBe("2025-06-03");
    expect(addWorkingDays("2025-06-06", 1, [])).toBe("2025-06-09");
    expect(addWorkingDays("2025-06-07", 1, [])).toBe("2025-06-09");
    expect(addWorkingDays("2025-06-02", 5, [])).toBe("2025-06-09");
    expect(addWorkingDays("2025-06-02", 0, [])).toBe("2025-06-02");
  });

  it("skips Tết and the other holidays", () => {
    expect(addWorkingDays("2025-01-24", ACK_WORKING_DAYS, DEFAULT_CALENDAR)).toBe("2025-02-03");
    expect(addWorkingDays("2025-01-23", TRIAGE_WORKING_DAYS, DEFAULT_CALENDAR)).toBe("2025-02-06");
    expect(addWorkingDays("2025-04-29", 1, DEFAULT_CALENDAR)).toBe("2025-05-05");
    expect(addWorkingDays("2025-04-25", 1, DEFAULT_CALENDAR)).toBe("2025-04-26");
  });

  it("reads an instant in Hanoi time", () => {
    expect(addWorkingDays(new Date("2025-06-06T18:00:00Z"), 1, [])).toBe("2025-06-09");
    expect(addWorkingDays(new Date("2025-06-06T16:00:00Z"), 1, [])).toBe("2025-06-09");
    expect(addWorkingDays(new Date("2025-06-05T17:30:00Z"), 1, [])).toBe("2025-06-09");
  });

  it("refuses a negative or fractional count", () => {
    expect(() => addWorkingDays("2025-06-02", -1, [])).toThrow(RangeError);
    expect(() => addWorkingDays("2025-06-02", 1.5, [])).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it("counts working days after a up to and including b", () => {
    expect(workingDaysBetween("2025-06-02", "2025-06-02", [])).toBe(0);
    expect(workingDaysBetween("2025-06-02", "2025-06-09", [])).toBe(5);
    expect(workingDaysBetween("2025-08-29", "2025-09-03", DEFAULT_CALENDAR)).toBe(1);
    expect(workingDaysBetween("2025-06-09", "2025-06-02", [])).toBe(-5);
    expect(workingDaysBetween("2025-01-24", "2025-02-03", DEFAULT_CALENDAR)).toBe(1);
  });

  const dateArb = fc
    .date({ min: new Date("2025-01-01T00:00:00Z"), max: new Date("2027-12-01T00:00:00Z"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it("inverts addWorkingDays (property)", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 40 }), (start, n) => {
        const end = addWorkingDays(start, n, DEFAULT_CALENDAR);
        expect(workingDaysBetween(start, end, DEFAULT_CALENDAR)).toBe(n);
        expect(end >= start).toBe(true);
        if (n > 0) expect(isWorkingDay(end, DEFAULT_CALENDAR)).toBe(true);
      }),
    );
  });

  it("is additive and antisymmetric (property)", () => {
    fc.assert(
      fc.property(dateArb, dateArb, dateArb, (a, b, c) => {
        const ab = workingDaysBetween(a, b, DEFAULT_CALENDAR);
        expect(workingDaysBetween(b, a, DEFAULT_CALENDAR) + ab).toBe(0);
        expect(ab + workingDaysBetween(b, c, DEFAULT_CALENDAR)).toBe(workingDaysBetween(a, c, DEFAULT_CALENDAR));
      }),
      { numRuns: 50 },
    );
  });

  it("never counts more days than the calendar has, nor more than five a week", () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 30 }), (start, weeks) => {
        const end = new Date(Date.parse(`${start}T00:00:00Z`) + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
        const noHolidays = workingDaysBetween(start, end, []);
        expect(noHolidays).toBe(weeks * 5);
        expect(workingDaysBetween(start, end, DEFAULT_CALENDAR)).toBeLessThanOrEqual(
          noHolidays + DEFAULT_WORKING_WEEKENDS.length,
        );
      }),
      { numRuns: 50 },
    );
  });
});

describe("workingDeadline", () => {
  it("ends at midnight in Hanoi of the n-th working day", () => {
    expect(workingDeadline("2025-06-02T02:00:00Z", TRIAGE_WORKING_DAYS, DEFAULT_CALENDAR)).toBe(
      "2025-06-09T17:00:00.000Z",
    );
    expect(workingDeadline("2025-01-24T09:00:00Z", ACK_WORKING_DAYS, DEFAULT_CALENDAR)).toBe(
      "2025-02-03T17:00:00.000Z",
    );
  });

  it("takes holidays as data", () => {
    const custom = workingCalendar(["2025-06-03"]);
    expect(workingDeadline("2025-06-02T02:00:00Z", 1, custom)).toBe("2025-06-04T17:00:00.000Z");
    expect(workingDeadline("2025-06-02T02:00:00Z", 1, [])).toBe("2025-06-03T17:00:00.000Z");
  });
});
