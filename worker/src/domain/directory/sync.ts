/**
 * What to change in the `units` and `unit_aliases` tables so that the wards
 * and communes in them match the official list, as data: a later step turns
 * a plan into one D1 batch, and `applyDirectoryPlan` (./apply.ts) is the
 * reference for what that batch must do.
 *
 * The plan keys on the official code, never on the id: ids never change, so
 * reports stay attached. A current ward or commune with the code is that
 * unit; one without a code (loaded before codes, like the local sample's
 * `phuong-dong-da`) takes the code of the official unit with its name, so
 * its id keeps working. An official unit nobody holds is added with the id
 * `dvhc-<code>` (đơn vị hành chính; `dvhc-<code>-2`… if a retired unit
 * already has that id). A current ward or commune missing from the list is
 * retired (`valid_to`), with a successor when the list says where it went;
 * it is deleted only on request and only when nothing refers to it.
 *
 * Only current units of kind `ward` or `commune` are in scope: the city,
 * departments and agencies (ward one-stop shops included) are the
 * administrators', and retired units are history.
 */
import { fold, toNfc } from "../text";
import { formerUnits } from "./former-names";
import type { OfficialKind, OfficialUnit } from "./official";

/** A row of `units` as the planner needs it. */
export interface DirectoryUnitRow {
  id: string;
  /** The official code (a column to add: `units.code`); null for a unit loaded without one. */
  code: string | null;
  name: string;
  /** `units.kind`: city, department, agency, ward or commune. */
  kind: string;
  parentId: string | null;
  validTo: string | null;
  successorId?: string | null;
  /**
   * True when any row refers to the unit: reports, but also leads,
   * inspections, plan entries, staff ties, child units, another unit's
   * successor. Such a unit is never deleted.
   */
  hasReports: boolean;
}

/** A row of `unit_aliases` (primary key: unit id and name). */
export interface DirectoryAliasRow {
  unitId: string;
  name: string;
}

/** The directory as it is in the database. */
export interface DirectoryState {
  units: readonly DirectoryUnitRow[];
  aliases: readonly DirectoryAliasRow[];
}

export interface DirectorySyncOptions {
  /** The unit every ward and commune hangs under (the city: `ha-noi`). */
  parentId: string;
  /** The day the official list took effect (2025-07-01): `valid_from` of added units, `valid_to` of former-unit aliases. */
  effectiveOn: string;
  /** The day of this sync: `valid_to` of retired units and of the name a rename replaces. */
  on: string;
  /** Delete, rather than retire, a unit leaving the list that nothing refers to. Default false: retire everything. */
  deleteUnused?: boolean;
}

export interface UnitToAdd {
  id: string;
  code: string;
  name: string;
  nameFolded: string;
  kind: OfficialKind;
  parentId: string;
  validFrom: string;
}

/** The fields the sync owns on a unit. */
export interface OfficialFields {
  code: string | null;
  name: string;
  kind: string;
  parentId: string | null;
}

export interface UnitToUpdate {
  id: string;
  code: string;
  before: OfficialFields;
  after: OfficialFields & { code: string; nameFolded: string; kind: OfficialKind };
  /** True when the name changes (the old one becomes an alias, ending `on`). */
  renamed: boolean;
}

export interface UnitToRetire {
  id: string;
  code: string | null;
  name: string;
  validTo: string;
  /** The official unit the whole of it went into, when the list says so and the row has none yet. */
  successorId: string | null;
  hasReports: boolean;
}

export interface UnitToRemove {
  id: string;
  code: string | null;
  name: string;
}

export interface AliasToAdd {
  unitId: string;
  name: string;
  nameFolded: string;
  validTo: string;
  /** The former unit's code before the reform (a column to add), null for a name replaced by a rename. */
  oldCode: string | null;
  /** True when only part of the former unit went into this one (a column to add). */
  partial: boolean;
}

export interface DirectorySyncCounts {
  added: number;
  renamed: number;
  /** Code, kind or parent set without a change of name. */
  updated: number;
  retired: number;
  removed: number;
  unchanged: number;
  aliases: number;
}

/** Everything to do, each list in order of code (then id). Empty lists mean the database matches. */
export interface DirectoryPlan {
  add: UnitToAdd[];
  update: UnitToUpdate[];
  retire: UnitToRetire[];
  /** Deleted with their aliases; only with `deleteUnused`, only units with `hasReports` false. */
  remove: UnitToRemove[];
  aliases: AliasToAdd[];
  /** Ids of the official units already right. */
  unchanged: string[];
  counts: DirectorySyncCounts;
  /** "added N, renamed M, retired K, unchanged U", then updated, removed and aliases when not zero. */
  summary: string;
}

const OFFICIAL_KINDS: ReadonlySet<string> = new Set(["ward", "commune"]);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The id an added unit gets, before collisions: `dvhc-` and its code.
 *
 * @example
 * unitIdForCode("00004") // "dvhc-00004"
 */
export function unitIdForCode(code: string): string {
  return `dvhc-${code}`;
}

/** The folded name without its prefix (phường, xã, thị trấn): "Xã Chương Mỹ" and "Phường Chương Mỹ" are one place. */
function bareName(name: string): string {
  return fold(name).replace(/^(phuong|xa|thi tran) /, "");
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const aliasKey = (unitId: string, name: string) => `${unitId}\u0000${toNfc(name)}`;

/** True when the plan changes nothing. */
export function isEmptyPlan(plan: DirectoryPlan): boolean {
  return plan.add.length + plan.update.length + plan.retire.length + plan.remove.length + plan.aliases.length === 0;
}

/**
 * The plan that makes the database's wards and communes match `official`.
 * Planning again on the result of applying it gives an empty plan.
 *
 * @example
 * const plan = planDirectorySync(parsed.units, { units, aliases }, { parentId: "ha-noi", effectiveOn: "2025-07-01", on: "2026-06-15" });
 * plan.summary // "added 126, renamed 0, retired 0, unchanged 0, aliases 796" on an empty database
 */
export function planDirectorySync(
  official: readonly OfficialUnit[],
  state: DirectoryState,
  options: DirectorySyncOptions,
): DirectoryPlan {
  for (const key of ["effectiveOn", "on"] as const) {
    if (!ISO_DATE.test(options[key])) throw new RangeError(`${key} must be YYYY-MM-DD, got ${options[key]}`);
  }
  // An empty or truncated file must not retire the whole directory by accident.
  if (official.length === 0) throw new RangeError("The official list is empty: nothing to plan against");
  const officialUnits = [...official].sort((a, b) => compare(a.code, b.code));
  if (new Set(officialUnits.map((u) => u.code)).size !== officialUnits.length) {
    throw new RangeError("The official list has a code twice");
  }
  const inScope = state.units
    .filter((u) => u.validTo === null && OFFICIAL_KINDS.has(u.kind))
    .sort((a, b) => compare(a.id, b.id));

  // Match: by code first; then a unit without a code by its name.
  const holder = new Map<string, DirectoryUnitRow>();
  const claimed = new Set<string>();
  for (const unit of officialUnits) {
    const row = inScope.find((u) => u.code === unit.code && !claimed.has(u.id));
    if (row) {
      holder.set(unit.code, row);
      claimed.add(row.id);
    }
  }
  for (const unit of officialUnits) {
    if (holder.has(unit.code)) continue;
    const candidates = inScope.filter(
      (u) => u.code === null && !claimed.has(u.id) && bareName(u.name) === bareName(unit.name),
    );
    // Prefer the same full name (same kind) over the same place under another prefix.
    const row = candidates.find((u) => fold(u.name) === unit.nameFolded) ?? candidates[0];
    if (row) {
      holder.set(unit.code, row);
      claimed.add(row.id);
    }
  }

  const takenIds = new Set(state.units.map((u) => u.id));
  const add: UnitToAdd[] = [];
  const update: UnitToUpdate[] = [];
  const unchanged: string[] = [];
  const idOf = new Map<string, string>();
  for (const unit of officialUnits) {
    const row = holder.get(unit.code);
    if (!row) {
      let id = unitIdForCode(unit.code);
      for (let n = 2; takenIds.has(id); n++) id = `${unitIdForCode(unit.code)}-${n}`;
      takenIds.add(id);
      idOf.set(unit.code, id);
      add.push({
        id,
        code: unit.code,
        name: unit.name,
        nameFolded: unit.nameFolded,
        kind: unit.kind,
        parentId: options.parentId,
        validFrom: options.effectiveOn,
      });
      continue;
    }
    idOf.set(unit.code, row.id);
    const before: OfficialFields = { code: row.code, name: row.name, kind: row.kind, parentId: row.parentId };
    const after = {
      code: unit.code,
      name: unit.name,
      nameFolded: unit.nameFolded,
      kind: unit.kind,
      parentId: options.parentId,
    };
    const same =
      before.code === after.code &&
      before.name === after.name &&
      before.kind === after.kind &&
      before.parentId === after.parentId;
    if (same) unchanged.push(row.id);
    else update.push({ id: row.id, code: unit.code, before, after, renamed: before.name !== after.name });
  }

  // Aliases: every former unit, then names replaced by a rename; never one already there.
  const aliasKeys = new Set(state.aliases.map((a) => aliasKey(a.unitId, a.name)));
  const aliases: AliasToAdd[] = [];
  const addAlias = (alias: AliasToAdd) => {
    const key = aliasKey(alias.unitId, alias.name);
    if (aliasKeys.has(key)) return;
    aliasKeys.add(key);
    aliases.push(alias);
  };
  for (const unit of officialUnits) {
    const unitId = idOf.get(unit.code) as string;
    for (const former of unit.formedFrom) {
      addAlias({
        unitId,
        name: former.name,
        nameFolded: former.nameFolded,
        validTo: options.effectiveOn,
        oldCode: former.oldCode,
        partial: former.partial,
      });
    }
  }
  for (const change of update) {
    // A change of spelling only ("Yên Hoà" → "Yên Hòa") finds nothing new.
    if (!change.renamed || fold(change.before.name) === change.after.nameFolded) continue;
    const name = toNfc(change.before.name);
    addAlias({ unitId: change.id, name, nameFolded: fold(name), validTo: options.on, oldCode: null, partial: false });
  }

  // Retire (or delete) what the list no longer has.
  const successors = successorsByName(officialUnits, idOf);
  const retire: UnitToRetire[] = [];
  const remove: UnitToRemove[] = [];
  const leaving = inScope
    .filter((u) => !claimed.has(u.id))
    .sort((a, b) => compare(a.code ?? "", b.code ?? "") || compare(a.id, b.id));
  for (const row of leaving) {
    if (options.deleteUnused && !row.hasReports) {
      remove.push({ id: row.id, code: row.code, name: row.name });
      continue;
    }
    retire.push({
      id: row.id,
      code: row.code,
      name: row.name,
      validTo: options.on,
      successorId: row.successorId ? null : (successors.get(fold(row.name)) ?? null),
      hasReports: row.hasReports,
    });
  }

  const counts: DirectorySyncCounts = {
    added: add.length,
    renamed: update.filter((u) => u.renamed).length,
    updated: update.filter((u) => !u.renamed).length,
    retired: retire.length,
    removed: remove.length,
    unchanged: unchanged.length,
    aliases: aliases.length,
  };
  return { add, update, retire, remove, aliases, unchanged, counts, summary: summarize(counts) };
}

/**
 * Folded former names that went whole into exactly one official unit, with
 * that unit's id: a retired "Phường Trúc Bạch" gets Phường Ba Đình as its
 * successor; a divided unit, or a name two former units shared, gets none.
 */
function successorsByName(official: readonly OfficialUnit[], idOf: ReadonlyMap<string, string>): Map<string, string> {
  const candidates = new Map<string, Set<string>>();
  for (const fate of formerUnits(official)) {
    const ids = candidates.get(fate.nameFolded) ?? new Set<string>();
    const only = fate.successors[0];
    if (fate.split || !only) ids.add("");
    else ids.add(idOf.get(only.code) ?? "");
    candidates.set(fate.nameFolded, ids);
  }
  const successors = new Map<string, string>();
  for (const [name, ids] of candidates) {
    const [id] = ids;
    if (ids.size === 1 && id) successors.set(name, id);
  }
  return successors;
}

function summarize(counts: DirectorySyncCounts): string {
  const parts = [
    `added ${counts.added}`,
    `renamed ${counts.renamed}`,
    `retired ${counts.retired}`,
    `unchanged ${counts.unchanged}`,
  ];
  if (counts.updated > 0) parts.push(`updated ${counts.updated}`);
  if (counts.removed > 0) parts.push(`removed ${counts.removed}`);
  if (counts.aliases > 0) parts.push(`aliases ${counts.aliases}`);
  return parts.join(", ");
}
