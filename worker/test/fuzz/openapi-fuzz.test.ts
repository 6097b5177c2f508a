import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { ORIGIN } from "../support/accounts";
import { catalogueCases } from "./catalogue";
import { type FuzzRequest, send, verdict } from "./http";
import { listOperations, type OpenApiDocument, type Operation, operationName } from "./operations";
import { oversizedCases, requestArb } from "./requests";
import { ACTORS, buildWorld, type FuzzWorld, heal } from "./world";

/**
 * Issue 9: every operation of the app's own OpenAPI document, sent hostile
 * inputs (a systematic catalogue, one hostile value at a time in a plausible
 * request, plus fast-check samples from one fixed seed, anonymously and as
 * each role), must answer below 500, and every 4xx must be an RFC 9457
 * problem whose `status` is the HTTP status. An operation stops at its
 * first failure and the others still run; the test then fails naming the
 * first failure's method, URL, headers and body (the rest are logged).
 * Requests go one at a time: D1 state (sessions, spent challenges,
 * rate-limit buckets) carries from one to the next, so a failure depends on
 * the order as well as on the seed.
 */

/** Fixes every generated value; change it to explore other inputs. */
const SEED = 20261206;
/** Random requests per operation and actor (five actors), on top of the systematic catalogue. */
const FUZZ_RUNS = 4;

let world: FuzzWorld;

beforeAll(async () => {
  world = await buildWorld();
}, 120_000);

/** FNV-1a of a string, mixed into the seed so each operation and actor has its own reproducible stream. */
function seedFor(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return (SEED ^ hash) | 0;
}

/** 2431 → "2 431". */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/** The catalogue, the random samples for each actor, and the upload routes' oversized bodies. */
function casesFor(op: Operation): FuzzRequest[] {
  return [
    ...catalogueCases(op, world, seedFor(operationName(op))),
    ...ACTORS.flatMap((actor) =>
      fc.sample(requestArb(op, actor, world), {
        seed: seedFor(`${operationName(op)} as ${actor}`),
        numRuns: FUZZ_RUNS,
      }),
    ),
    ...oversizedCases(op, world),
  ];
}

it("answers hostile requests to every operation of the OpenAPI document below 500, 4xx as problems", async () => {
  const res = await SELF.fetch(`${ORIGIN}/api/openapi.json`);
  expect(res.status).toBe(200);
  const operations = listOperations((await res.json()) as OpenApiDocument);
  expect(operations.filter((op) => op.documented).length).toBeGreaterThanOrEqual(50);
  console.log(`fuzz: seed ${SEED}, ${operations.length} operations`);

  const started = performance.now();
  const failures: { operation: string; message: string }[] = [];
  let requests = 0;
  let serverErrors = 0;
  for (const op of operations) {
    for (const req of casesFor(op)) {
      const answer = await send(req);
      requests++;
      if (answer.status >= 500) serverErrors++;
      const problem = await verdict(req, answer);
      if (problem) {
        // The first failure of an operation is enough to act on; the other operations still run.
        failures.push({ operation: operationName(op), message: problem });
        break;
      }
    }
    await heal(world);
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(
    `fuzz: ${grouped(requests)} requests over ${operations.length} operations, seed ${SEED}, ${serverErrors} server errors, ${seconds} s`,
  );
  const [first, ...others] = failures;
  for (const f of others) console.log(`fuzz failure, ${f.operation}: ${f.message}`);
  if (first) {
    const rest = others.map((f) => `  ${f.operation}: ${f.message.split("\n")[0]}`).join("\n");
    expect.fail(
      `${first.operation}: ${first.message}${rest ? `\n\n${others.length} more operations failed:\n${rest}` : ""}`,
    );
  }
}, 600_000);
