// `npm run bench` (not part of `npm test`): measures the local Worker under
// `wrangler dev` with autocannon, on 127.0.0.1 only, for a bounded time:
//   GET /api/health, POST /api/reports (challenge solved), GET /api/units?q=xay
// It prints requests/s, p50 and p99 for each, and the submit/health and
// units/health ratios, and saves the figures in .bench/ (gitignored).
//
// The server gets a fresh local D1 in a temporary directory, a low ALTCHA cost
// (the browser's proof of work is not what is measured here, the server's
// verification is) and a rate limit high enough not to answer 429.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import autocannon from "autocannon";
import { generateSecrets } from "./lib/dev-vars.mjs";
import { applyMigrations, freePort, ROOT, startDevServer, waitForHealth } from "./lib/wrangler.mjs";
import { seedLocal } from "./seed-local.mjs";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Solved challenges available to the submit run; it stops early if they run out. */
const POOL_SIZE = Number(process.env.BENCH_POOL ?? 1000);

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

async function main() {
  const work = mkdtempSync(join(tmpdir(), "pacv-bench-"));
  const persistTo = join(work, "state");
  let server;
  try {
    console.log("bench: preparing a fresh local D1 (migrations + sample units)…");
    applyMigrations({ persistTo });
    await seedLocal({ persistTo, unitsOnly: true });
    server = startDevServer({
      port: await freePort(),
      persistTo,
      vars: { ...generateSecrets(), ALTCHA_COST: "1", REPORTS_PER_CLIENT_PER_HOUR: "1000000" },
    });
    await waitForHealth(server, 60_000);
    const url = server.url;

    // Warm up the isolate and the database before measuring.
    for (let i = 0; i < 50; i++) await fetch(`${url}/api/units?q=xay`).then((r) => r.arrayBuffer());

    console.log(`bench: solving ${POOL_SIZE} ALTCHA challenges for the submit run…`);
    const t0 = Date.now();
    const payloads = await solvedPayloads(url, POOL_SIZE);
    console.log(`bench: solved in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const results = [];
    console.log(`bench: GET /api/health for ${DURATION_S} s…`);
    results.push(summary("GET /api/health", await run({ url: `${url}/api/health` })));

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

    console.log(`bench: GET /api/units?q=xay for ${DURATION_S} s…`);
    results.push(summary("GET /api/units?q=xay", await run({ url: `${url}/api/units?q=xay` })));

    const [health, reports, units] = results;
    const ratios = {
      submitToHealth: Math.round((reports.requestsPerSecond / health.requestsPerSecond) * 1000) / 1000,
      unitsToHealth: Math.round((units.requestsPerSecond / health.requestsPerSecond) * 1000) / 1000,
    };

    console.log("");
    console.log(
      `${"route".padEnd(24)}${"req/s".padStart(10)}${"p50 ms".padStart(10)}${"p99 ms".padStart(10)}${"2xx".padStart(9)}${"non-2xx".padStart(9)}`,
    );
    for (const r of results) {
      console.log(
        `${r.name.padEnd(24)}${String(r.requestsPerSecond).padStart(10)}${String(r.p50Ms).padStart(10)}${String(r.p99Ms).padStart(10)}${String(r.ok).padStart(9)}${String(r.non2xx).padStart(9)}`,
      );
    }
    console.log(`\nsubmit / health: ${ratios.submitToHealth}   units / health: ${ratios.unitsToHealth}`);
    if (reports.non2xx > 0 || reports.errors > 0) {
      console.log("warning: some submissions were not accepted; see the wrangler log below.");
      console.log(server.log().slice(-4000));
    }

    const record = {
      at: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      durationSeconds: DURATION_S,
      connections: CONNECTIONS,
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
