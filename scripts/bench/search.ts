// The console search's part of `npm run bench`: the routes it measures at each
// size, and the one preparation they need. The bulk generator
// (scripts/seed/bulk.ts) writes reports without the folded text triage keeps
// (`description_folded`), which the search index (migration 0015) reads, so
// before measuring, `prepareSearch` fills it for those rows with SQL that folds
// exactly the characters the report templates use (derived from `fold` of
// worker/src/domain/text.ts) and lets the FTS triggers index them. Set
// BENCH_SEARCH=0 to leave search out (the 1 000 000 size then skips the fill).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fold } from "../../worker/src/domain/text.ts";
import { executeFileAsync, query, ROOT } from "../lib/wrangler.ts";

/** Whether the search routes are measured at all. */
export const SEARCH_ENABLED = process.env.BENCH_SEARCH !== "0";

/** Rows folded per UPDATE statement (one transaction each, and the FTS index grows with it). */
const FILL_CHUNK = 25_000;

/** What the search box is given: a selective place, common words, and one exact tracking code (added once known). */
const SEARCH_QUERIES = [
  { name: "GET /api/leads?q=cầu giấy", q: "cầu giấy" },
  { name: "GET /api/leads?q=ho so (common words)", q: "ho so" },
  { name: "GET /api/leads?q=bún chả&status=new", q: "bún chả", extra: "&status=new" },
];

let trackingCode: string | undefined;

/** A route as bench.ts measures it (as the demo supervisor). */
export interface SearchRoute {
  name: string;
  path: string;
  auth: true;
}

/** The search routes to measure on a prepared database; none when BENCH_SEARCH=0. */
export function searchRoutes(): SearchRoute[] {
  if (!SEARCH_ENABLED) return [];
  const routes: SearchRoute[] = SEARCH_QUERIES.map(({ name, q, extra }) => ({
    name,
    path: `/api/leads?q=${encodeURIComponent(q)}${extra ?? ""}`,
    auth: true,
  }));
  if (trackingCode) {
    routes.push({ name: "GET /api/leads?q=<tracking code>", path: `/api/leads?q=${trackingCode}`, auth: true });
  }
  return routes;
}

/**
 * The characters to fold in SQL: every non-ASCII character of the report
 * templates whose folded form differs, with that form (SQLite's `lower`
 * then handles ASCII).
 */
function foldPairs(): [string, string][] {
  const source = readFileSync(join(ROOT, "scripts/seed/report-templates.ts"), "utf8").normalize("NFC");
  const chars = new Set([...source].filter((ch) => (ch.codePointAt(0) ?? 0) > 127));
  return [...chars].map((ch): [string, string] => [ch, fold(ch)]).filter(([ch, folded]) => ch !== folded);
}

/** Replacements per statement: SQLite's parser overflows its stack on a few dozen nested calls. */
const PAIRS_PER_PASS = 8;

/**
 * The fill, as SQL: lower case first, then the character replacements in
 * passes of nested `replace` calls, with the FTS update trigger dropped
 * meanwhile (each pass would re-index every row) and recreated as migration
 * 0015 has it after one `rebuild` of the index. Text already folded is left
 * as it is by every pass, so the passes may run over the whole rowid range.
 */
function fillStatements(lo: number, hi: number): string[] {
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const chunks = (set: string, where: string) => {
    const out: string[] = [];
    for (let from = lo; from <= hi; from += FILL_CHUNK) {
      out.push(`UPDATE reports SET ${set} WHERE ${where}rowid >= ${from} AND rowid < ${from + FILL_CHUNK};`);
    }
    return out;
  };
  const migration = readFileSync(join(ROOT, "migrations/0015_add_report_search.sql"), "utf8");
  const trigger = migration
    .split("--> statement-breakpoint")
    .map((statement) =>
      statement
        .split("\n")
        .filter((line) => !line.startsWith("--"))
        .join("\n")
        .trim(),
    )
    .find((statement) => statement.startsWith("CREATE TRIGGER report_search_au"));
  if (!trigger) throw new Error("migration 0015 has no report_search_au trigger");
  const pairs = foldPairs();
  const statements = ["DROP TRIGGER IF EXISTS report_search_au;"];
  statements.push(...chunks("description_folded = lower(description)", "description_folded IS NULL AND "));
  for (let i = 0; i < pairs.length; i += PAIRS_PER_PASS) {
    let expression = "description_folded";
    for (const [ch, folded] of pairs.slice(i, i + PAIRS_PER_PASS)) {
      expression = `replace(${expression}, ${quote(ch)}, ${quote(folded)})`;
    }
    statements.push(...chunks(`description_folded = ${expression}`, ""));
  }
  statements.push("INSERT INTO report_search (report_search) VALUES ('rebuild');", trigger);
  return statements;
}

/**
 * Fills `description_folded` where the bulk path left it empty (the FTS
 * triggers index each row as it changes) and picks a tracking code to look
 * up. Idempotent: rows already folded are left alone.
 */
export async function prepareSearch(persistTo: string, log: (line: string) => void): Promise<void> {
  if (!SEARCH_ENABLED) return;
  const t0 = Date.now();
  const [range] = query<{ lo: number | null; hi: number | null; n: number }>(
    "SELECT MIN(rowid) AS lo, MAX(rowid) AS hi, COUNT(*) AS n FROM reports WHERE description_folded IS NULL",
    { persistTo },
  );
  if (range?.lo != null && range.hi != null) {
    const dir = mkdtempSync(join(tmpdir(), "pacv-bench-search-"));
    try {
      const file = join(dir, "fold.sql");
      writeFileSync(file, fillStatements(range.lo, range.hi).join("\n"));
      await executeFileAsync(file, { persistTo });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    log(`bench: search: folded and indexed ${range.n} bulk reports in ${Math.round((Date.now() - t0) / 1000)} s`);
  }
  const [row] = query<{ code: string }>(
    "SELECT tracking_code AS code FROM reports WHERE lead_id IS NOT NULL ORDER BY rowid DESC LIMIT 1",
    { persistTo },
  );
  trackingCode = row?.code;
}
