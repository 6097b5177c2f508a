import { and, eq, gte, inArray, lt } from "drizzle-orm";
import type { CategoryCode } from "../../contracts/categories";
import type { PersonnelFinding } from "../../domain/inspections";
import type { Db } from "../client";
import { findings, inspections, leads, units } from "../schema";
import type { Actor } from "./accounts";
import { inspectionVisibleTo } from "./inspections";
import { visibleTo } from "./recusal";

/**
 * Substantiated and partly substantiated findings of concluded inspections,
 * recorded from `from` (included) to `until` (excluded, ISO instants), of
 * inspections the actor may see: about units they are not recused from, and
 * a surprise inspection only when they were on its team.
 */
export async function personnelFindings(
  db: Db,
  actor: Actor,
  recorded: { from: string; until: string },
): Promise<PersonnelFinding[]> {
  const rows = await db
    .select({
      unitId: findings.unitId,
      unitName: units.name,
      outcome: findings.outcome,
      position: findings.position,
      categoryCode: leads.categoryCode,
      recordedAt: findings.recordedAt,
    })
    .from(findings)
    .innerJoin(units, eq(units.id, findings.unitId))
    .innerJoin(leads, eq(leads.id, findings.leadId))
    .innerJoin(inspections, eq(inspections.id, findings.inspectionId))
    .where(
      and(
        inArray(findings.outcome, ["substantiated", "partly_substantiated"]),
        inArray(inspections.status, ["concluded", "closed"]),
        gte(findings.recordedAt, recorded.from),
        lt(findings.recordedAt, recorded.until),
        visibleTo(actor, findings.unitId),
        inspectionVisibleTo(actor),
      ),
    );
  return rows.map((r) => ({ ...r, categoryCode: r.categoryCode as CategoryCode }));
}
