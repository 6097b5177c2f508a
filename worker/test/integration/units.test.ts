import { env, SELF } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { CategoryListSchema } from "../../src/contracts/categories";
import { ProblemSchema } from "../../src/contracts/common";
import { UnitListSchema } from "../../src/contracts/units";
import { insertUnits } from "../support/fixtures";

describe("GET /api/units", () => {
  beforeEach(async () => {
    await insertUnits(env.DB);
  });

  it.each([
    ["so xay dung", "Sở Xây dựng"],
    ["SỞ XÂY DỰNG", "Sở Xây dựng"],
    ["dong da", "Phường Đống Đa"],
    ["đống đa", "Phường Đống Đa"],
  ])("finds %s without caring about diacritics", async (q, expected) => {
    const res = await SELF.fetch(`https://portal.test/api/units?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    const body = UnitListSchema.parse(await res.json());
    expect(body.items.map((u) => u.name)).toContain(expected);
  });

  it("finds a unit by its former name but never lists the merged-away unit", async () => {
    const res = await SELF.fetch(`https://portal.test/api/units?q=${encodeURIComponent("quy hoach kien truc")}`);
    const body = UnitListSchema.parse(await res.json());
    expect(body.items.map((u) => u.id)).toEqual(["so-xay-dung"]);
  });

  it("respects the limit and treats % literally", async () => {
    const limited = UnitListSchema.parse(await (await SELF.fetch("https://portal.test/api/units?limit=2")).json());
    expect(limited.items).toHaveLength(2);
    const percent = UnitListSchema.parse(await (await SELF.fetch("https://portal.test/api/units?q=%25")).json());
    expect(percent.items).toHaveLength(0);
  });

  it("refuses a bad limit with a 422 problem pointing at it", async () => {
    const res = await SELF.fetch("https://portal.test/api/units?limit=1000", { headers: { "Accept-Language": "en" } });
    expect(res.status).toBe(422);
    const body = ProblemSchema.parse(await res.json());
    expect(body.errors?.[0]?.pointer).toBe("/limit");
    expect(body.errors?.[0]?.message).toBe("Must be at most 100");
  });
});

describe("GET /api/categories", () => {
  it("lists the seven categories in Vietnamese by default", async () => {
    const body = CategoryListSchema.parse(await (await SELF.fetch("https://portal.test/api/categories")).json());
    expect(body.items.map((c) => c.code)).toEqual([
      "bribery",
      "harassment",
      "shirking",
      "delay",
      "neglect",
      "conduct",
      "other",
    ]);
    expect(body.items[1]?.name).toContain("Nhũng nhiễu");
  });

  it("names them in English on request", async () => {
    const res = await SELF.fetch("https://portal.test/api/categories", { headers: { "Accept-Language": "en-GB" } });
    const body = CategoryListSchema.parse(await res.json());
    expect(body.items[0]?.name).toBe("Bribery, demanding money or favours");
  });
});
