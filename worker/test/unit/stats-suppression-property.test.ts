import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Counts,
  MEASURES,
  type Measure,
  primaryRanges,
  type StatsGroupInput,
  suppress,
} from "../../src/domain/stats";

/**
 * Property tests of suppression against an attacker written independently of
 * the module: a brute-force enumeration of every table consistent with what is
 * published, for small tables. The attacker is given more than the public
 * has: which suppressed cells are primary (reports below K) and which are
 * complementary, and the order the complementary ones were taken in.
 */

const KEYS = ["a", "b", "c", "d", "e", "f"];

const tableArb = fc
  .record({
    k: fc.integer({ min: 1, max: 6 }),
    rows: fc.array(
      fc.record({
        reports: fc.integer({ min: 0, max: 11 }),
        leads: fc.integer({ min: 0, max: 3 }),
        referred: fc.integer({ min: 0, max: 2 }),
        dismissed: fc.integer({ min: 0, max: 2 }),
        inspections: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2 })),
        substantiated: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1 })),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    order: fc.shuffledSubarray(KEYS, { minLength: 6, maxLength: 6 }),
    remainder: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ k, rows, order, remainder }) => {
    const groups: StatsGroupInput[] = rows.map((r, i) => ({ key: order[i] as string, label: `U${i}`, ...r }));
    const sums = Object.fromEntries(MEASURES.map((m) => [m, groups.reduce((s, g) => s + g[m], 0)])) as Counts;
    return { k, groups, sums, totals: { ...sums, reports: sums.reports + remainder } };
  });

const before = (a: { r: number; key: string }, b: { r: number; key: string }) =>
  a.r < b.r || (a.r === b.r && a.key < b.key);

/** Every vector of non-negative integers of `length` summing to `sum`, with per-position bounds. */
function* vectors(
  length: number,
  sum: number,
  lo: readonly number[],
  hi: readonly number[],
  prefix: number[] = [],
): Generator<number[]> {
  if (length === 0) {
    if (sum === 0) yield [];
    return;
  }
  if (prefix.length === length - 1) {
    const last = sum - prefix.reduce((s, v) => s + v, 0);
    if (last >= (lo[length - 1] ?? 0) && last <= (hi[length - 1] ?? sum)) yield [...prefix, last];
    return;
  }
  const i = prefix.length;
  const used = prefix.reduce((s, v) => s + v, 0);
  for (let v = lo[i] ?? 0; v <= Math.min(hi[i] ?? sum, sum - used); v++)
    yield* vectors(length, sum, lo, hi, [...prefix, v]);
}

/**
 * The values each primary cell can take in each measure, by enumeration:
 * primary reports in [0, K-1]; complementary reports at least K and, with
 * their keys, sorted before every later complementary cell and every visible
 * cell (that is how they were chosen); every count non-negative; each
 * measure's suppressed cells add up to the total minus the visible cells minus
 * the known remainder.
 */
function attackerView(
  primary: readonly StatsGroupInput[],
  complementary: readonly StatsGroupInput[],
  visible: readonly StatsGroupInput[],
  k: number,
): Map<string, Record<Measure, Set<number>>> {
  const hidden = [...primary, ...complementary];
  const views = new Map(
    primary.map((g) => [
      g.key,
      Object.fromEntries(MEASURES.map((m) => [m, new Set<number>()])) as Record<Measure, Set<number>>,
    ]),
  );
  for (const m of MEASURES) {
    const sum = hidden.reduce((s, g) => s + g[m], 0);
    const lo = hidden.map((g) => (m === "reports" && g.reports >= k ? k : 0));
    const hi = hidden.map((g) => (m === "reports" && g.reports < k ? k - 1 : sum));
    for (const x of vectors(hidden.length, sum, lo, hi)) {
      if (m === "reports") {
        const comp = complementary.map((g, j) => ({ r: x[primary.length + j] as number, key: g.key }));
        const ordered =
          comp.every((c, j) => j === 0 || before(comp[j - 1] as { r: number; key: string }, c)) &&
          comp.every((c) => visible.every((v) => before(c, { r: v.reports, key: v.key })));
        if (!ordered) continue;
      }
      primary.forEach((g, i) => {
        views.get(g.key)?.[m].add(x[i] as number);
      });
    }
  }
  return views;
}

function split(groups: readonly StatsGroupInput[], suppressed: ReadonlySet<string>, k: number) {
  const primary = groups.filter((g) => g.reports < k);
  const complementary = groups
    .filter((g) => g.reports >= k && suppressed.has(g.key))
    .sort((a, b) => a.reports - b.reports || (a.key < b.key ? -1 : 1));
  const visible = groups.filter((g) => !suppressed.has(g.key));
  return { primary, complementary, visible };
}

describe("suppression, property-based", () => {
  it("no combination of the published numbers pins a primary cell's count, in any measure", () => {
    fc.assert(
      fc.property(tableArb, ({ k, groups, sums, totals }) => {
        const result = suppress(groups, totals, k);
        const hidden = new Set(result.groups.filter((g) => g.suppressed).map((g) => g.key));
        const { primary, complementary, visible } = split(groups, hidden, k);
        const views = attackerView(primary, complementary, visible, k);
        let pinned = false;
        for (const [key, view] of views) {
          for (const m of MEASURES) {
            expect(view[m].has(groups.find((g) => g.key === key)?.[m] as number)).toBe(true);
            if (view[m].size < 2 && sums[m] > 0) pinned = true;
          }
        }
        // Pinned only where the module says so: when suppressing everything was not enough.
        expect(pinned).toBe(result.residualRisk);
        if (result.residualRisk) expect(hidden.size).toBe(groups.length);
      }),
      { numRuns: 400 },
    );
  });

  it("the module's interval model equals the brute-force attacker on any split", () => {
    fc.assert(
      fc.property(tableArb, fc.integer({ min: 0, max: 5 }), ({ k, groups }, extra) => {
        const primary = groups.filter((g) => g.reports < k);
        const others = groups
          .filter((g) => g.reports >= k)
          .sort((a, b) => a.reports - b.reports || (a.key < b.key ? -1 : 1));
        const complementary = others.slice(0, extra);
        const visible = others.slice(extra);
        const ranges = primaryRanges(primary, complementary, visible, k);
        const views = attackerView(primary, complementary, visible, k);
        for (const g of primary) {
          for (const m of MEASURES) {
            const seen = [...(views.get(g.key)?.[m] ?? [])].sort((a, b) => a - b);
            const range = ranges.get(g.key)?.[m];
            expect(seen.length).toBe((range?.max ?? 0) - (range?.min ?? 0) + 1);
            expect([seen[0], seen.at(-1)]).toEqual([range?.min, range?.max]);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("at least two cells are suppressed whenever any is", () => {
    fc.assert(
      fc.property(tableArb, ({ k, groups, totals }) => {
        const { suppressedGroups, residualRisk } = suppress(groups, totals, k);
        if (suppressedGroups > 0 && groups.length >= 2 && !residualRisk)
          expect(suppressedGroups).toBeGreaterThanOrEqual(2);
        expect(suppressedGroups === 0).toBe(groups.every((g) => g.reports >= k));
      }),
      { numRuns: 300 },
    );
  });

  it("publishes visible cells exactly as given, leaves totals alone, and suppresses every primary cell", () => {
    fc.assert(
      fc.property(tableArb, ({ k, groups, totals }) => {
        const copy = structuredClone(totals);
        const result = suppress(groups, totals, k);
        expect(totals).toEqual(copy);
        result.groups.forEach((out, i) => {
          const input = groups[i] as StatsGroupInput;
          expect(out.key).toBe(input.key);
          if (input.reports < k) expect(out.suppressed).toBe(true);
          for (const m of MEASURES) expect(out[m]).toBe(out.suppressed ? null : input[m]);
        });
        expect(result.suppressedGroups).toBe(result.groups.filter((g) => g.suppressed).length);
      }),
      { numRuns: 300 },
    );
  });

  it("complementary cells are the smallest of the cells at or above K", () => {
    fc.assert(
      fc.property(tableArb, ({ k, groups, totals }) => {
        const out = suppress(groups, totals, k).groups;
        const comp = groups.filter((g, i) => g.reports >= k && out[i]?.suppressed);
        const vis = groups.filter((_, i) => !out[i]?.suppressed);
        for (const c of comp)
          for (const v of vis) expect(before({ r: c.reports, key: c.key }, { r: v.reports, key: v.key })).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * The attacker who knows the algorithm: for a table whose other measures are
 * all zero (so only reports drive the suppression), try every way to fill the
 * suppressed cells with the published sum, run `suppress` on each, and keep
 * those that publish exactly what was published. This attacker needs no
 * a-priori bounds: the algorithm's own choices are the bounds.
 */
function algorithmAwareView(groups: readonly StatsGroupInput[], k: number) {
  const totals = Object.fromEntries(MEASURES.map((m) => [m, groups.reduce((s, g) => s + g[m], 0)])) as Counts;
  const published = suppress(groups, totals, k);
  const hidden = groups.flatMap((_, i) => (published.groups[i]?.suppressed ? [i] : []));
  const sum = hidden.reduce((s, i) => s + (groups[i] as StatsGroupInput).reports, 0);
  const seen = new Map(hidden.map((i) => [i, new Set<number>()]));
  for (const x of vectors(hidden.length, sum, [], [])) {
    const guess = groups.map((g) => ({ ...g }));
    hidden.forEach((i, j) => {
      (guess[i] as StatsGroupInput).reports = x[j] as number;
    });
    const again = suppress(guess, totals, k);
    if (again.groups.every((g, i) => g.suppressed === published.groups[i]?.suppressed)) {
      hidden.forEach((i, j) => {
        seen.get(i)?.add(x[j] as number);
      });
    }
  }
  const pinned = hidden.filter((i) => (groups[i] as StatsGroupInput).reports < k && (seen.get(i)?.size ?? 0) < 2);
  return { published, sum, pinned };
}

const reportsOnly = (reports: readonly number[]): StatsGroupInput[] =>
  reports.map((r, i) => ({
    key: KEYS[i] as string,
    label: `U${i}`,
    reports: r,
    leads: 0,
    referred: 0,
    dismissed: 0,
    inspections: 0,
    substantiated: 0,
  }));

describe("suppression against an attacker who re-runs the algorithm", () => {
  it("rarely lets such an attacker pin a primary cell (measured: 1 in 12 295 random tables of up to 5 cells)", () => {
    // Without the margin cell of rule 3 the same 20 000 draws gave 10 pinned tables; with it, 1 (the case below).
    let tables = 0;
    let pinnedTables = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 2, maxLength: 5 }),
        (k, reports) => {
          const { published, sum, pinned } = algorithmAwareView(reportsOnly(reports), k);
          if (published.residualRisk || published.suppressedGroups === 0 || sum === 0) return;
          tables++;
          if (pinned.length > 0) pinnedTables++;
        },
      ),
      { numRuns: 800, seed: 20261120 },
    );
    expect(tables).toBeGreaterThan(400);
    expect(pinnedTables).toBe(0);
  }, 60_000);

  it("known residual: a first complement tied with the next cell, and a primary cell at K-1", () => {
    // K = 4; e (3) is primary; {e, a} fails because a (11) ties with b (11), so e = 14 - 11 = 3.
    // {e, a, b} is safe and c is the margin, but "the pair {e, a} failed" itself says e = 3.
    const { published, pinned } = algorithmAwareView(reportsOnly([11, 11, 12, 12, 3]), 4);
    expect(published.groups.map((g) => g.suppressed)).toEqual([true, true, true, false, true]);
    expect(published.residualRisk).toBe(false);
    expect(pinned).toEqual([4]);
  });
});
