import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Counts,
  type LinkedMatrixInput,
  MEASURES,
  primaryRanges,
  type StatsGroupInput,
  suppressMatrix,
} from "../../src/domain/stats";

/**
 * Property tests of linked suppression on random small two-way tables (units
 * × categories, optionally units nested in sectors), against checks written
 * independently of the module: a reachable-sums enumeration of what each
 * published table leaves possible, and a reader who combines every response.
 */

const measureArb = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4 }));
const cellArb = fc.record({
  reports: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 20 })),
  leads: measureArb,
  referred: measureArb,
  dismissed: measureArb,
  inspections: measureArb,
  substantiated: measureArb,
});

const matrixArb = fc
  .record({
    k: fc.integer({ min: 3, max: 5 }),
    rowCount: fc.integer({ min: 2, max: 6 }),
    columnCount: fc.integer({ min: 2, max: 5 }),
    grouped: fc.boolean(),
  })
  .chain(({ k, rowCount, columnCount, grouped }) =>
    fc.record({
      k: fc.constant(k),
      cells: fc.array(fc.array(cellArb, { minLength: columnCount, maxLength: columnCount }), {
        minLength: rowCount,
        maxLength: rowCount,
      }),
      // figures not tied to a column (inspections are counted without a category)
      rowRemainders: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: rowCount, maxLength: rowCount }),
      groups: grouped
        ? fc.array(fc.constantFrom("g1", "g2", "g3"), { minLength: rowCount, maxLength: rowCount })
        : fc.constant(null),
      rowOrder: fc.shuffledSubarray(["u1", "u2", "u3", "u4", "u5", "u6"], { minLength: 6, maxLength: 6 }),
    }),
  )
  .map(({ k, cells, rowRemainders, groups, rowOrder }) => {
    const rows = cells.map((_, i) => rowOrder[i] as string);
    const columns = (cells[0] ?? []).map((_, j) => `c${j}`);
    const zero = (): Counts => ({ reports: 0, leads: 0, referred: 0, dismissed: 0, inspections: 0, substantiated: 0 });
    const cellMap = new Map(
      rows.map((r, i) => [r, new Map(columns.map((c, j) => [c, cells[i]?.[j] as Counts]))] as const),
    );
    const rowMargins = new Map<string, Counts>();
    const columnMargins = new Map(columns.map((c) => [c, zero()]));
    const total = zero();
    rows.forEach((r, i) => {
      const margin = zero();
      columns.forEach((c, j) => {
        const cell = cells[i]?.[j] as Counts;
        for (const m of MEASURES) {
          margin[m] += cell[m];
          (columnMargins.get(c) as Counts)[m] += cell[m];
        }
      });
      margin.inspections += rowRemainders[i] ?? 0;
      rowMargins.set(r, margin);
      for (const m of MEASURES) total[m] += margin[m];
    });
    const input: LinkedMatrixInput = {
      rows,
      columns,
      cells: cellMap,
      rowMargins,
      columnMargins,
      total,
      ...(groups ? { rowGroups: new Map(rows.map((r, i) => [r, groups[i] as string])) } : {}),
    };
    return { k, input };
  });

/**
 * Whether one published table (total shown) leaves every hidden cell at least
 * two values in every measure, by enumeration: hidden reports are in [0, K-1]
 * when below K and at least K otherwise, every count is a non-negative
 * integer, and the hidden cells add up to the total minus the visible cells
 * minus the remainder outside the cells (known).
 */
function tableProtected(total: Counts, cells: Counts[], hidden: boolean[], k: number): string | null {
  const hiddenCells = cells.filter((_, i) => hidden[i]);
  if (hiddenCells.length === 0) return null;
  for (const m of MEASURES) {
    if (cells.every((c) => c[m] === 0)) continue; // the total says so on its own
    const remainder = total[m] - cells.reduce((s, c) => s + c[m], 0);
    const s = total[m] - remainder - cells.reduce((acc, c, i) => acc + (hidden[i] ? 0 : c[m]), 0);
    const bounds = hiddenCells.map((c) => (m === "reports" ? (c.reports < k ? [0, k - 1] : [k, s]) : [0, s])) as [
      number,
      number,
    ][];
    for (let i = 0; i < hiddenCells.length; i++) {
      // sums the other hidden cells can reach
      let reach = new Set([0]);
      bounds.forEach(([lo, hi], j) => {
        if (j === i) return;
        const next = new Set<number>();
        for (const r of reach) for (let v = lo; v <= Math.min(hi, s); v++) if (r + v <= s) next.add(r + v);
        reach = next;
      });
      const [lo, hi] = bounds[i] as [number, number];
      let possible = 0;
      for (let v = lo; v <= Math.min(hi, s) && possible < 2; v++) if (reach.has(s - v)) possible++;
      if (possible < 2) return `${m} of hidden cell ${i} pinned`;
    }
  }
  return null;
}

describe("linked suppression, property-based", () => {
  it("every published table is protected, and a table whose total is hidden shows nothing", () => {
    fc.assert(
      fc.property(matrixArb, ({ k, input }) => {
        const pattern = suppressMatrix(input, k);
        for (const table of pattern.tables) {
          const cellHidden = table.cells.map((c) => pattern.hidden.has(c));
          if (pattern.hidden.has(table.total)) {
            expect(cellHidden.every(Boolean)).toBe(true);
            continue;
          }
          const problem = tableProtected(
            pattern.nodes.get(table.total) as Counts,
            table.cells.map((c) => pattern.nodes.get(c) as Counts),
            cellHidden,
            k,
          );
          // the city-wide tables keep their total; when even hiding every cell cannot protect them, the module says so
          if (problem && !pattern.residualRisk) expect.fail(`${table.total}: ${problem}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("hides every cell below K (except the grand total) and changes no published value", () => {
    fc.assert(
      fc.property(matrixArb, ({ k, input }) => {
        const pattern = suppressMatrix(input, k);
        for (const [key, c] of pattern.nodes) {
          if (key !== "*|*" && c.reports < k) expect(pattern.hidden.has(key), key).toBe(true);
        }
        expect(pattern.hidden.has("*|*")).toBe(false);
        // the nodes are the input's own figures
        expect(pattern.nodes.get("*|*")).toEqual(input.total);
        for (const r of input.rows) {
          expect(pattern.nodes.get(`r:${r}|*`)).toEqual(input.rowMargins.get(r));
          for (const c of input.columns) expect(pattern.nodes.get(`r:${r}|c:${c}`)).toEqual(input.cells.get(r)?.get(c));
        }
        for (const c of input.columns) expect(pattern.nodes.get(`*|c:${c}`)).toEqual(input.columnMargins.get(c));
      }),
      { numRuns: 300 },
    );
  });

  it("gives each cell one status: a reader combining every table recovers no cell below K", () => {
    fc.assert(
      fc.property(matrixArb, ({ k, input }) => {
        const pattern = suppressMatrix(input, k);
        // Every table is published with this one pattern; the reader knows
        // every shown figure, and then any table's total minus its known cells
        // when one cell is left.
        const known = new Set([...pattern.nodes.keys()].filter((key) => !pattern.hidden.has(key)));
        for (let changed = true; changed; ) {
          changed = false;
          for (const table of pattern.tables) {
            if (!known.has(table.total)) continue;
            const unknown = table.cells.filter((c) => !known.has(c));
            if (unknown.length === 1) {
              known.add(unknown[0] as string);
              changed = true;
            }
          }
        }
        if (pattern.residualRisk) return;
        for (const key of known) {
          if (key !== "*|*") expect((pattern.nodes.get(key) as Counts).reports, key).toBeGreaterThanOrEqual(k);
        }
        // and a table with a visible total hides no cell or at least two
        for (const table of pattern.tables) {
          if (pattern.hidden.has(table.total)) continue;
          expect(table.cells.filter((c) => pattern.hidden.has(c)).length).not.toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic: the same figures give the same pattern, whatever order the maps were filled in", () => {
    fc.assert(
      fc.property(matrixArb, ({ k, input }) => {
        const reversed: LinkedMatrixInput = {
          ...input,
          cells: new Map([...input.cells].reverse().map(([r, m]) => [r, new Map([...m].reverse())])),
          rowMargins: new Map([...input.rowMargins].reverse()),
          columnMargins: new Map([...input.columnMargins].reverse()),
        };
        const a = [...suppressMatrix(input, k).hidden].sort();
        const b = [...suppressMatrix(input, k).hidden].sort();
        const c = [...suppressMatrix(reversed, k).hidden].sort();
        expect(b).toEqual(a);
        expect(c).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });
});

describe("forced cells in the attacker model", () => {
  it("primaryRanges with forced cells equals an enumeration of the hidden reports", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.record({ reports: fc.integer({ min: 0, max: 12 }), forced: fc.boolean() }), {
          minLength: 1,
          maxLength: 5,
        }),
        (k, cells) => {
          const groups: StatsGroupInput[] = cells.map((c, i) => ({
            key: `g${i}`,
            label: `g${i}`,
            reports: c.reports,
            leads: 0,
            referred: 0,
            dismissed: 0,
            inspections: 0,
            substantiated: 0,
          }));
          const primary = groups.filter((g) => g.reports < k);
          const forced = groups.filter((g, i) => g.reports >= k && cells[i]?.forced);
          const visible = groups.filter((g) => !primary.includes(g) && !forced.includes(g));
          const hidden = [...primary, ...forced];
          const total = hidden.reduce((s, g) => s + g.reports, 0);
          const lo = hidden.map((g) => (g.reports < k ? 0 : k));
          const hi = hidden.map((g) => (g.reports < k ? k - 1 : total));
          // every vector of hidden reports within the bounds that adds up to the total
          const seen = hidden.map(() => new Set<number>());
          const walk = (i: number, left: number, picked: number[]) => {
            if (i === hidden.length) {
              if (left === 0) {
                picked.forEach((v, j) => {
                  seen[j]?.add(v);
                });
              }
              return;
            }
            for (let v = lo[i] as number; v <= Math.min(hi[i] as number, left); v++)
              walk(i + 1, left - v, [...picked, v]);
          };
          walk(0, total, []);
          const ranges = primaryRanges(primary, [], visible, k, forced);
          hidden.forEach((g, j) => {
            const values = [...(seen[j] as Set<number>)].sort((a, b) => a - b);
            expect(ranges.get(g.key)?.reports).toEqual({ min: values[0], max: values[values.length - 1] });
            expect(values.length).toBe((values.at(-1) as number) - (values[0] as number) + 1);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
