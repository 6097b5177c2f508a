// `npm start`: everything a newcomer needs on a fresh clone, all local.
// 1. .dev.vars with generated secrets (first run only);
// 2. the Astro site built into site/dist;
// 3. migrations applied to the local embedded D1 (never the remote one);
// 4. the official directory (npm run db:directory) and sample data seeded once
//    (marker: settings.demo_seeded_at); on later starts the directory is
//    brought up to date (idempotent) and the sample left alone;
// 5. `wrangler dev` on 127.0.0.1:${PORT:-8787}, in the foreground.
//
// `npm start -- --empty` is the production-like start: its own database in
// .wrangler/empty-state (the demo's is left alone), with the migrations
// (categories, holidays), the official directory and nothing else: no demo
// reports, no demo accounts. It prints how to create the first administrator.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ensureDevVars } from "./lib/dev-vars.ts";
import { EMPTY_STATE, prepareEmptyDatabase } from "./lib/empty-database.ts";
import { buildSite } from "./lib/site.ts";
import { applyMigrations, ROOT, wranglerEnv } from "./lib/wrangler.ts";
import { describeLoad, loadDirectory } from "./load-directory.ts";
import { ensureDemoClient, isSeeded, printDemoClient, printDemoReceipt, seedLocal } from "./seed-local.ts";

const port = process.env.PORT ?? "8787";

const { values: flags } = parseArgs({ options: { empty: { type: "boolean", default: false } } });

function step(message: string) {
  console.log(`\n▶ ${message}`);
}

async function main() {
  const added = ensureDevVars();
  if (added.length > 0) console.log(`Created local secrets in .dev.vars: ${added.join(", ")}`);

  step("Building the site (astro build --root site)");
  buildSite();

  const persistTo = flags.empty ? join(ROOT, EMPTY_STATE) : undefined;
  if (persistTo) {
    console.log(describeLoad(await prepareEmptyDatabase(persistTo, { quiet: false, onStep: step })));
    console.log("\nThis database has no accounts. Create the first administrator in another terminal:");
    console.log(`  npm run admin:create -- --email you@example.org --name "Họ và tên" --persist-to ${EMPTY_STATE}`);
    console.log("It prints a one-time password; sign in at /kiem-tra/dang-nhap/ and change it.");
  } else {
    step("Applying migrations to the local D1");
    applyMigrations({ quiet: false });
    if (isSeeded()) {
      step("Loading the official directory (npm run db:directory -- --local)");
      console.log(describeLoad(await loadDirectory({ remote: false })));
      console.log("\nSample data already seeded (settings.demo_seeded_at is set); skipping.");
      printDemoClient(await ensureDemoClient(), `http://localhost:${port}`);
    } else {
      step("Loading the official directory, then seeding sample data (local only)");
      printDemoReceipt(await seedLocal(), `http://localhost:${port}`);
    }
  }

  step(`Serving on http://localhost:${port} (Ctrl+C to stop)`);
  console.log(`  Trang chủ:      http://localhost:${port}/`);
  console.log(`  Gửi phản ánh:   http://localhost:${port}/phan-anh/`);
  console.log(`  Theo dõi:       http://localhost:${port}/theo-doi/`);
  console.log(
    `  Kiểm tra:       http://localhost:${port}/kiem-tra/ (${flags.empty ? "the administrator you create" : "demo accounts: see README"})`,
  );
  console.log(`  English:        http://localhost:${port}/en/`);
  console.log(`  API health:     http://localhost:${port}/api/health\n`);

  const wranglerJs = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
  const persistArgs = persistTo ? ["--persist-to", persistTo] : [];
  const args = [wranglerJs, "dev", "--local", "--port", port, "--ip", "127.0.0.1", ...persistArgs];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: "inherit",
    env: wranglerEnv(),
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("exit", (code, signal) => {
    process.exit(code ?? (signal ? 128 + (signal === "SIGINT" ? 2 : 15) : 1));
  });
}

main().catch((error) => {
  console.error(`\nnpm start failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
