import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ProblemSchema } from "../../src/contracts/common";
import { SETTING_KEYS, type SettingList, SettingListSchema } from "../../src/contracts/settings";
import { ORIGIN } from "../support/accounts";
import { insertUnits } from "../support/fixtures";
import { auditByAction } from "../support/inspections";
import { call, createUnit, fileAbout, freshIp, leadIdOf, RUDENESS_TEXT, signIn } from "../support/leads";

let admin: string;
let unitId: string;

beforeAll(async () => {
  await insertUnits(env.DB);
  unitId = (await createUnit()).id;
  admin = (await signIn("admin")).cookie;
});

const EN = { "Accept-Language": "en" };

async function settings(): Promise<SettingList> {
  const res = await call(admin, "/api/admin/settings");
  expect(res.status).toBe(200);
  return SettingListSchema.parse(await res.json());
}

const settingIn = (list: SettingList, key: string) => list.items.find((s) => s.key === key);

async function patch(body: unknown, headers?: Record<string, string>) {
  return call(admin, "/api/admin/settings", { method: "PATCH", body, ...(headers ? { headers } : {}) });
}

async function problemOf(res: Response, status = 422) {
  expect(res.status, await res.clone().text()).toBe(status);
  return ProblemSchema.parse(await res.json());
}

async function ackDueAt(trackingCode: string): Promise<string> {
  const row = await env.DB.prepare("SELECT ack_due_at, due_at FROM leads WHERE id = ?")
    .bind(await leadIdOf(trackingCode))
    .first<{ ack_due_at: string; due_at: string }>();
  return row?.ack_due_at ?? "";
}

/** A report about a unit of its own, so it opens a new lead rather than joining one. */
async function fileNew() {
  return fileAbout((await createUnit()).id, { categoryCode: "conduct", description: RUDENESS_TEXT });
}

describe("GET /api/admin/settings", () => {
  it("lists every setting with its value, default and range, defaults in force", async () => {
    const list = await settings();
    expect(list.items.map((s) => s.key)).toEqual(SETTING_KEYS);
    expect(settingIn(list, "deadlines.ack_working_days")).toMatchObject({ value: 1, defaultValue: 1, stored: false });
    expect(settingIn(list, "deadlines.triage_working_days")).toMatchObject({ value: 5, group: "deadlines" });
    expect(settingIn(list, "stats.min_cell")).toMatchObject({ value: 5, group: "statistics", min: 2 });
    expect(settingIn(list, "stats.min_ranked_cases")).toMatchObject({ value: 10 });
    expect(settingIn(list, "reports_per_client_per_hour")).toMatchObject({ value: 30, group: "rateLimits" });
    // The Worker's ALTCHA_COST variable is the default (20 in the tests).
    expect(settingIn(list, "altcha.cost")).toMatchObject({ value: 20, defaultValue: 20, updatedAt: null });
    expect(settingIn(list, "retention.closed_report_months")).toMatchObject({ value: 60, group: "retention" });
  });
});

describe("PATCH /api/admin/settings", () => {
  it("changes the acknowledgement deadline of new reports, audited with before and after", async () => {
    // TEST_EPOCH is Monday 15 June 2026 in Hanoi: one working day is Tuesday 16.
    expect(await ackDueAt((await fileNew()).trackingCode)).toBe("2026-06-16T17:00:00.000Z");
    const res = await patch({ "deadlines.ack_working_days": 3 });
    expect(res.status, await res.clone().text()).toBe(200);
    const list = SettingListSchema.parse(await res.json());
    expect(settingIn(list, "deadlines.ack_working_days")).toMatchObject({ value: 3, stored: true, defaultValue: 1 });
    expect(await ackDueAt((await fileNew()).trackingCode)).toBe("2026-06-18T17:00:00.000Z");

    const [event] = (await auditByAction("setting.changed")).filter(
      (e) => e.target_id === "deadlines.ack_working_days",
    );
    expect(JSON.parse(event?.summary ?? "{}")).toEqual({
      before: { value: 1, stored: false },
      after: { value: 3, stored: true },
    });

    // null goes back to the default.
    const reset = SettingListSchema.parse(await (await patch({ "deadlines.ack_working_days": null })).json());
    expect(settingIn(reset, "deadlines.ack_working_days")).toMatchObject({ value: 1, stored: false });
    expect(await ackDueAt((await fileNew()).trackingCode)).toBe("2026-06-16T17:00:00.000Z");
  });

  it("writes nothing for a value already stored, or a default already in force", async () => {
    expect((await patch({ "stats.min_ranked_cases": 12 })).status).toBe(200);
    const before = (await auditByAction("setting.changed")).length;
    expect((await patch({ "stats.min_ranked_cases": 12, "retention.contact_months": null })).status).toBe(200);
    expect(settingIn(await settings(), "stats.min_ranked_cases")).toMatchObject({ value: 12, stored: true });
    expect(await auditByAction("setting.changed")).toHaveLength(before);
    expect((await patch({ "stats.min_ranked_cases": null })).status).toBe(200);
  });

  it("sets the cost of new ALTCHA challenges", async () => {
    expect((await patch({ "altcha.cost": 2_000 })).status).toBe(200);
    const challenge = (await (await SELF.fetch(`${ORIGIN}/api/challenge`)).json()) as { parameters: { cost: number } };
    expect(challenge.parameters.cost).toBe(2_000);
    expect((await patch({ "altcha.cost": null })).status).toBe(200);
    const back = (await (await SELF.fetch(`${ORIGIN}/api/challenge`)).json()) as { parameters: { cost: number } };
    expect(back.parameters.cost).toBe(20);
  });

  it("sets the reporters' rate limit", async () => {
    expect((await patch({ reports_per_client_per_hour: 1 })).status).toBe(200);
    const ip = freshIp();
    await fileAbout(unitId, { categoryCode: "conduct", description: `${RUDENESS_TEXT} Một.` }, ip);
    await expect(
      fileAbout(unitId, { categoryCode: "conduct", description: `${RUDENESS_TEXT} Hai.` }, ip),
    ).rejects.toThrow(/429/);
    expect((await patch({ reports_per_client_per_hour: null })).status).toBe(200);
  });

  it.each([
    [{ "stats.min_cell": 1 }, "/stats.min_cell", "Giá trị tối thiểu là 2", "Must be at least 2"],
    [
      { "deadlines.triage_working_days": 61 },
      "/deadlines.triage_working_days",
      "Giá trị tối đa là 60",
      "Must be at most 60",
    ],
    [{ "retention.contact_months": 2.5 }, "/retention.contact_months", "Cần một số nguyên", "Must be a whole number"],
    [{ "altcha.cost": "5000" }, "/altcha.cost", "Sai kiểu dữ liệu", "Wrong type"],
    [
      { "stats.max_cell": 3 },
      "/stats.max_cell",
      "Trường không được phép: stats.max_cell",
      "Fields not allowed: stats.max_cell",
    ],
    [{}, "", "Cần ít nhất một thay đổi", "Give at least one change"],
  ])("refuses %j with a 422 in Vietnamese and in English, changing nothing", async (body, pointer, vi, en) => {
    const before = (await auditByAction("setting.changed")).length;
    const viProblem = await problemOf(await patch(body));
    expect(viProblem.errors?.[0]?.pointer).toBe(pointer);
    expect(viProblem.errors?.[0]?.message).toContain(vi);
    const enProblem = await problemOf(await patch(body, EN));
    expect(enProblem.errors?.[0]?.message).toContain(en);
    expect(await auditByAction("setting.changed")).toHaveLength(before);
  });

  it("refuses a body over the JSON limit with a 413 problem", async () => {
    const problem = await problemOf(await patch({ padding: "x".repeat(70_000) }), 413);
    expect(problem.code).toBe("payload_too_large");
  });

  it("refuses the whole patch when one value is bad", async () => {
    await problemOf(await patch({ "retention.evidence_months": 36, "stats.min_cell": 0 }));
    expect(settingIn(await settings(), "retention.evidence_months")?.stored).toBe(false);
  });
});

describe("only administrators change settings", () => {
  it.each(["inspector", "supervisor"] as const)("refuses a %s with 403", async (role) => {
    const { cookie } = await signIn(role);
    expect((await call(cookie, "/api/admin/settings")).status).toBe(403);
    const res = await call(cookie, "/api/admin/settings", { method: "PATCH", body: { "stats.min_cell": 9 } });
    expect(res.status).toBe(403);
    expect(settingIn(await settings(), "stats.min_cell")?.value).toBe(5);
  });

  it("refuses a visitor with 401, and an admin's write without the same Origin with 403", async () => {
    expect((await call(undefined, "/api/admin/settings")).status).toBe(401);
    const res = await SELF.fetch(`${ORIGIN}/api/admin/settings`, {
      method: "PATCH",
      headers: { Cookie: admin, "Content-Type": "application/json", Origin: "https://evil.test" },
      body: JSON.stringify({ "stats.min_cell": 9 }),
    });
    expect(res.status).toBe(403);
    expect(settingIn(await settings(), "stats.min_cell")?.value).toBe(5);
  });
});
