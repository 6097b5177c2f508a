// The built site: wrangler.toml serves site/dist as static assets, and
// `wrangler dev` refuses to start when that directory does not exist, so every
// command that starts the Worker builds the site first on a fresh clone.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./wrangler.ts";

/** Builds the Astro site into site/dist (`astro build --root site`); throws if the build fails. */
export function buildSite(): void {
  const astro = join(ROOT, "node_modules/astro/bin/astro.mjs");
  const result = spawnSync(process.execPath, [astro, "build", "--root", "site"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("The site did not build (astro build --root site)");
}

/** Builds the site unless site/dist already holds one (as after `npm run build`). */
export function ensureSiteBuilt(log = (line: string) => console.log(line)): void {
  if (existsSync(join(ROOT, "site/dist/index.html"))) return;
  log("site/dist is missing: building the site first (astro build --root site)…");
  buildSite();
}
