import { and, asc, inArray, isNull, sql } from "drizzle-orm";
import type { StaffMember } from "../../contracts/staff";
import type { Db } from "../client";
import { users } from "../schema";

/**
 * Active inspectors and supervisors. With a unit, each is marked recused
 * when tied to that unit or to any unit above it (recusal covers sub-units).
 */
export async function listStaff(db: Db, unitId: string | undefined): Promise<StaffMember[]> {
  const recused = unitId
    ? sql<number>`exists (
        with recursive chain(id, parent_id) as (
          select id, parent_id from units where id = ${unitId}
          union
          select units.id, units.parent_id from units join chain on units.id = chain.parent_id
        )
        select 1 from user_unit_ties where user_unit_ties.user_id = ${users.id}
          and user_unit_ties.unit_id in (select id from chain)
      )`
    : sql<number>`0`;
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, role: users.role, recused })
    .from(users)
    .where(and(isNull(users.disabledAt), inArray(users.role, ["inspector", "supervisor"])))
    .orderBy(asc(users.displayName));
  return rows.map((r) => ({ ...r, recused: Boolean(r.recused) }));
}
