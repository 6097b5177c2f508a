import fc from "fast-check";
import { ORIGIN } from "../support/accounts";
import { freshIp } from "../support/leads";
import { type FuzzBody, jsonBodyCatalogue, textBody } from "./bodies";
import { deepJson, type Json, RawJson, textOf, toJsonText, withKey } from "./hostile-values";
import { encode, type FuzzRequest } from "./http";
import type { JsonSchema, Operation, Parameter } from "./operations";
import { edgesFor, plausibleObject, plausibleValue } from "./schema-values";
import { multipartCatalogue } from "./uploads";
import { type ActorName, type FuzzWorld, type RealParams, realParams } from "./world";

/**
 * The systematic half of the fuzzer: a plausible request for each operation,
 * sent once with each hostile value in each declared parameter and body
 * property in turn, once with each broken body, and once with each bad
 * header. Random sampling may miss a class; this does not.
 */

/** One representative of each hostile class for a parameter or property, then its own edge values. */
function hostileValues(schema: JsonSchema, name: string, world: FuzzWorld): Json[] {
  const numeric = schema.type === "integer" || schema.type === "number";
  return [
    numeric ? "12" : 12345,
    null,
    { a: 1 },
    "\uD800x",
    "\u202Eabc\u200B\uFEFF",
    "a\u0000b",
    "e\u0301\u0302\u0303👨‍👩‍👧‍👦",
    "Tiếng Việt, Phường Đống Đa".normalize("NFD"),
    "../../etc/passwd%00",
    "a".repeat(49),
    "ệ".repeat(17),
    "x".repeat(10_001),
    deepJson(30_000, "array"),
    withKey({}, "__proto__", { polluted: true }),
    ...(numeric ? [new RawJson("1e999"), -1, 2 ** 53 + 2] : []),
    ...edgesFor(schema, name, world),
  ];
}

/** Path segments sent raw: traversal (plain and encoded), NUL, broken escapes, overlong ids. */
const HOSTILE_SEGMENTS = [
  "..",
  "%2e%2e",
  "%2e%2e%2f%2e%2e%2fadmin",
  "%00",
  "%",
  "%ED%A0%80",
  "%C0%AE%C0%AE",
  "x".repeat(65),
  "x".repeat(5_000),
  "%F0%9F%92%A9".repeat(20),
];

/** The actor the document says may call the operation, with the most rights it needs. */
function actorFor(op: Operation): ActorName {
  if (op.caller !== "staff") return "anonymous";
  if (op.path.startsWith("/api/admin/")) return "admin";
  if (op.path.startsWith("/api/auth/")) return "inspector";
  return "supervisor";
}

interface Base {
  params: Record<string, string>;
  query: Record<string, string>;
  body: { [key: string]: Json } | undefined;
  headers: [string, string][];
}

/** One change to the base request; `rawBody: null` sends no body. */
type Change = Partial<Base> & { method?: string; rawBody?: FuzzBody | null };

function build(op: Operation, base: Base, change: Change): FuzzRequest {
  const params = { ...base.params, ...change.params };
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? "x");
  const query = Object.entries({ ...base.query, ...change.query })
    .map(([k, v]) => `${encode(k)}=${v}`)
    .join("&");
  const method = change.method ?? op.method;
  let body: FuzzBody | undefined;
  if (change.rawBody !== undefined) body = change.rawBody ?? undefined;
  else if (change.body ?? base.body) body = textBody("application/json", toJsonText(change.body ?? base.body ?? {}));
  if (method === "GET" || method === "HEAD") body = undefined;
  const headers: [string, string][] = [...(change.headers ?? base.headers), ["CF-Connecting-IP", freshIp()]];
  // A fresh key on every write, so the idempotency code sees every hostile body and keys never repeat.
  if (method !== "GET" && !headers.some(([k]) => k === "Idempotency-Key")) {
    headers.push(["Idempotency-Key", crypto.randomUUID()]);
  }
  if (body?.contentType !== undefined) headers.push(["Content-Type", body.contentType]);
  return { method, url: `${ORIGIN}${path}${query ? `?${query}` : ""}`, headers, ...(body ? { body } : {}) };
}

/**
 * Every systematic case of one operation: the plausible request itself, then
 * one hostile change at a time. `seed` fixes the plausible values.
 */
export function catalogueCases(op: Operation, world: FuzzWorld, seed: number): FuzzRequest[] {
  const actor = actorFor(op);
  const pathParams = op.parameters.filter((p) => p.in === "path");
  const queryParams = op.parameters.filter((p) => p.in === "query");
  const plausible = (p: Parameter) =>
    fc.sample(plausibleValue(p.schema, p.name, world), { seed, numRuns: 1 })[0] as Json;
  const json = op.body?.contentType === "application/json" ? op.body.schema : undefined;
  const cookie = actor === "anonymous" ? undefined : world.sessions[actor].cookie;
  const body = json ? fc.sample(plausibleObject(json, world), { seed, numRuns: 1 })[0] : undefined;

  const baseOf = (real: RealParams | undefined): Base => {
    const headers: [string, string][] = cookie
      ? [
          ["Cookie", cookie],
          ["Origin", ORIGIN],
        ]
      : [];
    if (real?.report) headers.push(["Authorization", `Bearer ${real.report.secret}`]);
    return {
      params: Object.fromEntries(pathParams.map((p) => [p.name, encode(real?.values[p.name] ?? textOf(plausible(p)))])),
      // Only required query parameters: a hostile value then meets the route alone, as in `?to=0000-01-01`.
      query: Object.fromEntries(
        queryParams.filter((p) => p.required).map((p) => [p.name, encode(textOf(plausible(p)))]),
      ),
      body: body && real?.body ? { ...body, ...real.body } : body,
      headers,
    };
  };
  // A reporter's routes take turns over the receipts, so one report's quotas (five files) do not end the catalogue.
  const reals = realParams(world, op);
  const bases = op.caller === "reporter" && reals.length ? reals.map(baseOf) : [baseOf(reals[0])];
  const cases: FuzzRequest[] = [];
  const add = (change: Change) => {
    // A solved ALTCHA payload is spent by the first report it files: each case gets the next one.
    const altcha = world.altcha[cases.length % world.altcha.length] as string;
    const fresh =
      change.body && change.body.altcha === body?.altcha ? { ...change, body: { ...change.body, altcha } } : change;
    cases.push(build(op, bases[cases.length % bases.length] as Base, fresh));
  };

  add({});
  for (const p of pathParams) {
    for (const raw of HOSTILE_SEGMENTS) add({ params: { [p.name]: raw } });
    for (const v of hostileValues(p.schema, p.name, world).slice(0, 8))
      add({ params: { [p.name]: encode(textOf(v)) } });
  }
  for (const p of queryParams) {
    for (const v of hostileValues(p.schema, p.name, world)) add({ query: { [p.name]: encode(textOf(v)) } });
    add({ query: { [p.name]: "%zz" } });
  }
  if (json && body) {
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      for (const v of hostileValues(prop, name, world)) add({ body: { ...body, [name]: v } });
    }
    for (const rawBody of jsonBodyCatalogue(body)) add({ rawBody });
  }
  if (op.body?.contentType === "multipart/form-data") {
    for (const rawBody of multipartCatalogue(op)) add({ rawBody });
  }

  const base = bases[0] as Base;
  const without = (name: string) => base.headers.filter(([k]) => k !== name);
  const badHeaders: [string, string][][] = [
    [...without("Cookie"), ["Cookie", cookie ? `${cookie.slice(0, -1)}0` : "pacv_session=%00"]],
    [...without("Authorization"), ["Authorization", `Bearer ${"A".repeat(10_000)}`]],
    [...base.headers, ["Idempotency-Key", "key with spaces"]],
    [...base.headers, ["Accept-Language", "vi;q=2, en;q=-1, *;q=abc"]],
  ];
  if (cookie) badHeaders.push(without("Origin"), [...without("Origin"), ["Origin", "https://evil.test"]]);
  for (const headers of badHeaders) cases.push(build(op, base, { headers }));
  cases.push(build(op, base, { method: op.method === "DELETE" ? "PUT" : "DELETE", rawBody: null }));
  return cases;
}
