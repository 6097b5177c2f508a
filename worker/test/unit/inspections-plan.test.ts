import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INSPECTION_STATUSES, INSPECTION_TYPES } from "../../src/contracts/inspections";
import { ROLES } from "../../src/domain/auth-policy";
import { DEFAULT_CALENDAR, isWorkingDay, workingDaysBetween } from "../../src/domain/calendar";
import {
  buildPlan,
  type FrameworkPlan,
  type InspectionActor,
  moveVisit,
  type PlanVisit,
  planConflicts,
  planView,
  type ReferredLead,
  splitVisit,
  VISIT_WORKING_DAYS,
  visibleInPlan,
  visitMonth,
} from "../../src/domain/inspections";

const lead = (id: string, unitId: string, priority: number, openedAt = "2025-11-03T02:00:00Z"): ReferredLead => ({
  id,
  unitId,
  priority,
  openedAt,
});

const visit = (over: Partial<PlanVisit> & { id: string; unitId: string }): PlanVisit => ({
  type: "scheduled",
  status: "planned",
  plannedStart: "2026-03-02",
  plannedEnd: "2026-03-06",
  leadIds: [],
  team: [],
  ...over,
});

const sup: InspectionActor = { id: "s1", role: "supervisor" };

describe("buildPlan", () => {
  it("gives each unit one visit with all its referred leads attached", () => {
    const result = buildPlan(
      2026,
      [{ id: "u-a" }, { id: "u-b" }],
      [lead("L1", "u-a", 40), lead("L2", "u-a", 30), lead("L3", "u-b", 90)],
      [],
    );
    expect(result.created.map((v) => [v.unitId, v.leadIds])).toEqual([
      ["u-b", ["L3"]],
      ["u-a", ["L1", "L2"]],
    ]);
    for (const v of result.created) {
      expect(v).toMatchObject({ type: "scheduled", status: "planned", team: [], id: `plan-2026-${v.unitId}` });
      expect(isWorkingDay(v.plannedStart, DEFAULT_CALENDAR)).toBe(true);
      expect(workingDaysBetween(v.plannedStart, v.plannedEnd, DEFAULT_CALENDAR)).toBe(VISIT_WORKING_DAYS - 1);
    }
    expect(result.attached).toEqual([]);
    expect(result.unplaced).toEqual([]);
    expect(result.plan.visits).toHaveLength(2);
    expect(result.event).toMatchObject({ action: "build", after: { year: 2026 } });
  });

  it("plans units named in `units` even without leads, after every unit with leads", () => {
    const result = buildPlan(2026, [{ id: "quiet" }, { id: "busy" }], [lead("L1", "busy", 1)], []);
    expect(result.created.map((v) => v.unitId)).toEqual(["busy", "quiet"]);
    expect(result.created[1]?.leadIds).toEqual([]);
  });

  it("puts the highest total priority first, ties broken by the oldest lead, then the unit id", () => {
    const result = buildPlan(
      2026,
      [],
      [
        lead("a1", "u-a", 50),
        lead("b1", "u-b", 30),
        lead("b2", "u-b", 30),
        lead("c1", "u-c", 50, "2025-01-01T00:00:00Z"),
        lead("d1", "u-d", 50, "2025-01-01T00:00:00Z"),
      ],
      [],
    );
    expect(result.created.map((v) => v.unitId)).toEqual(["u-b", "u-c", "u-d", "u-a"]);
    const months = result.created.map(visitMonth);
    expect([...months].sort((a, b) => a - b)).toEqual(months);
  });

  it("spreads visits evenly over the twelve months", () => {
    const leads = Array.from({ length: 24 }, (_, i) => lead(`L${i}`, `unit-${String(i).padStart(2, "0")}`, 100 - i));
    const result = buildPlan(2026, [], leads, []);
    const perMonth = new Map<number, number>();
    for (const v of result.created) perMonth.set(visitMonth(v), (perMonth.get(visitMonth(v)) ?? 0) + 1);
    expect([...perMonth.values()]).toEqual(Array(12).fill(2));
    // Within a month the second visit starts a week after the first.
    const january = result.created.filter((v) => visitMonth(v) === 1);
    expect(january.map((v) => v.plannedStart)).toEqual(["2026-01-02", "2026-01-09"]);
  });

  it("counts existing scheduled visits in each month's load", () => {
    const existing = [visit({ id: "E1", unitId: "x", plannedStart: "2026-01-05", plannedEnd: "2026-01-09" })];
    const leads = Array.from({ length: 11 }, (_, i) => lead(`L${i}`, `u${String(i).padStart(2, "0")}`, 50 - i));
    const result = buildPlan(2026, [], leads, existing);
    expect(result.created.map(visitMonth)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("attaches new leads to a unit's planned visit instead of planning a second one", () => {
    const existing = [visit({ id: "E1", unitId: "u-a", leadIds: ["L0"] })];
    const result = buildPlan(2026, [{ id: "u-a" }], [lead("L1", "u-a", 10), lead("L0", "u-a", 10)], existing);
    expect(result.created).toEqual([]);
    expect(result.attached).toEqual([{ inspectionId: "E1", leadIds: ["L1"] }]);
    expect(result.plan.visits).toEqual([{ ...existing[0], leadIds: ["L0", "L1"] }]);
  });

  it("leaves leads unplaced when the unit's visit is under way, and plans anew after a cancellation", () => {
    const started = [visit({ id: "E1", unitId: "u-a", status: "in_progress" })];
    expect(buildPlan(2026, [], [lead("L1", "u-a", 10)], started)).toMatchObject({
      created: [],
      attached: [],
      unplaced: [{ leadId: "L1", unitId: "u-a", reason: "visit_under_way" }],
    });
    const cancelled = [visit({ id: "E1", unitId: "u-a", status: "cancelled" })];
    expect(buildPlan(2026, [], [lead("L1", "u-a", 10)], cancelled).created).toHaveLength(1);
  });

  it("ignores other years' visits and surprise or verification visits", () => {
    const existing = [
      visit({ id: "E1", unitId: "u-a", plannedStart: "2025-06-02", plannedEnd: "2025-06-06" }),
      visit({ id: "E2", unitId: "u-a", type: "surprise" }),
      visit({ id: "E3", unitId: "u-a", type: "verification" }),
    ];
    expect(buildPlan(2026, [], [lead("L1", "u-a", 10)], existing).created).toHaveLength(1);
  });

  it("starts after `today` and skips the months already over", () => {
    const result = buildPlan(2026, [{ id: "u-a" }, { id: "u-b" }], [], [], { today: "2026-11-27" });
    expect(result.created.map((v) => v.plannedStart)).toEqual(["2026-11-30", "2026-12-01"]);
    const late = buildPlan(2026, [], [lead("L1", "u-a", 5)], [], { today: "2026-12-31" });
    expect(late.unplaced).toEqual([{ leadId: "L1", unitId: "u-a", reason: "year_over" }]);
  });

  it("keeps a December visit inside the year and skips Tết", () => {
    const units = Array.from({ length: 12 }, (_, i) => ({ id: `u${String(i).padStart(2, "0")}` }));
    const dec = buildPlan(2026, units, [], [], { visitWorkingDays: 30 }).created.at(-1);
    expect(dec?.plannedEnd).toBe("2026-12-31");
    const feb = buildPlan(2026, [{ id: "x" }], [], [], { today: "2026-02-01" }).created[0];
    expect(feb?.plannedStart).toBe("2026-02-02");
    const many = Array.from({ length: 60 }, (_, i) => ({ id: `m${String(i).padStart(2, "0")}` }));
    const february = buildPlan(2026, many, [], []).created.filter((v) => visitMonth(v) === 2);
    expect(february).toHaveLength(5);
    for (const v of february) expect(v.plannedStart < "2026-02-14" || v.plannedStart > "2026-02-22").toBe(true);
  });

  it("uses the given id maker", () => {
    const result = buildPlan(2026, [{ id: "u-a" }], [], [], { newId: (unitId) => `id-${unitId}` });
    expect(result.created[0]?.id).toBe("id-u-a");
  });

  const leadsArb = fc.array(
    fc.record({
      id: fc.uuid(),
      unitId: fc.constantFrom("u1", "u2", "u3", "u4", "u5", "u6", "u7"),
      priority: fc.integer({ min: 0, max: 200 }),
      openedAt: fc.constantFrom("2025-01-01T00:00:00Z", "2025-06-01T00:00:00Z"),
    }),
    { maxLength: 30 },
  );
  const existingArb = fc.array(
    fc.record({
      id: fc.uuid(),
      type: fc.constantFrom(...INSPECTION_TYPES),
      unitId: fc.constantFrom("u1", "u2", "u3", "u8"),
      status: fc.constantFrom(...INSPECTION_STATUSES),
      plannedStart: fc.constantFrom("2026-01-05", "2026-04-06", "2026-09-07", "2025-09-08"),
      plannedEnd: fc.constant("2026-12-31"),
      leadIds: fc.constant([] as string[]),
      team: fc.constant([]),
    }),
    { maxLength: 6 },
  );
  const todayArb = fc.option(fc.constantFrom("2026-01-15", "2026-06-30", "2026-12-20", "2025-12-31"), {
    nil: undefined,
  });

  it("never adds a second live scheduled visit of a unit in the year (property)", () => {
    fc.assert(
      fc.property(leadsArb, existingArb, todayArb, (leads, existing, today) => {
        const before = new Set(planConflicts({ year: 2026, visits: existing }).map((c) => c.unitId));
        const { plan } = buildPlan(2026, [{ id: "u9" }], leads, existing, { today });
        const after = planConflicts(plan).map((c) => c.unitId);
        for (const unitId of after) expect(before.has(unitId)).toBe(true);
      }),
    );
  });

  it("places every lead exactly once: new visit, existing visit or unplaced (property)", () => {
    fc.assert(
      fc.property(leadsArb, existingArb, todayArb, (leads, existing, today) => {
        const result = buildPlan(2026, [], leads, existing, { today });
        const placed = [
          ...result.created.flatMap((v) => v.leadIds),
          ...result.attached.flatMap((a) => a.leadIds),
          ...result.unplaced.map((u) => u.leadId),
        ];
        expect([...placed].sort()).toEqual([...new Set(leads.map((l) => l.id))].sort());
        for (const v of result.created) {
          expect(v.plannedStart.startsWith("2026-")).toBe(true);
          expect(isWorkingDay(v.plannedStart, DEFAULT_CALENDAR)).toBe(true);
          expect(v.plannedEnd >= v.plannedStart && v.plannedEnd <= "2026-12-31").toBe(true);
          if (today) expect(v.plannedStart > today).toBe(true);
          for (const id of v.leadIds) expect(leads.find((l) => l.id === id)?.unitId).toBe(v.unitId);
        }
      }),
    );
  });

  it("is deterministic and never loads a month beyond an even share (property)", () => {
    fc.assert(
      fc.property(leadsArb, (leads) => {
        const a = buildPlan(2026, [], leads, []);
        expect(buildPlan(2026, [], [...leads].reverse(), [])).toEqual({
          ...a,
          // Leads within a unit keep their input order.
          created: a.created.map((v) => ({ ...v, leadIds: expect.arrayContaining([...v.leadIds]) })),
          plan: expect.anything(),
          event: expect.anything(),
        });
        const counts = new Map<number, number>();
        for (const v of a.created) counts.set(visitMonth(v), (counts.get(visitMonth(v)) ?? 0) + 1);
        const cap = Math.ceil(a.created.length / 12);
        for (const n of counts.values()) expect(n).toBeLessThanOrEqual(cap);
      }),
    );
  });
});

describe("planConflicts", () => {
  it("flags a unit with two live scheduled visits in the plan year, and nothing else", () => {
    const plan: FrameworkPlan = {
      year: 2026,
      visits: [
        visit({ id: "a", unitId: "u1" }),
        visit({ id: "b", unitId: "u1", plannedStart: "2026-09-07" }),
        visit({ id: "c", unitId: "u2" }),
        visit({ id: "d", unitId: "u2", status: "cancelled" }),
        visit({ id: "e", unitId: "u2", type: "surprise" }),
        visit({ id: "f", unitId: "u3" }),
        visit({ id: "g", unitId: "u3", plannedStart: "2027-01-04" }),
        visit({ id: "h", unitId: "u0", status: "closed" }),
        visit({ id: "i", unitId: "u0", status: "concluded" }),
      ],
    };
    expect(planConflicts(plan)).toEqual([
      { unitId: "u0", visitIds: ["h", "i"] },
      { unitId: "u1", visitIds: ["a", "b"] },
    ]);
  });
});

describe("splitVisit", () => {
  const plan: FrameworkPlan = {
    year: 2026,
    visits: [visit({ id: "v1", unitId: "u1", leadIds: ["L1", "L2", "L3"], team: [{ userId: "i1", role: "head" }] })],
  };
  const window = { plannedStart: "2026-09-07", plannedEnd: "2026-09-11" };

  it("moves the given leads to a second visit of the unit with the same team and type", () => {
    const result = splitVisit(plan, "v1", { leadIds: ["L3", "L1"], ...window }, sup, "v2");
    expect(result).toEqual({
      ok: true,
      plan: {
        year: 2026,
        visits: [
          { ...plan.visits[0], leadIds: ["L2"] },
          {
            id: "v2",
            type: "scheduled",
            unitId: "u1",
            status: "planned",
            ...window,
            leadIds: ["L3", "L1"],
            team: [{ userId: "i1", role: "head" }],
          },
        ],
      },
      visit: expect.objectContaining({ id: "v2" }),
      event: {
        action: "split",
        before: { inspectionId: "v1", leadIds: ["L1", "L2", "L3"] },
        after: { inspectionId: "v1", leadIds: ["L2"], newInspectionId: "v2", movedLeadIds: ["L3", "L1"] },
      },
    });
    expect(result.ok && planConflicts(result.plan)).toEqual([{ unitId: "u1", visitIds: ["v1", "v2"] }]);
  });

  it("refuses foreign or repeated leads, taking all of them, and a window outside the year", () => {
    expect(splitVisit(plan, "v1", { leadIds: ["L1", "L9", "L1"], ...window }, sup, "v2")).toMatchObject({
      error: "invalid",
      pointers: ["/leadIds/1", "/leadIds/2"],
    });
    expect(splitVisit(plan, "v1", { leadIds: ["L1", "L2", "L3"], ...window }, sup, "v2")).toMatchObject({
      error: "invalid",
      pointers: ["/leadIds"],
    });
    expect(splitVisit(plan, "v1", { leadIds: [], ...window }, sup, "v2")).toMatchObject({ pointers: ["/leadIds"] });
    expect(
      splitVisit(plan, "v1", { leadIds: ["L1"], plannedStart: "2027-01-04", plannedEnd: "2027-01-08" }, sup, "v2"),
    ).toMatchObject({ error: "invalid", pointers: ["/plannedStart"] });
  });

  it("is a supervisor's act on a planned visit", () => {
    const args = { leadIds: ["L1"], ...window };
    expect(splitVisit(plan, "nope", args, sup, "v2")).toMatchObject({ error: "invalid", detail: "not_found" });
    expect(splitVisit(plan, "v1", args, { id: "i1", role: "inspector" }, "v2")).toMatchObject({ error: "forbidden" });
    const started = { ...plan, visits: [{ ...plan.visits[0], status: "in_progress" }] } as FrameworkPlan;
    expect(splitVisit(started, "v1", args, sup, "v2")).toMatchObject({ error: "illegal" });
  });
});

describe("moveVisit", () => {
  const plan: FrameworkPlan = {
    year: 2026,
    visits: [visit({ id: "v1", unitId: "u1" }), visit({ id: "v0", unitId: "u0" })],
  };

  it("moves the window and records the months", () => {
    const result = moveVisit(plan, "v1", { plannedStart: "2026-10-05", plannedEnd: "2026-10-09" }, sup);
    expect(result).toMatchObject({
      ok: true,
      visit: { id: "v1", plannedStart: "2026-10-05", plannedEnd: "2026-10-09" },
      event: {
        action: "move",
        before: { plannedStart: "2026-03-02", plannedEnd: "2026-03-06", month: 3 },
        after: { plannedStart: "2026-10-05", plannedEnd: "2026-10-09", month: 10 },
      },
    });
    expect(result.ok && result.plan.visits.map((v) => v.plannedStart)).toEqual(["2026-10-05", "2026-03-02"]);
  });

  it("refuses leaving the year (illegal), bad windows (invalid), and a new start once under way", () => {
    expect(moveVisit(plan, "v1", { plannedStart: "2027-01-04", plannedEnd: "2027-01-08" }, sup)).toMatchObject({
      error: "illegal",
      detail: "leaves_year",
    });
    expect(moveVisit(plan, "v1", { plannedStart: "2026-10-09", plannedEnd: "2026-10-05" }, sup)).toMatchObject({
      error: "invalid",
      pointers: ["/plannedEnd"],
    });
    const started = { ...plan, visits: [{ ...plan.visits[0], status: "in_progress" }] } as FrameworkPlan;
    expect(moveVisit(started, "v1", { plannedStart: "2026-03-03", plannedEnd: "2026-03-13" }, sup)).toMatchObject({
      error: "invalid",
      detail: "started",
      pointers: ["/plannedStart"],
    });
    expect(moveVisit(started, "v1", { plannedStart: "2026-03-02", plannedEnd: "2026-03-13" }, sup).ok).toBe(true);
  });

  it("is a supervisor's act before the conclusion", () => {
    const window = { plannedStart: "2026-10-05", plannedEnd: "2026-10-09" };
    expect(moveVisit(plan, "v1", window, { id: "i1", role: "inspector" })).toMatchObject({ error: "forbidden" });
    for (const status of ["concluded", "closed", "cancelled"] as const) {
      const done = { ...plan, visits: [{ ...plan.visits[0], status }] } as FrameworkPlan;
      expect(moveVisit(done, "v1", window, sup)).toMatchObject({ error: "illegal" });
    }
  });
});

describe("visibility", () => {
  const surprise = visit({ id: "s", unitId: "u1", type: "surprise", team: [{ userId: "i1", role: "head" }] });

  it.each(
    INSPECTION_TYPES.flatMap((type) =>
      ROLES.flatMap((role) =>
        [true, false].flatMap((member) => [true, false].map((recused) => [type, role, member, recused] as const)),
      ),
    ),
  )("%s seen by %s (on team: %s, recused: %s)", (type, role, member, recused) => {
    const v = visit({ id: "x", unitId: "u1", type, team: [{ userId: "i1", role: "head" }] });
    const staff = role === "inspector" || role === "supervisor";
    const want = staff && !recused && (type !== "surprise" || member);
    expect(visibleInPlan(v, { id: member ? "i1" : "other", role, recused })).toBe(want);
  });

  it("the plan view hides surprise visits from everyone off the team, and recused units", () => {
    const plan: FrameworkPlan = {
      year: 2026,
      visits: [
        surprise,
        visit({ id: "b", unitId: "u1", plannedStart: "2026-05-04" }),
        visit({ id: "c", unitId: "u2", plannedStart: "2026-02-02" }),
        visit({ id: "d", unitId: "u2", plannedStart: "2026-08-03" }),
        visit({ id: "z", unitId: "u3", plannedStart: "2025-08-04" }),
      ],
    };
    expect(planView(plan, { id: "s9", role: "supervisor" })).toEqual([
      {
        unitId: "u2",
        plannedTwice: true,
        visits: [expect.objectContaining({ id: "c", month: 2 }), expect.objectContaining({ id: "d", month: 8 })],
      },
      { unitId: "u1", plannedTwice: false, visits: [expect.objectContaining({ id: "b", month: 5 })] },
    ]);
    expect(
      planView(plan, { id: "i1", role: "inspector" })
        .find((r) => r.unitId === "u1")
        ?.visits.map((v) => v.id),
    ).toEqual(["s", "b"]);
    expect(planView(plan, { id: "i1", role: "inspector" }, new Set(["u2"])).map((r) => r.unitId)).toEqual(["u1"]);
    expect(planView(plan, { id: "a", role: "admin" })).toEqual([]);
  });
});
