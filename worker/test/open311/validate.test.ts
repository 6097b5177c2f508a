import { describe, expect, it } from "vitest";
import { isDateTime, isUri, type JsonSchema, UnsupportedKeywordError, Validator } from "./validate";

/** Validates `document` against a one-off schema; returns the failing keywords. */
function failures(schema: JsonSchema, document: unknown, others: Record<string, JsonSchema> = {}): string[] {
  return new Validator({ ...others, "test.json": schema }).validate("test.json", document).errors.map((e) => e.keyword);
}

describe("the Open311 test validator", () => {
  it("checks type, including integer, null and a list of types", () => {
    expect(failures({ type: "string" }, "a")).toEqual([]);
    expect(failures({ type: "string" }, 1)).toEqual(["type"]);
    expect(failures({ type: "integer" }, 2)).toEqual([]);
    expect(failures({ type: "integer" }, 2.5)).toEqual(["type"]);
    expect(failures({ type: "number" }, 2.5)).toEqual([]);
    expect(failures({ type: "number" }, "2.5")).toEqual(["type"]);
    expect(failures({ type: "object" }, [])).toEqual(["type"]);
    expect(failures({ type: "array" }, {})).toEqual(["type"]);
    expect(failures({ type: "boolean" }, "true")).toEqual(["type"]);
    expect(failures({ type: "null" }, null)).toEqual([]);
    expect(failures({ type: "null" }, "")).toEqual(["type"]);
    expect(failures({ type: ["integer", "string"] }, "E1")).toEqual([]);
    expect(failures({ type: ["integer", "string"] }, null)).toEqual(["type"]);
  });

  it("checks required and properties, with the path of the failing value", () => {
    const schema = { type: "object", required: ["a"], properties: { a: { type: "string" }, b: { type: "number" } } };
    expect(failures(schema, { a: "x", b: 1, c: true })).toEqual([]);
    const v = new Validator({ "s.json": schema });
    expect(v.validate("s.json", { b: 1 }).errors).toEqual([
      { path: "/a", keyword: "required", message: "is required" },
    ]);
    expect(v.validate("s.json", { a: "x", b: "1" }).errors.map((e) => [e.path, e.keyword])).toEqual([["/b", "type"]]);
  });

  it("checks additionalProperties as false or as a schema", () => {
    expect(failures({ properties: { a: {} }, additionalProperties: false }, { a: 1 })).toEqual([]);
    expect(failures({ properties: { a: {} }, additionalProperties: false }, { a: 1, b: 2 })).toEqual([
      "additionalProperties",
    ]);
    expect(failures({ additionalProperties: { type: "string" } }, { x: "1" })).toEqual([]);
    expect(failures({ additionalProperties: { type: "string" } }, { x: 1 })).toEqual(["type"]);
  });

  it("checks every item against items, and minItems, maxItems, uniqueItems", () => {
    const path = new Validator({ "s.json": { items: { type: "string" } } }).validate("s.json", ["a", 2, "c"]).errors;
    expect(path.map((e) => [e.path, e.keyword])).toEqual([["/1", "type"]]);
    expect(failures({ minItems: 1 }, [])).toEqual(["minItems"]);
    expect(failures({ maxItems: 1 }, [1, 2])).toEqual(["maxItems"]);
    expect(
      failures({ uniqueItems: true }, [
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ]),
    ).toEqual(["uniqueItems"]);
    expect(failures({ uniqueItems: true }, [1, "1"])).toEqual([]);
    expect(failures({ uniqueItems: false }, [1, 1])).toEqual([]);
    // Array keywords do not apply to objects (the vendored services.json puts minItems in an item schema).
    expect(failures({ minItems: 1 }, {})).toEqual([]);
  });

  it("checks enum and const by value", () => {
    expect(failures({ enum: ["open", "closed"] }, "open")).toEqual([]);
    expect(failures({ enum: ["open", "closed"] }, "Open")).toEqual(["enum"]);
    expect(failures({ enum: [{ a: [1] }] }, { a: [1] })).toEqual([]);
    expect(failures({ const: "" }, "")).toEqual([]);
    expect(failures({ const: "" }, " ")).toEqual(["const"]);
  });

  it("checks string lengths in code points and pattern unanchored", () => {
    expect(failures({ maxLength: 6 }, "Hà Nội")).toEqual([]);
    expect(failures({ maxLength: 6 }, "Hà Nội".normalize("NFD"))).toEqual(["maxLength"]);
    expect(failures({ maxLength: 3 }, "abcd")).toEqual(["maxLength"]);
    expect(failures({ maxLength: 1 }, "😀")).toEqual([]);
    expect(failures({ minLength: 1 }, "")).toEqual(["minLength"]);
    expect(failures({ pattern: "^[a-z]+/[a-z]+$" }, "text/xml")).toEqual([]);
    expect(failures({ pattern: "^[a-z]+/[a-z]+$" }, "text/xml; charset=utf-8")).toEqual(["pattern"]);
    expect(failures({ pattern: "xml" }, "text/xml")).toEqual([]);
  });

  it("checks minimum and maximum", () => {
    expect(failures({ minimum: -90, maximum: 90 }, 21.03)).toEqual([]);
    expect(failures({ minimum: -90 }, -91)).toEqual(["minimum"]);
    expect(failures({ maximum: 90 }, 91)).toEqual(["maximum"]);
  });

  it("checks format date-time as RFC 3339 with a zone", () => {
    expect(failures({ format: "date-time" }, "2010-04-14T06:37:38-08:00")).toEqual([]);
    expect(failures({ format: "date-time" }, "2010-04-14T06:37:38Z")).toEqual([]);
    expect(failures({ format: "date-time" }, "2010-04-14T06:37:38")).toEqual(["format"]);
    expect(failures({ format: "date-time" }, 5)).toEqual([]); // formats apply to strings only
    for (const good of ["2024-02-29T00:00:00+07:00", "2010-01-01T00:00:00.123Z", "2016-12-31T23:59:60Z"]) {
      expect(isDateTime(good), good).toBe(true);
    }
    for (const bad of [
      "2010-01-01",
      "2010-01-01T00:00Z", // the W3C note allows minutes only; RFC 3339 and our server do not
      "2010-01-01 00:00:00Z",
      "2023-02-29T00:00:00Z",
      "2010-13-01T00:00:00Z",
      "2010-04-31T00:00:00Z",
      "2010-01-01T24:00:00Z",
      "2010-01-01T00:00:00+0700",
      "2010-01-01T00:00:00+24:00",
      "2010-01-01t00:00:00z",
    ]) {
      expect(isDateTime(bad), bad).toBe(false);
    }
  });

  it("checks format uri: a scheme and no white space", () => {
    expect(failures({ format: "uri" }, "https://example.org/a.jpg")).toEqual([]);
    expect(failures({ format: "uri" }, "/relative/path")).toEqual(["format"]);
    expect(isUri("http://city.gov.s3.amazonaws.com/requests/media/638344.jpg ")).toBe(false);
    expect(isUri("mailto:api@example.org")).toBe(true);
    expect(isUri("http://")).toBe(false);
  });

  it("checks anyOf, oneOf, allOf and not", () => {
    const nullableString = { anyOf: [{ type: "string" }, { type: "null" }] };
    expect(failures(nullableString, null)).toEqual([]);
    expect(failures(nullableString, 3)).toEqual(["anyOf"]);
    const exactlyOne = { oneOf: [{ required: ["a"] }, { required: ["b"] }] };
    expect(failures(exactlyOne, { a: 1 })).toEqual([]);
    expect(failures(exactlyOne, { a: 1, b: 2 })).toEqual(["oneOf"]);
    expect(failures(exactlyOne, {})).toEqual(["oneOf"]);
    expect(failures({ allOf: [{ type: "string" }, { minLength: 2 }] }, "a")).toEqual(["minLength"]);
    expect(failures({ not: { required: ["token"] } }, { token: "t" })).toEqual(["not"]);
    expect(failures({ not: { required: ["token"] } }, {})).toEqual([]);
  });

  it("checks boolean schemas", () => {
    expect(failures(true, { anything: 1 })).toEqual([]);
    expect(failures(false, null)).toEqual(["false"]);
    expect(failures({ properties: { a: false } }, { a: 1 })).toEqual(["false"]);
  });

  it("follows $ref within the file and to another registered file", () => {
    const defs = {
      type: "array",
      items: { $ref: "#/definitions/item" },
      definitions: { item: { type: "object", required: ["id"] } },
    };
    expect(failures(defs, [{ id: 1 }])).toEqual([]);
    expect(failures(defs, [{ id: 1 }, {}])).toEqual(["required"]);
    const item = { type: "object", required: ["id"], properties: { kind: { $ref: "#/definitions/kind" } } };
    const withKind = { ...item, definitions: { kind: { enum: ["a"] } } };
    // A $ref into another file resolves that file's own "#/..." refs against it, not against the referrer.
    expect(failures({ items: { $ref: "item.json" } }, [{ id: 1, kind: "a" }], { "item.json": withKind })).toEqual([]);
    expect(failures({ items: { $ref: "item.json" } }, [{ id: 1, kind: "b" }], { "item.json": withKind })).toEqual([
      "enum",
    ]);
    expect(failures({ $ref: "item.json#/definitions/kind" }, "b", { "item.json": withKind })).toEqual(["enum"]);
    expect(() => failures({ $ref: "missing.json" }, 1)).toThrow(/unregistered/);
    expect(() => failures({ $ref: "#/definitions/nope" }, 1)).toThrow(/does not resolve/);
  });

  it("refuses a schema with a keyword it does not implement, instead of skipping it", () => {
    expect(() => new Validator({ "s.json": { type: "object", patternProperties: {} } })).toThrow(
      UnsupportedKeywordError,
    );
    expect(() => new Validator({ "s.json": { properties: { a: { if: { type: "string" } } } } })).toThrow(/"if"/);
    expect(() => new Validator({ "s.json": { items: { anyOf: [{ dependencies: {} }] } } })).toThrow(/dependencies/);
    expect(() => new Validator({ "s.json": { format: "email" } })).toThrow(/format: email/);
    expect(() => new Validator({ "s.json": { definitions: { x: { contains: {} } } } })).toThrow(/contains/);
  });

  it("reports every failure, not only the first", () => {
    const schema = {
      type: "object",
      required: ["a", "b"],
      properties: { c: { type: "string" } },
    };
    expect(failures(schema, { c: 1 }).sort()).toEqual(["required", "required", "type"]);
  });
});
