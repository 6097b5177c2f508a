// `npm run bench` (not part of `npm test`): measures the local Worker under
// `wrangler dev` with autocannon, on 127.0.0.1 only, for a bounded time:
//   GET /api/health, GET /api/leads (the queue, as the demo supervisor) with
//   the seeded sample, POST /api/reports (challenge solved), GET /api/units?q=xay,
//   then GET /api/leads again after a large data set (BENCH_LARGE_REPORTS,
//   default 100 000 reports and their leads) is bulk-inserted.
// It prints requests/s, p50 and p99 for each, the submit/health,
// units/health and large/small queue ratios and how long the bulk seeding
// took, and saves the figures in .bench/ (gitignored).
//
// The server gets a fresh local D1 in a temporary directory with the full
// local sample (npm start's), a low ALTCHA cost (the browser's proof of work
// is not what is measured here, the server's verification is) and a rate
// limit high enough not to answer 429.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import autocannon from "autocannon";
import { generateSecrets } from "./lib/dev-vars.mjs";
import { loadDomain } from "./lib/domain.mjs";
import { applyMigrations, executeFile, freePort, ROOT, startDevServer, waitForHealth } from "./lib/wrangler.mjs";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./seed/accounts.mjs";
import { writeBulkSql } from "./seed/bulk.mjs";
import { seedLocal } from "./seed-local.mjs";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Solved challenges available to the submit run; it stops early if they run out. */
const POOL_SIZE = Number(process.env.BENCH_POOL ?? 1000);
/** Reports in the large data set for the second queue run. */
const LARGE_REPORTS = Number(process.env.BENCH_LARGE_REPORTS ?? 100_000);

const REPORT = {
  track: "anonymous",
  unitId: "so-xay-dung",
  categoryCode: "delay",
  description: "Hồ sơ cấp giấy phép xây dựng nộp từ 40 ngày trước, quá hạn mà chưa có kết quả (đo hiệu năng).",
  reporterKind: "citizen",
};

/** Same encoding as the `<altcha-widget>` (see worker/test/support/altcha.ts). */
function encodePayload(challenge, solution) {
  const json = JSON.stringify({
    challenge: { parameters: challenge.parameters, signature: challenge.signature },
    solution,
  });
  return Buffer.from(json).toString("base64");
}

/** Fetches and solves `count` challenges, a few at a time. */
async function solvedPayloads(baseUrl, count) {
  const payloads = [];
  const batch = Math.max(2, cpus().length * 2);
  while (payloads.length < count) {
    const size = Math.min(batch, count - payloads.length);
    const solved = await Promise.all(
      Array.from({ length: size }, async () => {
        const response = await fetch(`${baseUrl}/api/challenge`);
        if (!response.ok) throw new Error(`GET /api/challenge answered ${response.status}`);
        const challenge = await response.json();
        const solution = await solveChallenge({ challenge, deriveKey });
        if (!solution) throw new Error("could not solve an ALTCHA challenge");
        return encodePayload(challenge, solution);
      }),
    );
    payloads.push(...solved);
  }
  return payloads;
}

/** One autocannon run; with `amount`, it still stops after DURATION_S. */
function run(options) {
  return new Promise((resolveRun, reject) => {
    let timer;
    const instance = autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...options }, (error, result) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolveRun(result);
    });
    if (options.amount) timer = setTimeout(() => instance.stop(), DURATION_S * 1000);
  });
}

/** Signs the demo supervisor in and returns the session cookie. */
async function supervisorCookie(baseUrl) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email: DEMO_ACCOUNTS.supervisor.email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login as the demo supervisor answered ${response.status}`);
  return (response.headers.get("set-cookie") ?? "").split(";")[0];
}

function summary(name, result) {
  const ok = result["2xx"];
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average * 10) / 10,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
  };
}

const seconds = (since) => Math.round((Date.now() - since) / 100) / 10;

async function main() {
  const work = mkdtempSync(join(tmpdir(), "pacv-bench-"));
  const persistTo = join(work, "state");
  const vars = { ...generateSecrets(), ALTCHA_COST: "1", REPORTS_PER_CLIENT_PER_HOUR: "1000000" };
  const start = async () => {
    const started = startDevServer({ port: await freePort(), persistTo, vars });
    await waitForHealth(started, 60_000);
    return started;
  };
  let server;
  try {
    console.log("bench: preparing a fresh local D1 (migrations + the local sample)…");
    let t0 = Date.now();
    applyMigrations({ persistTo });
    const sample = await seedLocal({ persistTo, contactKey: vars.CONTACT_KEY });
    const sampleSeconds = seconds(t0);
    console.log(`bench: ${sample.reports} sample reports in ${sample.leads} leads, seeded in ${sampleSeconds} s`);
    server = await start();
    const url = server.url;
    let cookie = await supervisorCookie(url);

    // Warm up the isolate and the database before measuring.
    for (let i = 0; i < 50; i++) {
      await fetch(`${url}/api/units?q=xay`).then((r) => r.arrayBuffer());
      await fetch(`${url}/api/leads`, { headers: { cookie } }).then((r) => r.arrayBuffer());
    }

    console.log(`bench: solving ${POOL_SIZE} ALTCHA challenges for the submit run…`);
    t0 = Date.now();
    const payloads = await solvedPayloads(url, POOL_SIZE);
    console.log(`bench: solved in ${seconds(t0)} s`);

    const results = [];
    console.log(`bench: GET /api/health for ${DURATION_S} s…`);
    results.push(summary("GET /api/health", await run({ url: `${url}/api/health` })));

    // Before the submit run, which adds its reports to the queue.
    console.log(`bench: GET /api/leads (${sample.leads} leads) for ${DURATION_S} s, then one connection…`);
    results.push(summary("GET /api/leads (sample)", await run({ url: `${url}/api/leads`, headers: { cookie } })));
    results.push(
      summary(
        "GET /api/leads (sample, 1 conn)",
        await run({ url: `${url}/api/leads`, headers: { cookie }, connections: 1 }),
      ),
    );

    console.log(`bench: POST /api/reports for up to ${DURATION_S} s or ${payloads.length} requests…`);
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
    results.push(summary("POST /api/reports", submit));
    const submitLog = submit.non2xx > 0 || submit.errors > 0 ? server.log().slice(-4000) : "";

    console.log(`bench: GET /api/units?q=xay for ${DURATION_S} s…`);
    results.push(summary("GET /api/units?q=xay", await run({ url: `${url}/api/units?q=xay` })));

    // The large data set goes in with the server stopped: one writer on the local database.
    await server.stop();
    console.log(`bench: bulk-inserting ${LARGE_REPORTS} reports and their leads…`);
    t0 = Date.now();
    const bulkDir = join(work, "bulk");
    mkdirSync(bulkDir);
    const bulk = writeBulkSql(await loadDomain(), { dir: bulkDir, reports: LARGE_REPORTS });
    const generateSeconds = seconds(t0);
    for (const file of bulk.files) executeFile(file, { persistTo });
    const large = { reports: bulk.reports, leads: bulk.leads, generateSeconds, totalSeconds: seconds(t0) };
    console.log(
      `bench: ${large.reports} reports in ${large.leads} leads: SQL generated in ${large.generateSeconds} s, seeded in ${large.totalSeconds} s in all (${bulk.files.length} files)`,
    );
    server = await start();
    cookie = await supervisorCookie(server.url);
    for (let i = 0; i < 200; i++)
      await fetch(`${server.url}/api/leads`, { headers: { cookie } }).then((r) => r.arrayBuffer());
    console.log(`bench: GET /api/leads (+${large.leads} leads) for ${DURATION_S} s, then one connection…`);
    results.push(summary("GET /api/leads (large)", await run({ url: `${server.url}/api/leads`, headers: { cookie } })));
    results.push(
      summary(
        "GET /api/leads (large, 1 conn)",
        await run({ url: `${server.url}/api/leads`, headers: { cookie }, connections: 1 }),
      ),
    );
    console.log(`bench: GET /api/leads?overdue=true (large) for ${DURATION_S} s…`);
    results.push(
      summary(
        "GET /api/leads?overdue (large)",
        await run({ url: `${server.url}/api/leads?overdue=true`, headers: { cookie } }),
      ),
    );

    const byName = (name) => results.find((r) => r.name === name);
    const health = byName("GET /api/health");
    const reports = byName("POST /api/reports");
    const units = byName("GET /api/units?q=xay");
    const leadsSmall = byName("GET /api/leads (sample)");
    const leadsLarge = byName("GET /api/leads (large)");
    const serialSmall = byName("GET /api/leads (sample, 1 conn)");
    const serialLarge = byName("GET /api/leads (large, 1 conn)");
    const ratio = (a, b) => Math.round((a / b) * 1000) / 1000;
    const ratios = {
      submitToHealth: ratio(reports.requestsPerSecond, health.requestsPerSecond),
      unitsToHealth: ratio(units.requestsPerSecond, health.requestsPerSecond),
      leadsLargeToSmallP50: ratio(leadsLarge.p50Ms, leadsSmall.p50Ms),
      leadsLargeToSmallP99: ratio(leadsLarge.p99Ms, leadsSmall.p99Ms),
      leadsLargeToSmallRps: ratio(leadsLarge.requestsPerSecond, leadsSmall.requestsPerSecond),
      leadsLargeToSmallP50OneConnection: ratio(serialLarge.p50Ms, serialSmall.p50Ms),
      leadsLargeToSmallP99OneConnection: ratio(serialLarge.p99Ms, serialSmall.p99Ms),
    };

    console.log("");
    console.log(
      `${"route".padEnd(32)}${"req/s".padStart(10)}${"p50 ms".padStart(10)}${"p99 ms".padStart(10)}${"2xx".padStart(9)}${"non-2xx".padStart(9)}`,
    );
    for (const r of results) {
      console.log(
        `${r.name.padEnd(32)}${String(r.requestsPerSecond).padStart(10)}${String(r.p50Ms).padStart(10)}${String(r.p99Ms).padStart(10)}${String(r.ok).padStart(9)}${String(r.non2xx).padStart(9)}`,
      );
    }
    console.log(`\nsubmit / health: ${ratios.submitToHealth}   units / health: ${ratios.unitsToHealth}`);
    console.log(
      `queue large / sample: ${CONNECTIONS} connections p50 ×${ratios.leadsLargeToSmallP50}, p99 ×${ratios.leadsLargeToSmallP99}, req/s ×${ratios.leadsLargeToSmallRps}; one connection p50 ×${ratios.leadsLargeToSmallP50OneConnection}, p99 ×${ratios.leadsLargeToSmallP99OneConnection}`,
    );
    console.log(
      `data: sample ${sample.reports} reports / ${sample.leads} leads (seeded in ${sampleSeconds} s); large +${large.reports} reports / +${large.leads} leads (seeded in ${large.totalSeconds} s)`,
    );
    if (submitLog) {
      console.log("warning: some submissions were not accepted; see the wrangler log below.");
      console.log(submitLog);
    }

    const record = {
      at: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      durationSeconds: DURATION_S,
      connections: CONNECTIONS,
      data: { sample: { reports: sample.reports, leads: sample.leads, seedSeconds: sampleSeconds }, large },
      results,
      ratios,
    };
    const dir = join(ROOT, ".bench");
    mkdirSync(dir, { recursive: true });
    const body = `${JSON.stringify(record, null, 2)}\n`;
    writeFileSync(join(dir, `bench-${record.at.replace(/[:.]/g, "-")}.json`), body);
    writeFileSync(join(dir, "latest.json"), body);
    console.log("bench: saved to .bench/latest.json");
  } catch (error) {
    console.error(`bench failed: ${error instanceof Error ? error.message : error}`);
    if (server) console.error(server.log().slice(-8000));
    process.exitCode = 1;
  } finally {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main();
