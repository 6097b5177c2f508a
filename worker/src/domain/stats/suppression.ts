/**
 * Small-cell suppression for the public statistics (issue 5, "Privacy").
 *
 * A published table is one dimension (month, category, sector or unit) of
 * groups ("cells") plus the true totals. Each cell carries six counts, the
 * measures. The rules, and why:
 *
 * 1. Primary suppression. A cell with fewer than K reports (default 5) is
 *    suppressed: every count, the on-time rate and the median become `null`.
 *    K counts reports because K protects reporters: fewer than K people who
 *    reported about one unit, category or month are few enough to be guessed.
 *    The rates go too, because the median of one or two cases is a case.
 *    A cell with no reports at all is suppressed as well: if zeros were shown,
 *    "suppressed" would mean "between 1 and K-1", which tells a small unit that
 *    somebody did report it.
 * 2. A cell with at least K reports is published whole, even when a sub-count
 *    (say dismissed = 1) is small: the sub-counts describe what inspectors did
 *    with reports already counted in a safe crowd, not who reported.
 * 3. Complementary suppression. Totals are true totals, so the total minus the
 *    visible cells gives the sum of the suppressed cells, for every measure.
 *    Further cells, the smallest by reports first (ties by key), are suppressed
 *    until no primary cell's value can be pinned down in any measure. The
 *    attacker model used for that test (see {@link primaryRanges}) is
 *    deliberately strong:
 *    - the attacker knows, for every measure, the sum of the suppressed cells;
 *    - the attacker knows which suppressed cells are primary (reports in
 *      [0, K-1]) and which are complementary (reports at least K), and knows the
 *      order complementary cells were taken in, so a complementary cell has at
 *      most as many reports as the smallest visible cell and no fewer than the
 *      complementary cells taken before it (strictly, where the key order
 *      would otherwise have broken the tie the other way);
 *    - every count is a non-negative integer. The measures count different
 *      events on their own dates (a lead opened this month may come from last
 *      month's reports), so no inequality between measures holds per cell and
 *      none is assumed.
 *    A primary cell is protected when, for every measure, at least two values
 *    are consistent with all of that. Other measures than reports have no
 *    upper bound per cell, so they need two or more suppressed cells and a
 *    positive suppressed sum (a sum of 0 would reveal that every suppressed
 *    cell is 0).
 * 4. Complementary cells themselves have at least K reports, so by rule 2 they
 *    could have been published; the model may pin their report count exactly,
 *    and that is not a disclosure.
 * 5. A value the published totals reveal on their own (a measure whose total
 *    over all groups is 0: every cell is 0) cannot be hidden by suppression and
 *    is not counted as a disclosure.
 * 6. At least two cells are always suppressed when any is, and when even
 *    suppressing every cell leaves a primary cell pinned (one group only, or
 *    every group at exactly K-1 reports), the result says `residualRisk: true`.
 *    The totals are then still true totals as the contract says; the caller
 *    should withhold the table (or the totals) rather than publish it. This is
 *    also the case of a total below K spread over two or more groups: all of
 *    them are primary and protected only because there are at least two.
 *
 * What one table cannot see: the same figures published in several tables.
 * For one period, the tables by unit, category and sector (filtered or not)
 * share their cells, and `suppressLinked` / `suppressMatrix` (linked.ts) give
 * them one pattern: it runs this function with the cells already hidden
 * elsewhere passed as `forced` (hidden, and protected like primary cells,
 * known to the attacker only as "at least K"), until no table adds a cell.
 * What remains, stated as residual risks:
 * - each period is suppressed on its own: two periods that differ by one
 *   month differ by that month's reports (periods are whole months, which
 *   limits this, not removes it);
 * - tables by month are not linked with the others (a unit's monthly trend
 *   crossed with a one-month unit table);
 * - each linked table is tested against its own total; the equations of
 *   several tables solved together (rows and columns at once) are not
 *   audited;
 * - the margin of rule 3 reduces, but does not remove, what an attacker
 *   learns by re-running this algorithm.
 */

/** The six counts published per group and in the totals, in contract order. */
export const MEASURES = ["reports", "leads", "referred", "dismissed", "inspections", "substantiated"] as const;

/** One of the published counts. */
export type Measure = (typeof MEASURES)[number];

/** The six counts of a group or of the totals. */
export type Counts = Record<Measure, number>;

/** The default minimum cell size K (issue 5: 5 reports; a setting). */
export const DEFAULT_MIN_CELL = 5;

/** A group before suppression: its key, its public label, its counts and derived figures. */
export interface StatsGroupInput extends Counts {
  /** Stable public key: a month `2026-11`, a category code, a sector code or a unit id. */
  key: string;
  /** Public label (a unit or category name, never free text). */
  label: string;
  /** Share of items done on time, 0..1, or null when there are none. */
  onTimeRate?: number | null;
  /** Median working days to the first response, or null. */
  medianDaysToFirstResponse?: number | null;
}

/** A group as published: counts and figures are null when `suppressed`. */
export type PublishedGroup = { key: string; label: string } & { [M in Measure]: number | null } & {
  onTimeRate: number | null;
  medianDaysToFirstResponse: number | null;
  suppressed: boolean;
};

/** Options of {@link suppress}. */
export interface SuppressOptions {
  /**
   * Keys of cells already hidden for another table's sake (linked tables,
   * see `suppressLinked`). They are suppressed whatever their counts, and
   * the table is then protected for them as for its primary cells: the
   * attacker model knows a forced cell with K or more reports only as "at
   * least K", and no forced cell may be pinned in any measure either, since
   * its value would open the table it protects.
   */
  forced?: ReadonlySet<string>;
}

/** What {@link suppress} returns. */
export interface SuppressionResult {
  /** The groups in input order, suppressed ones nulled. */
  groups: PublishedGroup[];
  /** How many groups are suppressed (primary and complementary). */
  suppressedGroups: number;
  /** True when even suppressing every group leaves a primary cell derivable from the totals (rule 6). */
  residualRisk: boolean;
}

/** The range of values the attacker model leaves for one measure of one suppressed cell. */
export interface CellRange {
  min: number;
  max: number;
}

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer`);
}

/** Orders candidates for complementary suppression: fewest reports first, ties by key (code-unit order). */
function byReportsThenKey(a: StatsGroupInput, b: StatsGroupInput): number {
  if (a.reports !== b.reports) return a.reports - b.reports;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Bounds on the reports of the complementary cells, in the order they were
 * taken, as the attacker can infer them: each has at least `k` reports and
 * at least as many as the one taken before (one more when its key sorts
 * first, since a tie would have put it earlier), and at most as many as the
 * smallest visible cell (one fewer when its key sorts after that cell's).
 */
function complementaryBounds(
  complementary: readonly StatsGroupInput[],
  smallestVisible: StatsGroupInput | undefined,
  k: number,
): { lo: number[]; hi: number[] } {
  const step = (j: number): number => {
    const prev = complementary[j - 1];
    const cur = complementary[j];
    return prev && cur && cur.key < prev.key ? 1 : 0;
  };
  const lo: number[] = [];
  for (let j = 0; j < complementary.length; j++) lo.push(j === 0 ? k : (lo[j - 1] ?? k) + step(j));
  const hi: number[] = new Array(complementary.length).fill(Number.POSITIVE_INFINITY);
  for (let j = complementary.length - 1; j >= 0; j--) {
    const cell = complementary[j] as StatsGroupInput;
    let bound = Number.POSITIVE_INFINITY;
    if (smallestVisible) bound = smallestVisible.reports - (cell.key > smallestVisible.key ? 1 : 0);
    if (j < complementary.length - 1) bound = Math.min(bound, (hi[j + 1] ?? bound) - step(j + 1));
    hi[j] = bound;
  }
  return { lo, hi };
}

/**
 * The values the attacker model of rule 3 leaves for each primary cell, per
 * measure, given which cells are primary, which were taken as complementary
 * (in order) and which stay visible. Exact for that model: every integer in
 * each range is reachable. Exported so tests can compare it with a brute-force
 * enumeration.
 *
 * @example
 * // K = 5; two primary cells of 4 reports each and no other cell: 4 + 4 = 8 is
 * // only reachable as 4 + 4, so both are pinned.
 * primaryRanges([a4, b4], [], [], 5).get("a")?.reports // { min: 4, max: 4 }
 */
export function primaryRanges(
  primary: readonly StatsGroupInput[],
  complementary: readonly StatsGroupInput[],
  visible: readonly StatsGroupInput[],
  k: number,
  forced: readonly StatsGroupInput[] = [],
): Map<string, Record<Measure, CellRange>> {
  const hidden = [...primary, ...forced, ...complementary];
  const sums = Object.fromEntries(MEASURES.map((m) => [m, hidden.reduce((s, g) => s + g[m], 0)])) as Counts;
  const smallestVisible = [...visible].sort(byReportsThenKey)[0];
  const { lo, hi } = complementaryBounds(complementary, smallestVisible, k);
  // Bounds on every hidden cell's reports: primary [0, K-1], forced [K, ∞)
  // (hidden for another table's sake, in no order this table can show),
  // complementary by the order they were taken in.
  const cellLo = [...primary.map(() => 0), ...forced.map(() => k), ...lo];
  const cellHi = [...primary.map(() => k - 1), ...forced.map(() => Number.POSITIVE_INFINITY), ...hi];
  const allLo = cellLo.reduce((s, v) => s + v, 0);
  // Sum of the finite upper bounds and how many are unbounded (∞ − ∞ is not a number).
  const finiteHi = cellHi.reduce((s, v) => (v === Number.POSITIVE_INFINITY ? s : s + v), 0);
  const unbounded = cellHi.filter((v) => v === Number.POSITIVE_INFINITY).length;
  const ranges = new Map<string, Record<Measure, CellRange>>();
  [...primary, ...forced].forEach((cell, i) => {
    const ownLo = cellLo[i] as number;
    const ownHi = cellHi[i] as number;
    const othersMin = allLo - ownLo;
    const ownUnbounded = ownHi === Number.POSITIVE_INFINITY;
    const othersMax =
      unbounded - (ownUnbounded ? 1 : 0) > 0 ? Number.POSITIVE_INFINITY : finiteHi - (ownUnbounded ? 0 : ownHi);
    const reports: CellRange = {
      min: Math.max(ownLo, sums.reports - othersMax),
      max: Math.min(ownHi, sums.reports - othersMin),
    };
    const range = { reports } as Record<Measure, CellRange>;
    for (const m of MEASURES) {
      if (m === "reports") continue;
      range[m] = hidden.length >= 2 ? { min: 0, max: sums[m] } : { min: cell[m], max: cell[m] };
    }
    ranges.set(cell.key, range);
  });
  return ranges;
}

function isProtected(ranges: Map<string, Record<Measure, CellRange>>, revealedByTotals: ReadonlySet<Measure>): boolean {
  for (const range of ranges.values()) {
    for (const m of MEASURES) if (!revealedByTotals.has(m) && range[m].min === range[m].max) return false;
  }
  return true;
}

function publish(group: StatsGroupInput, suppressed: boolean): PublishedGroup {
  const counts = Object.fromEntries(MEASURES.map((m) => [m, suppressed ? null : group[m]])) as {
    [M in Measure]: number | null;
  };
  return {
    key: group.key,
    label: group.label,
    ...counts,
    onTimeRate: suppressed ? null : (group.onTimeRate ?? null),
    medianDaysToFirstResponse: suppressed ? null : (group.medianDaysToFirstResponse ?? null),
    suppressed,
  };
}

/**
 * Suppresses small cells and their complements (rules 1 to 6 above). The
 * groups must partition the totals: each total is at least the sum of the
 * groups (a remainder outside every group, such as reports without a sector,
 * is assumed known to the attacker, so it neither helps nor hurts). Totals are
 * not changed: the caller publishes them as they are.
 *
 * @throws RangeError when `k` is not a positive integer, a count is not a
 *   non-negative integer, keys repeat, or a total is smaller than its groups.
 * @example
 * const { groups, suppressedGroups } = suppress(
 *   [
 *     { key: "u1", label: "Phường A", reports: 3, leads: 1, referred: 0, dismissed: 1, inspections: 0, substantiated: 0 },
 *     { key: "u2", label: "Phường B", reports: 12, leads: 4, referred: 2, dismissed: 1, inspections: 1, substantiated: 1 },
 *     { key: "u3", label: "Phường C", reports: 40, leads: 9, referred: 5, dismissed: 2, inspections: 3, substantiated: 2 },
 *   ],
 *   { reports: 55, leads: 14, referred: 7, dismissed: 4, inspections: 4, substantiated: 3 },
 * );
 * // u1 is primary (3 < 5); u2, the smallest other cell, is complementary:
 * // suppressedGroups === 2, groups[1].reports === null, groups[2].reports === 40
 */
export function suppress(
  groups: readonly StatsGroupInput[],
  totals: Counts,
  k: number = DEFAULT_MIN_CELL,
  options: SuppressOptions = {},
): SuppressionResult {
  const { hidden, residualRisk } = suppressionPattern(groups, totals, k, options);
  return {
    groups: groups.map((g) => publish(g, hidden.has(g.key))),
    suppressedGroups: hidden.size,
    residualRisk,
  };
}

/**
 * The keys {@link suppress} would suppress, and its residual risk, without
 * building the published groups (linked suppression runs it many times).
 *
 * @throws RangeError as {@link suppress} does.
 * @example
 * suppressionPattern([a3, b12, c40], totals, 5).hidden // Set { "a", "b" }
 */
export function suppressionPattern(
  groups: readonly StatsGroupInput[],
  totals: Counts,
  k: number = DEFAULT_MIN_CELL,
  options: SuppressOptions = {},
): { hidden: Set<string>; residualRisk: boolean } {
  if (!Number.isSafeInteger(k) || k < 1) throw new RangeError("k must be a positive integer");
  const keys = new Set<string>();
  for (const g of groups) {
    if (keys.has(g.key)) throw new RangeError(`Duplicate group key ${g.key}`);
    keys.add(g.key);
    for (const m of MEASURES) assertCount(g[m], `${g.key}.${m}`);
  }
  const revealedByTotals = new Set<Measure>();
  for (const m of MEASURES) {
    assertCount(totals[m], `totals.${m}`);
    const sum = groups.reduce((s, g) => s + g[m], 0);
    if (totals[m] < sum) throw new RangeError(`totals.${m} is smaller than the sum of its groups`);
    if (sum === 0) revealedByTotals.add(m);
  }

  const isForced = (g: StatsGroupInput) => options.forced?.has(g.key) ?? false;
  const primary = groups.filter((g) => g.reports < k);
  const forced = groups.filter((g) => g.reports >= k && isForced(g));
  if (primary.length === 0 && forced.length === 0) return { hidden: new Set(), residualRisk: false };
  const candidates = groups.filter((g) => g.reports >= k && !isForced(g)).sort(byReportsThenKey);
  let taken = 0;
  let residualRisk = false;
  let failedWithTwo = false;
  for (;;) {
    const ranges = primaryRanges(primary, candidates.slice(0, taken), candidates.slice(taken), k, forced);
    if (isProtected(ranges, revealedByTotals)) break;
    if (primary.length + forced.length + taken >= 2) failedWithTwo = true;
    if (taken === candidates.length) {
      residualRisk = true;
      break;
    }
    taken++;
  }
  // One cell beyond the first safe set when a set of two or more cells was
  // found unsafe on the way: an attacker who re-runs this algorithm learns
  // that, and it only happens at extreme values (rule 3). A single cell is
  // unsafe whatever its value, so passing it teaches nothing.
  if (failedWithTwo && taken < candidates.length) taken++;
  const hidden = new Set([...primary, ...forced, ...candidates.slice(0, taken)].map((g) => g.key));
  return { hidden, residualRisk };
}

/**
 * Publishes groups with a suppression pattern decided elsewhere (linked
 * tables, see `suppressMatrix`): the groups whose keys are in `hidden` are
 * nulled, the others published as given.
 *
 * @example
 * publishWith([a, b, c], new Set(["a", "b"])).suppressedGroups // 2
 */
export function publishWith(groups: readonly StatsGroupInput[], hidden: ReadonlySet<string>): SuppressionResult {
  const published = groups.map((g) => publish(g, hidden.has(g.key)));
  return { groups: published, suppressedGroups: published.filter((g) => g.suppressed).length, residualRisk: false };
}

/**
 * True when a population's own totals fall below K reports, so that a page
 * showing only that population (a unit's page, a narrow filter) would publish
 * a small cell of a larger table. The caller should then publish the totals
 * as suppressed too.
 *
 * @example
 * totalsBelowMinCell({ reports: 3, leads: 1, referred: 0, dismissed: 0, inspections: 0, substantiated: 0 }) // true
 */
export function totalsBelowMinCell(totals: Counts, k: number = DEFAULT_MIN_CELL): boolean {
  return totals.reports < k;
}
