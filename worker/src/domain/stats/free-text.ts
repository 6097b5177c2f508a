import { MEASURES } from "./suppression";

/**
 * "No free text is ever published" (issue 5, "Privacy"), as a check. Reports,
 * notes and messages hold whatever people typed, names included; a public
 * response may only hold numbers, booleans, nulls and strings of known shapes:
 * dates, codes, and labels drawn from the directories (unit, category and
 * sector names). The check is a whitelist, so a new field fails until someone
 * decides it is safe. Integration tests run it over every public response.
 */

/** What a public response may contain. */
export interface TextPolicy {
  /** Every object key, at any depth, must be one of these. */
  keys: ReadonlySet<string>;
  /**
   * The strings allowed under a key: a pattern the whole string must match,
   * or a set of exact values. A string under a key not listed here is free
   * text. Strings inside an array are judged by the array's key.
   */
  strings: Readonly<Record<string, RegExp | ReadonlySet<string>>>;
}

/** One place where a response breaks the policy. */
export interface FreeTextViolation {
  /** JSON pointer to the offending value, e.g. `/groups/2/label`. */
  pointer: string;
  reason: "unknown_key" | "free_text" | "unexpected_type";
  /** The first 40 characters of the value or key, to help whoever reads the failing test. */
  preview: string;
}

function escapePointer(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

function allowed(rule: RegExp | ReadonlySet<string> | undefined, value: string): boolean {
  if (!rule) return false;
  if (rule instanceof RegExp) {
    const match = rule.exec(value);
    return match !== null && match.index === 0 && match[0].length === value.length;
  }
  return rule.has(value);
}

/**
 * Every place in `value` that is not whitelisted by `policy`; an empty list
 * means the response holds no free text.
 *
 * @example
 * findFreeText({ label: "Sở Xây dựng", note: "ông Nguyễn Văn A" }, statsTextPolicy(["Sở Xây dựng"]))
 * // [{ pointer: "/note", reason: "unknown_key", preview: "note" }]
 */
export function findFreeText(value: unknown, policy: TextPolicy): FreeTextViolation[] {
  const violations: FreeTextViolation[] = [];
  const walk = (node: unknown, pointer: string, key: string | undefined): void => {
    if (node === null || typeof node === "boolean") return;
    if (typeof node === "number") {
      if (!Number.isFinite(node)) violations.push({ pointer, reason: "unexpected_type", preview: String(node) });
      return;
    }
    if (typeof node === "string") {
      if (key === undefined || !allowed(policy.strings[key], node)) {
        violations.push({ pointer, reason: "free_text", preview: node.slice(0, 40) });
      }
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, `${pointer}/${i}`, key);
      });
      return;
    }
    if (typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        const child = `${pointer}/${escapePointer(k)}`;
        if (!policy.keys.has(k)) violations.push({ pointer: child, reason: "unknown_key", preview: k.slice(0, 40) });
        else walk(v, child, k);
      }
      return;
    }
    violations.push({ pointer, reason: "unexpected_type", preview: typeof node });
  };
  walk(value, "", undefined);
  return violations;
}

/** `YYYY-MM-DD`. */
export const DATE_PATTERN = /\d{4}-\d{2}-\d{2}/;
/** An ISO 8601 UTC instant as `Date.prototype.toISOString` writes it. */
export const INSTANT_PATTERN = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z/;
/** A group key: a month, a code or an id; no spaces, so no sentence fits. */
export const KEY_PATTERN = /[A-Za-z0-9_.:-]{1,64}/;
/** The groupings of `/api/public/stats`. */
export const GROUP_BY_VALUES: ReadonlySet<string> = new Set(["month", "category", "sector", "unit"]);

/**
 * The policy for `/api/public/stats` responses: the contract's keys, dates,
 * group keys, and labels only from `labels` (the names of units, categories
 * and sectors and the month labels, which the test reads from the
 * directories). `extra` adds keys and string rules for other public
 * responses, such as dismissal reason codes.
 *
 * @example
 * const policy = statsTextPolicy(["Sở Xây dựng", "Tháng 11/2026"]);
 * findFreeText(response, policy) // []
 */
export function statsTextPolicy(labels: Iterable<string>, extra: Partial<TextPolicy> = {}): TextPolicy {
  const keys = new Set<string>([
    "from",
    "to",
    "groupBy",
    "minCell",
    "generatedAt",
    "totals",
    "groups",
    "suppressedGroups",
    "key",
    "label",
    ...MEASURES,
    "onTimeRate",
    "medianDaysToFirstResponse",
    "suppressed",
    ...(extra.keys ?? []),
  ]);
  return {
    keys,
    strings: {
      from: DATE_PATTERN,
      to: DATE_PATTERN,
      generatedAt: INSTANT_PATTERN,
      groupBy: GROUP_BY_VALUES,
      key: KEY_PATTERN,
      label: new Set(labels),
      ...extra.strings,
    },
  };
}
