import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { type StatsResponse, StatsResponseSchema } from "../../src/contracts/stats";

/**
 * Linked suppression through the API: the same cell is published in several
 * tables (unit X in category c is a group of X's table by category and of c's
 * table by unit; X's total is a group of the unit table and the total of X's
 * page; a sector's total is a group of the sector table and the total of that
 * sector's unit table). Each cell must have one status everywhere, and no
 * small cell may be recovered by a total minus the cells known from any
 * response.
 *
 * The city (January 2026, K = 5, reports only): five units in two sectors and
 * three categories.
 *
 *   unit (sector)    bribery  shirking  delay   total
 *   lk-a (local)          3        10     10      23
 *   lk-b (local)          9         7      6      22
 *   lk-c (local)         30        10     10      50
 *   lk-d (finance)       11        10     10      31
 *   lk-e (finance)       12        10     10      32
 *
 * Suppressed table by table, the bribery column hides lk-a (3) and takes
 * lk-b (9, the smallest other cell) as its complement; but lk-b's own table
 * by category hides only its two smallest cells (6 and 7, next to its empty
 * categories) and shows bribery = 9, so 65 − 30 − 11 − 12 − 9 gives lk-a's 3.
 */

const ORIGIN = "https://portal.test";
const PERIOD = "from=2026-01-01&to=2026-01-31";
const K = 5;

const UNITS = [
  { id: "lk-a", name: "Phường Liên Kết A", sector: null },
  { id: "lk-b", name: "Phường Liên Kết B", sector: null },
  { id: "lk-c", name: "Phường Liên Kết C", sector: null },
  { id: "lk-d", name: "Sở Liên Kết D", sector: "finance" },
  { id: "lk-e", name: "Cục Liên Kết E", sector: "finance" },
] as const;
const COUNTS: Record<string, Record<string, number>> = {
  "lk-a": { bribery: 3, shirking: 10, delay: 10 },
  "lk-b": { bribery: 9, shirking: 7, delay: 6 },
  "lk-c": { bribery: 30, shirking: 10, delay: 10 },
  "lk-d": { bribery: 11, shirking: 10, delay: 10 },
  "lk-e": { bribery: 12, shirking: 10, delay: 10 },
};
const sectorOf = (unit: string) => UNITS.find((u) => u.id === unit)?.sector ?? "local";

beforeAll(async () => {
  const statements = UNITS.map((u) =>
    env.DB.prepare(
      "INSERT INTO units (id, name, name_folded, kind, parent_id, sector) VALUES (?, ?, ?, ?, NULL, ?)",
    ).bind(u.id, u.name, u.name.toLowerCase(), u.sector ? "department" : "ward", u.sector),
  );
  let n = 0;
  for (const [unit, byCategory] of Object.entries(COUNTS)) {
    for (const [category, count] of Object.entries(byCategory)) {
      for (let i = 0; i < count; i++) {
        n++;
        const at = `2026-01-${String(1 + (n % 27)).padStart(2, "0")}T03:00:00.000Z`;
        statements.push(
          env.DB.prepare(
            `INSERT INTO reports (id, tracking_code, secret_hash, track, unit_id, category_code, description,
               reporter_kind, status, received_at, updated_at)
             VALUES (?, ?, ?, 'anonymous', ?, ?, ?, 'citizen', 'received', ?, ?)`,
          ).bind(
            crypto.randomUUID(),
            `LK${String(n).padStart(8, "0")}`,
            "x".repeat(64),
            unit,
            category,
            "Nội dung.",
            at,
            at,
          ),
        );
      }
    }
  }
  await env.DB.batch(statements);
});

/** A node: which units (all, a sector, one unit) and which categories (all or one). */
type RowPart = "*" | `g:${string}` | `r:${string}`;
const node = (rows: RowPart, category: string | null) => `${rows}|${category ?? "*"}`;

/** True reports of a node, from the table above. */
function trueReports(key: string): number {
  const [rows, category] = key.split("|") as [string, string];
  let sum = 0;
  for (const [unit, byCategory] of Object.entries(COUNTS)) {
    if (rows.startsWith("r:") && rows !== `r:${unit}`) continue;
    if (rows.startsWith("g:") && rows !== `g:${sectorOf(unit)}`) continue;
    for (const [c, count] of Object.entries(byCategory)) if (category === "*" || category === c) sum += count;
  }
  return sum;
}

interface Observed {
  query: string;
  total: string;
  totalReports: number | null;
  groups: { node: string; reports: number | null; suppressed: boolean }[];
}

async function stats(query: string): Promise<StatsResponse> {
  const res = await SELF.fetch(`${ORIGIN}/api/public/stats?${PERIOD}&${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return StatsResponseSchema.parse(await res.json());
}

/** Every (groupBy, filter) combination of unit, category and sector, as nodes. */
async function observeAll(): Promise<Observed[]> {
  const categories = [null, "bribery", "shirking", "delay", "harassment"];
  const sectors = [null, "local", "finance", "health"];
  const units = [null, ...UNITS.map((u) => u.id)];
  const observed: Observed[] = [];
  for (const groupBy of ["unit", "category", "sector", "month"] as const) {
    for (const category of categories) {
      for (const sector of sectors) {
        for (const unit of units) {
          if (unit && sector && sectorOf(unit) !== sector) continue; // an empty population
          const query = [
            `groupBy=${groupBy}`,
            category ? `categoryCode=${category}` : "",
            sector ? `sector=${sector}` : "",
            unit ? `unit=${unit}` : "",
          ]
            .filter(Boolean)
            .join("&");
          const s = await stats(query);
          const rows: RowPart = unit ? `r:${unit}` : sector ? `g:${sector}` : "*";
          const total = node(rows, category);
          const groupNode = (key: string) =>
            groupBy === "unit"
              ? node(`r:${key}`, category)
              : groupBy === "category"
                ? node(rows, key)
                : groupBy === "sector"
                  ? node(unit ? rows : `g:${key}`, category)
                  : total; // one month: the month is the whole population
          observed.push({
            query,
            total,
            totalReports: s.totalsSuppressed ? null : s.totals.reports,
            groups: s.groups.map((g) => ({ node: groupNode(g.key), reports: g.reports, suppressed: g.suppressed })),
          });
        }
      }
    }
  }
  return observed;
}

describe("linked suppression across the unit, category and sector tables", () => {
  let observed: Observed[];
  beforeAll(async () => {
    observed = await observeAll();
  });

  it("gives each cell one status in every response that shows it, as a group or as the total", () => {
    const shown = new Map<string, string[]>();
    const hidden = new Map<string, string[]>();
    const note = (map: Map<string, string[]>, key: string, query: string) =>
      map.set(key, [...(map.get(key) ?? []), query]);
    for (const o of observed) {
      note(o.totalReports === null ? hidden : shown, o.total, o.query);
      for (const g of o.groups) note(g.suppressed ? hidden : shown, g.node, o.query);
    }
    const conflicts = [...shown.keys()]
      .filter((key) => hidden.has(key))
      .map((key) => `${key}: shown in ${shown.get(key)?.[0]}, hidden in ${hidden.get(key)?.[0]}`);
    expect(conflicts).toEqual([]);
    // and what is shown is true
    for (const o of observed) {
      if (o.totalReports !== null) expect(o.totalReports, o.query).toBe(trueReports(o.total));
      for (const g of o.groups) if (!g.suppressed) expect(g.reports, o.query).toBe(trueReports(g.node));
    }
  });

  it("lets no small cell be recovered as a total minus the cells known from any response", () => {
    // What a reader knows: every figure shown anywhere, and that a sector
    // without units has none.
    const known = new Map<string, number>();
    for (const category of [null, "bribery", "shirking", "delay", "harassment"])
      known.set(node("g:health", category), 0);
    for (const o of observed) {
      if (o.totalReports !== null) known.set(o.total, o.totalReports);
      for (const g of o.groups) if (g.reports !== null) known.set(g.node, g.reports);
    }
    // Then, repeatedly: a table with its total and one unknown group gives that group.
    const recovered: string[] = [];
    for (let changed = true; changed; ) {
      changed = false;
      for (const o of observed) {
        if (o.totalReports === null) continue;
        const unknown = [...new Set(o.groups.map((g) => g.node))].filter((key) => !known.has(key) && key !== o.total);
        if (unknown.length !== 1) continue;
        const key = unknown[0] as string;
        const rest = [...new Set(o.groups.map((g) => g.node))]
          .filter((k) => k !== key)
          .reduce((s, k) => s + (known.get(k) ?? 0), 0);
        known.set(key, o.totalReports - rest);
        recovered.push(`${key} = ${o.totalReports - rest} from ${o.query}`);
        changed = true;
      }
    }
    const small = [...known.keys()].filter((key) => !key.startsWith("g:health") && trueReports(key) < K);
    expect(small, recovered.join("\n")).toEqual([]);
  });

  it("still publishes the large cells: the city's bribery figure and lk-c's own page", async () => {
    const byCategory = await stats("groupBy=category");
    expect(byCategory.groups.find((g) => g.key === "bribery")?.reports).toBe(65);
    const page = await stats("groupBy=category&unit=lk-c");
    expect(page.totalsSuppressed).toBe(false);
    expect(page.totals.reports).toBe(50);
    // lk-a's 3 bribery reports are hidden on its page and in the bribery table
    const byUnit = await stats("groupBy=unit&categoryCode=bribery");
    expect(byUnit.groups.find((g) => g.key === "lk-a")?.suppressed).toBe(true);
    const aPage = await stats("groupBy=category&unit=lk-a");
    expect(aPage.groups.find((g) => g.key === "bribery")?.suppressed).toBe(true);
  });
});
