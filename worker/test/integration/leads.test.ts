import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { LeadDetailSchema, type LeadSummary } from "../../src/contracts/leads";
import { fold } from "../../src/domain/text";
import { insertUnits } from "../support/fixtures";
import {
  call,
  createUnit,
  expectProblem,
  fileBribe,
  insertLead,
  leadIdOf,
  listAllLeads,
  listLeads,
  type Session,
  signIn,
} from "../support/leads";

let supervisor: Session;
let inspector: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await signIn("supervisor");
  inspector = await signIn("inspector");
});

/** Priority descending, then id ascending: the queue's documented order. */
function queueOrder(a: { priority: number; id: string }, b: { priority: number; id: string }): number {
  return b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function expectQueueOrder(items: LeadSummary[]) {
  expect(items).toEqual([...items].sort(queueOrder));
}

describe("GET /api/leads: order and paging", () => {
  const priorities = [50, 40, 40, 40, 30, 20, 20, 12.5];
  let unitId: string;
  let expected: string[];

  beforeAll(async () => {
    unitId = (await createUnit({ name: "Sở Tài chính", kind: "department" })).id;
    const ids: { id: string; priority: number }[] = [];
    for (const priority of priorities) ids.push({ id: await insertLead({ unitId, priority }), priority });
    expected = ids.sort(queueOrder).map((l) => l.id);
    // A merged lead lives on in its target: the default queue leaves it out.
    await insertLead({ unitId, priority: 99, status: "merged" });
  });

  it("sorts the whole queue by priority, highest first", async () => {
    const { items } = await listLeads(supervisor.cookie, { limit: 100 });
    expect(items.length).toBeGreaterThanOrEqual(priorities.length);
    expectQueueOrder(items);
  });

  it("returns one unit's leads in order, without merged ones", async () => {
    const { items, nextCursor } = await listLeads(supervisor.cookie, { unitId });
    expect(items.map((l) => l.id)).toEqual(expected);
    expect(items.map((l) => l.priority)).toEqual([...priorities].sort((a, b) => b - a));
    expect(nextCursor).toBeNull();
    expect(items.every((l) => l.status !== "merged" && l.unitName === "Sở Tài chính")).toBe(true);
  });

  it.each([1, 2, 3, 7])("pages with limit=%i with neither duplicates nor gaps, ties included", async (limit) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listLeads(supervisor.cookie, { unitId, limit, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items.map((l) => l.id));
      cursor = page.nextCursor;
      pages++;
      expect(pages).toBeLessThanOrEqual(priorities.length);
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(priorities.length / limit));
  });

  it("gives no cursor when the last page is exactly full", async () => {
    const page = await listLeads(supervisor.cookie, { unitId, limit: priorities.length });
    expect(page.items).toHaveLength(priorities.length);
    expect(page.nextCursor).toBeNull();
  });

  it("keeps paging stable when a lead arrives between two pages", async () => {
    const stableUnit = (await createUnit({ name: "Sở Tài chính", kind: "department" })).id;
    const ids: { id: string; priority: number }[] = [];
    for (const priority of [30, 20, 10, 5])
      ids.push({ id: await insertLead({ unitId: stableUnit, priority }), priority });
    const first = await listLeads(supervisor.cookie, { unitId: stableUnit, limit: 2 });
    // Above the cursor: it belongs to a page already read, so it must not show up again below.
    await insertLead({ unitId: stableUnit, priority: 100 });
    const rest = await listAllLeads(supervisor.cookie, {
      unitId: stableUnit,
      limit: 2,
      cursor: first.nextCursor ?? "",
    });
    expect([...first.items, ...rest].map((l) => l.id)).toEqual(ids.map((l) => l.id));
  });

  it("treats an unreadable cursor as the first page", async () => {
    const page = await listLeads(supervisor.cookie, { unitId, limit: 2, cursor: "not-a-cursor" });
    expect(page.items.map((l) => l.id)).toEqual(expected.slice(0, 2));
  });

  it("shows inspectors the same queue as supervisors", async () => {
    expect((await listLeads(inspector.cookie, { unitId })).items.map((l) => l.id)).toEqual(expected);
  });
});

describe("GET /api/leads: filters", () => {
  let ward: string;
  let other: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ward = (await createUnit()).id;
    other = (await createUnit({ name: "Phường Hoàn Kiếm" })).id;
    ids.newBribery = await insertLead({ unitId: ward, priority: 60, categoryCode: "bribery" });
    ids.reviewHarassment = await insertLead({ unitId: ward, priority: 50, status: "in_review" });
    ids.askedDelay = await insertLead({ unitId: ward, priority: 40, status: "info_requested", categoryCode: "delay" });
    ids.overdueConduct = await insertLead({ unitId: ward, priority: 30, categoryCode: "conduct", overdue: true });
    ids.dismissed = await insertLead({ unitId: ward, priority: 20, status: "dismissed" });
    ids.merged = await insertLead({ unitId: ward, priority: 10, status: "merged" });
    ids.elsewhere = await insertLead({ unitId: other, priority: 55, categoryCode: "bribery", overdue: true });
  });

  const unitIds = (items: LeadSummary[]) => items.filter((l) => l.unitId === ward || l.unitId === other);

  it("filters by status, including merged leads when asked for them", async () => {
    const cases: [string, string[]][] = [
      ["new", [ids.newBribery as string, ids.overdueConduct as string]],
      ["in_review", [ids.reviewHarassment as string]],
      ["info_requested", [ids.askedDelay as string]],
      ["dismissed", [ids.dismissed as string]],
      ["merged", [ids.merged as string]],
      ["referred", []],
    ];
    for (const [status, expected] of cases) {
      const items = await listAllLeads(supervisor.cookie, { status, unitId: ward });
      expect(
        items.map((l) => l.id),
        status,
      ).toEqual(expected);
      expect(items.every((l) => l.status === status)).toBe(true);
    }
  });

  it("filters by unit", async () => {
    const items = await listAllLeads(supervisor.cookie, { unitId: other });
    expect(items.map((l) => l.id)).toEqual([ids.elsewhere]);
    expect((await listLeads(supervisor.cookie, { unitId: "no-such-unit" })).items).toEqual([]);
  });

  it.each(["dong da", "Đống Đa", "ĐỐNG   ĐA", "phuong dong", "đống"])(
    "finds Phường Đống Đa leads by the unit name %j, diacritics ignored",
    async (unitQ) => {
      const items = await listAllLeads(supervisor.cookie, { unitQ });
      const mine = unitIds(items).map((l) => l.id);
      expect(mine).toContain(ids.newBribery);
      expect(mine).not.toContain(ids.elsewhere);
      const words = fold(unitQ).split(" ").filter(Boolean);
      for (const lead of items) {
        for (const word of words) expect(fold(lead.unitName)).toContain(word);
      }
    },
  );

  it("finds Hoàn Kiếm, not Đống Đa, for 'hoan kiem'", async () => {
    const mine = unitIds(await listAllLeads(supervisor.cookie, { unitQ: "hoan kiem" })).map((l) => l.id);
    expect(mine).toEqual([ids.elsewhere]);
  });

  it.each(["%", "_", "dong%da"])("treats %j in the unit name as a literal, not a wildcard", async (unitQ) => {
    expect((await listLeads(supervisor.cookie, { unitQ })).items).toEqual([]);
  });

  it("filters by category", async () => {
    const items = await listAllLeads(supervisor.cookie, { categoryCode: "bribery" });
    expect(items.every((l) => l.categoryCode === "bribery")).toBe(true);
    expect(unitIds(items).map((l) => l.id)).toEqual([ids.newBribery, ids.elsewhere]);
  });

  it("filters overdue and not overdue", async () => {
    const overdue = await listAllLeads(supervisor.cookie, { overdue: true });
    expect(overdue.every((l) => l.overdue)).toBe(true);
    expect(unitIds(overdue).map((l) => l.id)).toEqual([ids.elsewhere, ids.overdueConduct]);
    const onTime = await listAllLeads(supervisor.cookie, { overdue: false, unitId: ward });
    expect(onTime.every((l) => !l.overdue)).toBe(true);
    expect(onTime.map((l) => l.id)).toEqual([ids.newBribery, ids.reviewHarassment, ids.askedDelay, ids.dismissed]);
  });

  it("combines filters", async () => {
    const items = await listAllLeads(supervisor.cookie, {
      unitQ: "dong da",
      categoryCode: "conduct",
      overdue: true,
      status: "new",
    });
    expect(unitIds(items).map((l) => l.id)).toEqual([ids.overdueConduct]);
  });

  it("describes each lead with the contract's summary", async () => {
    const [lead] = (await listLeads(supervisor.cookie, { unitId: ward, limit: 1 })).items;
    expect(lead).toMatchObject({
      id: ids.newBribery,
      unitId: ward,
      unitName: "Phường Đống Đa",
      categoryCode: "bribery",
      status: "new",
      priority: 60,
      reportCount: 1,
      overdue: false,
    });
  });
});

describe("GET /api/leads: bad filters", () => {
  it.each([
    ["status=bogus", "/status"],
    ["status=NEW", "/status"],
    ["categoryCode=bribe", "/categoryCode"],
    ["overdue=yes", "/overdue"],
    ["overdue=1", "/overdue"],
    ["limit=0", "/limit"],
    ["limit=101", "/limit"],
    ["limit=2.5", "/limit"],
    ["limit=abc", "/limit"],
    [`unitQ=${"a".repeat(101)}`, "/unitQ"],
    [`cursor=${"a".repeat(201)}`, "/cursor"],
  ])("?%s → 422 pointing at %s", async (query, pointer) => {
    const res = await call(supervisor.cookie, `/api/leads?${query}`);
    const problem = await expectProblem(res, 422);
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors?.map((e) => e.pointer)).toEqual([pointer]);
  });

  it("explains a bad filter in Vietnamese by default and in English when asked", async () => {
    const vi = await expectProblem(await call(supervisor.cookie, "/api/leads?status=bogus"), 422);
    const en = await expectProblem(
      await call(supervisor.cookie, "/api/leads?status=bogus", { headers: { "Accept-Language": "en" } }),
      422,
    );
    expect(vi.title).toBe("Dữ liệu chưa hợp lệ");
    expect(en.title).toBe("Some fields are not valid");
    expect(vi.errors?.[0]?.message).not.toBe(en.errors?.[0]?.message);
  });
});

describe("GET /api/leads/{id}", () => {
  it("answers an unknown id with a 404 problem", async () => {
    const problem = await expectProblem(await call(supervisor.cookie, `/api/leads/${crypto.randomUUID()}`), 404);
    expect(problem.code).toBe("not_found");
  });

  it("lists the reports, score, events and the actions the role allows", async () => {
    const ward = await createUnit();
    const report = await fileBribe(ward.id);
    const id = await leadIdOf(report.trackingCode);
    const res = await call(inspector.cookie, `/api/leads/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control") ?? "").not.toMatch(/public/);
    const lead = LeadDetailSchema.parse(await res.json());
    expect(lead.reports).toEqual([
      expect.objectContaining({ trackingCode: report.trackingCode, receivedAt: report.receivedAt, track: "anonymous" }),
    ]);
    expect(lead.events.map((e) => e.action)).toEqual(["lead.opened"]);
    expect(lead.allowedTransitions).toEqual(["in_review", "merged"]);
    expect(Date.parse(lead.dueAt)).toBeGreaterThan(Date.parse(lead.openedAt));
    expect(Date.parse(lead.ackDueAt)).toBeLessThanOrEqual(Date.parse(lead.dueAt));
  });
});
