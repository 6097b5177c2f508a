// Runs the project's wrangler (from node_modules, on the Node that runs this
// script) for the local scripts: migrations, SQL files and `wrangler dev`.
// Every call here is local unless a caller passes a `D1Target` with
// `remote: true` on purpose (only `npm run db:directory -- --remote`).
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root (two levels above this file). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const WRANGLER_JS = join(ROOT, "node_modules/wrangler/bin/wrangler.js");

/** Where the local D1 and R2 live: `--persist-to DIR`, or wrangler's default .wrangler/state when absent. */
export interface PersistOptions {
  persistTo?: string | undefined;
}

/** A row of a `wrangler d1 execute --json` result: column name → value. */
export type QueryRow = Record<string, string | number | null>;

/** A `wrangler dev` started by `startDevServer`. */
export interface DevServer {
  url: string;
  /** The PID of wrangler's node process, which leads its process group (workerd included). */
  pid: number | undefined;
  /** Everything wrangler printed so far (the last megabyte or two). */
  log(): string;
  isRunning(): boolean;
  /** SIGTERM to wrangler's process group, SIGKILL after 5 s if it is still there. */
  stop(): Promise<void>;
}

/** `startDevServer`'s options: `vars` become `--var KEY:VALUE` (they override .dev.vars). */
export interface DevServerOptions extends PersistOptions {
  port: number;
  vars?: Record<string, string>;
}

/**
 * Environment for wrangler: no telemetry, and no fetch of Cloudflare's
 * `Request.cf` sample from the internet (the placeholder is enough locally).
 */
export function wranglerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", ...extra };
}

/** `--persist-to DIR` when a directory is given, else nothing (wrangler's default .wrangler/state). */
export function persistArgs(persistTo: string | undefined): string[] {
  return persistTo ? ["--persist-to", persistTo] : [];
}

/**
 * Runs `wrangler <args>` to completion and returns its stdout. Throws with
 * wrangler's output when it fails, so the caller's error says why.
 */
export function wrangler(
  args: string[],
  { quiet = true, input, allowRemote = false }: { quiet?: boolean; input?: string; allowRemote?: boolean } = {},
): string {
  if (args.includes("--remote") && !allowRemote)
    throw new Error("Refusing to run wrangler against a remote resource from a local script");
  const result = spawnSync(process.execPath, [WRANGLER_JS, ...args], {
    cwd: ROOT,
    env: wranglerEnv({ CI: "true" }),
    encoding: "utf8",
    input,
    stdio: quiet ? ["pipe", "pipe", "pipe"] : ["pipe", "inherit", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const output = quiet ? `\n${result.stdout}\n${result.stderr}` : "";
    throw new Error(`wrangler ${args.join(" ")} failed (exit ${result.status})${output}`);
  }
  return result.stdout ?? "";
}

/** Applies every migration in migrations/ to the local D1. */
export function applyMigrations({ persistTo, quiet = true }: PersistOptions & { quiet?: boolean } = {}): void {
  wrangler(["d1", "migrations", "apply", "DB", "--local", ...persistArgs(persistTo)], { quiet });
}

/** Runs a SQL file against the local D1. */
export function executeFile(file: string, { persistTo }: PersistOptions = {}): void {
  wrangler(["d1", "execute", "DB", "--local", ...persistArgs(persistTo), "--file", file]);
}

/**
 * Runs a SQL file against the local D1 in the background: the promise settles
 * when wrangler exits, so the caller can prepare the next file meanwhile.
 */
export function executeFileAsync(file: string, { persistTo }: PersistOptions = {}): Promise<void> {
  const args = [WRANGLER_JS, "d1", "execute", "DB", "--local", ...persistArgs(persistTo), "--file", file];
  return new Promise<void>((resolveRun, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: wranglerEnv({ CI: "true" }) });
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolveRun()
        : reject(new Error(`wrangler d1 execute --file ${file} failed (exit ${code})\n${output}`)),
    );
  });
}

/** Rows returned by one SQL query against the local D1. */
export function query<Row extends QueryRow = QueryRow>(sql: string, { persistTo }: PersistOptions = {}): Row[] {
  const out = wrangler(["d1", "execute", "DB", "--local", ...persistArgs(persistTo), "--json", "--command", sql]);
  const start = out.indexOf("[");
  const parsed: { results?: Row[] }[] = JSON.parse(start >= 0 ? out.slice(start) : out);
  return parsed.flatMap((statement) => statement.results ?? []);
}

/** The D1 a command reads and writes: the local one (under `persistTo` when given) or, deliberately, the remote one. */
export type D1Target = { remote: true } | { remote: false; persistTo?: string | undefined };

function targetArgs(target: D1Target): string[] {
  return target.remote ? ["--remote"] : ["--local", ...persistArgs(target.persistTo)];
}

/** Rows returned by one SQL query against `target`. */
export function queryTarget<Row extends QueryRow = QueryRow>(sql: string, target: D1Target): Row[] {
  const out = wrangler(["d1", "execute", "DB", ...targetArgs(target), "--json", "--command", sql], {
    allowRemote: target.remote,
  });
  const start = out.indexOf("[");
  const parsed: { results?: Row[] }[] = JSON.parse(start >= 0 ? out.slice(start) : out);
  return parsed.flatMap((statement) => statement.results ?? []);
}

/** Runs a SQL file against `target`. */
export function executeFileTarget(file: string, target: D1Target): void {
  wrangler(["d1", "execute", "DB", ...targetArgs(target), "--file", file], { allowRemote: target.remote });
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * Starts `wrangler dev` in the background on 127.0.0.1 for a test or a
 * benchmark, in its own process group so that stopping it also stops workerd.
 * Output is kept in memory for `log()`; `--var` values override the developer's
 * .dev.vars so the run does not depend on it.
 */
export function startDevServer({ port, persistTo, vars = {} }: DevServerOptions): DevServer {
  const varArgs = Object.entries(vars).flatMap(([key, value]) => ["--var", `${key}:${value}`]);
  const args = [
    WRANGLER_JS,
    "dev",
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--local",
    "--show-interactive-dev-session=false",
    "--live-reload=false",
    ...persistArgs(persistTo),
    ...varArgs,
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: wranglerEnv({ CI: "true", NO_COLOR: "1" }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 2_000_000) output = output.slice(-1_000_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.on("exit", (code, signal) => resolveExit({ code, signal })),
  );
  let running = true;
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  // The server runs in its own process group, so Ctrl+C does not reach it:
  // stop it when this process is interrupted or exits for any reason.
  const onInterrupt = (signal: NodeJS.Signals) => {
    signalGroup("SIGKILL");
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  const onExit = () => signalGroup("SIGKILL");
  process.once("SIGINT", onInterrupt);
  process.once("SIGTERM", onInterrupt);
  process.once("exit", onExit);
  exited.then(() => {
    running = false;
    process.off("SIGINT", onInterrupt);
    process.off("SIGTERM", onInterrupt);
    process.off("exit", onExit);
  });

  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    log: () => output,
    isRunning: () => running,
    /** SIGTERM to wrangler's process group, SIGKILL after 5 s if it is still there. */
    async stop() {
      if (!running || child.pid === undefined) return;
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
      signalGroup("SIGKILL");
    },
  };
}

/**
 * Polls `GET /api/health` until it answers `{"status":"ok"}`. Throws after
 * `timeoutMs`, or at once if the server process died.
 */
export async function waitForHealth(server: DevServer, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!server.isRunning()) throw new Error("wrangler dev exited before it answered /api/health");
    try {
      const response = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(5000) });
      if (response.ok && ((await response.json()) as { status?: string }).status === "ok") return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
  throw new Error(`wrangler dev did not answer ${server.url}/api/health within ${timeoutMs / 1000} s`);
}
