import type { PersonnelExportQuery } from "../contracts/inspections";
import { auditInsert } from "../db/queries/audit";
import { personnelFindings } from "../db/queries/personnel";
import { deadlineEnd, personnelRows, toCsv } from "../domain/inspections";
import type { ActorContext } from "./context";
import { requirePermission } from "./inspections/access";

/** The instant a Hanoi day starts, as ISO UTC. */
function hanoiDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+07:00`)).toISOString();
}

/**
 * `GET /api/exports/personnel.csv` (supervisor): findings recorded from
 * `from` to `to` (Hanoi days, both included), rows per unit and position by
 * the domain's `personnelRows`, written by its `toCsv` (UTF-8 with BOM, CRLF,
 * Vietnamese headers, dd/mm/yyyy, formulas neutralised). The export is
 * audited with its period and row count.
 */
export async function personnelExport(ctx: ActorContext, query: PersonnelExportQuery): Promise<string> {
  requirePermission(ctx.actor, "exports.personnel");
  const recorded = { from: hanoiDayStart(query.from), until: deadlineEnd(query.to) };
  const rows = personnelRows(await personnelFindings(ctx.db, ctx.actor, recorded), query);
  await ctx.db.batch([
    auditInsert(ctx.db, {
      actorId: ctx.actor.id,
      actorKind: "user",
      action: "export.personnel",
      targetType: "export",
      targetId: "personnel.csv",
      summary: { from: query.from, to: query.to, rows: rows.length },
      at: ctx.now.toISOString(),
    }),
  ]);
  return toCsv(rows);
}
