import fc from "fast-check";
import { PASSWORD } from "../support/accounts";
import {
  hostileNumber,
  hostileString,
  hostileStructure,
  hugeString,
  type Json,
  PROTO_KEYS,
  UNICODE_EDGES,
  withKey,
  wrongTypeFor,
} from "./hostile-values";
import type { JsonSchema } from "./operations";
import type { FuzzWorld } from "./world";

/**
 * Values for a schema: plausible ones (real ids, dates, enum members, text
 * long enough to pass) so that handlers run past validation, mixed with
 * wrong types, boundary lengths and hostile strings.
 */

/** Real dates far from any data: year 0, the epoch, the ends of the calendar, a century of months. */
const EXTREME_DATES = [
  "0000-01-01",
  "0001-01-01",
  "1970-01-01",
  "1999-12-31",
  "2000-01-01",
  "2099-12-31",
  "9999-12-31",
];

/** Dates that are not, or only just: leap days, month 13, other formats. */
const ODD_DATES = [
  "2024-02-29",
  "2026-02-29",
  "2026-02-30",
  "2026-13-01",
  "2026-00-10",
  "2026-1-5",
  "20260115",
  "2026-01",
  "2026",
  "2026-01-15T00:00:00Z",
  "2026-01-15T25:61:61+07:00",
  "15/01/2026",
  "+002026-01-15",
  "-000001-01-01",
  "2026-01-15\u0000",
];

/** Free text: Vietnamese sentences that pass minimum lengths. */
const SENTENCES = [
  "Cán bộ tiếp nhận hồ sơ yêu cầu nộp thêm giấy tờ không có trong quy định của thủ tục.",
  "Đã đối chiếu sổ theo dõi hồ sơ và lời khai của 3 công dân; hành vi được xác nhận.",
  "Tôi không đồng ý với kết luận vì chưa ai liên hệ với tôi để xác minh sự việc.",
  "Niêm yết công khai thủ tục và thời hạn giải quyết tại bộ phận một cửa.",
  "Cán bộ địa chính phường Đống Đa đòi 2 triệu đồng 'bồi dưỡng' mới nhận hồ sơ cấp sổ đỏ.",
];

/** Text a reporter or an inspector could write, now and then decomposed (NFD) or with an odd character. */
const text: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SENTENCES), weight: 4 },
  { arbitrary: fc.constantFrom(...SENTENCES).map((s) => s.normalize("NFD")), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...SENTENCES), fc.constantFrom(...UNICODE_EDGES.filter((u) => u.length < 40)))
      .map(([s, u]) => `${s} ${u}`),
    weight: 1,
  },
);

const EMAILS = ["nguyen.van.a@example.vn", "b@example.com", "tran+thu@example.org"];

/**
 * Values a well-behaved client sends for a property or parameter, by its
 * name: real ids, dates that make a valid period, a solved ALTCHA payload.
 */
function typicalByName(name: string, world: FuzzWorld): fc.Arbitrary<Json> | undefined {
  const leadId = fc.constantFrom(...world.leadIds);
  const userId = fc.constantFrom(...world.staffIds);
  switch (name) {
    case "unitId":
    case "responsibleUnitId":
    case "unit":
      return fc.constantFrom(...world.unitIds);
    case "leadId":
    case "targetLeadId":
    case "inspectionId":
      return leadId;
    case "userId":
      return userId;
    case "trackingCode":
      return fc.constantFrom(...world.reports.flatMap((r) => [r.trackingCode, r.trackingCode.toLowerCase()]));
    case "occurredOn":
      return fc.constantFrom("2026-01-15", "2026-03-01", "2025-07-01");
    case "from":
      return fc.constantFrom("2025-07-01", "2026-01-15");
    case "to":
      return fc.constantFrom("2026-03-01", "2026-06-30");
    case "plannedStart":
      return fc.constantFrom("2027-03-01", "2027-04-06");
    case "plannedEnd":
      return fc.constantFrom("2027-03-05", "2027-04-10");
    case "deadline":
      return fc.constantFrom("2027-06-30", "2099-12-31");
    case "email":
      return fc.constantFrom(...world.victims.map((v) => v.email), ...EMAILS);
    case "password":
      return fc.oneof(fc.constant(PASSWORD), fc.string({ minLength: 1, maxLength: 40 }));
    case "currentPassword":
    case "newPassword":
      // Never the real password: a change would sign the fuzzer's own sessions out for good.
      return fc.string({ minLength: 12, maxLength: 40 });
    case "code":
    case "totp":
      return fc.stringMatching(/^\d{6}$/);
    case "altcha":
      return fc.constantFrom(...world.altcha);
    case "q":
    case "unitQ":
      return fc.constantFrom("xay", "so xay dung", "Đống Đa", "đống đa".normalize("NFD"));
    case "year":
      return fc.constantFrom(2026, 2027);
    case "contact":
      return fc.record({
        name: fc.constantFrom("Nguyễn Văn A", "Trần Thị Thu"),
        email: fc.constantFrom(...EMAILS),
        phone: fc.constantFrom("0912345678", "+84 912 345 678"),
      });
    case "team":
      return fc.constantFrom<Json>([], [{ userId: world.teamMemberId, role: "member" }]);
    case "leadIds":
      return fc.array(leadId, { maxLength: 3 }) as fc.Arbitrary<Json>;
    case "unitTies":
      return fc.array(fc.constantFrom(...world.unitIds), { maxLength: 3 }) as fc.Arbitrary<Json>;
    default:
      return undefined;
  }
}

/**
 * Edge values for a property or parameter, by its name and schema: the
 * limits its validation and queries must hold (date ranges, D1's 50-byte
 * LIKE pattern, 100 bound parameters, declared lengths and ranges).
 */
export function edgesFor(schema: JsonSchema, name: string, world: FuzzWorld): Json[] {
  const byName: Record<string, Json[]> = {
    from: [...EXTREME_DATES, ...ODD_DATES],
    to: [...EXTREME_DATES, ...ODD_DATES],
    occurredOn: [...EXTREME_DATES, ...ODD_DATES.slice(0, 8), "2099-12-31"],
    plannedStart: [...EXTREME_DATES, ...ODD_DATES.slice(0, 8)],
    plannedEnd: [...EXTREME_DATES, ...ODD_DATES.slice(0, 8)],
    deadline: [...EXTREME_DATES, ...ODD_DATES.slice(0, 8)],
    // Wrapped in %…% these pass D1's 50-byte LIKE limit, in ASCII and in multi-byte letters.
    q: ["a".repeat(49), "ệ".repeat(17), "so xay dung ".repeat(6), "%", "_", "\\"],
    unitQ: ["a".repeat(49), "ệ".repeat(17), "so xay dung ".repeat(6), "%", "_", "\\"],
    email: ["a@b", "@", `${"a".repeat(300)}@x.vn`, "ADMIN@DEMO.LOCAL", "x@xn--80ak6aa92e.com", "a@b.c\u0000"],
    cursor: [btoa(JSON.stringify({ priority: "x", id: "' OR 1=1" })), btoa("\u0000\u00ff"), "!!!"],
    altcha: [btoa(JSON.stringify({ challenge: { parameters: {}, signature: "x" }, solution: {} })), "e30="],
    year: [1999, 2101, 0, 275760],
    // More than D1's 100 bound parameters if a query binds them one by one.
    leadIds: [Array.from({ length: 130 }, (_, i) => world.leadIds[i % world.leadIds.length] as string)],
    unitTies: [Array.from({ length: 130 }, (_, i) => world.unitIds[i % world.unitIds.length] as string)],
    team: [
      Array.from({ length: 21 }, (_, i) => ({
        userId: world.staffIds[i % world.staffIds.length] as string,
        role: "member",
      })),
    ],
  };
  const bounds: Json[] = [];
  if (schema.maxLength !== undefined) bounds.push("x".repeat(schema.maxLength + 1));
  if (schema.minimum !== undefined) bounds.push(schema.minimum - 1);
  if (schema.maximum !== undefined) bounds.push(schema.maximum + 1);
  return [...(byName[name] ?? []), ...bounds];
}

/** A string within the schema's length limits. */
function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const fits = SENTENCES.some((s) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity));
  const short = fc.string({
    minLength: Math.max(schema.minLength ?? 0, 1),
    maxLength: Math.min(schema.maxLength ?? 40, 40),
  });
  return fits ? fc.oneof({ arbitrary: text, weight: 3 }, short) : short;
}

/** A value a well-behaved client could send for `schema` (property or parameter `name`). */
export function plausibleValue(schema: JsonSchema, name: string, world: FuzzWorld): fc.Arbitrary<Json> {
  if (schema.enum?.length) return fc.constantFrom(...(schema.enum as Json[]));
  const typical = typicalByName(name, world);
  if (typical) return typical;
  switch (schema.type) {
    case "integer":
    case "number":
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(plausibleValue(schema.items ?? {}, name, world), {
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      }) as fc.Arbitrary<Json>;
    case "object":
      return plausibleObject(schema, world);
    default:
      return stringFor(schema);
  }
}

/** Any value for a property: mostly plausible, often hostile. */
export function fuzzValue(schema: JsonSchema, name: string, world: FuzzWorld): fc.Arbitrary<Json> {
  const edges = edgesFor(schema, name, world);
  return fc.oneof(
    { arbitrary: plausibleValue(schema, name, world), weight: 8 },
    ...(edges.length ? [{ arbitrary: fc.constantFrom(...edges), weight: 3 }] : []),
    { arbitrary: wrongTypeFor(schema.type), weight: 2 },
    { arbitrary: hostileString, weight: 2 },
    { arbitrary: hugeString, weight: 1 },
    { arbitrary: hostileStructure, weight: 1 },
    { arbitrary: hostileNumber, weight: 1 },
  );
}

/** An object with every property plausible (optional ones included): the base that one hostile value is put into. */
export function plausibleObject(schema: JsonSchema, world: FuzzWorld): fc.Arbitrary<{ [key: string]: Json }> {
  const props = Object.entries(schema.properties ?? {});
  return fc.tuple(...props.map(([name, prop]) => plausibleValue(prop, name, world))).map((values) => {
    const out: { [key: string]: Json } = Object.fromEntries(props.map(([name], i) => [name, values[i] as Json]));
    // An anonymous report carries no contact details; with them it is refused before anything deeper runs.
    if (out.track === "anonymous") delete out.contact;
    return out;
  });
}

/**
 * An object for an object schema, in one of two modes: a plausible object
 * with at most one property made hostile (so the handler runs past
 * validation and the hostile value meets its deeper code), or every property
 * present or not and fuzzed on its own. Either may gain a prototype key or
 * an unknown one.
 */
export function objectFor(schema: JsonSchema, world: FuzzWorld): fc.Arbitrary<Json> {
  const props = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const plausible = props.map(([name, prop]) => plausibleValue(prop, name, world));
  const fuzzed = props.map(([name, prop]) => fuzzValue(prop, name, world));
  const optional = fc.tuple(...props.map(() => fc.boolean()));
  const oneHostile = fc
    .tuple(fc.tuple(...plausible), optional, fc.option(fc.nat(), { freq: 2 }), fc.tuple(...fuzzed))
    .map(([values, keep, target, hostile]) =>
      props.flatMap(([name], i) => {
        const mutated = target !== null && props.length > 0 && target % props.length === i;
        if (!mutated && !required.has(name) && !keep[i]) return [];
        return [[name, (mutated ? hostile[i] : values[i]) as Json] as const];
      }),
    );
  const allFuzzed = fc
    .tuple(fc.tuple(...fuzzed), fc.tuple(...props.map(() => fc.integer({ min: 0, max: 9 }))))
    .map(([values, dice]) =>
      props.flatMap(([name], i) =>
        (required.has(name) ? (dice[i] ?? 0) > 0 : (dice[i] ?? 0) > 4) ? [[name, values[i] as Json] as const] : [],
      ),
    );
  const extra = fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 8 },
    { arbitrary: fc.tuple(fc.constantFrom(...PROTO_KEYS), hostileStructure), weight: 2 },
    {
      arbitrary: fc.tuple(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>),
      weight: 1,
    },
  );
  return fc
    .tuple(fc.oneof({ arbitrary: oneHostile, weight: 3 }, { arbitrary: allFuzzed, weight: 2 }), extra)
    .map(([entries, added]) => {
      const out: { [key: string]: Json } = {};
      for (const [name, value] of entries) withKey(out, name, value);
      if (added) withKey(out, added[0], added[1]);
      return out;
    });
}
