/**
 * Rules of the directory's administration (`/api/admin/units`) and of filing
 * against a unit that changed: pure checks on rows already loaded.
 *
 * A merge or a split is dated: the unit stays current until `validTo`, then
 * new reports follow `successorId` (a merge) or must name one of the units
 * it was divided into (a split: no successor, its name a partial alias of
 * each). Nothing already recorded moves: reports, leads and the statistics
 * of the old unit stay with it.
 */
import { type Failure, fail } from "./inspections/result";

/** A unit as these rules need it. */
export interface UnitLink {
  id: string;
  parentId: string | null;
  successorId: string | null;
  validTo: string | null;
}

/** Success, or a failure whose `detail` is a message key of `i18n/units.ts`. */
export type UnitCheck = { ok: true } | Failure;

const OK: UnitCheck = { ok: true };

/**
 * Whether the unit is current on `today` (YYYY-MM-DD): no end date, or one still ahead.
 *
 * @example
 * isCurrentOn({ validTo: "2026-07-01" }, "2026-06-30") // true
 * isCurrentOn({ validTo: "2026-07-01" }, "2026-07-01") // false
 */
export function isCurrentOn(unit: Pick<UnitLink, "validTo">, today: string): boolean {
  return unit.validTo === null || unit.validTo > today;
}

/** Follows `next` from `start` (not included) until it ends or loops; at most `limit` steps. */
function chain(
  start: string | null,
  links: ReadonlyMap<string, UnitLink>,
  next: (u: UnitLink) => string | null,
  limit = 64,
): string[] {
  const seen: string[] = [];
  let id = start;
  while (id !== null && seen.length < limit && !seen.includes(id)) {
    seen.push(id);
    const unit = links.get(id);
    id = unit ? next(unit) : null;
  }
  return seen;
}

/**
 * Whether `unit` may be merged into `successor` on `effectiveOn`: not into
 * itself, not into a unit retired by then, not into a unit that is (through
 * its own successors) merged into this one, and not once the unit has ended.
 * `links` holds the units along the successor's chain.
 *
 * @example
 * checkMerge(a, a, links, "2026-07-01") // { ok: false, error: "invalid", detail: "merge_into_self", pointers: ["/successorId"] }
 */
export function checkMerge(
  unit: UnitLink,
  successor: UnitLink,
  links: ReadonlyMap<string, UnitLink>,
  effectiveOn: string,
  today: string,
): UnitCheck {
  if (!isCurrentOn(unit, today)) return fail("illegal", "already_retired");
  if (successor.id === unit.id) return fail("invalid", "merge_into_self", ["/successorId"]);
  if (chain(successor.successorId, links, (u) => u.successorId).includes(unit.id)) {
    return fail("invalid", "cycle", ["/successorId"]);
  }
  if (!isCurrentOn(successor, effectiveOn)) return fail("invalid", "successor_retired", ["/successorId"]);
  return OK;
}

/**
 * Whether `parentId` may become the unit's parent: not itself and not one
 * of its own descendants (the parent's chain of parents must not reach it).
 */
export function checkParent(unitId: string, parentId: string, links: ReadonlyMap<string, UnitLink>): UnitCheck {
  if (parentId === unitId || chain(parentId, links, (u) => u.parentId).includes(unitId)) {
    return fail("invalid", "cycle", ["/parentId"]);
  }
  return OK;
}

/**
 * Whether a unit may be split on `effectiveOn` into `successors` (at least
 * two distinct units, none the unit itself, none retired by then).
 */
export function checkSplit(
  unit: UnitLink,
  successors: readonly UnitLink[],
  effectiveOn: string,
  today: string,
): UnitCheck {
  if (!isCurrentOn(unit, today)) return fail("illegal", "already_retired");
  const ids = successors.map((s) => s.id);
  if (new Set(ids).size !== ids.length) return fail("invalid", "duplicate_successor", ["/successors"]);
  if (ids.includes(unit.id)) return fail("invalid", "merge_into_self", ["/successors"]);
  if (successors.some((s) => !isCurrentOn(s, effectiveOn))) {
    return fail("invalid", "successor_retired", ["/successors"]);
  }
  return OK;
}

/** Where a new report about a unit goes. */
export type FilingTarget =
  | { ok: true; unitId: string }
  /** `ended`: retired or divided with no single successor: the reporter must choose a current unit. */
  | { ok: false; reason: "unknown" | "ended" };

/**
 * The unit a report filed on `today` about `unitId` belongs to: the unit
 * while it is current, else its successor's (following merges), else none.
 *
 * @example
 * filingTarget("old", links, "2026-08-01") // { ok: true, unitId: "new" } when old merged into new on 2026-07-01
 */
export function filingTarget(unitId: string, links: ReadonlyMap<string, UnitLink>, today: string): FilingTarget {
  for (const id of chain(unitId, links, (u) => (isCurrentOn(u, today) ? null : u.successorId))) {
    const unit = links.get(id);
    if (!unit) return { ok: false, reason: "unknown" };
    if (isCurrentOn(unit, today)) return { ok: true, unitId: id };
  }
  return { ok: false, reason: links.has(unitId) ? "ended" : "unknown" };
}
