// `npm run test:commands` (part of `npm test`): every command the README
// documents, run in a fresh clone of this repository's HEAD, as a newcomer
// would after `git clone`. No site/dist, no .wrangler state, no .dev.vars.
// The clone borrows this checkout's node_modules (a symlink), so nothing is
// downloaded; installing is what `npm test` itself does first on CI's clone.
//
// Each command must exit 0, and the generated files must not drift:
// `npm run db:generate` finds no schema change and `npm run cf-typegen`
// rewrites worker-configuration.d.ts to the committed bytes. The deploy is a
// `wrangler deploy --dry-run`: the bundle builds, nothing is sent anywhere.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, ROOT, wranglerEnv } from "./lib/wrangler.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./seed/accounts.ts";

const STEP_TIMEOUT_MS = 6 * 60_000;

interface Outcome {
  name: string;
  ok: boolean;
  seconds: number;
  detail?: string;
}

const outcomes: Outcome[] = [];

function runIn(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(command, args, {
    cwd,
    env: wranglerEnv({ CI: "true", NO_COLOR: "1", ASTRO_TELEMETRY_DISABLED: "1", ...env }),
    encoding: "utf8",
    timeout: STEP_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Runs `npm run <script>` in the clone; `check` may add a reason to fail from its output. */
function step(
  clone: string,
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  check: (output: string) => string | undefined = () => undefined,
): void {
  const t0 = Date.now();
  const result = runIn(clone, "npm", ["run", "--silent", ...args], env);
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  const failure =
    result.error?.message ??
    (result.status !== 0 ? `exit ${result.status ?? result.signal}` : undefined) ??
    check(output);
  record(name, t0, failure, output);
}

function record(name: string, t0: number, failure: string | undefined, output = ""): void {
  const seconds = Math.round((Date.now() - t0) / 100) / 10;
  outcomes.push({ name, ok: !failure, seconds, detail: failure });
  console.log(`${failure ? "✖" : "✔"} ${name} (${seconds} s)${failure ? `: ${failure}` : ""}`);
  if (failure) console.log(`  ${output.slice(-4000).replaceAll("\n", "\n  ")}`);
}

/** Files of the clone that differ from HEAD: a generator that drifted. */
function drift(clone: string): string | undefined {
  const status = runIn(clone, "git", ["status", "--porcelain"]).stdout.trim();
  return status ? `files changed in the clone:\n${status}` : undefined;
}

/** What a start must show once it answers: a reason to fail, or undefined. */
type StartCheck = (base: string, output: string) => Promise<string | undefined>;

/** The demo start printed its receipt. */
const demoStart: StartCheck = async (_base, output) =>
  output.includes("Demo") || output.includes("demo") ? undefined : "no demo receipt was printed";

/** The empty start: the official directory is there (found by a pre-2025 name), no accounts, and it says how to make one. */
const emptyStart: StartCheck = async (base, output) => {
  if (!output.includes("admin:create")) return "it did not say how to create the first administrator";
  const units = await fetch(`${base}/api/units?q=${encodeURIComponent("Trúc Bạch")}`);
  const body = (await units.json()) as { items?: Array<{ name: string }> };
  if (!body.items?.some((u) => u.name === "Phường Ba Đình"))
    return "a search for Trúc Bạch did not find Phường Ba Đình";
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email: DEMO_ACCOUNTS.admin.email, password: DEMO_PASSWORD }),
  });
  return login.status === 401 ? undefined : `a demo account signed in (${login.status})`;
};

/** `npm start` (with `args`) until the home page and the API answer and `check` passes, then Ctrl+C. */
async function startAndStop(clone: string, name: string, args: string[], check: StartCheck): Promise<void> {
  const t0 = Date.now();
  const port = await freePort();
  const child: ChildProcess = spawn("npm", ["run", "--silent", "start:local", ...args], {
    cwd: clone,
    env: wranglerEnv({ PORT: String(port), CI: "true", NO_COLOR: "1", ASTRO_TELEMETRY_DISABLED: "1" }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolveExit) => child.on("exit", () => resolveExit()));
  let failure: string | undefined = "the server did not answer within the time allowed";
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const base = `http://127.0.0.1:${port}`;
      const health = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) });
      const home = await fetch(`${base}/`, { signal: AbortSignal.timeout(5000) });
      if (health.ok && home.ok && (await home.text()).includes("Phản ánh")) {
        failure = await check(base, output);
        break;
      }
    } catch {
      // not up yet
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
  }
  if (child.exitCode !== null) failure = `npm start exited with ${child.exitCode}`;
  if (child.pid !== undefined) {
    try {
      process.kill(-child.pid, "SIGINT");
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
  }
  record(name, t0, failure, output);
}

async function main(): Promise<void> {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), "pacv-commands-"));
  const clone = join(work, "clone");
  try {
    const cloned = runIn(work, "git", ["clone", "--quiet", "--no-local", ROOT, clone]);
    if (cloned.status !== 0) throw new Error(`git clone failed: ${cloned.stderr}`);
    symlinkSync(join(ROOT, "node_modules"), join(clone, "node_modules"), "dir");
    console.log(`commands: a fresh clone of HEAD in ${clone}`);

    // First, before anything has built the site: the benchmark must build it itself.
    step(clone, "npm run bench (tiny sizes, on a clone with no site/dist)", ["bench:run"], {
      BENCH_REPORTS: "1100",
      BENCH_SMALL_REPORTS: "1000",
      BENCH_DURATION: "1",
      BENCH_CONNECTIONS: "2",
      BENCH_POOL: "10",
    });
    await startAndStop(clone, "npm start (serves the site and the API, then Ctrl+C)", [], demoStart);
    await startAndStop(
      clone,
      "npm start -- --empty (the official directory only, no demo accounts, then Ctrl+C)",
      ["--", "--empty"],
      emptyStart,
    );
    step(clone, "npm run db:migrate:local", ["db:migrate:local"]);
    step(clone, "npm run db:seed:local (again: rows already there are kept)", ["db:seed:local"]);
    step(
      clone,
      "npm run db:directory -- --local (again: nothing to change)",
      ["db:directory", "--", "--local"],
      {},
      (out) => (out.includes("Nothing to change.") ? undefined : "the second directory load changed something"),
    );
    step(clone, "npm run admin:create", ["admin:create", "--", "--email", "first.admin@example.org"], {}, (out) =>
      /[A-Z2-7]{4}-[A-Z2-7]{4}/.test(out) ? undefined : "no one-time password was printed",
    );
    step(clone, "npm run db:generate (no schema drift)", ["db:generate"], {}, (out) =>
      out.includes("No schema changes") ? drift(clone) : "drizzle-kit found schema changes",
    );
    step(clone, "npm run cf-typegen (no binding-type drift)", ["cf-typegen"], {}, () => drift(clone));
    step(clone, "npm run db:holidays -- --check (no holiday migration drift)", ["db:holidays", "--", "--check"]);
    const t0 = Date.now();
    const dry = runIn(clone, join(clone, "node_modules/.bin/wrangler"), [
      "deploy",
      "--dry-run",
      "--outdir",
      join(work, "bundle"),
    ]);
    record(
      "npm run deploy's bundle (wrangler deploy --dry-run)",
      t0,
      dry.status === 0 ? undefined : `exit ${dry.status}`,
      `${dry.stdout}${dry.stderr}`,
    );
  } catch (error) {
    record("setup", started, error instanceof Error ? error.message : String(error));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const failed = outcomes.filter((o) => !o.ok).length;
  console.log(`\ncommands: ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`${outcomes.length - failed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main();
