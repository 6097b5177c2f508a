import { describe, expect, it } from "vitest";
import {
  type Counts,
  type LinkedMatrixInput,
  matrixNodeKey,
  primaryRanges,
  type StatsGroupInput,
  suppress,
  suppressLinked,
  suppressMatrix,
} from "../../src/domain/stats";

const counts = (reports: number, leads = reports): Counts => ({
  reports,
  leads,
  referred: 0,
  dismissed: 0,
  inspections: 0,
  substantiated: 0,
});
const group = (key: string, reports: number, leads = reports): StatsGroupInput => ({
  key,
  label: key,
  ...counts(reports, leads),
});
const sum = (list: readonly Counts[]): Counts =>
  list.reduce(
    (s, c) => ({
      reports: s.reports + c.reports,
      leads: s.leads + c.leads,
      referred: s.referred + c.referred,
      dismissed: s.dismissed + c.dismissed,
      inspections: s.inspections + c.inspections,
      substantiated: s.substantiated + c.substantiated,
    }),
    counts(0),
  );

/** A matrix input from a plain table of reports (leads equal to reports), margins summed. */
function matrix(table: Record<string, Record<string, number>>, rowGroups?: Record<string, string>): LinkedMatrixInput {
  const rows = Object.keys(table);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(table[r] ?? {})))];
  const cells = new Map(rows.map((r) => [r, new Map(columns.map((c) => [c, counts(table[r]?.[c] ?? 0)]))] as const));
  const rowMargins = new Map(rows.map((r) => [r, sum(columns.map((c) => counts(table[r]?.[c] ?? 0)))]));
  const columnMargins = new Map(columns.map((c) => [c, sum(rows.map((r) => counts(table[r]?.[c] ?? 0)))]));
  return {
    rows,
    columns,
    cells,
    rowMargins,
    columnMargins,
    total: sum([...rowMargins.values()]),
    ...(rowGroups ? { rowGroups: new Map(Object.entries(rowGroups)) } : {}),
  };
}

describe("suppress with forced cells", () => {
  it("keeps the result of a table without forced cells exactly as before", () => {
    const groups = [group("a", 3), group("b", 9), group("c", 30)];
    const total = sum(groups);
    expect(suppress(groups, total, 5, { forced: new Set() })).toEqual(suppress(groups, total, 5));
  });

  it("hides a forced cell and protects it like a small one: a second cell goes with it", () => {
    const groups = [group("x", 9), group("y", 10), group("z", 30)];
    const result = suppress(groups, sum(groups), 5, { forced: new Set(["x"]) });
    expect(result.groups.map((g) => g.suppressed)).toEqual([true, true, false]);
    // alone, x would be the total minus the visible cells
    const ranges = primaryRanges([], [], [groups[1] as StatsGroupInput, groups[2] as StatsGroupInput], 5, [
      groups[0] as StatsGroupInput,
    ]);
    expect(ranges.get("x")?.reports).toEqual({ min: 9, max: 9 });
  });

  it("reports a residual risk when a forced cell is the only cell of its table", () => {
    const groups = [group("x", 9)];
    expect(suppress(groups, sum(groups), 5, { forced: new Set(["x"]) }).residualRisk).toBe(true);
  });

  it("knows a forced cell only as 'at least K': two forced cells leave a range", () => {
    const x = group("x", 9);
    const y = group("y", 12);
    const ranges = primaryRanges([], [], [group("z", 30)], 5, [x, y]);
    expect(ranges.get("x")?.reports).toEqual({ min: 5, max: 16 });
    expect(ranges.get("y")?.reports).toEqual({ min: 5, max: 16 });
  });
});

describe("suppressMatrix", () => {
  it("hides the complement of a column in its row too, and protects it there with a second cell", () => {
    // Column b: X = 3 needs a complement, Y (9) the smallest; in Y's row the
    // table by itself would show b = 9 (its empty category takes d = 6).
    const input = matrix({
      X: { b: 3, d: 10, s: 10 },
      Y: { b: 9, d: 6, s: 7 },
      Z: { b: 30, d: 10, s: 10 },
    });
    const pattern = suppressMatrix(input, 5);
    expect(pattern.isHidden({ row: "X" }, "b")).toBe(true);
    expect(pattern.isHidden({ row: "Y" }, "b")).toBe(true);
    const rowY = ["b", "d", "s"].filter((c) => pattern.isHidden({ row: "Y" }, c));
    expect(rowY.length).toBeGreaterThanOrEqual(2);
    // what the table by itself would do: Y's row shows b
    const alone = suppress(
      ["b", "d", "s"].map((c) => ({ key: c, label: c, ...(input.cells.get("Y")?.get(c) as Counts) })),
      input.rowMargins.get("Y") as Counts,
      5,
    );
    expect(alone.groups.find((g) => g.key === "b")?.suppressed).toBe(false);
    // and nothing small can be read off: column b's hidden cells are two or more
    expect(["X", "Y", "Z"].filter((r) => pattern.isHidden({ row: r }, "b")).length).toBeGreaterThanOrEqual(2);
  });

  it("hides every cell of a row whose total is hidden, and never the grand total", () => {
    const pattern = suppressMatrix(
      matrix({
        X: { b: 2, d: 1 },
        Y: { b: 20, d: 20 },
        Z: { b: 30, d: 25 },
      }),
      5,
    );
    expect(pattern.isHidden({ row: "X" }, null)).toBe(true);
    expect(pattern.isHidden({ row: "X" }, "b")).toBe(true);
    expect(pattern.isHidden({ row: "X" }, "d")).toBe(true);
    expect(pattern.isHidden({ all: true }, null)).toBe(false);
    // X's margin (3) is hidden in the unit table with a complement
    expect(pattern.isHidden({ row: "Y" }, null)).toBe(true);
    expect(pattern.isHidden({ row: "Z" }, null)).toBe(false);
  });

  it("publishes a matrix without small cells whole", () => {
    const pattern = suppressMatrix(matrix({ X: { b: 5, d: 6 }, Y: { b: 7, d: 8 } }), 5);
    expect(pattern.hidden.size).toBe(0);
  });

  it("nests rows in groups: a group of one row has that row's figure, hidden together", () => {
    // Sector f holds only unit F; if F's total were hidden and f's shown, f's
    // table by unit would give F away.
    const pattern = suppressMatrix(
      matrix(
        {
          A: { b: 3, d: 9 },
          B: { b: 10, d: 11 },
          F: { b: 10, d: 8 },
          G: { b: 20, d: 30 },
        },
        { A: "local", B: "local", F: "f", G: "g" },
      ),
      5,
    );
    expect(pattern.isHidden({ group: "f" }, null)).toBe(pattern.isHidden({ row: "F" }, null));
    for (const c of ["b", "d", null]) {
      expect(pattern.isHidden({ group: "f" }, c), String(c)).toBe(pattern.isHidden({ row: "F" }, c));
    }
    // A's 3 bribery reports are hidden in the local sector's bribery table too
    expect(pattern.isHidden({ row: "A" }, "b")).toBe(true);
    const localBribery = ["A", "B"].filter((r) => pattern.isHidden({ row: r }, "b"));
    expect(pattern.isHidden({ group: "local" }, "b") || localBribery.length >= 2).toBe(true);
  });

  it("keys nodes by rows and column", () => {
    expect(matrixNodeKey({ row: "u1" }, "bribery")).toBe("r:u1|c:bribery");
    expect(matrixNodeKey({ group: "local" }, null)).toBe("g:local|*");
    expect(matrixNodeKey({ all: true }, null)).toBe("*|*");
  });

  it("rejects a table naming an unknown node, and a row without a group", () => {
    expect(() => suppressLinked(new Map([["t", counts(10)]]), [{ total: "t", cells: ["nope"] }], 5)).toThrow(
      RangeError,
    );
    const input = matrix({ X: { b: 5 } });
    expect(() => suppressMatrix({ ...input, rowGroups: new Map() }, 5)).toThrow(RangeError);
  });
});
