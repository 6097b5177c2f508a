import { env, SELF } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORIGIN } from "../support/accounts";
import { insertUnits } from "../support/fixtures";
import { createUnit, fileBribe, freshIp } from "../support/leads";
import {
  CALLER_KINDS,
  type CallerName,
  type Credentials,
  callersFor,
  type Expectation,
  expectationFor,
  signInCast,
} from "./callers";
import { buildWorld, type Outgoing, type World } from "./operations";
import {
  accessOf,
  MATRIX_TOTP_REQUIRED_ROLES,
  OPERATIONS,
  type Operation,
  POLICY,
  TRANSITION_POLICY,
  type TransitionStep,
} from "./policy";
import { markWrites, stopTrackingWrites, trackWrites, type WriteMark, writesSince } from "./writes";

/**
 * The authorization matrix (issue 9): every operation of the OpenAPI
 * document, called as every kind of caller with a well-formed request about
 * real resources, checked against the declared policy (`policy.ts`). A
 * refusal must be a 401/403/404 problem that wrote nothing; an allowed call
 * must get through. Then every write is sent by every signed-in caller
 * without a same-origin `Origin`, and must be refused the same way.
 */

const REFUSALS = [401, 403, 404];
const HTTP_METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options", "trace"]);
const FOREIGN_ORIGIN = "https://evil.example";
/** Per check; the first call of an operation builds its fixtures. */
const CHECK_TIMEOUT_MS = 20_000;

const OUTCOMES: Record<Expectation, string> = {
  allowed: "allowed",
  refused: "refused, nothing written",
  hidden: "404 (recused), nothing written",
  filtered: "listed without the unit (recused, or another unit's liaison)",
};

/** The matrix rows of an operation: each caller and what the policy says it gets. */
function matrixRows(operation: Operation) {
  const access = accessOf(operation);
  return callersFor(access).map((name) => {
    const expectation = expectationFor(access, name);
    return { name, expectation, label: CALLER_KINDS[name].label, outcome: OUTCOMES[expectation] };
  });
}

/** The workflow steps, each tried by an inspector and a supervisor (other callers never reach the step). */
const STEPS = Object.keys(TRANSITION_POLICY) as TransitionStep[];
const STEP_CALLERS = ["inspector", "supervisor"] as const satisfies readonly CallerName[];

/** Every write, sent with the cookie of each staff role but without a same-origin `Origin`. */
const WRITES = OPERATIONS.filter((operation) => !operation.startsWith("GET "));
const COOKIE_CALLERS: CallerName[] = ["inspector", "supervisor", "admin", "liaison"];
const CSRF_ROWS = COOKIE_CALLERS.flatMap((name) =>
  (["none", "foreign"] as const).map((origin) => ({
    name,
    origin,
    label: CALLER_KINDS[name].label,
    originLabel: origin === "none" ? "no Origin" : `Origin ${FOREIGN_ORIGIN}`,
  })),
);

const tally = { checks: 0, wrongAllows: 0, wrongRefusals: 0, csrfChecks: 0, csrfAccepted: 0 };
let world: World;

beforeAll(async () => {
  await trackWrites();
  await insertUnits(env.DB);
  await env.DB.prepare(
    "INSERT INTO settings (key, value, updated_at) VALUES ('totp_required_roles', ?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?1, updated_at = ?2",
  )
    .bind(MATRIX_TOTP_REQUIRED_ROLES.join(","), new Date().toISOString())
    .run();
  const ward = await createUnit();
  const desk = await createUnit({ name: "Bộ phận Một cửa Phường Đống Đa", kind: "agency", parentId: ward.id });
  const target = await fileBribe(desk.id);
  world = buildWorld(await signInCast(ward.id, target), ward.id, target, desk.id);
}, 60_000);

afterAll(async () => {
  await stopTrackingWrites();
  const base = callersFor({ public: true }).length;
  const matrix = OPERATIONS.reduce((n, operation) => n + callersFor(accessOf(operation)).length, 0);
  console.log(
    `authz: ${OPERATIONS.length} operations × ${base} callers + ${matrix - OPERATIONS.length * base} owner/recused/off-team rows = ${matrix} checks` +
      ` + ${STEPS.length} workflow steps × ${STEP_CALLERS.length} = ${STEPS.length * STEP_CALLERS.length}` +
      ` + csrf ${WRITES.length} writes × ${CSRF_ROWS.length} = ${WRITES.length * CSRF_ROWS.length};` +
      ` ran ${tally.checks + tally.csrfChecks}: ${tally.wrongAllows} wrong allows, ${tally.wrongRefusals} wrong refusals,` +
      ` ${tally.csrfAccepted} cross-origin writes accepted`,
  );
});

/** The body as text for the failure message; binary downloads are only counted. */
async function bodyText(res: Response): Promise<string> {
  const type = res.headers.get("Content-Type") ?? "";
  if (/json|text|csv/.test(type)) return res.text();
  return `${(await res.arrayBuffer()).byteLength} bytes of ${type}`;
}

/** Checks an answer the policy allows: a 2xx (or the builder's `okStatus`). */
async function expectAllowed(res: Response, out: Outgoing): Promise<void> {
  const body = await bodyText(res);
  const ok = out.okStatus !== undefined ? res.status === out.okStatus : res.status >= 200 && res.status < 300;
  if (!ok) tally.wrongRefusals++;
  expect(ok, `${res.status} ${body.slice(0, 300)}`).toBe(true);
}

/** Checks a refusal: one of `statuses`, a problem, and nothing written since `mark`. */
async function expectRefused(res: Response, mark: WriteMark, statuses: number[]): Promise<boolean> {
  const body = await bodyText(res);
  const writes = await writesSince(mark);
  const refused = statuses.includes(res.status) && writes.length === 0;
  expect.soft(statuses, `${res.status} ${body.slice(0, 300)}`).toContain(res.status);
  expect.soft(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
  expect.soft(writes, "written by a refused request").toEqual([]);
  return refused;
}

/** Sends a built request with a caller's credentials, as a browser on the portal would (or from elsewhere). */
function send(out: Outgoing, credentials: Credentials, origin: "same" | "none" | "foreign" = "same") {
  const headers = new Headers({ "CF-Connecting-IP": freshIp() });
  if (credentials.cookie) headers.set("Cookie", credentials.cookie);
  if (credentials.bearer) headers.set("Authorization", `Bearer ${credentials.bearer}`);
  if (origin !== "none") headers.set("Origin", origin === "same" ? ORIGIN : FOREIGN_ORIGIN);
  let body: BodyInit | undefined;
  if (out.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(out.json);
  }
  if (out.form) body = out.form();
  return SELF.fetch(`${ORIGIN}/api${out.path}`, { method: out.method, headers, body });
}

/** A builder must call the operation it is filed under. */
function expectOperation(operation: Operation, out: Outgoing): void {
  const [method, template] = operation.split(" ") as [string, string];
  const pattern = new RegExp(`^${template.replace(/\./g, "\\.").replace(/\{[^}]+\}/g, "[^/?]+")}(\\?.*)?$`);
  expect(out.method).toBe(method);
  expect(out.path).toMatch(pattern);
}

describe("the policy and the OpenAPI document", () => {
  it("name the same operations: a route without a policy entry, or an entry without a route, fails", async () => {
    const res = await SELF.fetch(`${ORIGIN}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => HTTP_METHODS.has(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const declared = Object.keys(POLICY);
    expect({
      withoutPolicy: documented.filter((operation) => !declared.includes(operation)),
      noLongerInTheDocument: declared.filter((operation) => !documented.includes(operation)),
    }).toEqual({ withoutPolicy: [], noLongerInTheDocument: [] });
  });
});

describe.each(OPERATIONS)("%s", (operation) => {
  it.each(matrixRows(operation))(
    "$label → $outcome",
    async ({ name, expectation }) => {
      const out = await world.builders[operation](name, expectation === "allowed");
      expectOperation(operation, out);
      const credentials = out.credentials ?? world.cast.credentials[name];
      if (expectation === "filtered") await world.populate();
      const mark = await markWrites({ objects: out.form !== undefined });
      const res = await send(out, credentials);
      tally.checks++;

      if (expectation === "allowed") return expectAllowed(res, out);

      if (expectation === "filtered") {
        const body = await bodyText(res);
        const leaked = [...world.hidden].filter((id) => body.includes(id));
        if (res.status !== 200 || leaked.length > 0) tally.wrongAllows++;
        expect(res.status, body.slice(0, 300)).toBe(200);
        expect(leaked, "ids of the unit the caller may not see").toEqual([]);
        // The same list shows them to an inspector who is not recused (or the ward's own liaison), so the check
        // above is not empty.
        const witness = name === "liaison-other" ? "liaison" : "inspector";
        const plain = await (await send(out, world.cast.credentials[witness])).text();
        expect([...world.hidden].some((id) => plain.includes(id))).toBe(true);
        return;
      }

      if (!(await expectRefused(res, mark, expectation === "hidden" ? [404] : REFUSALS))) tally.wrongAllows++;
    },
    CHECK_TIMEOUT_MS,
  );
});

describe.each(STEPS)("POST /leads/{id}/transitions, step %s", (step) => {
  const roles: readonly string[] = TRANSITION_POLICY[step];
  const rows = STEP_CALLERS.map((name) => {
    const allowed = roles.includes(CALLER_KINDS[name].role ?? "");
    return { name, allowed, outcome: allowed ? OUTCOMES.allowed : "403, nothing written" };
  });
  it.each(rows)(
    "$name → $outcome",
    async ({ name, allowed }) => {
      const out = await world.transition(step, name);
      const mark = await markWrites();
      const res = await send(out, world.cast.credentials[name]);
      tally.checks++;
      if (allowed) return expectAllowed(res, out);
      if (!(await expectRefused(res, mark, [403]))) tally.wrongAllows++;
    },
    CHECK_TIMEOUT_MS,
  );
});

describe.each(WRITES)("CSRF %s", (operation) => {
  it.each(CSRF_ROWS)(
    "$label, $originLabel → 403",
    async ({ name, origin }) => {
      const out = await world.builders[operation](name, false);
      const credentials = out.credentials ?? world.cast.credentials[name];
      const mark = await markWrites({ objects: out.form !== undefined });
      const res = await send(out, credentials, origin);
      tally.csrfChecks++;
      if (!(await expectRefused(res, mark, [403]))) tally.csrfAccepted++;
    },
    CHECK_TIMEOUT_MS,
  );
});
