// Seeds the LOCAL D1 with sample data: Hanoi's unit directory (a sample) and
// about 200 invented reports. Refuses to run without --local and never
// accepts --remote: demo data must not reach a real database.
//
//   node scripts/seed-local.mjs --local [--persist-to DIR] [--units-only]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ensureDevVars, readDevVars } from "./lib/dev-vars.mjs";
import { executeFile, query } from "./lib/wrangler.mjs";
import { reportsSql } from "./seed/reports.mjs";
import { sqlValue } from "./seed/sql.mjs";
import { unitsSql } from "./seed/units.mjs";

/** The settings key that marks a database as seeded. */
export const SEEDED_MARKER = "demo_seeded_at";

/** Whether the local database already holds the demo data. */
export function isSeeded({ persistTo } = {}) {
  const rows = query(`SELECT value FROM settings WHERE key = ${sqlValue(SEEDED_MARKER)}`, { persistTo });
  return rows.length > 0;
}

function applyStatements(statements, { persistTo }) {
  const dir = mkdtempSync(join(tmpdir(), "pacv-seed-"));
  const file = join(dir, "seed.sql");
  try {
    writeFileSync(file, `${statements.join("\n")}\n`);
    executeFile(file, { persistTo });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Seeds units (always safe to repeat) and, unless `unitsOnly`, the sample
 * reports and the `demo_seeded_at` marker. Returns the demo receipt.
 */
export async function seedLocal({ persistTo, unitsOnly = false, contactKey } = {}) {
  if (unitsOnly) {
    applyStatements(unitsSql(), { persistTo });
    return undefined;
  }
  const key = contactKey ?? readDevVars().CONTACT_KEY;
  if (!key) throw new Error("CONTACT_KEY is missing from .dev.vars");
  const { statements, demo } = await reportsSql({ contactKey: key });
  const marker = `INSERT OR REPLACE INTO settings (key, value) VALUES (${sqlValue(SEEDED_MARKER)}, ${sqlValue(new Date().toISOString())});`;
  applyStatements([...unitsSql(), ...statements, marker], { persistTo });
  return demo;
}

/** Prints the demo receipt so a newcomer can try the follow page. */
export function printDemoReceipt(demo, baseUrl = "http://localhost:8787") {
  if (!demo) return;
  console.log(
    [
      "",
      "Sample data seeded (a sample, not real reports). Try the follow page with a demo receipt:",
      `  ${baseUrl}/theo-doi/`,
      `  Mã theo dõi / tracking code: ${demo.trackingCode}`,
      `  Mã bí mật / secret:          ${demo.secret}`,
      "",
    ].join("\n"),
  );
}

function parseArgs(argv) {
  const args = { local: false, unitsOnly: false, persistTo: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--local") args.local = true;
    else if (arg === "--units-only") args.unitsOnly = true;
    else if (arg === "--persist-to") args.persistTo = argv[++i];
    else throw new Error(`Unknown argument: ${arg} (only --local, --persist-to DIR and --units-only are accepted)`);
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.local) {
    console.error("Refusing to seed: pass --local. Sample data is only ever written to the local D1.");
    process.exit(2);
  }
  ensureDevVars();
  console.log(args.unitsOnly ? "Seeding sample units…" : "Seeding sample units and reports…");
  const demo = await seedLocal(args);
  printDemoReceipt(demo, `http://localhost:${process.env.PORT ?? 8787}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
