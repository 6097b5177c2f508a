import { describe, expect, it } from "vitest";
import {
  type Counts,
  DEFAULT_MIN_CELL,
  MEASURES,
  primaryRanges,
  type StatsGroupInput,
  suppress,
  totalsBelowMinCell,
} from "../../src/domain/stats";

const cell = (key: string, reports: number, rest: Partial<Counts> = {}): StatsGroupInput => ({
  key,
  label: `Đơn vị ${key}`,
  reports,
  leads: 1,
  referred: 1,
  dismissed: 1,
  inspections: 1,
  substantiated: 1,
  onTimeRate: 0.5,
  medianDaysToFirstResponse: 2,
  ...rest,
});

const totalsOf = (groups: readonly StatsGroupInput[]): Counts =>
  Object.fromEntries(MEASURES.map((m) => [m, groups.reduce((s, g) => s + g[m], 0)])) as Counts;

const suppressedKeys = (groups: readonly StatsGroupInput[], k = DEFAULT_MIN_CELL) =>
  suppress(groups, totalsOf(groups), k)
    .groups.filter((g) => g.suppressed)
    .map((g) => g.key);

describe("suppress", () => {
  it("publishes every cell unchanged when none is below K", () => {
    const groups = [cell("a", 5), cell("b", 9)];
    const result = suppress(groups, totalsOf(groups));
    expect(result.suppressedGroups).toBe(0);
    expect(result.residualRisk).toBe(false);
    expect(result.groups).toEqual(groups.map((g) => ({ ...g, suppressed: false })));
  });

  it("nulls every count and figure of a suppressed cell, keeps key and label, keeps input order", () => {
    const groups = [cell("z", 30), cell("a", 3), cell("m", 12)];
    const { groups: out, suppressedGroups } = suppress(groups, totalsOf(groups));
    expect(out.map((g) => g.key)).toEqual(["z", "a", "m"]);
    expect(suppressedGroups).toBe(2);
    expect(out[1]).toEqual({
      key: "a",
      label: "Đơn vị a",
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
    expect(out[0]).toMatchObject({ reports: 30, suppressed: false });
  });

  it("suppresses the smallest other cell when one cell alone is below K", () => {
    expect(suppressedKeys([cell("a", 40), cell("b", 2), cell("c", 7), cell("d", 9)])).toEqual(["b", "c"]);
  });

  it("suppresses a cell with no reports: a published zero would make 'suppressed' mean 'somebody reported'", () => {
    expect(suppressedKeys([cell("a", 0, { leads: 0 }), cell("b", 20), cell("c", 30)])).toEqual(["a", "b"]);
  });

  it("takes further cells when the complementary one ties with the smallest visible cell", () => {
    // With b (5) suppressed and c (5) visible, the attacker knows b <= 5 and b >= K = 5: b = 5, a = 2.
    // {a, b, c} is safe; d is the margin, because "{a, b} was not safe" is itself a clue.
    expect(suppressedKeys([cell("a", 2), cell("b", 5), cell("c", 5), cell("d", 50), cell("e", 60)])).toEqual([
      "a",
      "b",
      "c",
      "d",
    ]);
  });

  it("protects two primary cells that both sit at K-1", () => {
    // 4 + 4 = 8 with each at most 4 pins both, so one more cell is needed, and one as a margin.
    expect(suppressedKeys([cell("a", 4), cell("b", 4), cell("c", 20), cell("d", 30), cell("e", 40)])).toEqual([
      "a",
      "b",
      "c",
      "d",
    ]);
    // 3 + 4 = 7 leaves (3,4) and (4,3): already safe.
    expect(suppressedKeys([cell("a", 3), cell("b", 4), cell("c", 20)])).toEqual(["a", "b"]);
  });

  it("protects every measure, not only reports: a zero suppressed sum takes a cell with a positive count", () => {
    const groups = [
      cell("a", 2, { inspections: 0 }),
      cell("b", 6, { inspections: 0 }),
      cell("c", 8, { inspections: 0 }),
      cell("d", 9, { inspections: 2 }),
    ];
    // a + b would show inspections: total 2 minus visible 2 = 0, so a had none; d is needed.
    expect(suppressedKeys(groups)).toEqual(["a", "b", "c", "d"]);
  });

  it("does not count a measure that is zero everywhere: the total alone says so", () => {
    const groups = [
      cell("a", 2, { substantiated: 0 }),
      cell("b", 6, { substantiated: 0 }),
      cell("c", 8, { substantiated: 0 }),
    ];
    expect(suppressedKeys(groups)).toEqual(["a", "b"]);
  });

  it("publishes a cell at K whose sub-counts are small (K protects reporters, counted by reports)", () => {
    const groups = [cell("a", 5, { dismissed: 1, substantiated: 1 }), cell("b", 40)];
    const out = suppress(groups, totalsOf(groups)).groups;
    expect(out[0]).toMatchObject({ reports: 5, dismissed: 1, substantiated: 1, suppressed: false });
  });

  it("suppresses every group when the total is below K, and is safe with two or more groups", () => {
    const groups = [cell("a", 1), cell("b", 2), cell("c", 0, { leads: 0 })];
    const result = suppress(groups, totalsOf(groups));
    expect(result.suppressedGroups).toBe(3);
    expect(result.residualRisk).toBe(false);
  });

  it("reports a residual risk when suppressing everything still pins a cell", () => {
    const one = [cell("a", 3)];
    expect(suppress(one, totalsOf(one))).toMatchObject({ suppressedGroups: 1, residualRisk: true });
    const atLimit = [cell("a", 4), cell("b", 4)];
    expect(suppress(atLimit, totalsOf(atLimit))).toMatchObject({ suppressedGroups: 2, residualRisk: true });
  });

  it("treats no groups and all-zero tables as nothing to protect", () => {
    expect(suppress([], totalsOf([]))).toEqual({ groups: [], suppressedGroups: 0, residualRisk: false });
    const zeros = [cell("a", 0, MEASURES_ZERO), cell("b", 0, MEASURES_ZERO)];
    expect(suppress(zeros, totalsOf(zeros))).toMatchObject({ suppressedGroups: 2, residualRisk: false });
  });

  it("uses K as given", () => {
    const groups = [cell("a", 9), cell("b", 10), cell("c", 30)];
    expect(suppressedKeys(groups, 10)).toEqual(["a", "b"]);
    expect(suppressedKeys(groups, 1)).toEqual([]);
  });

  it("keeps the totals as they are (true totals), even with a remainder outside the groups", () => {
    const groups = [cell("a", 3), cell("b", 20)];
    const totals = { ...totalsOf(groups), reports: 25 };
    const before = structuredClone(totals);
    suppress(groups, totals);
    expect(totals).toEqual(before);
  });

  it("rejects impossible input", () => {
    const ok = [cell("a", 3), cell("b", 20)];
    expect(() => suppress(ok, totalsOf(ok), 0)).toThrow(RangeError);
    expect(() => suppress(ok, totalsOf(ok), 2.5)).toThrow(RangeError);
    expect(() => suppress([cell("a", 3), cell("a", 4)], totalsOf(ok))).toThrow(/Duplicate/);
    expect(() => suppress([cell("a", -1)], totalsOf(ok))).toThrow(RangeError);
    expect(() => suppress([cell("a", 1.5)], totalsOf(ok))).toThrow(RangeError);
    expect(() => suppress(ok, { ...totalsOf(ok), leads: 0 })).toThrow(/smaller/);
  });
});

const MEASURES_ZERO: Partial<Counts> = { leads: 0, referred: 0, dismissed: 0, inspections: 0, substantiated: 0 };

describe("primaryRanges", () => {
  it("gives the attacker's exact interval for a primary cell's reports", () => {
    const a = cell("a", 2);
    const b = cell("b", 6);
    const c = cell("c", 9);
    // a + b = 8, a in [0,4], b in [5,9] (b <= c = 9 and b's key sorts first): a in [0,3].
    expect(primaryRanges([a], [b], [c], 5).get("a")?.reports).toEqual({ min: 0, max: 3 });
    // Alone, a is its own total.
    expect(primaryRanges([a], [], [b, c], 5).get("a")?.reports).toEqual({ min: 2, max: 2 });
    // Other measures: anything from 0 to the suppressed sum.
    expect(primaryRanges([a], [b], [c], 5).get("a")?.leads).toEqual({ min: 0, max: 2 });
  });
});

describe("totalsBelowMinCell", () => {
  it("flags a population below K so its own page suppresses its totals", () => {
    expect(totalsBelowMinCell(totalsOf([cell("a", 3)]))).toBe(true);
    expect(totalsBelowMinCell(totalsOf([cell("a", 5)]))).toBe(false);
    expect(totalsBelowMinCell(totalsOf([cell("a", 5)]), 10)).toBe(true);
  });
});
