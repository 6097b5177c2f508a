import fc from "fast-check";
import { INSPECTION_DOCUMENT_MAX_BYTES } from "../../src/contracts/inspections";
import { EVIDENCE_MAX_BYTES } from "../../src/contracts/reports";
import { ORIGIN } from "../support/accounts";
import { freshIp } from "../support/leads";
import { jsonBodyArb, strayBodyArb } from "./bodies";
import { hostileString, PROTO_KEYS, textOf, wrongTextFor } from "./hostile-values";
import { encode, type FuzzRequest } from "./http";
import type { Operation, Parameter } from "./operations";
import { edgesFor, plausibleValue } from "./schema-values";
import { multipartBodyArb, oversizedUploads } from "./uploads";
import { type ActorName, type FuzzWorld, type RealParams, realParams } from "./world";

/** Path segments sent raw: traversal, NUL, broken escapes, overlong UTF-8, very long ids. */
const RAW_SEGMENTS = [
  "..",
  "../..",
  "%2e%2e",
  "%2e%2e%2f%2e%2e%2fadmin",
  ".%2e",
  "%2E%2E%5C",
  "%00",
  "a%00b",
  "%",
  "%zz",
  "%ff%fe",
  "%ED%A0%80",
  "%C0%AE%C0%AE",
  "%20",
  "+",
  ";x=1",
  "%3F%23",
  "%2F",
  "x".repeat(65),
  "x".repeat(5_000),
  "%F0%9F%92%A9".repeat(20),
];

/** A path segment: the real one, a variant of it, or a hostile one. */
function segmentArb(param: Parameter, world: FuzzWorld): fc.Arbitrary<(real: string | undefined) => string> {
  const plausible = plausibleValue(param.schema, param.name, world).map((v) => () => encode(textOf(v)));
  return fc.oneof(
    { arbitrary: fc.constant((real: string | undefined) => (real === undefined ? "x" : encode(real))), weight: 8 },
    { arbitrary: plausible, weight: 2 },
    { arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((raw) => () => raw), weight: 2 },
    { arbitrary: wrongTextFor(param.schema.type).map((s) => () => encode(s)), weight: 2 },
    {
      arbitrary: fc
        .constantFrom<(s: string) => string>(
          (s) => s.toLowerCase(),
          (s) => s.toUpperCase(),
          (s) => `${s}%20`,
          (s) => `%20${s}`,
          (s) => `${s}%00`,
          (s) => `${s}/`,
          (s) => `${s}/..`,
          (s) => `${s}%2F..%2F..`,
          (s) => `${s}${"0".repeat(64)}`,
          (s) => s.replace(/-/g, "%E2%80%90"),
        )
        .map((twist) => (real: string | undefined) => twist(encode(real ?? "x"))),
      weight: 2,
    },
  );
}

/** The path with its parameters filled in, and the receipt behind it when a real one was kept. */
function pathArb(op: Operation, world: FuzzWorld): fc.Arbitrary<{ path: string; report?: RealParams["report"] }> {
  const params = op.parameters.filter((p) => p.in === "path");
  const real = realParams(world, op);
  const base: fc.Arbitrary<RealParams | undefined> = real.length ? fc.constantFrom(...real) : fc.constant(undefined);
  return fc.tuple(base, fc.tuple(...params.map((p) => segmentArb(p, world)))).map(([chosen, segments]) => {
    let path = op.path;
    let kept = true;
    params.forEach((p, i) => {
      const realValue = chosen?.values[p.name];
      const segment = (segments[i] as (real: string | undefined) => string)(realValue);
      if (realValue === undefined || segment !== encode(realValue)) kept = false;
      path = path.replace(`{${p.name}}`, segment);
    });
    return { path, ...(kept && chosen?.report ? { report: chosen.report } : {}) };
  });
}

/** One declared query parameter: absent, plausible, wrong, hostile, repeated or raw. */
function queryParamArb(param: Parameter, world: FuzzWorld): fc.Arbitrary<string[]> {
  const key = encode(param.name);
  const plausible = plausibleValue(param.schema, param.name, world).map((v) => [`${key}=${encode(textOf(v))}`]);
  const edges = edgesFor(param.schema, param.name, world);
  return fc.oneof(
    { arbitrary: fc.constant<string[]>([]), weight: 5 },
    { arbitrary: plausible, weight: 5 },
    ...(edges.length
      ? [{ arbitrary: fc.constantFrom(...edges).map((v) => [`${key}=${encode(textOf(v))}`]), weight: 3 }]
      : []),
    { arbitrary: wrongTextFor(param.schema.type).map((v) => [`${key}=${encode(v)}`]), weight: 2 },
    { arbitrary: hostileString.map((v) => [`${key}=${encode(v)}`]), weight: 1 },
    { arbitrary: fc.tuple(plausible, plausible).map(([a, b]) => [...a, ...b]), weight: 1 },
    {
      arbitrary: fc
        .constantFrom(
          `${key}`,
          `${key}=`,
          `${key}[]=1`,
          `${key}=%`,
          `${key}=%zz`,
          `${key}=%ED%A0%80`,
          `${key}=%00`,
          `${key}=a%26b%3Dc`,
        )
        .map((q) => [q]),
      weight: 1,
    },
  );
}

/** Parameters nobody declared. */
const strayQuery: fc.Arbitrary<string[]> = fc.oneof(
  { arbitrary: fc.constant<string[]>([]), weight: 8 },
  { arbitrary: fc.constantFrom(...PROTO_KEYS).map((k) => [`${k}=1`, `${k}[polluted]=1`]), weight: 1 },
  {
    arbitrary: fc.constantFrom("%", "&&&", "=", "==&=", "a=%zz", `${"p=1&".repeat(2_000)}q=2`).map((q) => [q]),
    weight: 1,
  },
  {
    arbitrary: fc.tuple(fc.string({ maxLength: 10 }), hostileString).map(([k, v]) => [`${encode(k)}=${encode(v)}`]),
    weight: 1,
  },
);

/** The query: declared parameters all plausible but for at most one, or each fuzzed on its own; plus stray ones. */
function queryArb(op: Operation, world: FuzzWorld): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === "query");
  const plausible = params.map((p) =>
    fc.option(
      plausibleValue(p.schema, p.name, world).map((v) => [`${encode(p.name)}=${encode(textOf(v))}`]),
      { freq: 2, nil: [] as string[] },
    ),
  );
  const fuzzed = params.map((p) => queryParamArb(p, world));
  const oneHostile = fc
    .tuple(fc.tuple(...plausible), fc.tuple(...fuzzed), fc.option(fc.nat(), { freq: 3 }))
    .map(([values, hostile, target]) =>
      params.map((_, i) => (target !== null && target % params.length === i ? hostile[i] : values[i]) ?? []),
    );
  return fc
    .tuple(fc.oneof({ arbitrary: oneHostile, weight: 3 }, { arbitrary: fc.tuple(...fuzzed), weight: 2 }), strayQuery)
    .map(([declared, stray]) => {
      const pairs = [...declared.flat(), ...stray];
      return pairs.length ? `?${pairs.join("&")}` : "";
    });
}

/**
 * Header values stay ASCII without CR, LF or NUL (workerd would re-encode
 * anything else as UTF-8 and warn on every request): other characters are
 * sent percent-encoded. `NON_ASCII_HEADERS` sends a few raw ones.
 */
function headerSafe(s: string): string {
  return s.replace(/[^\x20-\x7e\t]/g, (ch) => encode(ch));
}

/** Raw non-ASCII header values, each sent as its UTF-8 bytes. */
const NON_ASCII_HEADERS = ["Đống Đa", "\u00ff\u00fe", "\u202E\u200B"];

const junkHeader: fc.Arbitrary<string> = fc.oneof(
  hostileString.map(headerSafe),
  fc.constantFrom("", " ", "x".repeat(8_000), "\t", "=;=;=", "%00"),
);

/** Session cookies: the real one, tampered, doubled, junk or none. */
function cookieArb(actor: ActorName, world: FuzzWorld): fc.Arbitrary<string | undefined> {
  const junk = fc.oneof(
    junkHeader.map((v) => `pacv_session=${v}`),
    fc.constantFrom(
      "pacv_session=",
      "pacv_session=%00",
      "pacv_session=../../etc",
      `a=${"b".repeat(6_000)}`,
      "=;;=",
      "pacv_session",
    ),
  );
  if (actor === "anonymous") {
    return fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, { arbitrary: junk, weight: 2 });
  }
  const cookie = world.sessions[actor].cookie;
  const token = cookie.slice(cookie.indexOf("=") + 1);
  return fc.oneof(
    { arbitrary: fc.constant(cookie), weight: 12 },
    {
      arbitrary: fc.constantFrom(
        `${cookie}x`,
        `pacv_session=${token.slice(0, -1)}A`,
        `pacv_session=${token.toUpperCase()}`,
      ),
      weight: 1,
    },
    {
      arbitrary: fc.constantFrom(`pacv_session=x; ${cookie}`, `${cookie}; pacv_session=x`, `${cookie}; ${cookie}`),
      weight: 1,
    },
    { arbitrary: junk, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

const originArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant(ORIGIN), weight: 20 },
  { arbitrary: fc.constant(undefined), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      "null",
      "https://evil.test",
      "https://portal.test.evil.test",
      "HTTPS://PORTAL.TEST",
      "https://portal.test/",
      "https://portal.test:99999",
      "http://portal.test",
      "file://",
    ),
    weight: 2,
  },
  { arbitrary: junkHeader, weight: 1 },
);

/** Authorization: the receipt's own secret when the path names a real report, or anything else. */
function authorizationArb(world: FuzzWorld): fc.Arbitrary<(report: RealParams["report"]) => string | undefined> {
  const secrets = world.reports.map((r) => r.secret);
  return fc.oneof(
    { arbitrary: fc.constant((r: RealParams["report"]) => (r ? `Bearer ${r.secret}` : undefined)), weight: 8 },
    { arbitrary: fc.constant((r: RealParams["report"]) => (r ? `bearer   ${r.secret}  ` : undefined)), weight: 1 },
    { arbitrary: fc.constantFrom(...secrets).map((s) => () => `Bearer ${s}`), weight: 1 },
    {
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            "Bearer",
            "Bearer ",
            `Bearer ${"A".repeat(10_000)}`,
            "Basic YWRtaW46YWRtaW4=",
            "Bearer a b",
            "Bearer %00",
            "Negotiate",
          ),
          junkHeader.map((v) => `Bearer ${v}`),
        )
        .map((v) => () => v),
      weight: 2,
    },
    { arbitrary: fc.constant(() => undefined), weight: 2 },
  );
}

const idempotencyKeyArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 5 },
  { arbitrary: fc.uuid(), weight: 3 },
  { arbitrary: fc.constant("fuzz-idempotency-key-0001"), weight: 1 },
  { arbitrary: fc.oneof(junkHeader, fc.constantFrom("", "a".repeat(300), "key with spaces", "../x")), weight: 1 },
);

/** A few shared addresses reach the rate limits; most requests get a fresh one. */
const ipArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant("fresh"), weight: 6 },
  { arbitrary: fc.constantFrom("203.0.113.7", "2001:db8::7"), weight: 2 },
  {
    arbitrary: fc.constantFrom(undefined, "", "not-an-ip", "::::::", "1.2.3.4, 5.6.7.8", "x".repeat(2_000)),
    weight: 1,
  },
);

const extraHeadersArb: fc.Arbitrary<[string, string][]> = fc.oneof(
  { arbitrary: fc.constant<[string, string][]>([]), weight: 60 },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom("Authorization", "Cookie", "Origin", "Idempotency-Key"),
        fc.constantFrom(...NON_ASCII_HEADERS),
      )
      .map(([name, value]): [string, string][] => [[name, value]]),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom<[string, string][]>(
      [["Accept-Language", "en"]],
      [["Accept-Language", "vi;q=2, en;q=-1, *;q=abc"]],
      [["Accept-Language", "x".repeat(5_000)]],
      [["Accept", "application/xml"]],
      [["X-HTTP-Method-Override", "DELETE"]],
      [["X-Forwarded-Host", "evil.test"]],
      [["Content-Encoding", "gzip"]],
      [["Range", "bytes=0-0"]],
      [["If-None-Match", "*"]],
    ),
    weight: 20,
  },
);

const OTHER_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];

/**
 * Hostile requests for one operation as one actor: the method (now and then
 * another one), path, query, headers and body are generated independently.
 */
export function requestArb(op: Operation, actor: ActorName, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const bodyArb =
    op.body?.contentType === "multipart/form-data"
      ? multipartBodyArb(op)
      : op.body
        ? jsonBodyArb(op, world)
        : strayBodyArb;
  const methodArb = fc.oneof(
    { arbitrary: fc.constant(op.method), weight: 19 },
    { arbitrary: fc.constantFrom(...OTHER_METHODS), weight: 1 },
  );
  return fc
    .record({
      method: methodArb,
      path: pathArb(op, world),
      query: queryArb(op, world),
      cookie: cookieArb(actor, world),
      origin: actor === "anonymous" ? fc.option(originArb, { freq: 3 }) : originArb,
      authorization: authorizationArb(world),
      idempotencyKey: idempotencyKeyArb,
      ip: ipArb,
      extra: extraHeadersArb,
      body: bodyArb,
    })
    .map((g) => {
      const headers: [string, string][] = [];
      if (g.cookie !== undefined) headers.push(["Cookie", g.cookie]);
      if (g.origin !== undefined && g.origin !== null) headers.push(["Origin", g.origin]);
      const authorization = g.authorization(g.path.report);
      if (authorization !== undefined) headers.push(["Authorization", authorization]);
      if (g.idempotencyKey !== undefined) headers.push(["Idempotency-Key", g.idempotencyKey]);
      if (g.ip !== undefined) headers.push(["CF-Connecting-IP", g.ip === "fresh" ? freshIp() : g.ip]);
      headers.push(...g.extra);
      const canHaveBody = g.method !== "GET" && g.method !== "HEAD";
      const body = canHaveBody ? g.body : undefined;
      if (body?.contentType !== undefined) headers.push(["Content-Type", body.contentType]);
      return { method: g.method, url: `${ORIGIN}${g.path.path}${g.query}`, headers, ...(body ? { body } : {}) };
    });
}

/**
 * Deterministic extras: the upload routes' bodies past their size limits,
 * sent with real credentials (the inspection in progress, the spare receipt).
 */
export function oversizedCases(op: Operation, world: FuzzWorld): FuzzRequest[] {
  if (op.body?.contentType !== "multipart/form-data") return [];
  const documents = op.path.startsWith("/api/inspections/");
  const values = documents
    ? (realParams(world, op)[0]?.values ?? {})
    : { trackingCode: world.spareReport.trackingCode };
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encode(values[name] ?? "x"));
  const headers: [string, string][] = documents
    ? [
        ["Cookie", world.sessions.supervisor.cookie],
        ["Origin", ORIGIN],
      ]
    : [["Authorization", `Bearer ${world.spareReport.secret}`]];
  const limit = documents ? INSPECTION_DOCUMENT_MAX_BYTES : EVIDENCE_MAX_BYTES;
  return oversizedUploads(op, limit).map((body) => ({
    method: op.method,
    url: `${ORIGIN}${path}`,
    headers: [...headers, ["CF-Connecting-IP", freshIp()], ["Content-Type", body.contentType ?? ""]],
    body,
  }));
}
