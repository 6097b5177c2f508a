// Browser tests (`npm run test:e2e`, part of `npm test`): the built site and
// the Worker under `wrangler dev`, on a free port with a fresh local D1/R2 in a
// temporary directory and freshly generated secrets, so nothing depends on the
// developer's .dev.vars or .wrangler/state. Debian's Chromium drives the pages
// through playwright-core; no browser is downloaded.
//
// Two worlds, one after the other, each with its own `wrangler dev`:
// - the seeded world (e2e/*.e2e.ts): the full local sample (units, reports
//   placed into leads, the year's plan with inspections and measures, demo
//   accounts), as after `npm start`;
// - the empty world (e2e/*.empty.e2e.ts): only what `npm start -- --empty`
//   prepares (migrations and the official directory, prepareEmptyDatabase),
//   plus a first administrator created by the real CLI
//   (`node scripts/create-admin.ts --persist-to DIR`), whose one-time
//   password the tests get in `ctx.empty`.
//
// Each e2e file exports `tests`: [{ name, run(ctx) }], run in order, files in
// FILE_ORDER first. A failing test skips the rest of its own file.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from "playwright-core";
import type { E2eContext, E2eModule, E2eTest } from "../e2e/lib/context.ts";
import { generateSecrets } from "./lib/dev-vars.ts";
import { prepareEmptyDatabase } from "./lib/empty-database.ts";
import { ensureSiteBuilt } from "./lib/site.ts";
import { applyMigrations, type DevServer, freePort, ROOT, startDevServer, waitForHealth } from "./lib/wrangler.ts";
import { seedLocal } from "./seed-local.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

function fail(message: string): never {
  console.error(`e2e: ${message}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}

/** The reporter's test files its report before the console's tests look at the queue. */
const FILE_ORDER = ["report.e2e.ts", "console.e2e.ts"];

/** Files of the empty world end so; every other *.e2e.ts runs in the seeded one. */
const EMPTY_SUFFIX = ".empty.e2e.ts";

/** The first administrator the empty world creates with the CLI. */
const FIRST_ADMIN = { email: "chanh.thanhtra@e2e.example.org", name: "Nguyễn Thị Thanh (quản trị, e2e)" };

/** Every browser context of a run: Vietnamese, Hà Nội time, a 360 px screen. */
const CONTEXT_OPTIONS: BrowserContextOptions = {
  locale: "vi-VN",
  timezoneId: "Asia/Ho_Chi_Minh",
  viewport: { width: 360, height: 780 },
  acceptDownloads: true,
};

/** A test of one e2e file, named after its file. */
type LoadedTest = E2eTest & { file: string };

/** What the runs so far add up to. */
interface Tally {
  passed: number;
  failed: number;
}

async function loadTests(): Promise<{ seeded: LoadedTest[]; empty: LoadedTest[] }> {
  const dir = join(ROOT, "e2e");
  const rank = (file: string) => (FILE_ORDER.includes(file) ? FILE_ORDER.indexOf(file) : FILE_ORDER.length);
  // E2E_FILES=a.e2e.ts,b.e2e.ts runs only those files (while working on them; files that read another's state fail).
  const only = process.env.E2E_FILES?.split(",").map((name) => name.trim());
  const files = readdirSync(dir)
    .filter((file) => file.endsWith(".e2e.ts") && (!only || only.includes(file)))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const seeded: LoadedTest[] = [];
  const empty: LoadedTest[] = [];
  for (const file of files) {
    const module: E2eModule = await import(pathToFileURL(join(dir, file)).href);
    const world = file.endsWith(EMPTY_SUFFIX) ? empty : seeded;
    for (const test of module.tests) world.push({ ...test, file, name: `${file}: ${test.name}` });
  }
  return { seeded, empty };
}

/** Runs `tests` in order with `ctx`; a failure skips the rest of its file (unless `stopOnFailure: false`). */
async function runTests(tests: LoadedTest[], ctx: E2eContext, tally: Tally): Promise<void> {
  const skipped = new Set<string>();
  for (const test of tests) {
    if (skipped.has(test.file)) {
      tally.failed++;
      continue;
    }
    const t0 = Date.now();
    try {
      await test.run(ctx);
      tally.passed++;
      console.log(`✔ ${test.name} (${Date.now() - t0} ms)`);
    } catch (error) {
      tally.failed++;
      console.log(`✖ ${test.name} (${Date.now() - t0} ms)`);
      console.log(`  ${error instanceof Error ? (error.stack ?? error.message) : error}`.replaceAll("\n", "\n  "));
      if (test.stopOnFailure !== false) {
        const rest = tests.slice(tests.indexOf(test) + 1).filter((t) => t.file === test.file).length;
        if (rest > 0) console.log(`  (skipping ${rest} test(s) of ${test.file} that depend on it)`);
        skipped.add(test.file);
      }
    }
  }
}

/** Prints the end of wrangler's log when the world had a failure, then stops the server. */
async function stopServer(server: DevServer | undefined, failedBefore: number, tally: Tally): Promise<void> {
  if (server && tally.failed > failedBefore) {
    console.log("\n----- wrangler dev log -----");
    console.log(server.log().slice(-20_000));
    console.log("----- end of wrangler dev log -----\n");
  }
  await server?.stop();
}

/** The seeded world: the full local sample, one persistent Chromium profile. */
async function seededWorld(work: string, tests: LoadedTest[], tally: Tally, started: number): Promise<void> {
  const persistTo = join(work, "state");
  const failedBefore = tally.failed;
  let server: DevServer | undefined;
  let context: BrowserContext | undefined;
  try {
    console.log("e2e: applying migrations and the full local sample to a fresh local D1…");
    applyMigrations({ persistTo });
    const secrets = generateSecrets();
    await seedLocal({ persistTo, contactKey: secrets.CONTACT_KEY });
    console.log(`e2e: seeded (${((Date.now() - started) / 1000).toFixed(1)} s)`);

    const port = await freePort();
    // A low ALTCHA cost: the tests that file through the API solve it in Node.
    server = startDevServer({ port, persistTo, vars: { ...secrets, ALTCHA_COST: "20" } });
    await waitForHealth(server, 60_000);
    console.log(`e2e: wrangler dev answers on ${server.url} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

    context = await chromium.launchPersistentContext(join(work, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      chromiumSandbox: false,
      args: CHROMIUM_FLAGS,
      ...CONTEXT_OPTIONS,
    });
    context.setDefaultTimeout(30_000);
    await runTests(tests, { baseUrl: server.url, context, work, state: {} }, tally);
  } catch (error) {
    tally.failed++;
    console.log(`✖ setup: ${error instanceof Error ? error.message : error}`);
  } finally {
    await context?.close().catch(() => {});
    await stopServer(server, failedBefore, tally);
  }
}

/**
 * Creates the first administrator with the real CLI, as the README tells a
 * deployer to, and returns the one-time password it prints.
 */
function createFirstAdmin(persistTo: string): string {
  const output = execFileSync(
    process.execPath,
    [
      join(ROOT, "scripts/create-admin.ts"),
      "--email",
      FIRST_ADMIN.email,
      "--name",
      FIRST_ADMIN.name,
      "--persist-to",
      persistTo,
    ],
    { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
  );
  const password = /^One-time password: (\S+)$/m.exec(output)?.[1];
  if (!password) throw new Error(`create-admin printed no one-time password:\n${output}`);
  return password;
}

/**
 * The empty world: what `npm start -- --empty` prepares, the first
 * administrator from the CLI, and a browser whose tests can open fresh
 * contexts (a citizen with no cookies).
 */
async function emptyWorld(work: string, tests: LoadedTest[], tally: Tally, started: number): Promise<void> {
  const persistTo = join(work, "empty-state");
  const failedBefore = tally.failed;
  let server: DevServer | undefined;
  let browser: Browser | undefined;
  try {
    console.log("\ne2e: the empty world: migrations and the official directory only (npm start -- --empty)…");
    mkdirSync(persistTo, { recursive: true });
    await prepareEmptyDatabase(persistTo);
    const adminPassword = createFirstAdmin(persistTo);
    console.log(`e2e: empty database and first administrator ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);

    const port = await freePort();
    server = startDevServer({ port, persistTo, vars: { ...generateSecrets(), ALTCHA_COST: "20" } });
    await waitForHealth(server, 60_000);
    console.log(`e2e: wrangler dev answers on ${server.url} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

    const launched = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      chromiumSandbox: false,
      args: CHROMIUM_FLAGS,
    });
    browser = launched;
    const newContext = async () => {
      const context = await launched.newContext(CONTEXT_OPTIONS);
      context.setDefaultTimeout(30_000);
      return context;
    };
    const context = await newContext();
    const empty = { adminEmail: FIRST_ADMIN.email, adminPassword, newContext };
    await runTests(tests, { baseUrl: server.url, context, work, state: {}, empty }, tally);
  } catch (error) {
    tally.failed++;
    console.log(`✖ empty world setup: ${error instanceof Error ? error.message : error}`);
  } finally {
    await browser?.close().catch(() => {});
    await stopServer(server, failedBefore, tally);
  }
}

async function main() {
  ensureSiteBuilt();
  if (!existsSync(CHROMIUM)) {
    fail(
      `Chromium not found at ${CHROMIUM}. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  const { seeded, empty } = await loadTests();
  const work = mkdtempSync(join(tmpdir(), "pacv-e2e-"));
  const tally: Tally = { passed: 0, failed: 0 };
  const started = Date.now();
  // E2E_WORLD=seeded or E2E_WORLD=empty runs one world only (while working on its tests).
  const only = process.env.E2E_WORLD;
  try {
    if (seeded.length > 0 && only !== "empty") await seededWorld(work, seeded, tally, started);
    if (empty.length > 0 && only !== "seeded") await emptyWorld(work, empty, tally, started);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\ne2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  process.exit(tally.failed > 0 ? 1 : 0);
}

main();
