import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MIN_RANKED_CASES,
  median,
  monthKey,
  monthRange,
  onTimeRate,
  type RankableUnit,
  rankUnits,
} from "../../src/domain/stats";

describe("median", () => {
  it("is null for no values and the middle value for an odd count", () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([9, 1, 3])).toBe(3);
  });

  it("takes the mean of the two middle values for an even count, to one decimal", () => {
    expect(median([1, 2])).toBe(1.5);
    expect(median([10, 1, 4, 2])).toBe(3);
    expect(median([0.25, 0.3])).toBe(0.3);
    expect(median([1.04, 1.06])).toBe(1.1);
  });

  it("does not reorder its input and rejects impossible durations", () => {
    const input = [3, 1, 2];
    median(input);
    expect(input).toEqual([3, 1, 2]);
    expect(() => median([1, -1])).toThrow(RangeError);
    expect(() => median([Number.NaN])).toThrow(RangeError);
  });

  it("lies between the smallest and the largest value, with half of the values on each side", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 40 }), (days) => {
        const m = median(days) as number;
        expect(m).toBeGreaterThanOrEqual(Math.min(...days));
        expect(m).toBeLessThanOrEqual(Math.max(...days));
        expect(days.filter((d) => d < m).length).toBeLessThanOrEqual(days.length / 2);
        expect(days.filter((d) => d > m).length).toBeLessThanOrEqual(days.length / 2);
      }),
    );
  });
});

describe("onTimeRate", () => {
  const now = new Date("2026-11-20T05:00:00Z");

  it("is null when no item has an outcome", () => {
    expect(onTimeRate([], now)).toBeNull();
    expect(onTimeRate([{ dueAt: "2026-12-01T00:00:00Z", doneAt: null }], now)).toBeNull();
  });

  it("counts an open item past its deadline as late", () => {
    expect(onTimeRate([{ dueAt: "2026-11-01T00:00:00Z", doneAt: null }], now)).toBe(0);
    expect(
      onTimeRate(
        [
          { dueAt: "2026-11-10T00:00:00Z", doneAt: "2026-11-10T00:00:00Z" },
          { dueAt: "2026-11-10T00:00:00Z", doneAt: "2026-11-11T00:00:00Z" },
          { dueAt: new Date("2026-11-10T00:00:00Z"), doneAt: null },
          { dueAt: "2026-12-10T00:00:00Z", doneAt: null },
        ],
        now,
      ),
    ).toBe(0.333);
  });

  it("counts work done exactly at the deadline as on time, and work done early whatever now is", () => {
    expect(onTimeRate([{ dueAt: "2026-11-10T00:00:00Z", doneAt: "2026-11-10T00:00:00Z" }], now)).toBe(1);
    expect(onTimeRate([{ dueAt: "2026-11-30T00:00:00Z", doneAt: "2026-11-12T00:00:00Z" }], now)).toBe(1);
  });

  it("rejects a malformed date", () => {
    expect(() => onTimeRate([{ dueAt: "soon", doneAt: null }], now)).toThrow(RangeError);
  });

  it("never rises when an overdue open item is added (no unit looks punctual by not finishing)", () => {
    const item = fc.record({
      dueAt: fc.integer({ min: 0, max: 100 }).map((d) => new Date(Date.UTC(2026, 9, 1) + d * 86_400_000)),
      doneAt: fc.option(fc.integer({ min: 0, max: 100 }).map((d) => new Date(Date.UTC(2026, 9, 1) + d * 86_400_000))),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 20 }), (items) => {
        const before = onTimeRate(items, now);
        const after = onTimeRate([...items, { dueAt: "2026-10-01T00:00:00Z", doneAt: null }], now) as number;
        expect(after).toBeGreaterThanOrEqual(0);
        if (before !== null) expect(after).toBeLessThanOrEqual(before);
      }),
    );
  });
});

describe("monthKey and monthRange", () => {
  it("buckets by the month in Hanoi (UTC+7)", () => {
    expect(monthKey("2026-10-31T16:59:59Z")).toBe("2026-10");
    expect(monthKey("2026-10-31T17:00:00Z")).toBe("2026-11");
    expect(monthKey(new Date("2026-12-31T17:00:00Z"))).toBe("2027-01");
    expect(monthKey("2026-11-05")).toBe("2026-11");
    expect(() => monthKey("tháng mười một")).toThrow(RangeError);
  });

  it("lists every month of a period, empty ones included", () => {
    expect(monthRange("2026-11-15", "2027-02-01")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect(monthRange("2026-11-01", "2026-11-30")).toEqual(["2026-11"]);
    expect(() => monthRange("2026-12-01", "2026-11-01")).toThrow(RangeError);
    expect(() => monthRange("2026-12", "2026-12-31")).toThrow(RangeError);
  });
});

describe("rankUnits", () => {
  const unit = (key: string, cases: number | null): RankableUnit => ({ key, label: `Đơn vị ${key}`, cases });

  it("ranks only units with at least N cases (default 10), most first, ties sharing a rank", () => {
    expect(DEFAULT_MIN_RANKED_CASES).toBe(10);
    const { ranked, unranked } = rankUnits([unit("c", 12), unit("a", 30), unit("b", 12), unit("d", 9), unit("e", 10)]);
    expect(ranked.map((u) => [u.key, u.rank])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 2],
      ["e", 4],
    ]);
    expect(unranked).toBe(1);
  });

  it("never ranks a suppressed row and accounts for every unit it leaves out", () => {
    const units = [unit("a", null), unit("b", 50), unit("c", 3)];
    const { ranked, unranked } = rankUnits(units, 0);
    expect(ranked.map((u) => u.key)).toEqual(["b", "c"]);
    expect(ranked.length + unranked).toBe(units.length);
    expect(() => rankUnits(units, -1)).toThrow(RangeError);
  });

  it("leaves its input whole: the data table and totals still hold every unit", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1 }), cases: fc.option(fc.nat(40)) }), {
          selector: (u) => u.key,
        }),
        fc.nat(20),
        (rows, n) => {
          const units = rows.map((r) => ({ ...r, label: r.key }));
          const copy = structuredClone(units);
          const { ranked, unranked } = rankUnits(units, n);
          expect(units).toEqual(copy);
          expect(ranked.length + unranked).toBe(units.length);
          for (const u of ranked) expect(u.cases).toBeGreaterThanOrEqual(n);
          ranked.forEach((u, i) => {
            if (i > 0) expect(u.cases).toBeLessThanOrEqual((ranked[i - 1] as { cases: number }).cases);
          });
        },
      ),
    );
  });
});
