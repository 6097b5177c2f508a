/**
 * A small JSON Schema (draft-07 subset) validator for the Open311 tests.
 *
 * Why not a library: none is a dependency of this project. `ajv` sits in
 * node_modules only as an undeclared transitive package of the editor tooling,
 * and `@cfworker/json-schema` is absent; we add no dependencies. This file is
 * pure (no I/O, no `eval`/`new Function`), so it runs in workerd as it is.
 *
 * Supported keywords: `type` (a name or a list; "integer" is a whole number),
 * `properties`, `required`, `additionalProperties` (boolean or schema), `items`
 * (one schema), `minItems`, `maxItems`, `uniqueItems`, `enum`, `const`,
 * `minLength`, `maxLength` (in code points), `pattern` (unanchored, as the
 * standard says), `minimum`, `maximum`, `format` ("date-time" per RFC 3339
 * with a required offset, "uri" with a scheme and no spaces), `anyOf`, `oneOf`,
 * `allOf`, `not`, `$ref` to `#`, `#/definitions/...` (JSON pointer) or to
 * another registered schema by file name ("request.json", optionally with a
 * `#/...` fragment). Annotations are ignored: `$schema`, `$id`, `$comment`,
 * `title`, `description`, `definitions`, `examples`, `default`.
 *
 * Any other keyword throws (`UnsupportedKeywordError`): a schema must never
 * pass because its checks were silently skipped.
 */

export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

export interface ValidationError {
  /** JSON pointer of the failing value in the document ("" is the root). */
  readonly path: string;
  /** The keyword that failed. */
  readonly keyword: string;
  readonly message: string;
}

export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: readonly ValidationError[];
}

export class UnsupportedKeywordError extends Error {
  constructor(
    readonly keyword: string,
    readonly schemaPath: string,
  ) {
    super(`unsupported JSON Schema keyword "${keyword}" at ${schemaPath || "#"}`);
    this.name = "UnsupportedKeywordError";
  }
}

const ANNOTATIONS = new Set([
  "$schema",
  "$id",
  "$comment",
  "title",
  "description",
  "definitions",
  "examples",
  "default",
]);

const CHECKED = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "uniqueItems",
  "enum",
  "const",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "format",
  "anyOf",
  "oneOf",
  "allOf",
  "not",
  "$ref",
]);

const FORMATS: Readonly<Record<string, (value: string) => boolean>> = {
  "date-time": isDateTime,
  uri: isUri,
};

/** RFC 3339 date-time (the draft-07 `date-time` format): seconds and an offset are required. */
export function isDateTime(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (day > days || hour > 23 || minute > 59 || second > 60) return false;
  if (match[8] !== "Z" && (Number(match[9]) > 23 || Number(match[10]) > 59)) return false;
  return true;
}

/** An absolute URI: a scheme, no white space, and parseable by the URL standard. */
export function isUri(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    default:
      return typeOf(value) === type;
  }
}

/** A canonical text for equality (`enum`, `const`, `uniqueItems`): object keys sorted. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function pointer(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`;
}

function resolvePointer(root: JsonSchema, fragment: string): JsonSchema | undefined {
  if (fragment === "" || fragment === "/") return root;
  let node: unknown = root;
  for (const raw of fragment.replace(/^\//, "").split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(node) || !(key in node)) return undefined;
    node = node[key];
  }
  return typeof node === "boolean" || isObject(node) ? (node as JsonSchema) : undefined;
}

interface Frame {
  /** The schema document `$ref` fragments resolve against. */
  readonly root: JsonSchema;
}

/**
 * A set of schemas that may `$ref` each other by file name.
 *
 * @example
 * const v = new Validator({ "request.json": request, "requests.json": requests });
 * v.validate("requests.json", [{ service_request_id: "1", status: "open", ... }]).valid // true
 */
export class Validator {
  private readonly schemas: ReadonlyMap<string, JsonSchema>;

  constructor(schemas: Readonly<Record<string, JsonSchema>>) {
    this.schemas = new Map(Object.entries(schemas));
    for (const [name, schema] of this.schemas) this.checkKeywords(schema, name);
  }

  /** Validates `document` against the registered schema `name` (a file name such as "request.json"). */
  validate(name: string, document: unknown): ValidationResult {
    const schema = this.schemas.get(name);
    if (schema === undefined) throw new Error(`no schema registered as "${name}"`);
    const errors: ValidationError[] = [];
    this.check(schema, document, "", { root: schema }, errors);
    return { valid: errors.length === 0, errors };
  }

  /** Throws on a keyword this validator does not implement, anywhere in the schema. */
  private checkKeywords(schema: unknown, at: string): void {
    if (typeof schema === "boolean") return;
    if (!isObject(schema)) throw new Error(`schema at ${at} is neither an object nor a boolean`);
    for (const [keyword, value] of Object.entries(schema)) {
      if (!ANNOTATIONS.has(keyword) && !CHECKED.has(keyword)) throw new UnsupportedKeywordError(keyword, at);
      if (keyword === "format" && typeof value === "string" && !(value in FORMATS)) {
        throw new UnsupportedKeywordError(`format: ${value}`, at);
      }
      if ((keyword === "properties" || keyword === "definitions") && isObject(value)) {
        for (const [k, sub] of Object.entries(value)) this.checkKeywords(sub, `${at}/${keyword}/${k}`);
      } else if (keyword === "items" || keyword === "additionalProperties" || keyword === "not") {
        if (typeof value !== "boolean") this.checkKeywords(value, `${at}/${keyword}`);
      } else if ((keyword === "anyOf" || keyword === "oneOf" || keyword === "allOf") && Array.isArray(value)) {
        value.forEach((sub, i) => {
          this.checkKeywords(sub, `${at}/${keyword}/${i}`);
        });
      }
    }
  }

  private resolve(ref: string, frame: Frame): { schema: JsonSchema; frame: Frame } {
    const hash = ref.indexOf("#");
    const file = hash === -1 ? ref : ref.slice(0, hash);
    const fragment = hash === -1 ? "" : ref.slice(hash + 1);
    let root = frame.root;
    if (file !== "") {
      const other = this.schemas.get(file);
      if (other === undefined) throw new Error(`$ref to unregistered schema "${file}"`);
      root = other;
    }
    const schema = resolvePointer(root, fragment);
    if (schema === undefined) throw new Error(`$ref "${ref}" does not resolve`);
    return { schema, frame: { root } };
  }

  private check(schema: JsonSchema, value: unknown, path: string, frame: Frame, errors: ValidationError[]): void {
    const fail = (keyword: string, message: string) => errors.push({ path, keyword, message });
    if (schema === true) return;
    if (schema === false) {
      fail("false", "no value is allowed here");
      return;
    }
    const s = schema;

    if (typeof s.$ref === "string") {
      // Draft-07: a $ref replaces its siblings.
      const target = this.resolve(s.$ref, frame);
      this.check(target.schema, value, path, target.frame, errors);
      return;
    }

    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => hasType(value, t))) {
        fail("type", `expected ${types.join(" or ")}, got ${typeOf(value)}`);
        return;
      }
    }
    if (Array.isArray(s.enum) && !s.enum.some((option) => canonical(option) === canonical(value))) {
      fail("enum", `${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
    }
    if ("const" in s && canonical(s.const) !== canonical(value)) {
      fail("const", `expected ${JSON.stringify(s.const)}`);
    }

    if (typeof value === "string") {
      const length = [...value].length;
      if (typeof s.minLength === "number" && length < s.minLength) fail("minLength", `shorter than ${s.minLength}`);
      if (typeof s.maxLength === "number" && length > s.maxLength) fail("maxLength", `longer than ${s.maxLength}`);
      if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(value)) {
        fail("pattern", `does not match ${s.pattern}`);
      }
      if (typeof s.format === "string") {
        const test = FORMATS[s.format];
        if (test && !test(value)) fail("format", `not a valid ${s.format}`);
      }
    }

    if (typeof value === "number") {
      if (typeof s.minimum === "number" && value < s.minimum) fail("minimum", `less than ${s.minimum}`);
      if (typeof s.maximum === "number" && value > s.maximum) fail("maximum", `greater than ${s.maximum}`);
    }

    if (Array.isArray(value)) {
      if (typeof s.minItems === "number" && value.length < s.minItems)
        fail("minItems", `fewer than ${s.minItems} items`);
      if (typeof s.maxItems === "number" && value.length > s.maxItems)
        fail("maxItems", `more than ${s.maxItems} items`);
      if (s.uniqueItems === true && new Set(value.map(canonical)).size !== value.length) {
        fail("uniqueItems", "items are not unique");
      }
      if (s.items !== undefined) {
        value.forEach((item, i) => {
          this.check(s.items as JsonSchema, item, pointer(path, i), frame, errors);
        });
      }
    }

    if (isObject(value)) {
      if (Array.isArray(s.required)) {
        for (const key of s.required as string[]) {
          if (!(key in value)) errors.push({ path: pointer(path, key), keyword: "required", message: "is required" });
        }
      }
      const properties = isObject(s.properties) ? s.properties : {};
      for (const [key, item] of Object.entries(value)) {
        const sub = properties[key];
        if (sub !== undefined) {
          this.check(sub as JsonSchema, item, pointer(path, key), frame, errors);
        } else if (s.additionalProperties === false) {
          errors.push({ path: pointer(path, key), keyword: "additionalProperties", message: "is not allowed" });
        } else if (s.additionalProperties !== undefined && s.additionalProperties !== true) {
          this.check(s.additionalProperties as JsonSchema, item, pointer(path, key), frame, errors);
        }
      }
    }

    const passes = (sub: JsonSchema) => {
      const inner: ValidationError[] = [];
      this.check(sub, value, path, frame, inner);
      return inner.length === 0;
    };
    if (Array.isArray(s.allOf)) {
      for (const sub of s.allOf as JsonSchema[]) this.check(sub, value, path, frame, errors);
    }
    if (Array.isArray(s.anyOf) && !(s.anyOf as JsonSchema[]).some(passes)) {
      fail("anyOf", "matches none of the alternatives");
    }
    if (Array.isArray(s.oneOf)) {
      const matched = (s.oneOf as JsonSchema[]).filter(passes).length;
      if (matched !== 1) fail("oneOf", `matches ${matched} of the alternatives, not exactly one`);
    }
    if (s.not !== undefined && passes(s.not as JsonSchema)) fail("not", "matches a schema it must not match");
  }
}
