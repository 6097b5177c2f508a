import { type SQL, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Actor } from "./accounts";

/**
 * The units an actor is recused from: those they are tied to and every unit
 * below them in the directory, computed in SQL so no caller can forget it.
 */
function recusedUnits(actorId: string): SQL {
  return sql`with recursive recused(id) as (
      select unit_id from user_unit_ties where user_id = ${actorId}
      union
      select units.id from units join recused on units.parent_id = recused.id
    ) select id from recused`;
}

/**
 * A condition on a unit column that hides whatever the actor is recused
 * from. Every query that reads leads, their reports, counts or exports adds
 * it; it is the single place where recusal lives.
 *
 * @example
 * db.select().from(leads).where(and(visibleTo(actor, leads.unitId), …))
 */
export function visibleTo(actor: Actor, unitColumn: AnySQLiteColumn): SQL {
  return sql`${unitColumn} not in (${recusedUnits(actor.id)})`;
}
