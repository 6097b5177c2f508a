// `npm start`: everything a newcomer needs on a fresh clone, all local.
// 1. .dev.vars with generated secrets (first run only);
// 2. the Astro site built into site/dist;
// 3. migrations applied to the local embedded D1 (never the remote one);
// 4. the official directory (npm run db:directory) and sample data seeded once
//    (marker: settings.demo_seeded_at); on later starts the directory is
//    brought up to date (idempotent) and the sample left alone;
// 5. `wrangler dev` on 127.0.0.1:${PORT:-8787}, in the foreground.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ensureDevVars } from "./lib/dev-vars.ts";
import { buildSite } from "./lib/site.ts";
import { applyMigrations, ROOT, wranglerEnv } from "./lib/wrangler.ts";
import { describeLoad, loadDirectory } from "./load-directory.ts";
import { isSeeded, printDemoReceipt, seedLocal } from "./seed-local.ts";

const port = process.env.PORT ?? "8787";

function step(message: string) {
  console.log(`\n▶ ${message}`);
}

async function main() {
  const added = ensureDevVars();
  if (added.length > 0) console.log(`Created local secrets in .dev.vars: ${added.join(", ")}`);

  step("Building the site (astro build --root site)");
  buildSite();

  step("Applying migrations to the local D1");
  applyMigrations({ quiet: false });

  if (isSeeded()) {
    step("Loading the official directory (npm run db:directory -- --local)");
    console.log(describeLoad(await loadDirectory({ remote: false })));
    console.log("\nSample data already seeded (settings.demo_seeded_at is set); skipping.");
  } else {
    step("Loading the official directory, then seeding sample data (local only)");
    printDemoReceipt(await seedLocal(), `http://localhost:${port}`);
  }

  step(`Serving on http://localhost:${port} (Ctrl+C to stop)`);
  console.log(`  Trang chủ:      http://localhost:${port}/`);
  console.log(`  Gửi phản ánh:   http://localhost:${port}/phan-anh/`);
  console.log(`  Theo dõi:       http://localhost:${port}/theo-doi/`);
  console.log(`  Kiểm tra:       http://localhost:${port}/kiem-tra/ (demo accounts: see README)`);
  console.log(`  English:        http://localhost:${port}/en/`);
  console.log(`  API health:     http://localhost:${port}/api/health\n`);

  const wranglerJs = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
  const child = spawn(process.execPath, [wranglerJs, "dev", "--local", "--port", port, "--ip", "127.0.0.1"], {
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
