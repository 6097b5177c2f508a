import { and, asc, eq, gt, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Unit } from "../../contracts/units";
import { fold } from "../../domain/text";
import type { Db } from "../client";
import { inList } from "../in-list";
import { unitAliases, units } from "../schema";

/** A unit is current on `today` (YYYY-MM-DD) until its `valid_to`: a merge dated later still lets it be chosen. */
export function currentOn(today: string) {
  return or(isNull(units.validTo), gt(units.validTo, today));
}

/**
 * Current units whose name, or one of their former names (`unit_aliases`),
 * contains every word of `q`, ignoring diacritics. Units found by their own
 * name come first (names starting with the query first of all); a unit found
 * only by a former name carries it as `matchedAlias`, with `partial` true when
 * the former unit was divided among several units (each of them is listed).
 *
 * Words are matched with `instr`, not `LIKE`: D1 refuses a LIKE pattern over
 * 50 bytes, and a word needs no escaping this way. At most 8 words, so at
 * most 26 bound parameters.
 */
export async function searchUnits(db: Db, q: string | undefined, limit: number, today: string): Promise<Unit[]> {
  const words = fold(q ?? "")
    .split(" ")
    .filter(Boolean)
    .slice(0, 8);
  const folded = words.join(" ");
  const all = (column: SQL) =>
    sql.join(
      words.map((word) => sql`instr(${column}, ${word}) > 0`),
      sql` and `,
    );
  const nameMatch = words.length > 0 ? all(sql`${units.nameFolded}`) : sql`1`;
  const aliasHit =
    words.length > 0
      ? sql<
          string | null
        >`(select json_object('name', a.name, 'partial', a.partial) from ${unitAliases} a where a.unit_id = ${units.id} and ${all(sql`a.name_folded`)} order by a.partial, a.name_folded limit 1)`
      : sql<string | null>`null`;
  const rows = await db
    .select({
      id: units.id,
      name: units.name,
      kind: units.kind,
      parentId: units.parentId,
      byName: sql<number>`${nameMatch}`,
      alias: aliasHit,
    })
    .from(units)
    .where(and(currentOn(today), words.length > 0 ? or(nameMatch, sql`${aliasHit} is not null`) : undefined))
    .orderBy(
      sql`case when instr(${units.nameFolded}, ${folded}) = 1 then 0 when ${nameMatch} then 1 else 2 end`,
      asc(units.nameFolded),
    )
    .limit(limit);
  return rows.map(({ byName, alias, ...unit }) => {
    if (byName || !alias) return unit;
    const parsed = JSON.parse(alias) as { name: string; partial: number };
    return { ...unit, matchedAlias: { name: parsed.name, partial: Boolean(parsed.partial) } };
  });
}

/** Which of `ids` are units of the directory (current or not). */
export async function existingUnitIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(inList(units.id, [...ids]));
  return new Set(rows.map((r) => r.id));
}

/** One unit's id and end date, or undefined when it is not in the directory. */
export async function unitLink(db: Db, id: string): Promise<{ id: string; validTo: string | null } | undefined> {
  const [row] = await db.select({ id: units.id, validTo: units.validTo }).from(units).where(eq(units.id, id)).limit(1);
  return row;
}

/** Every unit's links (parent, successor, end date): the directory is a few hundred rows. */
export async function allUnitLinks(db: Db) {
  return db
    .select({ id: units.id, parentId: units.parentId, successorId: units.successorId, validTo: units.validTo })
    .from(units);
}

const adminColumns = {
  id: units.id,
  code: units.code,
  name: units.name,
  kind: units.kind,
  parentId: units.parentId,
  sector: units.sector,
  validFrom: units.validFrom,
  validTo: units.validTo,
  successorId: units.successorId,
  toConfirm: units.toConfirm,
};

/** A unit row as administration reads it, without its aliases. */
export type AdminUnitRow = NonNullable<Awaited<ReturnType<typeof getUnitRow>>>;

/** One unit row, or undefined. */
export async function getUnitRow(db: Db, id: string) {
  const [row] = await db.select(adminColumns).from(units).where(eq(units.id, id)).limit(1);
  return row;
}

/** Units by id (any state), with `inList` so any number fits. */
export async function getUnitRows(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select(adminColumns)
    .from(units)
    .where(inList(units.id, [...ids]));
}

/** The aliases of these units, oldest end first. */
export async function aliasesOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      unitId: unitAliases.unitId,
      name: unitAliases.name,
      validTo: unitAliases.validTo,
      oldCode: unitAliases.oldCode,
      partial: unitAliases.partial,
    })
    .from(unitAliases)
    .where(inList(unitAliases.unitId, [...ids]))
    .orderBy(asc(unitAliases.validTo), asc(unitAliases.nameFolded));
}

/**
 * Units for the administration list: every word of `q` in the name (folded),
 * of `kind` when given, by status on `today`; in order of name.
 */
export async function listUnitRows(
  db: Db,
  filter: { q?: string | undefined; kind?: string | undefined; status: string; limit: number },
  today: string,
) {
  const words = fold(filter.q ?? "")
    .split(" ")
    .filter(Boolean)
    .slice(0, 8);
  const status =
    filter.status === "current"
      ? currentOn(today)
      : filter.status === "ended"
        ? sql`${units.validTo} is not null and ${units.validTo} <= ${today}`
        : filter.status === "to_confirm"
          ? eq(units.toConfirm, true)
          : undefined;
  return db
    .select(adminColumns)
    .from(units)
    .where(
      and(
        status,
        filter.kind ? eq(units.kind, filter.kind as "ward") : undefined,
        ...words.map((word) => sql`instr(${units.nameFolded}, ${word}) > 0`),
      ),
    )
    .orderBy(asc(units.nameFolded), asc(units.id))
    .limit(filter.limit);
}

/** A unit current on `today` with this folded name, other than `exceptId`. */
export async function currentUnitNamed(db: Db, nameFolded: string, today: string, exceptId?: string) {
  const [row] = await db
    .select({ id: units.id })
    .from(units)
    .where(
      and(eq(units.nameFolded, nameFolded), currentOn(today), exceptId ? sql`${units.id} <> ${exceptId}` : undefined),
    )
    .limit(1);
  return row;
}

/** Whether any unit holds this id or this official code. */
export async function unitIdOrCodeTaken(db: Db, id: string, code: string | null) {
  const [row] = await db
    .select({ id: units.id, code: units.code })
    .from(units)
    .where(or(eq(units.id, id), code ? eq(units.code, code) : undefined))
    .limit(1);
  return row;
}

/** The insert of a unit row. */
export function insertUnit(db: Db, row: typeof units.$inferInsert) {
  return db.insert(units).values(row);
}

/** The update of a unit row. */
export function updateUnitRow(db: Db, id: string, changes: Partial<typeof units.$inferInsert>) {
  return db.update(units).set(changes).where(eq(units.id, id));
}

/** The insert of an alias; a name the unit already has as an alias is left as it is. */
export function insertAlias(db: Db, row: typeof unitAliases.$inferInsert) {
  return db.insert(unitAliases).values(row).onConflictDoNothing();
}

/** SQL that is 1 while the unit's row still has these values (the guard of an administration write). */
export function unitUnchanged(row: { id: string; name: string; validTo: string | null; successorId: string | null }) {
  return sql`exists (select 1 from ${units} where ${units.id} = ${row.id} and ${units.name} = ${row.name} and ${units.validTo} is ${row.validTo} and ${units.successorId} is ${row.successorId})`;
}

/** The unit and the units it was merged into, one after the other (at most 16 steps: a loop cannot run away). */
export async function successorChain(db: Db, id: string) {
  return db.all<{ id: string; parentId: string | null; successorId: string | null; validTo: string | null }>(
    sql`with recursive chain(id, parent_id, successor_id, valid_to, step) as (
      select id, parent_id, successor_id, valid_to, 0 from ${units} where id = ${id}
      union all
      select u.id, u.parent_id, u.successor_id, u.valid_to, chain.step + 1 from ${units} u join chain on u.id = chain.successor_id where chain.step < 16
    ) select id, parent_id as parentId, successor_id as successorId, valid_to as validTo from chain`,
  );
}
