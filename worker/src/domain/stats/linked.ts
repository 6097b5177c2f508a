/**
 * Linked suppression (issue 5, "Privacy"): one suppression pattern for every
 * table that publishes the same cells.
 *
 * {@link suppress} protects one table against its own totals. The public
 * statistics publish the same figure in several tables: the cell (unit X,
 * category c) is a group of X's table by category and of c's table by unit;
 * X's own total is a group of the city's table by unit and the total of X's
 * table by category. If each table were suppressed on its own, a cell hidden
 * in one to protect a small neighbour could be shown in another, and the
 * first table's total minus its visible cells minus that cell would give the
 * small neighbour away.
 *
 * The rule here: a cell ("node") is hidden or shown in every table that
 * contains it, as a group or as the total. Starting from the nodes below K
 * reports, every table is suppressed with the nodes already hidden forced
 * hidden (`suppress(…, { forced })`, which also protects the forced nodes
 * themselves, not only the primary ones), and the tables are run again until
 * nothing changes. A table whose total is hidden publishes nothing, so all its
 * cells are hidden; a table that cannot be protected even with every cell
 * hidden (`residualRisk`) hides its total, which its own parent tables must
 * then protect. Suppressions are only ever added, so the loop ends.
 *
 * What this protects: every published table, read with its own total, by the
 * attacker model of `suppress`, with the same cells hidden everywhere. What it
 * does not audit: equations combined across tables (a hidden cell appears in
 * its row's and its column's sums at once; solving those together, as a
 * linear program, can narrow a hidden value more than either table alone).
 * The per-table test asks for two or more hidden cells and a range of
 * possible values in every table, which rules out the direct subtraction, not
 * every combination.
 */

import { type Counts, DEFAULT_MIN_CELL, MEASURES, type StatsGroupInput, suppressionPattern } from "./suppression";

/** One published table: the key of the node it totals and the keys of its groups. */
export interface LinkedTable {
  total: string;
  cells: readonly string[];
}

/** What {@link suppressLinked} returns. */
export interface LinkedResult {
  /** Keys of every hidden node (primary, complementary and forced alike). */
  hidden: Set<string>;
  /** True when a table at a root could not be protected even with every cell hidden. */
  residualRisk: boolean;
}

/**
 * One consistent suppression pattern for tables that share nodes. Each
 * table's total must be at least the sum of its cells, in every measure (a
 * remainder outside the cells is assumed known). Roots (the city-wide total)
 * are never hidden: when their table cannot be protected, every cell of it is
 * hidden and `residualRisk` is true.
 *
 * @throws RangeError when a table names an unknown node, or as `suppress` does.
 * @example
 * // Column c: Y has 3 reports, X is its complement. X must then be hidden in
 * // X's own row too, and that row needs a second hidden cell.
 * const { hidden } = suppressLinked(nodes, tables, 5, ["*|*"]);
 */
export function suppressLinked(
  nodes: ReadonlyMap<string, Counts>,
  tables: readonly LinkedTable[],
  k: number = DEFAULT_MIN_CELL,
  roots: Iterable<string> = [],
): LinkedResult {
  const rootSet = new Set(roots);
  const countsOf = (key: string): Counts => {
    const counts = nodes.get(key);
    if (!counts) throw new RangeError(`Unknown node ${key}`);
    return counts;
  };
  for (const t of tables) {
    countsOf(t.total);
    for (const c of t.cells) countsOf(c);
  }
  const hidden = new Set<string>();
  for (const [key, counts] of nodes) if (counts.reports < k && !rootSet.has(key)) hidden.add(key);
  let residualRisk = false;
  // A table's result depends only on which of its cells are hidden: it is
  // run again only when that changed since its last run.
  const lastRun = new Map<LinkedTable, number>();
  const inputs = new Map<LinkedTable, StatsGroupInput[]>();
  for (let changed = true; changed; ) {
    changed = false;
    const hide = (key: string) => {
      if (hidden.has(key)) return;
      hidden.add(key);
      changed = true;
    };
    for (const table of tables) {
      if (hidden.has(table.total)) {
        for (const c of table.cells) hide(c);
        continue;
      }
      const forced = new Set(table.cells.filter((c) => hidden.has(c)));
      if (lastRun.get(table) === forced.size) continue;
      lastRun.set(table, forced.size);
      let groups = inputs.get(table);
      if (!groups) {
        groups = table.cells.map((key) => ({ key, label: key, ...countsOf(key) }));
        inputs.set(table, groups);
      }
      const result = suppressionPattern(groups, countsOf(table.total), k, { forced });
      for (const key of result.hidden) hide(key);
      if (result.residualRisk) {
        if (rootSet.has(table.total)) residualRisk = true;
        else hide(table.total);
      }
    }
  }
  return { hidden, residualRisk };
}

/** The part of a node key that says which rows it covers: all, a group of rows, or one row. */
export type RowPart = { all: true } | { group: string } | { row: string };

/**
 * The key of a node of {@link suppressMatrix}: `*` or `g:<group>` or
 * `r:<row>`, then `|`, then `*` or `c:<column>`.
 *
 * @example
 * matrixNodeKey({ row: "u1" }, "bribery") // "r:u1|c:bribery"
 * matrixNodeKey({ all: true }, null) // "*|*"
 */
export function matrixNodeKey(rows: RowPart, column: string | null): string {
  const r = "row" in rows ? `r:${rows.row}` : "group" in rows ? `g:${rows.group}` : "*";
  return `${r}|${column === null ? "*" : `c:${column}`}`;
}

/** The input of {@link suppressMatrix}: true values only. */
export interface LinkedMatrixInput {
  /** Row keys (units), in a stable order. */
  rows: readonly string[];
  /** Column keys (categories), in a stable order. */
  columns: readonly string[];
  /** The cell of a row and a column; missing cells count as zero. */
  cells: ReadonlyMap<string, ReadonlyMap<string, Counts>>;
  /** Each row's total: its cells plus possibly a known remainder (figures not tied to a column). */
  rowMargins: ReadonlyMap<string, Counts>;
  /** Each column's total: its cells plus possibly a known remainder. */
  columnMargins: ReadonlyMap<string, Counts>;
  /** The grand total: at least the sum of the row margins and of the column margins. */
  total: Counts;
  /**
   * Optional nesting of rows in groups (units in sectors): every row's group.
   * Group margins are the sums of their rows' margins, group × column cells
   * the sums of their rows' cells. A group without rows is known to be empty
   * (the directory is public): it has no node, protects nothing, and a table
   * that lists it should show it suppressed.
   */
  rowGroups?: ReadonlyMap<string, string>;
}

/** The pattern {@link suppressMatrix} returns. */
export interface LinkedMatrixResult {
  /** Whether the node of these rows and this column (null: every column) is hidden in every table showing it. */
  isHidden(rows: RowPart, column: string | null): boolean;
  /** Every hidden node key ({@link matrixNodeKey}). */
  hidden: ReadonlySet<string>;
  /** Every node's counts, by key. */
  nodes: ReadonlyMap<string, Counts>;
  /** Every table the pattern protects. */
  tables: readonly LinkedTable[];
  /** As in {@link LinkedResult}. */
  residualRisk: boolean;
}

function zero(): Counts {
  return Object.fromEntries(MEASURES.map((m) => [m, 0])) as Counts;
}

function add(into: Counts, c: Counts): void {
  for (const m of MEASURES) into[m] += c[m];
}

/**
 * One suppression pattern for a two-way table (rows × columns) published as
 * all of these tables at once: the row margins with the grand total; the
 * column margins with the grand total; each row, with its margin as total;
 * each column, with its margin as total. With `rowGroups` (units nested in
 * sectors) also: the group margins with the grand total; each group's rows
 * with the group's margin; each group × column cell in the column's table by
 * group and the group's table by column; and each group's rows within one
 * column, with that group × column cell as total.
 *
 * @throws RangeError when a margin is smaller than its cells, or as `suppress` does.
 * @example
 * const pattern = suppressMatrix({ rows, columns, cells, rowMargins, columnMargins, total }, 5);
 * pattern.isHidden({ row: "X" }, "c") // same answer for X's row and c's column
 */
export function suppressMatrix(input: LinkedMatrixInput, k: number = DEFAULT_MIN_CELL): LinkedMatrixResult {
  const { rows, columns, rowGroups } = input;
  const nodes = new Map<string, Counts>();
  const cell = (row: string, column: string): Counts => input.cells.get(row)?.get(column) ?? zero();
  const marginOf = (map: ReadonlyMap<string, Counts>, key: string): Counts => {
    const m = map.get(key);
    if (!m) throw new RangeError(`No margin for ${key}`);
    return m;
  };
  const root = matrixNodeKey({ all: true }, null);
  nodes.set(root, { ...input.total });
  for (const c of columns) nodes.set(matrixNodeKey({ all: true }, c), { ...marginOf(input.columnMargins, c) });
  for (const r of rows) {
    nodes.set(matrixNodeKey({ row: r }, null), { ...marginOf(input.rowMargins, r) });
    for (const c of columns) nodes.set(matrixNodeKey({ row: r }, c), { ...cell(r, c) });
  }
  const groups: string[] = [];
  const rowsOfGroup = new Map<string, string[]>();
  if (rowGroups) {
    for (const r of rows) {
      const g = rowGroups.get(r);
      if (g === undefined) throw new RangeError(`Row ${r} has no group`);
      let list = rowsOfGroup.get(g);
      if (!list) {
        list = [];
        rowsOfGroup.set(g, list);
        groups.push(g);
      }
      list.push(r);
    }
    for (const g of groups) {
      const margin = zero();
      const byColumn = new Map(columns.map((c) => [c, zero()]));
      for (const r of rowsOfGroup.get(g) ?? []) {
        add(margin, marginOf(input.rowMargins, r));
        for (const c of columns) add(byColumn.get(c) as Counts, cell(r, c));
      }
      nodes.set(matrixNodeKey({ group: g }, null), margin);
      for (const c of columns) nodes.set(matrixNodeKey({ group: g }, c), byColumn.get(c) as Counts);
    }
  }

  const tables: LinkedTable[] = [];
  const columnParts: (string | null)[] = [null, ...columns];
  // Margin tables first, then the tables inside them.
  for (const c of columnParts) {
    tables.push({ total: matrixNodeKey({ all: true }, c), cells: rows.map((r) => matrixNodeKey({ row: r }, c)) });
    if (rowGroups) {
      tables.push({ total: matrixNodeKey({ all: true }, c), cells: groups.map((g) => matrixNodeKey({ group: g }, c)) });
    }
  }
  tables.splice(1, 0, { total: root, cells: columns.map((c) => matrixNodeKey({ all: true }, c)) });
  for (const g of groups) {
    tables.push({
      total: matrixNodeKey({ group: g }, null),
      cells: columns.map((c) => matrixNodeKey({ group: g }, c)),
    });
    for (const c of columnParts) {
      tables.push({
        total: matrixNodeKey({ group: g }, c),
        cells: (rowsOfGroup.get(g) ?? []).map((r) => matrixNodeKey({ row: r }, c)),
      });
    }
  }
  for (const r of rows) {
    tables.push({ total: matrixNodeKey({ row: r }, null), cells: columns.map((c) => matrixNodeKey({ row: r }, c)) });
  }

  const { hidden, residualRisk } = suppressLinked(nodes, tables, k, [root]);
  return {
    isHidden: (rowPart, column) => hidden.has(matrixNodeKey(rowPart, column)),
    hidden,
    nodes,
    tables,
    residualRisk,
  };
}
