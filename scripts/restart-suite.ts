// Restart suite (`npm run test:restart`, part of `npm test`): reports filed
// with an Idempotency-Key survive hard crashes of the server. `wrangler dev`
// runs on a free port with a fresh local D1/R2 in a temporary directory (the
// migrations and the sample units only), generated secrets, a low ALTCHA cost
// and a rate limit high enough never to answer 429.
//
// Several clients, each with its own CF-Connecting-IP, file reports; every
// report has its own key and body, and each attempt carries a freshly solved
// ALTCHA (the server leaves that field out when it compares bodies). A network
// error or a 5xx is retried with the same key and body, with backoff, until a
// 201 receipt, a bounded number of attempts or the deadline. Meanwhile the
// server is killed with SIGKILL (wrangler's node process and its workerd, the
// whole process group) at seeded moments, and restarted on the same port and
// the same persisted state; the clients retry through the outage.
//
// At the end: every key got a receipt; a replay of every key returns the same
// receipt; every receipt opens with its secret; no tracking code serves two
// keys; and the database holds exactly one report per key, each with its
// key's text (read with `wrangler d1 execute --local` once the server is
// stopped). The last lines read
//   restart: 100 submissions, 2 kills survived, 0 lost, 0 duplicated
//   N passed, M failed
//
// RESTART_SEED (9), RESTART_CLIENTS (5), RESTART_REPORTS (per client, 20) and
// RESTART_KILLS (2) change the defaults.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Receipt, ReportView } from "../worker/src/contracts/reports.ts";
import { generateSecrets } from "./lib/dev-vars.ts";
import {
  applyMigrations,
  type DevServer,
  freePort,
  query,
  ROOT,
  startDevServer,
  waitForHealth,
} from "./lib/wrangler.ts";
import {
  MAX_ATTEMPTS,
  newTally,
  type Outcome,
  pool,
  REQUEST_TIMEOUT_MS,
  replay,
  runClient,
} from "./restart/clients.ts";
import { groupMembers, type Member, PROCFS } from "./restart/processes.ts";
import { createRng } from "./seed/sql.ts";
import { seedLocal } from "./seed-local.ts";

/** One planned kill: done (with what it hit), or skipped because the clients were done. */
type Kill =
  | { index: number; skipped: true }
  | {
      index: number;
      skipped?: false;
      atMs: number;
      receipts: number;
      inFlight: number;
      members: Member[];
      survivors: Member[];
      downMs: number;
    };

const SEED = Number(process.env.RESTART_SEED ?? 9);
const CLIENTS = Number(process.env.RESTART_CLIENTS ?? 5);
const REPORTS_PER_CLIENT = Number(process.env.RESTART_REPORTS ?? 20);
const KILLS = Number(process.env.RESTART_KILLS ?? 2);
/** The clients give up on what is left this long after they start. */
const SUBMIT_DEADLINE_MS = 180_000;
/** Whatever happens, the suite stops and cleans up after this long. */
const HARD_STOP_MS = 300_000;
/** Kills fall when this share of the receipts is in, spread over the kills. */
const KILL_WINDOW: [number, number] = [0.1, 0.8];

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
const seconds = (ms: number) => (ms / 1000).toFixed(1);

async function main() {
  // wrangler.toml serves site/dist; wrangler dev refuses to start without it.
  if (!existsSync(join(ROOT, "site/dist/index.html"))) {
    console.error("restart: site/dist is missing: run `npm run build` first.");
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), "pacv-restart-"));
  const persistTo = join(work, "state");
  const rng = createRng(SEED);
  const runId = Date.now().toString(36);
  const vars = { ...generateSecrets(), ALTCHA_COST: "1", REPORTS_PER_CLIENT_PER_HOUR: "1000000" };
  const total = CLIENTS * REPORTS_PER_CLIENT;
  let server: DevServer | undefined;
  /** The server of the moment (`start` replaces it after each kill). */
  const live = (): DevServer => {
    if (!server) throw new Error("wrangler dev was not started");
    return server;
  };
  let passed = 0;
  let failed = 0;
  const check = (ok: boolean, name: string, detail?: string) => {
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? "✔" : "✖"} ${name}`);
    if (!ok && detail) console.log(`  ${String(detail).replaceAll("\n", "\n  ")}`);
  };
  const killGroup = () => {
    if (!server?.pid) return;
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  // Whatever ends this process (an error, the hard stop, Ctrl+C), the
  // server's processes go and the temporary directory with them.
  process.on("exit", () => {
    killGroup();
    rmSync(work, { recursive: true, force: true });
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => process.exit(signal === "SIGINT" ? 130 : 143));
  const hardStop = setTimeout(() => {
    console.log(`✖ hard stop: the suite was still running after ${HARD_STOP_MS / 1000} s`);
    console.log(`${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  }, HARD_STOP_MS);

  const logs: string[] = [];
  const start = async (port: number) => {
    for (let attempt = 1; ; attempt++) {
      const started = startDevServer({ port, persistTo, vars });
      server = started;
      try {
        await waitForHealth(started, 60_000);
        return;
      } catch (error) {
        logs.push(started.log());
        await started.stop();
        // The port can still be held for a moment after a kill.
        if (attempt >= 3) throw error;
        await sleep(1000);
      }
    }
  };

  const lost = new Set<string>();
  const duplicated = new Set<string>();
  let survived = 0;
  const kills: Kill[] = [];
  let figures = "";
  try {
    console.log("restart: applying migrations and the sample units to a fresh local D1…");
    applyMigrations({ persistTo });
    await seedLocal({ persistTo, unitsOnly: true });
    const port = await freePort();
    await start(port);
    const baseUrl = live().url;
    console.log(`restart: wrangler dev answers on ${baseUrl} (${seconds(Date.now() - started)} s)`);

    // Seeded kill points: a receipt count in each slice of the window, and a
    // delay after it, so kills do not line up with answers.
    const [low, high] = KILL_WINDOW;
    const schedule = Array.from({ length: KILLS }, (_, k) => {
      const from = low + ((high - low) * k) / KILLS;
      const share = from + rng.next() * ((high - low) / KILLS);
      return { at: Math.max(1, Math.round(share * total)), delayMs: rng.int(0, 250) };
    });
    console.log(
      `restart: ${CLIENTS} clients × ${REPORTS_PER_CLIENT} reports, seed ${SEED}, kills after ${schedule
        .map((s) => `${s.at} receipts + ${s.delayMs} ms`)
        .join(", ")}`,
    );

    const tally = newTally();
    const done = { count: 0 };
    const deadline = Date.now() + SUBMIT_DEADLINE_MS;
    const clientsStarted = Date.now();
    let clientsFinished = false;
    const clients = Promise.all(
      Array.from({ length: CLIENTS }, (_, client) =>
        runClient({
          baseUrl,
          client,
          runId,
          seed: SEED * 1000 + client,
          reports: REPORTS_PER_CLIENT,
          tally,
          deadline,
          done,
        }),
      ),
    ).finally(() => {
      clientsFinished = true;
    });

    const killer = (async () => {
      let floor = 0;
      for (const [index, planned] of schedule.entries()) {
        const at = Math.max(planned.at, floor);
        while (done.count < at && !clientsFinished) await sleep(10);
        if (clientsFinished) {
          kills.push({ index: index + 1, skipped: true });
          continue;
        }
        await sleep(planned.delayMs);
        // Aim at a POST on the wire, so that a kill can fall between a report's
        // commit and its answer.
        const aimUntil = Date.now() + 2000;
        while (tally.inFlight === 0 && !clientsFinished && Date.now() < aimUntil) await sleep(2);
        const members = groupMembers(live().pid);
        const t0 = Date.now();
        const receiptsAtKill = done.count;
        const inFlight = tally.inFlight;
        killGroup();
        let left = members;
        while ((live().isRunning() || left.length > 0) && Date.now() - t0 < 5000) {
          await sleep(20);
          left = groupMembers(live().pid);
        }
        const down = Date.now();
        logs.push(live().log());
        await start(port);
        kills.push({
          index: index + 1,
          atMs: t0 - clientsStarted,
          receipts: receiptsAtKill,
          inFlight,
          members,
          survivors: left,
          downMs: Date.now() - down,
        });
        floor = done.count + 3;
      }
    })();

    const [perClient] = await Promise.all([clients, killer]);
    const outcomes = perClient.flat();
    const submitMs = Date.now() - clientsStarted;

    for (const kill of kills) {
      if (kill.skipped) {
        check(false, `kill ${kill.index}: happened while reports were being filed`, "the clients finished first");
        continue;
      }
      const names = kill.members.map((m) => `${m.name} ${m.pid}`).join(", ");
      console.log(
        `restart: kill ${kill.index} at ${seconds(kill.atMs)} s (${kill.receipts}/${total} receipts, ${kill.inFlight} POST${kill.inFlight === 1 ? "" : "s"} in flight): SIGKILL to ${names}; answering again after ${seconds(kill.downMs)} s`,
      );
      // Without /proc (not Linux) the group's members are unknown: only the restart is checked.
      const ok = !PROCFS || (kill.survivors.length === 0 && kill.members.some((m) => m.name.includes("workerd")));
      check(
        ok,
        `kill ${kill.index}: node and workerd killed, server restarted on the same state`,
        ok ? undefined : `killed ${JSON.stringify(kill.members)}, still alive ${JSON.stringify(kill.survivors)}`,
      );
      if (ok) survived++;
    }

    const failures = outcomes.filter((o) => !o.receipt);
    for (const o of failures) lost.add(o.key);
    check(
      failures.length === 0,
      `every key got a 201 receipt within ${MAX_ATTEMPTS} attempts (${outcomes.length - failures.length}/${outcomes.length})`,
      failures
        .slice(0, 10)
        .map((o) => `${o.key}: ${o.failure}`)
        .join("\n"),
    );

    const withReceipt = outcomes.filter((o): o is Outcome & { receipt: Receipt } => Boolean(o.receipt));
    const replays = await pool(withReceipt, CLIENTS, (o) => replay(baseUrl, o));
    const replayDiff: string[] = [];
    withReceipt.forEach((o, i) => {
      const r = replays[i] as Awaited<ReturnType<typeof replay>>;
      if (r.receipt) o.codes.add(r.receipt.trackingCode);
      if (o.codes.size > 1) duplicated.add(o.key);
      if (
        r.status !== 201 ||
        r.receipt?.trackingCode !== o.receipt.trackingCode ||
        r.receipt?.secret !== o.receipt.secret
      ) {
        replayDiff.push(
          `${o.key}: ${r.status} ${r.receipt ? JSON.stringify(r.receipt) : (r.text ?? "").slice(0, 200)}`,
        );
      }
    });
    check(
      replayDiff.length === 0,
      `a replay of every key returns its receipt (one tracking code per key, ${withReceipt.length} keys)`,
      replayDiff.slice(0, 10).join("\n"),
    );

    const byCode = new Map<string, Outcome[]>();
    for (const o of withReceipt) byCode.set(o.receipt.trackingCode, [...(byCode.get(o.receipt.trackingCode) ?? []), o]);
    const shared = [...byCode.entries()].filter(([, list]) => list.length > 1);
    for (const [, list] of shared) for (const o of list) duplicated.add(o.key);
    check(
      shared.length === 0,
      "no tracking code answers two keys",
      shared.map(([code, list]) => `${code}: ${list.map((o) => o.key).join(", ")}`).join("\n"),
    );

    const opened = await pool(withReceipt, CLIENTS, async (o) => {
      const response = await fetch(`${baseUrl}/api/reports/${encodeURIComponent(o.receipt.trackingCode)}`, {
        headers: { authorization: `Bearer ${o.receipt.secret}` },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      const view: ReportView | undefined = response.status === 200 ? JSON.parse(text) : undefined;
      const ok =
        view?.trackingCode === o.receipt.trackingCode &&
        view.unitId === o.body.unitId &&
        view.categoryCode === o.body.categoryCode;
      return ok ? undefined : `${o.key} → ${o.receipt.trackingCode}: ${response.status} ${text.slice(0, 200)}`;
    });
    const closed = opened.filter(Boolean);
    withReceipt.forEach((o, i) => {
      if (opened[i]) lost.add(o.key);
    });
    check(
      closed.length === 0,
      `every receipt opens with its secret (GET /api/reports/{trackingCode} → 200, its unit and category; ${withReceipt.length - closed.length}/${withReceipt.length})`,
      closed.slice(0, 10).join("\n"),
    );

    check(
      tally.workerProblems.length === 0,
      "no 5xx problem from the Worker itself (only the outage's connection errors and proxy answers)",
      tally.workerProblems.slice(0, 10).join("\n"),
    );

    await live().stop();
    const [counts] = query<{ reports: number; codes: number; keys: number; identities: number }>(
      "SELECT (SELECT COUNT(*) FROM reports) AS reports, (SELECT COUNT(DISTINCT tracking_code) FROM reports) AS codes, " +
        "(SELECT COUNT(*) FROM idempotency_keys) AS keys, " +
        "(SELECT COUNT(DISTINCT bucket) FROM rate_limits WHERE bucket LIKE 'reports:%') AS identities",
      { persistTo },
    );
    const stored = query<{ tracking_code: string; description: string }>(
      "SELECT tracking_code, description FROM reports",
      { persistTo },
    );
    const storedByCode = new Map(stored.map((row) => [row.tracking_code, row.description]));
    const unmatched: string[] = [];
    for (const o of withReceipt) {
      const description = storedByCode.get(o.receipt.trackingCode);
      if (description !== o.body.description) {
        lost.add(o.key);
        unmatched.push(
          `${o.key} → ${o.receipt.trackingCode}: ${description === undefined ? "not stored" : "another text"}`,
        );
      }
    }
    const receiptCodes = new Set(withReceipt.map((o) => o.receipt.trackingCode));
    const extra = stored.filter((row) => !receiptCodes.has(row.tracking_code));
    for (const row of extra) {
      const key = /\((restart-[^)]+)\)/.exec(row.description)?.[1] ?? row.tracking_code;
      duplicated.add(key);
    }
    check(
      Number(counts?.reports) === total &&
        Number(counts?.codes) === total &&
        unmatched.length === 0 &&
        extra.length === 0,
      `the database holds one report per key (${counts?.reports} reports, ${counts?.codes} tracking codes, ${total} keys)`,
      [
        ...unmatched.slice(0, 10),
        ...extra.slice(0, 10).map((row) => `stored but never answered: ${row.tracking_code} ${row.description}`),
      ].join("\n"),
    );
    check(Number(counts?.keys) === total, `one remembered response per key (${counts?.keys} idempotency rows)`);

    const fivexx = Object.entries(tally.serverErrors)
      .map(([status, n]) => `${n}×${status}`)
      .join(", ");
    figures = [
      `restart: filing took ${seconds(submitMs)} s: ${tally.posts} POSTs and ${tally.challenges} challenge fetches for ${total} reports; ` +
        `network errors on ${tally.networkErrors.post} POSTs and ${tally.networkErrors.challenge} challenge fetches, ` +
        `${fivexx || "no"} 5xx answers, all retried`,
      `restart: ${tally.retriedKeys} keys needed more than one attempt (at most ${tally.maxAttempts}); ` +
        `${tally.recovered} got a receipt stored by an earlier attempt whose answer was lost`,
      `restart: ${counts?.identities} client identities in the rate-limit buckets for ${CLIENTS} clients ` +
        `(CF-Connecting-IP ${Number(counts?.identities) >= CLIENTS ? "is" : "is not"} passed through locally)`,
    ].join("\n");
  } catch (error) {
    failed++;
    console.log(`✖ the run stopped: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  } finally {
    clearTimeout(hardStop);
    if (server && failed > 0) {
      logs.push(server.log());
      console.log("\n----- wrangler dev log (last run first) -----");
      console.log(logs.reverse().join("\n----- previous run -----\n").slice(0, 20_000));
      console.log("----- end of wrangler dev log -----\n");
    }
    await server?.stop();
  }
  if (figures) console.log(figures);
  console.log(`restart: ${seconds(Date.now() - started)} s`);
  console.log(
    `restart: ${total} submissions, ${survived} kills survived, ${lost.size} lost, ${duplicated.size} duplicated`,
  );
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main();
