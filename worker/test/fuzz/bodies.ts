import fc from "fast-check";
import {
  deepJson,
  hostileString,
  hostileStructure,
  type Json,
  PROTO_KEYS,
  toJsonText,
  withKey,
} from "./hostile-values";
import type { Operation } from "./operations";
import { objectFor } from "./schema-values";
import type { FuzzWorld } from "./world";

/**
 * Request bodies: JSON in every shape a careless client or an attacker
 * sends (uploads are in `uploads.ts`).
 */

/** MAX_JSON_BODY_BYTES in wrangler.toml. */
export const MAX_JSON_BODY_BYTES = 65_536;

/** A body as sent, with a printable preview for failure messages. */
export interface FuzzBody {
  /** Content-Type to send; undefined sends none. */
  contentType: string | undefined;
  /** Byte length, known without building the bytes. */
  length: number;
  bytes: () => Uint8Array;
  /** Sent as a stream, so the server sees no Content-Length. */
  stream?: boolean;
  preview: string;
}

const encoder = new TextEncoder();

/** A body from text (lone surrogates become U+FFFD on the wire, as with any UTF-8 client). */
export function textBody(contentType: string | undefined, text: string): FuzzBody {
  const bytes = encoder.encode(text);
  return { contentType, length: bytes.byteLength, bytes: () => bytes, preview: text };
}

/** A body from bytes, with what they are for the failure message. */
export function bytesBody(contentType: string | undefined, bytes: Uint8Array, preview: string): FuzzBody {
  return { contentType, length: bytes.byteLength, bytes: () => bytes, preview };
}

/** The bytes of strings (UTF-8) and byte arrays, one after the other. */
export function concat(parts: (string | Uint8Array)[]): Uint8Array {
  const chunks = parts.map((p) => (typeof p === "string" ? encoder.encode(p) : p));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

const JSON_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/problem+json",
  "application/json; charset=latin1",
];

/** Content types a JSON route should refuse with 415 (or read as JSON when it is JSON in disguise). */
const WRONG_TYPES: (string | undefined)[] = [
  undefined,
  "",
  "text/plain",
  "text/plain; charset=utf-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=fuzz",
  "multipart/form-data",
  "application/xml",
  "text/xml",
  "application/octet-stream",
  "application/jsonx",
  "application/json-seq",
  "json",
  "*/*",
  "application/",
  ";;;",
];

/** JSON text that no parser should accept, or only with surprises. */
const MALFORMED = [
  "{",
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '{"a":NaN}',
  '{"a":1}{"b":2}',
  '{"a":1} trailing',
  "\uFEFF{}",
  "",
  " ",
  '"',
  "[",
  "}",
  '{"a":"\\ud800"}',
  '{"a":"\\x00"}',
  '{"a":"\\u00"}',
  '{"a":1e999999}',
  '{"a":01}',
  '{"a":1,"a":2}',
  '{"a":"line\nbreak"}',
  "\u0000",
  "undefined",
  "/* comment */ {}",
];

/** A body for a JSON route: mostly a (partly hostile) object, sometimes broken in one of many ways. */
export function jsonBodyArb(op: Operation, world: FuzzWorld): fc.Arbitrary<FuzzBody | undefined> {
  const schema = op.body?.schema ?? { type: "object" };
  const object = objectFor(schema, world);
  const asJson = fc
    .tuple(fc.constantFrom(...JSON_TYPES), object)
    .map(([type, value]) => textBody(type, toJsonText(value)));
  const notAnObject = fc
    .oneof(hostileStructure, fc.constantFrom<Json>(null, true, 0, "x", []), hostileString)
    .map((value) => textBody("application/json", toJsonText(value)));
  const malformed = fc.oneof(
    fc.constantFrom(...MALFORMED).map((t) => textBody("application/json", t)),
    object.map((value) => {
      const t = toJsonText(value);
      return textBody("application/json", t.slice(0, Math.floor(t.length / 2)));
    }),
  );
  const wrongType = fc
    .tuple(fc.constantFrom(...WRONG_TYPES), object, fc.constantFrom("json", "form", "xml"))
    .map(([type, value, shape]) => {
      if (shape === "json") return textBody(type, toJsonText(value));
      if (shape === "xml") return textBody(type, `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`);
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries(value as object)) form.append(k, typeof v === "string" ? v : toJsonText(v));
      return textBody(type, form.toString());
    });
  const invalidUtf8 = fc
    .constantFrom(
      [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d],
      [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d],
      [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xae, 0x22, 0x7d],
      [0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00],
      [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x00, 0x22, 0x7d],
    )
    .map((b) => bytesBody("application/json", new Uint8Array(b), `bytes ${JSON.stringify(b)}`));
  const oversized = fc
    .tuple(fc.constantFrom(MAX_JSON_BODY_BYTES + 1, MAX_JSON_BODY_BYTES * 2, 1_048_576), object)
    .map(([size, value]) => {
      const t = toJsonText(value);
      const padded =
        t.startsWith("{") && t.length > 2 ? `{"pad":"${"x".repeat(size)}",${t.slice(1)}` : `${" ".repeat(size)}${t}`;
      return textBody("application/json", padded);
    });
  const deep = fc
    .tuple(
      object,
      fc.constantFrom(...Object.keys(schema.properties ?? { x: {} })),
      fc.constantFrom<"array" | "object">("array", "object"),
    )
    .map(([value, key, kind]) => {
      const nested = deepJson(30_000, kind);
      const t = toJsonText(value);
      const text =
        t.startsWith("{") && t.length > 2 ? `{${JSON.stringify(key)}:${nested.text},${t.slice(1)}` : nested.text;
      return textBody("application/json", text);
    });
  return fc.oneof(
    { arbitrary: asJson, weight: 12 },
    { arbitrary: deep, weight: 2 },
    { arbitrary: notAnObject, weight: 2 },
    { arbitrary: malformed, weight: 2 },
    { arbitrary: wrongType, weight: 2 },
    { arbitrary: invalidUtf8, weight: 1 },
    { arbitrary: oversized, weight: 1 },
    { arbitrary: fc.constantFrom(undefined, textBody("application/json", "")), weight: 1 },
  );
}

/**
 * One body per way a JSON body goes wrong, built around a plausible one:
 * wrong and missing content types, malformed and truncated JSON, invalid
 * UTF-8, a top level that is not an object, prototype keys, a duplicated
 * key, and sizes past MAX_JSON_BODY_BYTES.
 */
export function jsonBodyCatalogue(base: { [key: string]: Json }): FuzzBody[] {
  const text = toJsonText(base);
  const [firstKey] = Object.keys(base);
  const types = [
    undefined,
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=fuzz",
    "application/xml",
    "application/jsonx",
  ];
  const form = new URLSearchParams(
    Object.entries(base).map(([k, v]) => [k, typeof v === "string" ? v : toJsonText(v)]),
  );
  const proto: { [key: string]: Json } = { ...base };
  for (const key of PROTO_KEYS) withKey(proto, key, withKey({}, "polluted", true));
  return [
    ...types.map((type) => textBody(type, text)),
    textBody("application/x-www-form-urlencoded", form.toString()),
    textBody("text/xml", `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`),
    ...[
      "{",
      '{"a":1,}',
      "{'a':1}",
      "",
      `\uFEFF${text}`,
      `${text}garbage`,
      text.slice(0, Math.floor(text.length / 2)),
    ].map((t) => textBody("application/json", t)),
    bytesBody(
      "application/json",
      concat(['{"a":"', new Uint8Array([0xff, 0xed, 0xa0, 0x80]), '"}']),
      "invalid UTF-8 in a string",
    ),
    ...([[], "x", null, deepJson(30_000, "array"), deepJson(30_000, "object")] as Json[]).map((v) =>
      textBody("application/json", toJsonText(v)),
    ),
    textBody("application/json", toJsonText(proto)),
    ...(firstKey ? [textBody("application/json", `${text.slice(0, -1)},${JSON.stringify(firstKey)}:{"$gt":""}}`)] : []),
    textBody(
      "application/json",
      `{"pad":"${"x".repeat(MAX_JSON_BODY_BYTES)}"${text === "{}" ? "}" : `,${text.slice(1)}`}`,
    ),
  ];
}

/** A body on a route that declares none (never on GET or HEAD, which cannot carry one). */
export const strayBodyArb: fc.Arbitrary<FuzzBody | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 8 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...JSON_TYPES, ...WRONG_TYPES), fc.jsonValue({ maxDepth: 3 }))
      .map(([type, value]) => textBody(type, JSON.stringify(value) ?? "")),
    weight: 2,
  },
  {
    arbitrary: fc.constant(textBody("application/json", `{"pad":"${"x".repeat(MAX_JSON_BODY_BYTES)}"}`)),
    weight: 1,
  },
);
