/**
 * People still call their ward by its name before 1 July 2025, so the
 * directory answers for former names too: "Trúc Bạch" finds Phường Ba Đình,
 * and an old unit divided among several new ones lists all of them and says
 * it was divided. Matching is `GET /api/units?q=`'s: every word of the
 * query, folded, inside the folded name.
 */
import { fold } from "../text";
import type { FormerUnit, OfficialKind, OfficialUnit } from "./official";

/** A new unit that a former unit went into. */
export interface Successor {
  code: string;
  name: string;
  kind: OfficialKind;
  /** True when only part of the former unit went here. */
  partial: boolean;
}

/** A unit from before 1 July 2025 and where it went. One per old code. */
export interface FormerUnitFate {
  oldCode: string;
  name: string;
  nameFolded: string;
  /** True when it was divided among several new units. */
  split: boolean;
  /** In order of code. */
  successors: Successor[];
}

/** An official unit found by a search, and why. */
export interface DirectoryMatch {
  unit: OfficialUnit;
  /** True when its own name matches. */
  byName: boolean;
  /** Its former units whose name matches; `partial` says the old unit was divided. */
  formerUnits: FormerUnit[];
}

function queryWords(query: string): string[] {
  return fold(query).split(" ").filter(Boolean);
}

function matches(nameFolded: string, words: readonly string[]): boolean {
  return words.length > 0 && words.every((word) => nameFolded.includes(word));
}

/** The name without its prefix (phường, xã, thị trấn), folded: the part people type. */
function bareName(nameFolded: string): string {
  return nameFolded.replace(/^(phuong|xa|thi tran) /, "");
}

/** 0 for an exact name (with or without prefix), 1 when the name starts with the query, 2 otherwise. */
function rank(nameFolded: string, query: string): number {
  if (nameFolded === query || bareName(nameFolded) === query) return 0;
  if (nameFolded.startsWith(query) || bareName(nameFolded).startsWith(query)) return 1;
  return 2;
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * Every former unit of the list with the new units it went into, sorted by
 * folded name then old code. Former units are told apart by old code: two
 * old communes can share a name (Xã Tân Minh 00406 and 10240).
 *
 * @example
 * formerUnits(units).find((f) => f.oldCode === "00004")
 * // { oldCode: "00004", name: "Phường Trúc Bạch", split: false, successors: [{ code: "00004", name: "Phường Ba Đình", … }] }
 */
export function formerUnits(units: readonly OfficialUnit[]): FormerUnitFate[] {
  const fates = new Map<string, FormerUnitFate>();
  for (const unit of [...units].sort(byCode)) {
    for (const former of unit.formedFrom) {
      let fate = fates.get(former.oldCode);
      if (!fate) {
        fate = {
          oldCode: former.oldCode,
          name: former.name,
          nameFolded: former.nameFolded,
          split: false,
          successors: [],
        };
        fates.set(former.oldCode, fate);
      }
      fate.successors.push({ code: unit.code, name: unit.name, kind: unit.kind, partial: former.partial });
      fate.split = fate.successors.length > 1 || former.partial;
    }
  }
  return [...fates.values()].sort((a, b) =>
    a.nameFolded !== b.nameFolded ? (a.nameFolded < b.nameFolded ? -1 : 1) : a.oldCode < b.oldCode ? -1 : 1,
  );
}

/**
 * Former units whose name holds every word of `query` (diacritics ignored),
 * exact names first.
 *
 * @example
 * findFormerUnits(formerUnits(units), "ngoc ha")[0]
 * // Phường Ngọc Hà (00016): split, successors Phường Ba Đình, Phường Ngọc Hà and Phường Giảng Võ… as the file lists them
 */
export function findFormerUnits(fates: readonly FormerUnitFate[], query: string): FormerUnitFate[] {
  const words = queryWords(query);
  const folded = words.join(" ");
  return fates
    .filter((fate) => matches(fate.nameFolded, words))
    .map((fate, order) => ({ fate, order, rank: rank(fate.nameFolded, folded) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map(({ fate }) => fate);
}

/**
 * Official units whose name, or the name of a unit they were formed from,
 * holds every word of `query`. Units found by their own name come first
 * (exact names, then names starting with the query), then those found only
 * by a former name; ties in order of code.
 *
 * @example
 * searchOfficialUnits(units, "Trúc Bạch")
 * // [{ unit: Phường Ba Đình, byName: false, formerUnits: [Phường Trúc Bạch (00004, full)] }]
 */
export function searchOfficialUnits(units: readonly OfficialUnit[], query: string): DirectoryMatch[] {
  const words = queryWords(query);
  const folded = words.join(" ");
  const found: Array<{ match: DirectoryMatch; rank: number }> = [];
  for (const unit of units) {
    const byName = matches(unit.nameFolded, words);
    const former = unit.formedFrom.filter((f) => matches(f.nameFolded, words));
    if (!byName && former.length === 0) continue;
    found.push({ match: { unit, byName, formerUnits: former }, rank: byName ? rank(unit.nameFolded, folded) : 3 });
  }
  return found.sort((a, b) => a.rank - b.rank || byCode(a.match.unit, b.match.unit)).map(({ match }) => match);
}
