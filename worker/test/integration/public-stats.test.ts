import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../src/app";
import { CHANNEL_LABELS, CHANNELS } from "../../src/contracts/channels";
import { DISMISSAL_REASON_CODES } from "../../src/contracts/leads";
import { SECTOR_CODES, SECTOR_LABELS, type StatsResponse, StatsResponseSchema } from "../../src/contracts/stats";
import { findFreeText, MEASURES, monthRange, statsTextPolicy, TOTALS_ROW_KEY } from "../../src/domain/stats";
import { DISMISSAL_REASON_LABELS, monthLabel } from "../../src/i18n/stats";
import { insertUnits } from "../support/fixtures";
import { createUnit, expectProblem, fileAbout, leadIdOf, moveLead, type Session, signIn } from "../support/leads";

const ORIGIN = "https://portal.test";
/** A recognisable string in every report, dismissal reason and procedure: it must never reach a public response. */
const CANARY = "CANARY-QX7Z";

let supervisorA: Session;
let supervisorB: Session;
/** Units with 6 and 7 reports (publishable) and one with 3 (suppressed). */
let big: string;
let bigger: string;
let small: string;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisorA = await signIn("supervisor");
  supervisorB = await signIn("supervisor");
  big = (await createUnit({ name: "Phường Ba Đình" })).id;
  bigger = (await createUnit({ name: "Sở Công Thương", kind: "department" })).id;
  small = (await createUnit({ name: "Phường Tây Hồ" })).id;
  const file = (unitId: string, i: number) =>
    fileAbout(unitId, {
      categoryCode: i % 2 === 0 ? "bribery" : "delay",
      description: `Nội dung riêng ${CANARY} số ${i}: cán bộ giữ hồ sơ quá hạn và gợi ý phải có tiền bồi dưỡng.`,
      procedure: `Thủ tục ${CANARY}`,
    });
  const filed = [];
  for (let i = 0; i < 6; i++) filed.push(await file(big, i));
  for (let i = 0; i < 7; i++) filed.push(await file(bigger, i));
  for (let i = 0; i < 3; i++) filed.push(await file(small, i));
  // one dismissal whose free-text reason carries the canary
  const leadId = await leadIdOf((filed[0] as { trackingCode: string }).trackingCode);
  await moveLead(supervisorA.cookie, leadId, { to: "in_review" });
  await moveLead(supervisorA.cookie, leadId, {
    to: "dismissal_proposed",
    reason: `Lý do riêng ${CANARY}`,
    reasonCode: "duplicate",
  });
  await moveLead(supervisorB.cookie, leadId, { to: "dismissed" });
});

async function stats(query: string, headers: Record<string, string> = {}): Promise<StatsResponse> {
  const res = await SELF.fetch(`${ORIGIN}/api/public/stats?${query}`, { headers });
  expect(res.status, await res.clone().text()).toBe(200);
  return StatsResponseSchema.parse(await res.json());
}

/** RFC 4180 CSV into rows of fields (quotes undone), without the byte order mark. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && body[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

/** CSV rows as objects with typed values (empty → null, numbers, booleans), for the same checks as JSON. */
function csvObjects(text: string): Record<string, string | number | boolean | null>[] {
  const [header = [], ...rows] = parseCsv(text);
  return rows.map((r) =>
    Object.fromEntries(
      header.map((h, i) => {
        const v = r[i] ?? "";
        if (v === "") return [h, null];
        if (v === "true" || v === "false") return [h, v === "true"];
        if (h !== "key" && h !== "label" && /^-?\d+(\.\d+)?$/.test(v)) return [h, Number(v)];
        return [h, v];
      }),
    ),
  );
}

const GROUP_BYS = ["month", "category", "sector", "unit"] as const;
const FILTERS = ["", "&categoryCode=bribery", "&sector=local", () => `&unit=${big}`] as const;
const filterOf = (f: (typeof FILTERS)[number]) => (typeof f === "function" ? f() : f);

describe("GET /api/public/stats", () => {
  it("lists every month, category, sector and unit, labelled in the request's language", async () => {
    const month = await stats("groupBy=month&from=2026-01-15&to=2026-12-03");
    expect(month.from).toBe("2026-01-01");
    expect(month.to).toBe("2026-12-31");
    expect(month.groups.map((g) => g.key)).toEqual(monthRange("2026-01-01", "2026-12-31"));
    expect(month.groups[10]?.label).toBe("Tháng 11/2026");
    expect((await stats("groupBy=month&from=2026-11-01&to=2026-11-30&lang=en")).groups[0]?.label).toBe("November 2026");
    const categories = await stats("groupBy=category", { "Accept-Language": "en" });
    expect(categories.groups.map((g) => g.key)).toEqual([
      "bribery",
      "harassment",
      "shirking",
      "delay",
      "neglect",
      "conduct",
      "other",
    ]);
    expect(categories.groups[6]?.label).toBe("Other");
    const sectors = await stats("groupBy=sector");
    expect(sectors.groups.map((g) => g.key)).toEqual([...SECTOR_CODES]);
    expect(sectors.groups.at(-1)?.label).toBe(SECTOR_LABELS.local.vi);
    const byUnit = await stats("groupBy=unit");
    const current = await env.DB.prepare("SELECT id FROM units WHERE valid_to IS NULL").all<{ id: string }>();
    expect(byUnit.groups.map((g) => g.key).sort()).toEqual(current.results.map((u) => u.id).sort());
    expect(byUnit.groups.find((g) => g.key === bigger)?.label).toBe("Sở Công Thương");
  });

  it("publishes true totals city-wide, equal to a count of the raw rows, with the headline", async () => {
    const city = await stats("groupBy=unit");
    const reports = await env.DB.prepare("SELECT count(*) AS n FROM reports").first<{ n: number }>();
    const leads = await env.DB.prepare("SELECT count(*) AS n FROM leads WHERE status <> 'merged'").first<{
      n: number;
    }>();
    expect(city.totalsSuppressed).toBe(false);
    expect(city.totals.reports).toBe(reports?.n);
    expect(city.totals.leads).toBe(leads?.n);
    expect(city.totals.dismissed).toBe(1);
    expect(city.headline?.dismissalsByReason.map((d) => d.code)).toEqual([...DISMISSAL_REASON_CODES]);
    expect(city.headline?.dismissalsByReason.find((d) => d.code === "duplicate")).toEqual({
      code: "duplicate",
      label: DISMISSAL_REASON_LABELS.duplicate.vi,
      count: 1,
    });
    expect(city.headline?.ackOnTimeRate).toBe(1);
    expect(city.headline?.medianDaysToFirstResponse).toBe(0);
    // whatever complementary suppression leaves visible shows the unit's true counts
    const raw = new Map([
      [big, 6],
      [bigger, 7],
    ]);
    for (const g of city.groups.filter((g) => !g.suppressed)) expect(g.reports).toBe(raw.get(g.key));
  });

  it("suppresses a unit with three reports: every figure null, and its own page withholds totals and headline", async () => {
    const byUnit = await stats("groupBy=unit");
    expect(byUnit.groups.find((g) => g.key === small)).toEqual({
      key: small,
      label: "Phường Tây Hồ",
      reports: null,
      leads: null,
      referred: null,
      dismissed: null,
      inspections: null,
      substantiated: null,
      onTimeRate: null,
      medianDaysToFirstResponse: null,
      suppressed: true,
    });
    for (const groupBy of GROUP_BYS) {
      const page = await stats(`groupBy=${groupBy}&unit=${small}`);
      expect(page.totalsSuppressed).toBe(true);
      expect(page.headline).toBeNull();
      expect(Object.values(page.totals).every((v) => v === null)).toBe(true);
      expect(page.groups.every((g) => g.suppressed && g.reports === null)).toBe(true);
      expect(page.suppressedGroups).toBe(page.groups.length);
    }
    // Every unit with reports here has no sector (so "local"); the two sectors
    // with a department have no reports, so the sector table hides "local" as their
    // complement (two hidden zeros alone would read 0 each). The local units'
    // table has that hidden figure as its total and publishes nothing, and a
    // cell has one status in every table: the 6 reports of Phường Ba Đình are
    // hidden on its own page too (linked suppression).
    const bigPage = await stats(`groupBy=month&unit=${big}`);
    expect(bigPage.totalsSuppressed).toBe(true);
    expect(bigPage.totals.reports).toBeNull();
  });

  it("never leaves a single suppressed group: totals minus the visible groups always spread over two or more", async () => {
    for (const groupBy of GROUP_BYS) {
      for (const filter of FILTERS) {
        const s = await stats(`groupBy=${groupBy}${filterOf(filter)}`);
        if (s.totalsSuppressed) continue;
        const suppressed = s.groups.filter((g) => g.suppressed);
        if (suppressed.length > 0) expect(suppressed.length, `${groupBy}${filterOf(filter)}`).toBeGreaterThanOrEqual(2);
        for (const m of MEASURES) {
          const visible = s.groups.reduce((sum, g) => sum + (g[m] ?? 0), 0);
          expect(s.totals[m] as number).toBeGreaterThanOrEqual(visible);
        }
      }
    }
    // the small unit's 3 reports are hidden among at least one other suppressed unit
    const byUnit = await stats("groupBy=unit");
    expect(byUnit.suppressedGroups).toBeGreaterThanOrEqual(2);
  });

  it("sends no free text, in any grouping, filter, language or format", async () => {
    const [units, categories] = await Promise.all([
      env.DB.prepare("SELECT name FROM units").all<{ name: string }>(),
      env.DB.prepare("SELECT name_vi, name_en FROM categories").all<{ name_vi: string; name_en: string }>(),
    ]);
    const months = monthRange("2020-01-01", "2030-12-31");
    const labels = [
      ...units.results.map((u) => u.name),
      ...categories.results.flatMap((c) => [c.name_vi, c.name_en]),
      ...Object.values(SECTOR_LABELS).flatMap((l) => [l.vi, l.en]),
      ...months.flatMap((m) => [monthLabel(m, "vi"), monthLabel(m, "en")]),
      ...Object.values(DISMISSAL_REASON_LABELS).flatMap((l) => [l.vi, l.en]),
      ...Object.values(CHANNEL_LABELS).flatMap((l) => [l.vi, l.en]),
      "Tổng cộng / Total",
    ];
    const policy = statsTextPolicy(labels, {
      keys: new Set([
        "minRankedCases",
        "totalsSuppressed",
        "headline",
        "inspectionsByType",
        "surprise",
        "scheduled",
        "verification",
        "findingsByOutcome",
        "partly_substantiated",
        "not_substantiated",
        "could_not_verify",
        "dismissalsByReason",
        "code",
        "count",
        "measuresVerified",
        "forwarded",
        "measuresOnTimeRate",
        "ackOnTimeRate",
        "medianDaysToConclusion",
        "reportsByChannel",
      ]),
      strings: { code: new Set<string>([...DISMISSAL_REASON_CODES, "unspecified", ...CHANNELS]) },
    });
    let checked = 0;
    for (const groupBy of GROUP_BYS) {
      for (const filter of FILTERS) {
        for (const lang of ["vi", "en"]) {
          const query = `groupBy=${groupBy}${filterOf(filter)}&lang=${lang}`;
          const json = await SELF.fetch(`${ORIGIN}/api/public/stats?${query}`);
          const csv = await SELF.fetch(`${ORIGIN}/api/public/stats.csv?${query}`);
          const jsonText = await json.text();
          const csvText = await csv.text();
          expect(jsonText).not.toContain(CANARY);
          expect(csvText).not.toContain(CANARY);
          expect(findFreeText(JSON.parse(jsonText), policy), query).toEqual([]);
          expect(findFreeText(csvObjects(csvText), policy), query).toEqual([]);
          checked++;
        }
      }
    }
    expect(checked).toBe(32);
    // the canary is really in the raw tables the rollups come from
    const raw = await env.DB.prepare("SELECT count(*) AS n FROM reports WHERE description LIKE ?")
      .bind(`%${CANARY}%`)
      .first<{ n: number }>();
    expect(raw?.n).toBe(16);
  });

  it("answers bad parameters with a 422 problem in Vietnamese, or English when asked", async () => {
    const cases: [string, string][] = [
      ["from=2026-02-30", "/from"],
      ["groupBy=week", "/groupBy"],
      ["categoryCode=theft", "/categoryCode"],
      ["sector=mars", "/sector"],
      ["unit=Not%20An%20Id", "/unit"],
      ["from=2026-06-01&to=2026-05-31", "/to"],
    ];
    for (const [query, pointer] of cases) {
      const vi = await expectProblem(await SELF.fetch(`${ORIGIN}/api/public/stats?${query}`), 422);
      expect(vi.title).toBe("Dữ liệu chưa hợp lệ");
      expect(vi.errors?.map((e) => e.pointer)).toEqual([pointer]);
      const en = await expectProblem(await SELF.fetch(`${ORIGIN}/api/public/stats.csv?${query}&lang=en`), 422);
      expect(en.title).toBe("Some fields are not valid");
      const accept = await expectProblem(
        await SELF.fetch(`${ORIGIN}/api/public/stats?${query}`, { headers: { "Accept-Language": "en-GB" } }),
        422,
      );
      expect(accept.title).toBe("Some fields are not valid");
    }
    const back = await expectProblem(await SELF.fetch(`${ORIGIN}/api/public/stats?from=2026-06-01&to=2026-05-31`), 422);
    expect(back.errors?.[0]?.message).toBe("Ngày kết thúc không được trước ngày bắt đầu");
    const unknown = await expectProblem(await SELF.fetch(`${ORIGIN}/api/public/stats?unit=khong-co`), 404);
    expect(unknown.detail).toBe("Không có đơn vị này trong danh mục");
  });

  it("is open data: CORS for everyone, no cookie needed, cache headers", async () => {
    const res = await SELF.fetch(`${ORIGIN}/api/public/stats`, { headers: { Origin: "https://example.org" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("X-Stats-Cache")).toBe("miss");
    // the test config turns caching off (STATS_CACHE_SECONDS = "0")
    expect(res.headers.get("Cache-Control")).toBe("no-store");
  });
});

describe("GET /api/public/stats.csv", () => {
  it("holds exactly the numbers of the JSON for the same query: one row per group, then the totals row", async () => {
    for (const groupBy of GROUP_BYS) {
      for (const filter of FILTERS) {
        const query = `groupBy=${groupBy}${filterOf(filter)}&from=2025-12-01&to=2026-11-30`;
        const json = await stats(query);
        const res = await SELF.fetch(`${ORIGIN}/api/public/stats.csv?${query}`);
        expect(res.status).toBe(200);
        expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
        const disposition = res.headers.get("Content-Disposition") ?? "";
        expect(disposition).toMatch(new RegExp(`^attachment; filename="thong-ke-2025-12_2026-11-${groupBy}.*\\.csv"$`));
        const bytes = new Uint8Array(await res.arrayBuffer());
        expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const text = new TextDecoder().decode(bytes);
        const rows = csvObjects(text);
        expect(rows).toHaveLength(json.groups.length + 1);
        json.groups.forEach((g, i) => {
          expect(rows[i]).toEqual({ from: json.from, to: json.to, groupBy: json.groupBy, ...g });
        });
        expect(rows.at(-1)).toEqual({
          from: json.from,
          to: json.to,
          groupBy: json.groupBy,
          key: TOTALS_ROW_KEY,
          label: "Tổng cộng / Total",
          ...json.totals,
          onTimeRate: json.headline?.ackOnTimeRate ?? null,
          medianDaysToFirstResponse: json.headline?.medianDaysToFirstResponse ?? null,
          suppressed: json.totalsSuppressed,
        });
      }
    }
  });
});

describe("cache", () => {
  it("serves a second identical query from the Cache API (same generatedAt), keyed by the whole-month period and language", async () => {
    const cachedEnv = { ...env, STATS_CACHE_SECONDS: "60" };
    const get = (query: string) => app.fetch(new Request(`${ORIGIN}/api/public/stats?${query}`), cachedEnv);
    const first = await get("groupBy=category&from=2021-03-04&to=2021-05-06");
    expect(first.headers.get("X-Stats-Cache")).toBe("miss");
    expect(first.headers.get("Cache-Control")).toBe("public, max-age=60");
    const body = StatsResponseSchema.parse(await first.json());
    const second = await get("groupBy=category&from=2021-03-01&to=2021-05-31");
    expect(second.headers.get("X-Stats-Cache")).toBe("hit");
    expect(StatsResponseSchema.parse(await second.json()).generatedAt).toBe(body.generatedAt);
    const english = await get("groupBy=category&from=2021-03-01&to=2021-05-31&lang=en");
    expect(english.headers.get("X-Stats-Cache")).toBe("miss");
    const csv = app.fetch(new Request(`${ORIGIN}/api/public/stats.csv?groupBy=unit&from=2021-03-01`), cachedEnv);
    expect((await csv).headers.get("X-Stats-Cache")).toBe("miss");
    const csvAgain = await app.fetch(
      new Request(`${ORIGIN}/api/public/stats.csv?groupBy=unit&from=2021-03-01`),
      cachedEnv,
    );
    expect(csvAgain.headers.get("X-Stats-Cache")).toBe("hit");
    expect(csvAgain.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  });
});

describe("reads", () => {
  it("never touch reports, leads, findings, inspections or measures, and go to D1 in one batch", async () => {
    const sql: string[] = [];
    let batches = 0;
    let batched = 0;
    const db = new Proxy(env.DB, {
      get(target, property) {
        if (property === "prepare") {
          return (query: string) => {
            sql.push(query);
            return target.prepare(query);
          };
        }
        if (property === "batch") {
          return (statements: D1PreparedStatement[]) => {
            batches++;
            batched += statements.length;
            return target.batch(statements);
          };
        }
        if (property === "exec") {
          return (query: string) => {
            sql.push(query);
            return target.exec(query);
          };
        }
        const value = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const spiedEnv = { ...env, DB: db };
    let requests = 0;
    for (const groupBy of GROUP_BYS) {
      for (const filter of FILTERS) {
        for (const path of ["stats", "stats.csv"]) {
          const res = await app.fetch(
            new Request(`${ORIGIN}/api/public/${path}?groupBy=${groupBy}${filterOf(filter)}`),
            spiedEnv,
          );
          expect(res.status).toBe(200);
          requests++;
        }
      }
    }
    expect(sql.length).toBeGreaterThan(0);
    for (const query of sql) {
      expect(query).not.toMatch(/\b(from|join)\s+(reports|leads|findings|inspections|measures)\b/i);
    }
    expect(batches).toBe(requests);
    expect(batched).toBe(sql.length);

    // and each rollup read uses its primary key or an index, never a full scan
    for (const query of new Set(sql)) {
      const binds = (query.match(/\?/g) ?? []).map(() => "2026-01");
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query}`)
        .bind(...binds)
        .all<{ detail: string }>();
      for (const step of plan.results) {
        expect(step.detail, query).not.toMatch(/^SCAN stats_/);
      }
    }
  });
});

describe("OpenAPI", () => {
  it("documents both statistics endpoints with their query", async () => {
    const doc = (await (await SELF.fetch(`${ORIGIN}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    };
    for (const path of ["/public/stats", "/public/stats.csv"]) {
      const names = doc.paths[path]?.get?.parameters?.map((p) => p.name);
      expect(names, path).toEqual(
        expect.arrayContaining(["from", "to", "groupBy", "categoryCode", "sector", "unit", "lang"]),
      );
    }
  });
});

describe("a unit merged away", () => {
  it("keeps its own page: the unit filter names it in a one-row table, hidden since it has no reports", async () => {
    const id = `t-merged-${crypto.randomUUID().slice(0, 8)}`;
    await env.DB.prepare(
      "INSERT INTO units (id, name, name_folded, kind, parent_id, valid_to) VALUES (?, 'Sở Cũ Đã Sáp Nhập', 'so cu da sap nhap', 'department', 'ha-noi', '2025-03-01')",
    )
      .bind(id)
      .run();
    expect((await stats("groupBy=unit")).groups.some((g) => g.key === id)).toBe(false);
    const own = await stats(`groupBy=unit&unit=${id}`);
    expect(own.groups).toEqual([expect.objectContaining({ key: id, label: "Sở Cũ Đã Sáp Nhập", suppressed: true })]);
    expect(own.totalsSuppressed).toBe(true);
  });
});
