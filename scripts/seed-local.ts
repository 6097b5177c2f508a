// Seeds the LOCAL D1 with sample data: the real unit directory (the sample's
// ward ids first, then `npm run db:directory`'s loadDirectory gives them their
// official codes and adds the rest of the 126 wards and communes, the city's
// departments and agencies),
// about 600 invented reports placed into leads by the Worker's own triage
// code, this year's framework plan with inspections, findings, conclusions
// and corrective measures (the Worker's inspection rules), and the demo
// staff accounts. Refuses to run without --local and never
// accepts --remote: demo data and demo accounts must not reach a real database.
//
//   node scripts/seed-local.ts --local [--persist-to DIR] [--units-only]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { FindingOutcome } from "../worker/src/contracts/inspections.ts";
import { ensureDevVars, readDevVars } from "./lib/dev-vars.ts";
import { loadDomain } from "./lib/domain.ts";
import { executeFile, type PersistOptions, query } from "./lib/wrangler.ts";
import { describeLoad, loadDirectory } from "./load-directory.ts";
import { accountsSql, DEMO_ACCOUNTS, DEMO_PASSWORD, RECUSED_WARD_ID } from "./seed/accounts.ts";
import { DEMO_CLIENT, demoApiKey, demoClientSql } from "./seed/api-clients.ts";
import { concludedDemo, inspectionStats, inspectionsSql, planInspections } from "./seed/inspections.ts";
import { calendarFrom, leadsSql, placeReports } from "./seed/leads.ts";
import { type DemoReceipt, sampleReports } from "./seed/reports.ts";
import { mergeInserts, sqlValue } from "./seed/sql.ts";
import { unitById, unitsSql } from "./seed/units.ts";

/** The settings key that marks a database as seeded. */
export const SEEDED_MARKER = "demo_seeded_at";

/** `seedLocal`'s options; `contactKey` defaults to CONTACT_KEY of .dev.vars. */
export interface SeedOptions extends PersistOptions {
  unitsOnly?: boolean;
  contactKey?: string | undefined;
  now?: Date;
}

/** What the full seed made, for the demo receipts printed at the end. */
export interface SeedSummary extends DemoReceipt {
  leads: number;
  reports: number;
  year: number;
  inspections: ReturnType<typeof inspectionStats>;
  concluded: { trackingCode: string; secret: string; outcome: FindingOutcome | undefined } | undefined;
  /** The local demo Open311 client's key (derived from CONTACT_KEY). */
  apiKey: string;
}

/** Whether the local database already holds the demo data. */
export function isSeeded({ persistTo }: PersistOptions = {}): boolean {
  const rows = query(`SELECT value FROM settings WHERE key = ${sqlValue(SEEDED_MARKER)}`, { persistTo });
  return rows.length > 0;
}

function applyStatements(statements: readonly string[], { persistTo }: PersistOptions) {
  const dir = mkdtempSync(join(tmpdir(), "pacv-seed-"));
  const file = join(dir, "seed.sql");
  try {
    writeFileSync(file, `${mergeInserts(statements).join("\n")}\n`);
    executeFile(file, { persistTo });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Seeds the sample's ward ids and loads the official directory (both always
 * safe to repeat) and, unless `unitsOnly`, the sample
 * reports and their leads, the demo accounts and the `demo_seeded_at` marker.
 * The database must be migrated: the working-day calendar comes from its
 * `holidays` table, as the API reads it. Returns the demo receipt.
 */
export async function seedLocal({
  persistTo,
  unitsOnly = false,
  contactKey,
  now = new Date(),
}: SeedOptions = {}): Promise<SeedSummary | undefined> {
  applyStatements(unitsSql(), { persistTo });
  const directory = await loadDirectory({ remote: false, persistTo }, { now });
  if (directory.written) console.log(describeLoad(directory));
  if (unitsOnly) return undefined;
  const key = contactKey ?? readDevVars().CONTACT_KEY;
  if (!key) throw new Error("CONTACT_KEY is missing from .dev.vars");
  const domain = await loadDomain();
  const calendar = calendarFrom(
    domain,
    query<{ date: string; kind: string }>("SELECT date, kind FROM holidays", { persistTo }),
  );
  const { reports, demo } = await sampleReports({ contactKey: key, now });
  if (!demo) throw new Error("The sample has no demo report");
  const leads = placeReports(domain, reports, { calendar, now });
  const inspections = planInspections(domain, leads, { calendar, now });
  const marker = `INSERT OR REPLACE INTO settings (key, value) VALUES (${sqlValue(SEEDED_MARKER)}, ${sqlValue(now.toISOString())});`;
  applyStatements(
    [
      ...accountsSql(now),
      ...leadsSql(leads),
      ...inspectionsSql(inspections),
      ...demoClientSql(domain, key, now),
      marker,
    ],
    { persistTo },
  );
  return {
    ...demo,
    leads: leads.length,
    reports: reports.length,
    year: inspections.year,
    inspections: inspectionStats(inspections),
    concluded: concludedDemo(leads),
    apiKey: demoApiKey(domain, key),
  };
}

/**
 * Makes sure a seeded local database has the demo Open311 client (one seeded
 * before it existed gets it now; INSERT OR IGNORE keeps one already there)
 * and returns its key. Local only, like the rest of the seed.
 */
export async function ensureDemoClient({ persistTo, contactKey }: SeedOptions = {}): Promise<string> {
  const key = contactKey ?? readDevVars().CONTACT_KEY;
  if (!key) throw new Error("CONTACT_KEY is missing from .dev.vars");
  const domain = await loadDomain();
  applyStatements(demoClientSql(domain, key, new Date()), { persistTo });
  return demoApiKey(domain, key);
}

/** Prints the demo Open311 client's key with the discovery address and a first call to try. */
export function printDemoClient(apiKey: string, baseUrl = "http://localhost:8787"): void {
  console.log(
    [
      `Open311 (GeoReport v2), demo client "${DEMO_CLIENT.name}" (local only, derived from your .dev.vars):`,
      `  Discovery: ${baseUrl}/open311/v2/discovery.json`,
      `  api_key:   ${apiKey}`,
      `  Try:       curl -s ${baseUrl}/open311/v2/services.json`,
      "",
    ].join("\n"),
  );
}

function describe({ byTypeStatus, measures }: SeedSummary["inspections"]): string {
  const total = Object.values(byTypeStatus).reduce((a, b) => a + b, 0);
  const types = ["scheduled", "surprise", "verification"].map((type) => {
    const n = Object.entries(byTypeStatus)
      .filter(([k]) => k.startsWith(`${type}/`))
      .reduce((a, [, v]) => a + v, 0);
    return `${n} ${type}`;
  });
  const states = Object.entries(measures)
    .map(([k, v]) => `${v} ${k}`)
    .join(", ");
  return `${total} (${types.join(", ")}); measures: ${states}`;
}

/** Prints the demo receipt and the demo accounts so a newcomer can try the site and the console. */
export function printDemoReceipt(demo: SeedSummary | undefined, baseUrl = "http://localhost:8787"): void {
  if (!demo) return;
  const accounts = Object.values(DEMO_ACCOUNTS).map(
    (a) =>
      `  ${a.email.padEnd(24)}${a.role}${a === DEMO_ACCOUNTS.inspector2 ? ` (tied to ${unitById(RECUSED_WARD_ID).name})` : ""}`,
  );
  console.log(
    [
      "",
      `Sample data seeded (a sample, not real reports): ${demo.reports} reports in ${demo.leads} leads.`,
      "Try the follow page with a demo receipt:",
      `  ${baseUrl}/theo-doi/`,
      `  Mã theo dõi / tracking code: ${demo.trackingCode}`,
      `  Mã bí mật / secret:          ${demo.secret}`,
      ...(demo.concluded
        ? [
            "A receipt whose lead was inspected and concluded (the reporter sees the outcome):",
            `  Mã theo dõi / tracking code: ${demo.concluded.trackingCode}`,
            `  Mã bí mật / secret:          ${demo.concluded.secret}`,
          ]
        : []),
      ...(demo.inspections ? [`Inspections (${demo.year} plan and others): ${describe(demo.inspections)}`] : []),
      "",
      `Inspection console: ${baseUrl}/kiem-tra/dang-nhap/ (password "${DEMO_PASSWORD}" for every demo account)`,
      ...accounts,
      "",
    ].join("\n"),
  );
  printDemoClient(demo.apiKey, baseUrl);
}

function parseArgs(argv: readonly string[]) {
  const args: { local: boolean; unitsOnly: boolean; persistTo: string | undefined } = {
    local: false,
    unitsOnly: false,
    persistTo: undefined,
  };
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
