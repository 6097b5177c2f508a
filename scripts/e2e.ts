// Browser tests (`npm run test:e2e`, part of `npm test`): the built site and
// the Worker under `wrangler dev`, on a free port with a fresh local D1/R2 in a
// temporary directory and freshly generated secrets, so nothing depends on the
// developer's .dev.vars or .wrangler/state. Debian's Chromium drives the pages
// through playwright-core; no browser is downloaded.
//
// The database holds the full local sample (units, reports placed into leads,
// the year's plan with inspections and measures, demo accounts), as after
// `npm start`.
//
// Each e2e/*.e2e.ts exports `tests`: [{ name, run(ctx) }], run in order,
// files in FILE_ORDER first. A failing test skips the rest of its own file.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium } from "playwright-core";
import type { E2eContext, E2eModule, E2eTest } from "../e2e/lib/context.ts";
import { generateSecrets } from "./lib/dev-vars.ts";
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

/** A test of one e2e file, named after its file. */
type LoadedTest = E2eTest & { file: string };

async function loadTests(): Promise<LoadedTest[]> {
  const dir = join(ROOT, "e2e");
  const rank = (file: string) => (FILE_ORDER.includes(file) ? FILE_ORDER.indexOf(file) : FILE_ORDER.length);
  const files = readdirSync(dir)
    .filter((file) => file.endsWith(".e2e.ts"))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const suites: LoadedTest[] = [];
  for (const file of files) {
    const module: E2eModule = await import(pathToFileURL(join(dir, file)).href);
    for (const test of module.tests) suites.push({ ...test, file, name: `${file}: ${test.name}` });
  }
  return suites;
}

async function main() {
  ensureSiteBuilt();
  if (!existsSync(CHROMIUM)) {
    fail(
      `Chromium not found at ${CHROMIUM}. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  const tests = await loadTests();
  const work = mkdtempSync(join(tmpdir(), "pacv-e2e-"));
  const persistTo = join(work, "state");
  let server: DevServer | undefined;
  let context: BrowserContext | undefined;
  let passed = 0;
  let failed = 0;
  const started = Date.now();
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
      locale: "vi-VN",
      timezoneId: "Asia/Ho_Chi_Minh",
      viewport: { width: 360, height: 780 },
      acceptDownloads: true,
    });
    context.setDefaultTimeout(30_000);

    const ctx: E2eContext = { baseUrl: server.url, context, work, state: {} };
    const skipped = new Set<string>();
    for (const test of tests) {
      if (skipped.has(test.file)) {
        failed++;
        continue;
      }
      const t0 = Date.now();
      try {
        await test.run(ctx);
        passed++;
        console.log(`✔ ${test.name} (${Date.now() - t0} ms)`);
      } catch (error) {
        failed++;
        console.log(`✖ ${test.name} (${Date.now() - t0} ms)`);
        console.log(`  ${error instanceof Error ? (error.stack ?? error.message) : error}`.replaceAll("\n", "\n  "));
        if (test.stopOnFailure !== false) {
          const rest = tests.slice(tests.indexOf(test) + 1).filter((t) => t.file === test.file).length;
          if (rest > 0) console.log(`  (skipping ${rest} test(s) of ${test.file} that depend on it)`);
          skipped.add(test.file);
        }
      }
    }
  } catch (error) {
    failed++;
    console.log(`✖ setup: ${error instanceof Error ? error.message : error}`);
  } finally {
    await context?.close().catch(() => {});
    if (server && failed > 0) {
      console.log("\n----- wrangler dev log -----");
      console.log(server.log().slice(-20_000));
      console.log("----- end of wrangler dev log -----\n");
    }
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`\ne2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main();
