// `npm run bench` (not part of `npm test`): measures the local Worker under
// `wrangler dev` with autocannon, on 127.0.0.1 only, for a bounded time, at
// two sizes of the same database:
//   1. small: the local sample (npm start's) topped up to BENCH_SMALL_REPORTS
//      (default 1 000) reports by the bulk path;
//   2. large: topped up to BENCH_REPORTS (default 1 000 000) reports by the
//      bulk path (scripts/seed/bulk.ts: leads, dismissals with reason codes,
//      inspections of every type, findings and corrective measures), timed.
// At each size it measures GET /api/health (the baseline), GET
// /api/public/stats for each groupBy over the last 12 Hanoi months, and the
// leads queue (GET /api/leads as the demo supervisor) and its search
// (scripts/bench/search.ts: words and a tracking code), twice for the
// statistics: as configured (Cache API on, STATS_CACHE_SECONDS default) and
// with the cache off (`--var STATS_CACHE_SECONDS:0`, every request runs the
// queries). The small size also measures POST /api/reports (challenge
// solved) and GET /api/units?q=xay, after the other routes (the submissions
// add reports).
// It prints requests/s, p50 and p99 for each, the ratio of each route to
// /api/health in the same server run, the large/small ratios, PASS/FAIL of
// the target (uncached statistics p50 at the large size within 2x of the
// small size) and how long seeding took; the figures go to .bench/ (gitignored).
//
// The server gets a fresh local D1 in a temporary directory, a low ALTCHA cost
// (the browser's proof of work is not what is measured here, the server's
// verification is) and a rate limit high enough not to answer 429.
//
// BENCH_REPORTS, BENCH_SMALL_REPORTS, BENCH_DURATION (s per route, 10),
// BENCH_CONNECTIONS (10) and BENCH_POOL (1000 challenges) change the
// defaults; BENCH_KEEP=1 keeps the database (for EXPLAIN QUERY PLAN) and
// prints where it is.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { REPORT, run, solvedPayloads, supervisorCookie } from "./bench/load.ts";
import {
  type BulkSeeded,
  type Measured,
  measured,
  printTable,
  type Route,
  type RouteResult,
  ratio,
  type Size,
  type SizeData,
  summary,
} from "./bench/results.ts";
import { prepareSearch, searchRoutes } from "./bench/search.ts";
import {
  CONNECTIONS,
  DURATION_S,
  GROUP_BYS,
  LARGE_REPORTS,
  POOL_SIZE,
  SMALL_REPORTS,
  TARGET_RATIO,
} from "./bench/settings.ts";
import { generateSecrets } from "./lib/dev-vars.ts";
import { loadDomain } from "./lib/domain.ts";
import { ensureSiteBuilt } from "./lib/site.ts";
import {
  applyMigrations,
  type DevServer,
  executeFileAsync,
  freePort,
  query,
  ROOT,
  startDevServer,
  waitForHealth,
} from "./lib/wrangler.ts";
import { bulkSqlFiles } from "./seed/bulk.ts";
import { seedLocal } from "./seed-local.ts";

const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;
/** The last 12 whole Hanoi months, as the public page's default period. */
function lastTwelveMonths(now = new Date()) {
  const hanoi = new Date(now.getTime() + 7 * 3_600_000);
  const y = hanoi.getUTCFullYear();
  const m = hanoi.getUTCMonth();
  const from = new Date(Date.UTC(y, m - 11, 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10);
  return { from, to };
}

const PERIOD = lastTwelveMonths();
const statsPath = (groupBy: string) => `/api/public/stats?from=${PERIOD.from}&to=${PERIOD.to}&groupBy=${groupBy}`;

function reportCount(persistTo: string): number {
  return Number(query("SELECT COUNT(*) AS n FROM reports", { persistTo })[0]?.n ?? 0);
}

/**
 * Adds `reports` reports (and their leads, inspections, findings, measures)
 * by the bulk path: SQL files applied one after another by `wrangler d1
 * execute --local --file`, the next file generated while the last is applied.
 */
async function bulkSeed({
  work,
  persistTo,
  reports,
  batch,
}: {
  work: string;
  persistTo: string;
  reports: number;
  batch: number;
}): Promise<BulkSeeded> {
  const t0 = Date.now();
  const dir = join(work, `bulk-${batch}`);
  mkdirSync(dir);
  const files = bulkSqlFiles(await loadDomain(), { dir, reports, batch });
  let applying = Promise.resolve();
  let megabytes = 0;
  let step = files.next();
  while (!step.done) {
    const file = step.value;
    megabytes += statSync(file).size / 1e6;
    await applying;
    applying = executeFileAsync(file, { persistTo }).then(() => rmSync(file));
    step = files.next();
  }
  await applying;
  rmSync(dir, { recursive: true, force: true });
  return { ...step.value, megabytes: Math.round(megabytes), seconds: seconds(t0) };
}

/**
 * One `wrangler dev` on the database: warms it up, then runs `routes` (name,
 * path, options) one after the other, each with its ratio to /api/health
 * measured first in the same server run.
 */
async function measure({
  persistTo,
  vars,
  label,
  size,
  routes,
  log,
}: {
  persistTo: string;
  vars: Record<string, string>;
  label: string;
  size: Size;
  routes: Route[];
  log: (line: string) => void;
}): Promise<{ results: RouteResult[]; server: DevServer }> {
  const server = startDevServer({ port: await freePort(), persistTo, vars });
  try {
    await waitForHealth(server, 120_000);
    const url = server.url;
    const cookie = await supervisorCookie(url);
    // The first seconds of a fresh workerd are slower (compilation, caches): not measured.
    await run({ url: `${url}/api/health`, duration: Math.min(3, DURATION_S) });
    const results: RouteResult[] = [];
    for (const route of routes) {
      const headers = route.auth ? { cookie } : undefined;
      // Warm-up, and a check that the route answers at all.
      let status = 0;
      let cache: string | null = null;
      for (let i = 0; i < 20; i++) {
        const response = await fetch(`${url}${route.path}`, { headers });
        status = response.status;
        cache = response.headers.get("x-stats-cache") ?? cache;
        await response.arrayBuffer();
      }
      if (status !== 200) {
        log(`bench: ${route.name} answered ${status}; not measured`);
        results.push({ name: route.name, size, label, status, missing: true });
        continue;
      }
      log(`bench: [${size}, ${label}] ${route.name} for ${DURATION_S} s${cache ? ` (X-Stats-Cache: ${cache})` : ""}…`);
      const result = await run({
        url: `${url}${route.path}`,
        headers,
        ...(route.connections ? { connections: route.connections } : {}),
      });
      results.push(summary(route.name, result, { size, label, cache }));
    }
    const health = results.filter(measured).find((r) => r.name === "GET /api/health");
    for (const r of results) if (!r.missing && health) r.p50ToHealth = ratio(r.p50Ms, health.p50Ms);
    return { results, server };
  } catch (error) {
    console.error(server.log().slice(-8000));
    await server.stop();
    throw error;
  }
}

/** Routes measured at each size on the server as configured, then with the statistics cache off. */
function routesFor(): { cached: Route[]; uncached: Route[] } {
  const stats = GROUP_BYS.map((g) => ({ name: `GET /api/public/stats?groupBy=${g}`, path: statsPath(g) }));
  return {
    cached: [
      { name: "GET /api/health", path: "/api/health" },
      ...stats,
      { name: "GET /api/leads", path: "/api/leads", auth: true },
      { name: "GET /api/leads (1 conn)", path: "/api/leads", auth: true, connections: 1 },
      ...searchRoutes(),
    ],
    uncached: [{ name: "GET /api/health", path: "/api/health" }, ...stats],
  };
}

async function measureSize({
  persistTo,
  vars,
  size,
  log,
  extra,
}: {
  persistTo: string;
  vars: Record<string, string>;
  size: Size;
  log: (line: string) => void;
  extra?: (server: DevServer) => Promise<Measured[]>;
}): Promise<RouteResult[]> {
  // Migrations that landed while the data was being seeded (the server bundles the current Worker).
  applyMigrations({ persistTo });
  await prepareSearch(persistTo, log);
  const routes = routesFor();
  const cached = await measure({ persistTo, vars, label: "cache on", size, routes: routes.cached, log });
  await cached.server.stop();
  const uncachedVars = { ...vars, STATS_CACHE_SECONDS: "0" };
  const uncached = await measure({
    persistTo,
    vars: uncachedVars,
    label: "cache off",
    size,
    routes: routes.uncached,
    log,
  });
  const results = [...cached.results, ...uncached.results];
  if (extra) {
    const health = uncached.results.filter(measured).find((r) => r.name === "GET /api/health");
    for (const r of await extra(uncached.server)) {
      results.push({
        ...r,
        p50ToHealth: ratio(r.p50Ms, health?.p50Ms ?? 0),
        rpsToHealth: ratio(r.requestsPerSecond, health?.requestsPerSecond ?? 0),
      });
    }
  }
  await uncached.server.stop();
  return results;
}

/** POST /api/reports and GET /api/units?q=xay on a running server (small size only). */
async function submitAndSearch(server: DevServer, log: (line: string) => void): Promise<Measured[]> {
  const url = server.url;
  log(`bench: solving ${POOL_SIZE} ALTCHA challenges for the submit run…`);
  const t0 = Date.now();
  const payloads = await solvedPayloads(url, POOL_SIZE);
  log(`bench: solved in ${seconds(t0)} s`);
  const results: Measured[] = [];
  log(`bench: POST /api/reports for up to ${DURATION_S} s or ${payloads.length} requests…`);
  let next = 0;
  const submit = await run({
    url,
    amount: payloads.length,
    requests: [
      {
        method: "POST",
        path: "/api/reports",
        headers: { "content-type": "application/json", "accept-language": "vi" },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ ...REPORT, altcha: payloads[next++ % payloads.length] }),
        }),
      },
    ],
  });
  results.push(summary("POST /api/reports", submit, { size: "small", label: "-" }));
  if (submit.non2xx > 0 || submit.errors > 0) {
    log("warning: some submissions were not accepted; see the wrangler log below.");
    log(server.log().slice(-4000));
  }
  log(`bench: GET /api/units?q=xay for ${DURATION_S} s…`);
  results.push(
    summary("GET /api/units?q=xay", await run({ url: `${url}/api/units?q=xay` }), { size: "small", label: "-" }),
  );
  return results;
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), "pacv-bench-"));
  const persistTo = join(work, "state");
  const vars = { ...generateSecrets(), ALTCHA_COST: "1", REPORTS_PER_CLIENT_PER_HOUR: "1000000" };
  const log = (line: string) => console.log(line);
  try {
    if (LARGE_REPORTS <= SMALL_REPORTS) throw new Error("BENCH_REPORTS must be larger than BENCH_SMALL_REPORTS");
    ensureSiteBuilt(log);
    log("bench: preparing a fresh local D1 (migrations + the local sample)…");
    let t0 = Date.now();
    applyMigrations({ persistTo });
    const sample = await seedLocal({ persistTo, contactKey: vars.CONTACT_KEY });
    if (!sample) throw new Error("the local sample was not seeded");
    const sampleSeconds = seconds(t0);
    log(`bench: ${sample.reports} sample reports in ${sample.leads} leads, seeded in ${sampleSeconds} s`);
    t0 = Date.now();
    const topUp = SMALL_REPORTS - reportCount(persistTo);
    const smallBulk = topUp > 0 ? await bulkSeed({ work, persistTo, reports: topUp, batch: 0 }) : null;
    const small: SizeData = { reports: reportCount(persistTo), leads: null, bulk: smallBulk };
    small.leads = Number(query("SELECT COUNT(*) AS n FROM leads", { persistTo })[0]?.n ?? 0);
    log(`bench: small size: ${small.reports} reports, ${small.leads} leads (top-up in ${seconds(t0)} s)`);

    const smallResults = await measureSize({
      persistTo,
      vars,
      size: "small",
      log,
      extra: (server) => submitAndSearch(server, log),
    });

    const before = reportCount(persistTo);
    const adding = LARGE_REPORTS - before;
    log(
      `bench: bulk-seeding ${adding} reports (to ${LARGE_REPORTS}) with their leads, inspections, findings and measures…`,
    );
    const largeBulk = await bulkSeed({ work, persistTo, reports: adding, batch: 1 });
    const large: SizeData = {
      reports: reportCount(persistTo),
      leads: Number(query("SELECT COUNT(*) AS n FROM leads", { persistTo })[0]?.n ?? 0),
      bulk: largeBulk,
    };
    log(
      `bench: seeded ${largeBulk.reports} reports, ${largeBulk.leads} leads, ${largeBulk.inspections} inspections, ${largeBulk.findings} findings, ${largeBulk.measures} measures in ${largeBulk.seconds} s (${largeBulk.files} SQL files, ${largeBulk.megabytes} MB); the database holds ${large.reports} reports and ${large.leads} leads`,
    );
    const largeResults = await measureSize({ persistTo, vars, size: "large", log });

    const lines = printTable(smallResults, largeResults, { small, large });
    const verdicts = [];
    for (const label of ["cache off", "cache on"]) {
      for (const g of GROUP_BYS) {
        const name = `GET /api/public/stats?groupBy=${g}`;
        const a = smallResults.filter(measured).find((r) => r.name === name && r.label === label);
        const b = largeResults.filter(measured).find((r) => r.name === name && r.label === label);
        const x = a && b ? ratio(b.p50Ms, a.p50Ms) : null;
        verdicts.push({
          groupBy: g,
          label,
          smallP50Ms: a?.p50Ms ?? null,
          largeP50Ms: b?.p50Ms ?? null,
          ratio: x,
          pass: x === null ? null : x <= TARGET_RATIO,
        });
      }
    }
    lines.push(
      "",
      `target: statistics p50 at ${large.reports} reports within ${TARGET_RATIO}× of the p50 at ${small.reports}`,
    );
    for (const v of verdicts) {
      const verdict = v.pass === null ? "NOT MEASURED" : v.pass ? "PASS" : "FAIL";
      const honest = v.label === "cache off" ? "query path (the target)" : "as configured, Cache API";
      lines.push(
        `  groupBy=${v.groupBy.padEnd(9)} ${v.label.padEnd(9)} ${String(v.smallP50Ms).padStart(5)} ms → ${String(v.largeP50Ms).padStart(5)} ms  ×${v.ratio}  ${verdict}  (${honest})`,
      );
    }
    lines.push(
      "",
      `seeding: sample ${sample.reports} reports in ${sampleSeconds} s; top-up to ${small.reports} in ${smallBulk?.seconds ?? 0} s; bulk +${largeBulk.reports} reports / +${largeBulk.leads} leads / +${largeBulk.inspections} inspections / +${largeBulk.findings} findings / +${largeBulk.measures} measures in ${largeBulk.seconds} s (${Math.round(largeBulk.reports / largeBulk.seconds)} reports/s)`,
    );
    for (const line of lines) console.log(line);

    const record = {
      at: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      durationSeconds: DURATION_S,
      connections: CONNECTIONS,
      period: PERIOD,
      data: { sample: { reports: sample.reports, leads: sample.leads, seedSeconds: sampleSeconds }, small, large },
      results: { small: smallResults, large: largeResults },
      target: { ratio: TARGET_RATIO, verdicts },
    };
    const dir = join(ROOT, ".bench");
    mkdirSync(dir, { recursive: true });
    const body = `${JSON.stringify(record, null, 2)}\n`;
    writeFileSync(join(dir, `bench-${record.at.replace(/[:.]/g, "-")}.json`), body);
    writeFileSync(join(dir, "latest.json"), body);
    writeFileSync(join(dir, "latest.txt"), `${lines.join("\n")}\n`);
    log("bench: saved to .bench/latest.json (and the table to .bench/latest.txt)");
  } catch (error) {
    console.error(`bench failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  } finally {
    if (process.env.BENCH_KEEP) console.log(`bench: the database is kept in ${persistTo} (BENCH_KEEP)`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main();
