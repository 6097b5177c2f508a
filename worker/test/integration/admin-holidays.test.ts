import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ProblemSchema } from "../../src/contracts/common";
import { HolidayConfirmSchema, type HolidayList, HolidayListSchema } from "../../src/contracts/holidays";
import { computeDefaultHolidays } from "../../src/domain/holidays";
import { auditByAction } from "../support/inspections";
import { call, signIn } from "../support/leads";

let admin: string;

beforeAll(async () => {
  admin = (await signIn("admin")).cookie;
});

const EN = { "Accept-Language": "en" };
const DAY_OFF = { kind: "holiday", nameVi: "Nghỉ hoán đổi", nameEn: "Day off moved" };

async function list(year: number | string): Promise<HolidayList> {
  const res = await call(admin, `/api/admin/holidays?year=${year}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return HolidayListSchema.parse(await res.json());
}

async function put(date: string, body: unknown = DAY_OFF, headers?: Record<string, string>) {
  return call(admin, `/api/admin/holidays/${date}`, { method: "PUT", body, ...(headers ? { headers } : {}) });
}

async function problemOf(res: Response, status = 422) {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  return ProblemSchema.parse(await res.json());
}

/** Working days d with a < d ≤ b by the SQL calendar the statistics use. */
async function sqlWorkingDays(a: string, b: string): Promise<number> {
  const row = await env.DB.prepare(
    "SELECT (SELECT n FROM work_calendar WHERE date = ?2) - (SELECT n FROM work_calendar WHERE date = ?1) AS days",
  )
    .bind(a, b)
    .first<{ days: number }>();
  return row?.days ?? Number.NaN;
}

describe("GET /api/admin/holidays?year=", () => {
  it("lists a year's stored days with their provisional flag", async () => {
    const year = await list(2028);
    expect(year.computed).toBe(false);
    expect(year.items.map((h) => h.date)).toEqual(computeDefaultHolidays(2028).map((h) => h.date));
    expect(year.items.every((h) => h.provisional && h.stored && h.kind === "holiday")).toBe(true);
    const y2025 = await list(2025);
    expect(y2025.items.find((h) => h.date === "2025-04-26")).toMatchObject({ kind: "working_day", provisional: false });
  });

  it("computes a year the table does not hold, marked provisional and not stored", async () => {
    const year = await list(2050);
    expect(year.computed).toBe(true);
    expect(year.items).toHaveLength(11);
    expect(year.items.every((h) => h.provisional && !h.stored)).toBe(true);
  });

  it.each([
    ["abc", "Năm phải là số nguyên từ 2000 đến 2100", "The year must be a whole number from 2000 to 2100"],
    ["1999", "Năm phải là số nguyên từ 2000 đến 2100", "The year must be a whole number from 2000 to 2100"],
    ["20300", "Năm phải là số nguyên từ 2000 đến 2100", "The year must be a whole number from 2000 to 2100"],
  ])("refuses year=%s with a 422 in Vietnamese and in English", async (year, vi, en) => {
    const viProblem = await problemOf(await call(admin, `/api/admin/holidays?year=${year}`));
    expect(viProblem.errors).toEqual([{ pointer: "/year", message: vi }]);
    const enProblem = await problemOf(await call(admin, `/api/admin/holidays?year=${year}`, { headers: EN }));
    expect(enProblem.errors).toEqual([{ pointer: "/year", message: en }]);
  });

  it("needs the year", async () => {
    const problem = await problemOf(await call(admin, "/api/admin/holidays", { headers: EN }));
    expect(problem.errors?.[0]?.pointer).toBe("/year");
  });
});

describe("PUT /api/admin/holidays/{date}", () => {
  it("adds a confirmed day off, audited, and the SQL working-day count follows", async () => {
    // Monday 5 March 2029.
    expect(await sqlWorkingDays("2029-03-04", "2029-03-09")).toBe(5);
    const res = await put("2029-03-05");
    expect(res.status, await res.clone().text()).toBe(200);
    const year = HolidayListSchema.parse(await res.json());
    expect(year.items.find((h) => h.date === "2029-03-05")).toEqual({
      date: "2029-03-05",
      ...DAY_OFF,
      provisional: false,
      stored: true,
    });
    expect(await sqlWorkingDays("2029-03-04", "2029-03-09")).toBe(4);
    const [event] = (await auditByAction("holiday.added")).filter((e) => e.target_id === "2029-03-05");
    expect(JSON.parse(event?.summary ?? "{}")).toEqual({
      before: null,
      after: { kind: "holiday", nameVi: DAY_OFF.nameVi, nameEn: DAY_OFF.nameEn, provisional: false },
    });
  });

  it("edits a provisional day, which confirms it, with before and after in the audit", async () => {
    const res = await put("2028-01-24", { kind: "holiday", nameVi: "Tết Nguyên Đán", nameEn: "Lunar New Year" });
    expect(res.status).toBe(200);
    const item = HolidayListSchema.parse(await res.json()).items.find((h) => h.date === "2028-01-24");
    expect(item).toMatchObject({ provisional: false, nameEn: "Lunar New Year" });
    const [event] = (await auditByAction("holiday.changed")).filter((e) => e.target_id === "2028-01-24");
    const summary = JSON.parse(event?.summary ?? "{}");
    expect(summary.before).toMatchObject({ provisional: true, nameEn: "Lunar New Year (Tết)" });
    expect(summary.after).toMatchObject({ provisional: false, nameEn: "Lunar New Year" });
  });

  it("records a worked Saturday, which the SQL calendar counts", async () => {
    // Saturday 10 March 2029.
    expect(await sqlWorkingDays("2029-03-09", "2029-03-11")).toBe(0);
    const res = await put("2029-03-10", { kind: "working_day", nameVi: "Làm bù", nameEn: "Worked Saturday" });
    expect(res.status).toBe(200);
    expect(await sqlWorkingDays("2029-03-09", "2029-03-11")).toBe(1);
  });

  it("stores a computed year's defaults with the first change, so the year keeps its other holidays", async () => {
    const res = await put("2045-06-05");
    expect(res.status).toBe(200);
    const year = await list(2045);
    expect(year.computed).toBe(false);
    expect(year.items).toHaveLength(12);
    expect(year.items.filter((h) => h.provisional)).toHaveLength(11);
    expect((await auditByAction("holidays.defaults_stored")).map((e) => e.target_id)).toContain("2045");
  });

  it.each([
    ["holiday on a Saturday", "2029-03-17", DAY_OFF, "/kind", "Thứ Bảy và Chủ nhật đã là ngày nghỉ"],
    [
      "worked day on a weekday",
      "2029-03-13",
      { ...DAY_OFF, kind: "working_day" },
      "/kind",
      "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật",
    ],
    ["date that does not exist", "2029-02-30", DAY_OFF, "/date", "Ngày phải có dạng YYYY-MM-DD"],
    ["date out of range", "2101-01-03", DAY_OFF, "/date", "Ngày phải có dạng YYYY-MM-DD"],
    ["unknown kind", "2029-03-13", { ...DAY_OFF, kind: "bridge" }, "/kind", "Giá trị phải là một trong"],
    ["blank name", "2029-03-13", { ...DAY_OFF, nameVi: "   " }, "/nameVi", "Cần ít nhất 1 ký tự"],
    ["unknown field", "2029-03-13", { ...DAY_OFF, provisional: true }, "/provisional", "Trường không được phép"],
  ])("refuses a %s with a Vietnamese 422", async (_name, date, body, pointer, message) => {
    const problem = await problemOf(await put(date, body));
    expect(problem.errors?.[0]?.pointer).toBe(pointer);
    expect(problem.errors?.[0]?.message).toContain(message);
    expect((await list(2029)).items.some((h) => h.date === "2029-03-13")).toBe(false);
  });

  it("refuses a body over the JSON limit with a 413 problem", async () => {
    const problem = await problemOf(await put("2029-03-13", { ...DAY_OFF, nameVi: "x".repeat(70_000) }), 413);
    expect(problem.code).toBe("payload_too_large");
  });

  it("answers in English on request", async () => {
    const problem = await problemOf(await put("2029-03-18", DAY_OFF, EN));
    expect(problem.errors).toEqual([
      { pointer: "/kind", message: "Saturdays and Sundays are days off anyway: a holiday goes on a weekday" },
    ]);
  });
});

describe("DELETE /api/admin/holidays/{date}", () => {
  it("removes a day, audited with the day as it was, and the SQL count follows", async () => {
    expect((await put("2029-03-20")).status).toBe(200);
    expect(await sqlWorkingDays("2029-03-19", "2029-03-21")).toBe(1);
    const res = await call(admin, "/api/admin/holidays/2029-03-20", { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(HolidayListSchema.parse(await res.json()).items.some((h) => h.date === "2029-03-20")).toBe(false);
    expect(await sqlWorkingDays("2029-03-19", "2029-03-21")).toBe(2);
    const [event] = (await auditByAction("holiday.removed")).filter((e) => e.target_id === "2029-03-20");
    expect(JSON.parse(event?.summary ?? "{}")).toMatchObject({ before: { kind: "holiday" }, after: null });
  });

  it("answers 404 for a day that is not in the list, and 422 for a bad date", async () => {
    await problemOf(await call(admin, "/api/admin/holidays/2029-03-21", { method: "DELETE" }), 404);
    const problem = await problemOf(
      await call(admin, "/api/admin/holidays/21-03-2029", { method: "DELETE", headers: EN }),
    );
    expect(problem.errors?.[0]).toEqual({
      pointer: "/date",
      message: "The date must be a real date as YYYY-MM-DD, from 2000 to 2100",
    });
  });
});

describe("POST /api/admin/holidays/{year}/confirm", () => {
  it("confirms every provisional day of the year at once, in one audit row", async () => {
    const res = await call(admin, "/api/admin/holidays/2030/confirm", { method: "POST" });
    expect(res.status).toBe(200);
    const body = HolidayConfirmSchema.parse(await res.json());
    expect(body.confirmed).toBe(11);
    expect(body.list.items.every((h) => !h.provisional)).toBe(true);
    const events = (await auditByAction("holidays.confirmed")).filter((e) => e.target_id === "2030");
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.summary ?? "{}").before.provisional).toHaveLength(11);

    const again = HolidayConfirmSchema.parse(
      await (await call(admin, "/api/admin/holidays/2030/confirm", { method: "POST" })).json(),
    );
    expect(again.confirmed).toBe(0);
    expect((await auditByAction("holidays.confirmed")).filter((e) => e.target_id === "2030")).toHaveLength(1);
  });

  it("stores and confirms a computed year", async () => {
    const body = HolidayConfirmSchema.parse(
      await (await call(admin, "/api/admin/holidays/2060/confirm", { method: "POST" })).json(),
    );
    expect(body.confirmed).toBe(11);
    expect(body.list.computed).toBe(false);
    expect(body.list.items.every((h) => h.stored && !h.provisional)).toBe(true);
  });

  it("refuses a bad year in English on request", async () => {
    const problem = await problemOf(
      await call(admin, "/api/admin/holidays/12/confirm", { method: "POST", headers: EN }),
    );
    expect(problem.errors?.[0]?.pointer).toBe("/year");
  });
});

describe("only administrators keep the calendar", () => {
  const requests = [
    ["GET", "/api/admin/holidays?year=2031", undefined],
    ["PUT", "/api/admin/holidays/2031-03-04", DAY_OFF],
    ["DELETE", "/api/admin/holidays/2031-01-01", undefined],
    ["POST", "/api/admin/holidays/2031/confirm", undefined],
  ] as const;

  it.each(["inspector", "supervisor"] as const)("refuses a %s with 403 and changes nothing", async (role) => {
    const { cookie } = await signIn(role);
    for (const [method, path, body] of requests) {
      const res = await call(cookie, path, { method, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    const year = await list(2031);
    expect(year.items.some((h) => h.date === "2031-03-04")).toBe(false);
    expect(year.items.some((h) => h.date === "2031-01-01" && h.provisional)).toBe(true);
  });

  it("refuses a visitor with 401", async () => {
    for (const [method, path, body] of requests) {
      const res = await call(undefined, path, { method, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });
});
