import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import migration from "../../../migrations/0013_add_provisional_holidays.sql?raw";
import { createDb } from "../../src/db/client";
import { loadCalendar } from "../../src/db/queries/triage";
import {
  PROVISIONAL_FROM,
  PROVISIONAL_THROUGH,
  provisionalHolidaysMigration,
  UNCONFIRMED_SEEDED_DATES,
} from "../../src/db/reference/provisional-holidays";
import { DEFAULT_HOLIDAYS, isWorkingDay, workingDeadline } from "../../src/domain/calendar";
import { computeDefaultHolidays, lunarNewYear } from "../../src/domain/holidays";

const db = () => createDb(env.DB);

type Row = { date: string; kind: string; name_vi: string; name_en: string; provisional: number };

async function rowsOf(year: number): Promise<Row[]> {
  const { results } = await env.DB.prepare(
    "SELECT date, kind, name_vi, name_en, provisional FROM holidays WHERE date BETWEEN ? AND ? ORDER BY date",
  )
    .bind(`${year}-01-01`, `${year}-12-31`)
    .all<Row>();
  return results;
}

describe("migration 0013 (npm run db:holidays)", () => {
  it("is exactly what the generator writes", () => {
    expect(migration).toBe(provisionalHolidaysMigration());
  });

  it("fills every year from 2028 to 2040 with its computed defaults, marked provisional", async () => {
    for (let year = PROVISIONAL_FROM; year <= PROVISIONAL_THROUGH; year++) {
      const expected = computeDefaultHolidays(year).map((h) => ({
        date: h.date,
        kind: "holiday",
        name_vi: h.nameVi,
        name_en: h.nameEn,
        provisional: 1,
      }));
      expect(await rowsOf(year)).toEqual(expected);
    }
  });

  it("marks the unannounced Tết 2027 provisional, as DEFAULT_HOLIDAYS does, and agrees with it on 2027", async () => {
    const rows = await rowsOf(2027);
    const provisional = rows.filter((r) => r.provisional === 1).map((r) => r.date);
    expect(provisional).toEqual(UNCONFIRMED_SEEDED_DATES.filter((d) => d.startsWith("2027")));
    const weekdays = (dates: string[]) => dates.filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
    const inCode = DEFAULT_HOLIDAYS.filter((h) => h.date.startsWith("2027"));
    expect(weekdays(inCode.map((h) => h.date))).toEqual(rows.map((r) => r.date));
    expect(weekdays(inCode.filter((h) => h.provisional).map((h) => h.date))).toEqual(provisional);
  });
});

describe("deadlines across Tết (the calendar the API loads)", () => {
  const now = new Date("2026-06-15T05:20:00Z");

  it.each([
    // Tết 2028 is Wednesday 26/1: Friday 21/1 in, 24–28/1 off, the weekend, due Monday 31/1.
    [2028, "2028-01-26", "2028-01-21T03:00:00Z", "2028-01-31"],
    // Tết 2029 is Tuesday 13/2: Friday 9/2 in, 12–16/2 off, due Monday 19/2.
    [2029, "2029-02-13", "2029-02-09T03:00:00Z", "2029-02-19"],
    // Tết 2030 is Saturday 2/2 in Vietnam (Sunday 3/2 in China, at UTC+8): Wednesday 30/1 in,
    // 31/1–1/2 and 4–6/2 off (two Tết days on the weekend, given in lieu), due Thursday 7/2.
    [2030, "2030-02-02", "2030-01-30T03:00:00Z", "2030-02-07"],
  ])(
    "an acknowledgement due in one working day from just before Tết %i lands after it",
    async (year, tet, received, due) => {
      expect(lunarNewYear(year)).toBe(tet);
      const calendar = await loadCalendar(db(), now);
      expect(workingDeadline(received, 1, calendar)).toBe(`${due}T17:00:00.000Z`);
    },
  );

  it("computes provisional defaults for the years after the table, so a deadline never runs off it", async () => {
    const later = new Date("2041-01-20T03:00:00Z");
    expect(await rowsOf(2041)).toEqual([]);
    const calendar = await loadCalendar(db(), later);
    // Tết 2041 is Friday 1/2: 30/1–1/2 and 4–5/2 off.
    const tet = computeDefaultHolidays(2041)
      .filter((h) => h.nameVi === "Tết Nguyên Đán")
      .map((h) => h.date);
    expect(tet).toEqual(["2041-01-30", "2041-01-31", "2041-02-01", "2041-02-04", "2041-02-05"]);
    for (const date of tet) expect(isWorkingDay(date, calendar)).toBe(false);
    expect(workingDeadline("2041-01-29T03:00:00Z", 1, calendar)).toBe("2041-02-06T17:00:00.000Z");
    // And three years past the current one.
    expect(isWorkingDay(computeDefaultHolidays(2044)[0]?.date ?? "", calendar)).toBe(false);
  });
});
