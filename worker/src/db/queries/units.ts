import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { Unit } from "../../contracts/units";
import { fold } from "../../domain/text";
import type { Db } from "../client";
import { inList } from "../in-list";
import { unitAliases, units } from "../schema";

/**
 * Current units whose name (or a former name) contains every word of `q`,
 * ignoring diacritics. Names that start with the query come first.
 *
 * Words are matched with `instr`, not `LIKE`: D1 refuses a LIKE pattern over
 * 50 bytes, and a word needs no escaping this way.
 */
export async function searchUnits(db: Db, q: string | undefined, limit: number): Promise<Unit[]> {
  const words = fold(q ?? "")
    .split(" ")
    .filter(Boolean)
    .slice(0, 8);
  const folded = words.join(" ");
  const aliasMatch = (word: string) =>
    sql`exists (select 1 from ${unitAliases} where ${unitAliases.unitId} = ${units.id} and instr(${unitAliases.nameFolded}, ${word}) > 0)`;
  const wordMatch = (word: string) => or(sql`instr(${units.nameFolded}, ${word}) > 0`, aliasMatch(word));
  const rows = await db
    .select({ id: units.id, name: units.name, kind: units.kind, parentId: units.parentId })
    .from(units)
    .where(and(isNull(units.validTo), ...words.map(wordMatch)))
    .orderBy(sql`case when instr(${units.nameFolded}, ${folded}) = 1 then 0 else 1 end`, asc(units.nameFolded))
    .limit(limit);
  return rows;
}

/** The unit if it exists and is current (not merged away). */
export async function findCurrentUnit(db: Db, id: string) {
  const [row] = await db
    .select({ id: units.id, name: units.name, validTo: units.validTo, successorId: units.successorId })
    .from(units)
    .where(and(eq(units.id, id), isNull(units.validTo)))
    .limit(1);
  return row;
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
