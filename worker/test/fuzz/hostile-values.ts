import fc from "fast-check";

/**
 * Hostile values: strings, numbers and structures that parsers, validators,
 * SQL and header handling tend to get wrong.
 */

/** A fragment of JSON text sent as is (deep nesting, `1e999`, `NaN`…), which no JS value serialises to. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A JSON value as the fuzzer builds it: plain data, or raw text where JS cannot express it. */
export type Json = null | boolean | number | string | RawJson | Json[] | { [key: string]: Json };

/**
 * JSON text for a value. Own keys are written in order, including a key
 * named `__proto__` (see `withKey`), which `JSON.stringify` of an object
 * literal would turn into a prototype instead.
 */
export function toJsonText(value: Json): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.keys(value)
      .map((k) => `${JSON.stringify(k)}:${toJsonText(value[k] as Json)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** A value as it appears in a query string or a path segment: strings as they are, the rest as JSON. */
export function textOf(value: Json): string {
  return typeof value === "string" ? value : toJsonText(value);
}

/** Sets an own enumerable key, even `__proto__`. */
export function withKey(target: { [key: string]: Json }, key: string, value: Json): { [key: string]: Json } {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** Keys that reach `Object.prototype` when code merges objects carelessly. */
export const PROTO_KEYS = ["__proto__", "constructor", "prototype"] as const;

/** Strings that are valid UTF-16 only in part, or that render, fold or compare surprisingly. */
export const UNICODE_EDGES: readonly string[] = [
  "\uD800",
  "\uDFFF",
  "a\uD83Db",
  "\uDC00\uD800",
  "\u202Etxt.exe\u202C",
  "\u200F\u05E9\u05DC\u05D5\u05DD\u200E",
  "مرحبا بالعالم",
  "\u200B\u200C\u200D\u2060\uFEFF",
  "\u0000",
  "a\u0000b",
  "\u0000".repeat(64),
  "e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309",
  "Z\u0335\u0321\u032A\u0353a\u0337\u0317l\u0336\u0330g\u0338\u0326o\u0334",
  "👨‍👩‍👧‍👦",
  "🏳️‍🌈🇻🇳",
  "\u{1F4A9}".repeat(40),
  "Tiếng Việt có dấu".normalize("NFD"),
  "Phường Đống Đa".normalize("NFD"),
  "Sở Xây dựng".normalize("NFD"),
  "SỞ XÂY DỰNG",
  "\u00A0\u2000\u2028\u2029\u0085",
  "\r\n\r\n",
  "\t\v\f",
  "\uFFFE\uFFFF\u{10FFFF}",
  "İıſK", // case folding that changes length or maps outside ASCII
  "ß".repeat(30),
  "ﬃ".repeat(30),
];

/** Injection and traversal probes that a string field may carry. */
export const PROBES: readonly string[] = [
  "../",
  "../../../../etc/passwd",
  "..\\..\\windows",
  "%2e%2e%2f",
  "%00",
  "%",
  "%%",
  "%ff%fe",
  "_",
  "%_%_%",
  "\\",
  "'",
  '"',
  "'; DROP TABLE reports; --",
  "1 OR 1=1",
  "<script>alert(1)</script>",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as typed.
  "${7*7}{{7*7}}",
  '=HYPERLINK("http://x")',
  "null",
  "undefined",
  "NaN",
  "true",
  "[]",
  "{}",
  "",
  " ",
  "a".repeat(49),
  "ă".repeat(26),
];

/** Sizes that sit on or just past the limits this API uses (contract maxima, LIKE's 50 bytes, D1's 100 KB). */
const HUGE_LENGTHS = [51, 65, 101, 201, 257, 1_001, 2_001, 5_001, 10_001, 70_000, 120_000] as const;

/** A very long string, ASCII or multi-byte. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...HUGE_LENGTHS), fc.constantFrom("x", "ệ", "🙂", "a ", "%", "\u0000", "Đ\u0301"))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

/** A string from any of the hostile families, or plain random text. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...UNICODE_EDGES), weight: 4 },
  { arbitrary: fc.constantFrom(...PROBES), weight: 3 },
  { arbitrary: hugeString, weight: 2 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme", minLength: 45, maxLength: 120 }), weight: 1 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
);

/** Numbers outside every sane range, as JSON. */
export const hostileNumber: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    0,
    -0,
    -1,
    1.5,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53 + 2,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    5e-324,
    new RawJson("1e999"),
    new RawJson("-1e999"),
    new RawJson("123456789012345678901234567890"),
    new RawJson("0.0000000000000000000000000001"),
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Numbers as query strings: formats `Number()` and `parseInt` disagree about. */
export const hostileNumberText: fc.Arbitrary<string> = fc.constantFrom(
  "NaN",
  "Infinity",
  "-Infinity",
  "1e999",
  "1e3",
  "0x10",
  "0b11",
  "1_000",
  " 1",
  "1 ",
  "+1",
  "-0",
  "01",
  "1.0",
  "1.5",
  "١٢",
  "１２",
  "9".repeat(400),
  "-9007199254740993",
  "",
);

/** Arrays or objects nested `depth` deep, as JSON text (built iteratively: no recursion). */
export function deepJson(depth: number, kind: "array" | "object"): RawJson {
  return kind === "array"
    ? new RawJson(`${"[".repeat(depth)}1${"]".repeat(depth)}`)
    : new RawJson(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`);
}

/** Deeply nested or very wide structures. */
export const hostileStructure: fc.Arbitrary<Json> = fc.oneof(
  fc
    .tuple(fc.constantFrom(40, 1_000, 20_000), fc.constantFrom<"array" | "object">("array", "object"))
    .map(([depth, kind]) => deepJson(depth, kind)),
  fc.constantFrom(5_000, 50_000).map((n) => new RawJson(`[${Array.from({ length: n }, () => "0").join(",")}]`)),
  fc.constant(
    new RawJson(`{${Array.from({ length: 3_000 }, (_, i) => `"k${i}":${i}`).join(",")}}`),
  ) as fc.Arbitrary<Json>,
  fc.constantFrom(...PROTO_KEYS).map((key) => withKey({}, key, withKey({}, "polluted", withKey({}, "isAdmin", true)))),
  fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>,
);

/** Any value that is not of the declared JSON type `type`. */
export function wrongTypeFor(type: string | undefined): fc.Arbitrary<Json> {
  const all: Record<string, fc.Arbitrary<Json>> = {
    string: hostileString,
    number: hostileNumber,
    boolean: fc.boolean(),
    null: fc.constant(null),
    array: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxLength: 4 }), hostileStructure),
    object: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>),
  };
  const kinds = Object.keys(all).filter((k) => k !== type && !(type === "integer" && k === "number"));
  return fc.oneof(...kinds.map((k) => all[k] as fc.Arbitrary<Json>));
}

/** A value for a query string or path segment that is not what the parameter declares. */
export function wrongTextFor(type: string | undefined): fc.Arbitrary<string> {
  return type === "integer" || type === "number"
    ? fc.oneof(hostileNumberText, hostileString)
    : fc.oneof(hostileString, hostileNumberText, fc.constantFrom("true", "[object Object]", "a,b,c"));
}
