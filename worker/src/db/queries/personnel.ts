import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { PersonnelExportQuery } from "../../contracts/inspections";
import type { Db } from "../client";
import { findings, inspections, units } from "../schema";
import type { Actor } from "./accounts";
import { auditInsert } from "./audit";
import { endOfHanoiDay } from "./inspections-rules";
import { visibleTo } from "./recusal";

/** The CSV header: Vietnamese, as the personnel departments file it. */
export const PERSONNEL_HEADERS = [
  "Mã đơn vị",
  "Đơn vị",
  "Vị trí, chức vụ",
  "Có căn cứ",
  "Có căn cứ một phần",
  "Tổng",
  "Ghi nhận gần nhất",
  "Từ ngày",
  "Đến ngày",
] as const;

/** Shown when a finding names no position. */
export const NO_POSITION = "Không xác định";

/** `YYYY-MM-DD` (or an ISO instant, read as a Hanoi date) as dd/mm/yyyy. */
export function ddmmyyyy(value: string): string {
  const date = value.length > 10 ? new Date(Date.parse(value) + 7 * 3600_000).toISOString().slice(0, 10) : value;
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** One CSV field: quoted when needed; a leading formula character is neutralised for spreadsheets. */
export function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\r\n']/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Substantiated and partly substantiated findings of concluded inspections,
 * recorded in the period, per unit and position; recused units left out.
 */
export async function personnelRows(db: Db, actor: Actor, query: PersonnelExportQuery) {
  const from = new Date(Date.parse(`${query.from}T00:00:00+07:00`)).toISOString();
  const to = endOfHanoiDay(query.to);
  const position = sql<string>`coalesce(${findings.position}, '')`;
  return db
    .select({
      unitId: findings.unitId,
      unitName: units.name,
      position,
      substantiated: sql<number>`sum(case when ${findings.outcome} = 'substantiated' then 1 else 0 end)`,
      partly: sql<number>`sum(case when ${findings.outcome} = 'partly_substantiated' then 1 else 0 end)`,
      last: sql<string>`max(${findings.recordedAt})`,
    })
    .from(findings)
    .innerJoin(units, eq(units.id, findings.unitId))
    .innerJoin(inspections, eq(inspections.id, findings.inspectionId))
    .where(
      and(
        inArray(findings.outcome, ["substantiated", "partly_substantiated"]),
        inArray(inspections.status, ["concluded", "closed"]),
        gte(findings.recordedAt, from),
        lte(findings.recordedAt, to),
        visibleTo(actor, findings.unitId),
      ),
    )
    .groupBy(findings.unitId, units.name, position)
    .orderBy(asc(units.name), asc(findings.unitId), sql`${position} = ''`, asc(position));
}

/** The export as CSV text (UTF-8 with BOM, CRLF), and its audit event written. */
export async function personnelCsv(db: Db, actor: Actor, query: PersonnelExportQuery, now: Date = new Date()) {
  const rows = await personnelRows(db, actor, query);
  const lines = [PERSONNEL_HEADERS.map(csvField).join(",")];
  for (const r of rows) {
    const s = Number(r.substantiated);
    const p = Number(r.partly);
    lines.push(
      [
        r.unitId,
        r.unitName,
        r.position || NO_POSITION,
        s,
        p,
        s + p,
        ddmmyyyy(r.last),
        ddmmyyyy(query.from),
        ddmmyyyy(query.to),
      ]
        .map(csvField)
        .join(","),
    );
  }
  const at = now.toISOString();
  await db.batch([
    auditInsert(db, {
      actorId: actor.id,
      actorKind: "user",
      action: "export.personnel",
      targetType: "export",
      targetId: "personnel.csv",
      summary: { from: query.from, to: query.to, rows: rows.length },
      at,
    }),
  ]);
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
