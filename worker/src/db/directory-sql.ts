/**
 * The SQL of `npm run db:directory` (scripts/load-directory.ts): what it
 * reads to plan, and the statements that carry out a plan of
 * `planDirectorySync` together with the reference departments and agencies.
 * Plain SQL text with literals and no bound parameters, because wrangler runs
 * it from a file (`d1 execute --file`, one batch); each long list travels as
 * one JSON string literal read with `json_each`, cut into chunks so that no
 * statement nears D1's 100 KB limit. Pure: the script bundles it, and the
 * integration test runs the same statements on the test D1.
 */
import type {
  DirectoryAliasRow,
  DirectoryPlan,
  DirectoryState,
  DirectoryUnitRow,
  ReferenceAlias,
  ReferenceUnit,
} from "../domain/directory";
import { fold, toNfc } from "../domain/text";

/** Rows per JSON list: about 150 bytes each, so a statement stays well under 100 KB. */
const CHUNK = 200;

/** Tables whose rows refer to a unit: such a unit is never deleted. */
const REFERRING = [
  ["reports", "unit_id"],
  ["leads", "unit_id"],
  ["inspections", "unit_id"],
  ["findings", "unit_id"],
  ["measures", "responsible_unit_id"],
  ["user_unit_ties", "unit_id"],
  ["units", "parent_id"],
  ["units", "successor_id"],
] as const;

/** Every unit with what the planner needs, `has_refs` 1 when any row refers to it. */
export const DIRECTORY_UNITS_SQL = `SELECT u.id, u.code, u.name, u.kind, u.parent_id, u.valid_to, u.successor_id, (${REFERRING.map(
  ([table, column]) => `EXISTS (SELECT 1 FROM ${table} r WHERE r.${column} = u.id)`,
).join(" OR ")}) AS has_refs FROM units u ORDER BY u.id;`;

/** Every alias (unit and name: the primary key). */
export const DIRECTORY_ALIASES_SQL = "SELECT unit_id, name FROM unit_aliases ORDER BY unit_id, name;";

/** A row of DIRECTORY_UNITS_SQL as D1 or wrangler's JSON returns it. */
export interface DirectoryUnitSqlRow {
  id: string;
  code: string | null;
  name: string;
  kind: string;
  parent_id: string | null;
  valid_to: string | null;
  successor_id: string | null;
  has_refs: number;
}

/** A row of DIRECTORY_ALIASES_SQL. */
export interface DirectoryAliasSqlRow {
  unit_id: string;
  name: string;
}

/** The planner's view of the rows read by the two queries above. */
export function directoryStateFromRows(
  units: readonly DirectoryUnitSqlRow[],
  aliases: readonly DirectoryAliasSqlRow[],
): DirectoryState {
  return {
    units: units.map(
      (u): DirectoryUnitRow => ({
        id: u.id,
        code: u.code,
        name: u.name,
        kind: u.kind,
        parentId: u.parent_id,
        validTo: u.valid_to,
        successorId: u.successor_id,
        hasReports: Boolean(u.has_refs),
      }),
    ),
    aliases: aliases.map((a): DirectoryAliasRow => ({ unitId: a.unit_id, name: a.name })),
  };
}

/**
 * A SQL string literal: NFC, quotes doubled.
 *
 * @example
 * sqlText("Sở Lao động - Thương binh và Xã hội") // "'Sở Lao động - Thương binh và Xã hội'"
 */
export function sqlText(value: string): string {
  return `'${toNfc(value).replaceAll("'", "''")}'`;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** One statement per chunk of `items`, the chunk bound as `json_each(<literal>) AS j`. */
function perChunk<T>(items: readonly T[], toJson: (item: T) => unknown, statement: (json: string) => string): string[] {
  return chunks(items).map((chunk) => statement(sqlText(JSON.stringify(chunk.map(toJson)))));
}

const field = (name: string) => `json_extract(j.value, '$.${name}')`;

/** What the reference data adds: the city, departments and agencies, their aliases. */
export interface DirectoryReference {
  city: ReferenceUnit;
  units: readonly ReferenceUnit[];
  aliases: readonly ReferenceAlias[];
}

/** The reference units and aliases not in `state` yet (by id; by unit and name): what the statements add. */
export function missingReference(state: DirectoryState, reference: DirectoryReference) {
  const ids = new Set(state.units.map((u) => u.id));
  const names = new Set(state.aliases.map((a) => `${a.unitId}\u0000${toNfc(a.name)}`));
  return {
    units: [reference.city, ...reference.units].filter((u) => !ids.has(u.id)),
    aliases: reference.aliases.filter((a) => !names.has(`${a.unitId}\u0000${toNfc(a.name)}`)),
  };
}

function referenceUnitsSql(units: readonly ReferenceUnit[], cityId: string): string[] {
  return perChunk(
    units,
    (u) => ({ ...u, nameFolded: fold(u.name), toConfirm: u.id === cityId ? 0 : 1 }),
    (json) =>
      `INSERT OR IGNORE INTO units (id, name, name_folded, kind, parent_id, sector, valid_from, valid_to, successor_id, to_confirm) SELECT ${[
        "id",
        "name",
        "nameFolded",
        "kind",
        "parentId",
        "sector",
        "validFrom",
        "validTo",
        "successorId",
        "toConfirm",
      ]
        .map(field)
        .join(", ")} FROM json_each(${json}) AS j;`,
  );
}

/**
 * The statements, in order, that make the database match the reference data
 * (added only where missing: an administrator's edits are never overwritten,
 * new departments and agencies are marked `to_confirm`) and then `plan`
 * (units added, updated, retired or removed; aliases added). Run as one batch.
 * Applying them gives the state `applyDirectoryPlan` describes.
 *
 * @example
 * const statements = directorySql(plan, { city: CITY_UNIT, units: REFERENCE_UNITS, aliases: REFERENCE_ALIASES });
 * writeFileSync(file, statements.join("\n"));
 */
export function directorySql(plan: DirectoryPlan, reference: DirectoryReference): string[] {
  const statements = [
    ...referenceUnitsSql([reference.city], reference.city.id),
    ...referenceUnitsSql(reference.units, reference.city.id),
    ...perChunk(
      reference.aliases,
      (a) => ({ ...a, name: toNfc(a.name), nameFolded: fold(a.name) }),
      (json) =>
        `INSERT OR IGNORE INTO unit_aliases (unit_id, name, name_folded, valid_to) SELECT ${field("unitId")}, ${field("name")}, ${field("nameFolded")}, ${field("validTo")} FROM json_each(${json}) AS j;`,
    ),
    ...perChunk(
      plan.add,
      (u) => u,
      (json) =>
        `INSERT INTO units (id, code, name, name_folded, kind, parent_id, valid_from, to_confirm) SELECT ${field("id")}, ${field("code")}, ${field("name")}, ${field("nameFolded")}, ${field("kind")}, ${field("parentId")}, ${field("validFrom")}, 0 FROM json_each(${json}) AS j;`,
    ),
    ...perChunk(
      plan.update,
      (u) => ({ id: u.id, ...u.after }),
      (json) =>
        `UPDATE units SET code = ${field("code")}, name = ${field("name")}, name_folded = ${field("nameFolded")}, kind = ${field("kind")}, parent_id = ${field("parentId")} FROM json_each(${json}) AS j WHERE units.id = ${field("id")};`,
    ),
    ...perChunk(
      plan.retire,
      (r) => ({ id: r.id, validTo: r.validTo, successorId: r.successorId }),
      (json) =>
        `UPDATE units SET valid_to = ${field("validTo")}, successor_id = coalesce(units.successor_id, ${field("successorId")}) FROM json_each(${json}) AS j WHERE units.id = ${field("id")};`,
    ),
    ...perChunk(
      plan.remove,
      (r) => r.id,
      (json) => `DELETE FROM unit_aliases WHERE unit_id IN (SELECT j.value FROM json_each(${json}) AS j);`,
    ),
    ...perChunk(
      plan.remove,
      (r) => r.id,
      (json) => `DELETE FROM units WHERE id IN (SELECT j.value FROM json_each(${json}) AS j);`,
    ),
    ...perChunk(
      plan.aliases,
      (a) => ({ ...a, partial: a.partial ? 1 : 0 }),
      (json) =>
        `INSERT OR IGNORE INTO unit_aliases (unit_id, name, name_folded, valid_to, old_code, partial) SELECT ${field("unitId")}, ${field("name")}, ${field("nameFolded")}, ${field("validTo")}, ${field("oldCode")}, ${field("partial")} FROM json_each(${json}) AS j;`,
    ),
  ];
  return statements;
}
