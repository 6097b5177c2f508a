// Loads or updates Hà Nội's unit directory in the local or the remote D1:
// the city, its departments and agencies (reference data in
// worker/src/domain/directory/reference.ts, added only where missing and
// marked "to confirm", never overwriting an administrator's edits), then the
// 126 official wards and communes of data/hanoi-communes-2025.csv with their
// former names as search aliases. Idempotent: it reads the directory, plans
// with the Worker's own planDirectorySync (keyed on the official code; a unit
// with reports is never deleted, only retired) and writes one SQL file that
// wrangler runs as one batch, or nothing when the database already matches.
//
//   npm run db:directory -- --local [--persist-to DIR]
//   npm run db:directory -- --remote            (production; `npm run deploy` runs it)
//   npm run db:directory -- --local --print     (show the SQL, change nothing)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { DirectoryAliasSqlRow, DirectoryUnitSqlRow } from "../worker/src/db/directory-sql.ts";
import type { DirectoryPlan } from "../worker/src/domain/directory/index.ts";
import { loadDomain } from "./lib/domain.ts";
import { type D1Target, executeFileTarget, queryTarget, ROOT } from "./lib/wrangler.ts";

/** The official list, relative to the repository root. */
export const OFFICIAL_LIST = "data/hanoi-communes-2025.csv";

/** What one run did (or, with `print`, would do). */
export interface DirectoryLoad {
  plan: DirectoryPlan;
  /** Reference units and aliases added (ids; unit id and name). */
  referenceUnits: string[];
  referenceAliases: number;
  statements: string[];
  written: boolean;
}

/**
 * Plans and applies the directory in `target`. With `print`, only plans.
 *
 * @example
 * const load = await loadDirectory({ remote: false, persistTo: ".wrangler/state" });
 * console.log(describeLoad(load));
 */
export async function loadDirectory(
  target: D1Target,
  { print = false, now = new Date() }: { print?: boolean; now?: Date } = {},
): Promise<DirectoryLoad> {
  const { calendar, directory, directorySql } = await loadDomain();
  const parsed = directory.parseOfficialDirectory(readFileSync(join(ROOT, OFFICIAL_LIST), "utf8"));
  if (!parsed.ok) {
    throw new Error(
      `${OFFICIAL_LIST} has problems:\n${parsed.problems.map((p) => `  line ${p.line}: ${p.message}`).join("\n")}`,
    );
  }
  const state = directorySql.directoryStateFromRows(
    queryTarget(directorySql.DIRECTORY_UNITS_SQL, target) as unknown as DirectoryUnitSqlRow[],
    queryTarget(directorySql.DIRECTORY_ALIASES_SQL, target) as unknown as DirectoryAliasSqlRow[],
  );
  const plan = directory.planDirectorySync(parsed.units, state, {
    parentId: directory.CITY_ID,
    effectiveOn: directory.TWO_TIER_DATE,
    // Today in Hà Nội: the day retirements and renames take effect.
    on: calendar.hanoiDate(now),
  });
  const reference = {
    city: directory.CITY_UNIT,
    units: directory.REFERENCE_UNITS,
    aliases: directory.REFERENCE_ALIASES,
  };
  const missing = directorySql.missingReference(state, reference);
  const changes = missing.units.length + missing.aliases.length > 0 || !directory.isEmptyPlan(plan);
  const statements = changes ? directorySql.directorySql(plan, reference) : [];
  const load: DirectoryLoad = {
    plan,
    referenceUnits: missing.units.map((u) => u.id),
    referenceAliases: missing.aliases.length,
    statements,
    written: false,
  };
  if (print || !changes) return load;
  const dir = mkdtempSync(join(tmpdir(), "pacv-directory-"));
  const file = join(dir, "directory.sql");
  try {
    writeFileSync(file, `${statements.join("\n")}\n`);
    executeFileTarget(file, target);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { ...load, written: true };
}

/** A few lines saying what a run added, renamed, retired and left unchanged. */
export function describeLoad(load: DirectoryLoad): string {
  const { plan } = load;
  const lines = [`Wards and communes: ${plan.summary}.`];
  const list = (label: string, items: string[]) => {
    if (items.length > 0) lines.push(`  ${label}: ${items.slice(0, 20).join("; ")}${items.length > 20 ? "; …" : ""}`);
  };
  list(
    "added",
    plan.add.map((u) => `${u.name} (${u.code})`),
  );
  list(
    "renamed",
    plan.update.filter((u) => u.renamed).map((u) => `${u.before.name} → ${u.after.name}`),
  );
  list(
    "updated",
    plan.update.filter((u) => !u.renamed).map((u) => `${u.after.name} (${u.id}: code ${u.code})`),
  );
  list(
    "retired",
    plan.retire.map((u) => `${u.name} (${u.id})${u.hasReports ? ", has reports: kept" : ""}`),
  );
  lines.push(
    `Departments and agencies: added ${load.referenceUnits.length}${load.referenceUnits.length > 0 ? " (marked to confirm)" : ""}, aliases added ${load.referenceAliases}.`,
  );
  lines.push(
    load.statements.length === 0 ? "Nothing to change." : load.written ? "Applied." : "Not applied (--print).",
  );
  return lines.join("\n");
}

function parseArgs(argv: readonly string[]) {
  let local = false;
  let remote = false;
  let print = false;
  let persistTo: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--local") local = true;
    else if (arg === "--remote") remote = true;
    else if (arg === "--print") print = true;
    else if (arg === "--persist-to") persistTo = argv[++i];
    else throw new Error(`Unknown argument: ${arg} (use --local [--persist-to DIR] or --remote, and --print)`);
  }
  if (local === remote) throw new Error("Pass exactly one of --local and --remote");
  if (remote && persistTo) throw new Error("--persist-to is for --local only");
  const target: D1Target = remote ? { remote: true } : { remote: false, persistTo };
  return { target, print };
}

async function main() {
  const { target, print } = parseArgs(process.argv.slice(2));
  console.log(`Loading the official directory into the ${target.remote ? "REMOTE" : "local"} D1…`);
  const load = await loadDirectory(target, { print });
  console.log(describeLoad(load));
  if (print) console.log(`\n${load.statements.join("\n")}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
