import { and, eq, gte, inArray, lt } from "drizzle-orm";
import type { CategoryCode } from "../../contracts/categories";
import type { PersonnelExportQuery } from "../../contracts/inspections";
import { deadlineEnd, type PersonnelFinding, personnelRows, toCsv } from "../../domain/inspections";
import type { Db } from "../client";
import { findings, inspections, leads, units } from "../schema";
import type { Actor } from "./accounts";
import { auditInsert } from "./audit";
import { visibleTo } from "./recusal";

/**
 * Substantiated and partly substantiated findings of concluded inspections,
 * recorded in the period (Hanoi days), about units the actor is not recused from.
 */
export async function personnelFindings(
  db: Db,
  actor: Actor,
  query: PersonnelExportQuery,
): Promise<PersonnelFinding[]> {
  const from = new Date(Date.parse(`${query.from}T00:00:00+07:00`)).toISOString();
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
        gte(findings.recordedAt, from),
        lt(findings.recordedAt, deadlineEnd(query.to)),
        visibleTo(actor, findings.unitId),
      ),
    );
  return rows.map((r) => ({ ...r, categoryCode: r.categoryCode as CategoryCode }));
}

/**
 * `GET /api/exports/personnel.csv`: rows per unit and position by the
 * domain's `personnelRows`, written by its `toCsv` (UTF-8 with BOM, CRLF,
 * Vietnamese headers, dd/mm/yyyy, formulas neutralised), and the export
 * audited with its period and row count.
 */
export async function personnelCsv(db: Db, actor: Actor, query: PersonnelExportQuery, now: Date = new Date()) {
  const rows = personnelRows(await personnelFindings(db, actor, query), query);
  await db.batch([
    auditInsert(db, {
      actorId: actor.id,
      actorKind: "user",
      action: "export.personnel",
      targetType: "export",
      targetId: "personnel.csv",
      summary: { from: query.from, to: query.to, rows: rows.length },
      at: now.toISOString(),
    }),
  ]);
  return toCsv(rows);
}
