import { and, asc, between, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../client";
import { holidays } from "../schema";

/** A row of `holidays`. */
export type HolidayRow = typeof holidays.$inferSelect;

/** The rows of one year, by date. */
export function holidaysOfYear(db: Db, year: number): Promise<HolidayRow[]> {
  return db
    .select()
    .from(holidays)
    .where(between(holidays.date, `${year}-01-01`, `${year}-12-31`))
    .orderBy(asc(holidays.date));
}

/** The insert or replacement of one day. */
export function upsertHoliday(db: Db, row: HolidayRow): BatchItem<"sqlite"> {
  return db
    .insert(holidays)
    .values(row)
    .onConflictDoUpdate({
      target: holidays.date,
      set: { kind: row.kind, nameVi: row.nameVi, nameEn: row.nameEn, provisional: row.provisional },
    });
}

/** The removal of one day. */
export function deleteHoliday(db: Db, date: string): BatchItem<"sqlite"> {
  return db.delete(holidays).where(eq(holidays.date, date));
}

/** Marks every provisional day of a year confirmed. */
export function confirmYear(db: Db, year: number): BatchItem<"sqlite"> {
  return db
    .update(holidays)
    .set({ provisional: false })
    .where(and(between(holidays.date, `${year}-01-01`, `${year}-12-31`), eq(holidays.provisional, true)));
}

/**
 * SQL that is 1 while the year still has exactly the rows a use case read
 * (count and a digest of every column), the guard of its batch.
 */
export function yearUnchanged(year: number, rows: readonly HolidayRow[]) {
  const digest = rows.map((r) => `${r.date}|${r.kind}|${r.nameVi}|${r.nameEn}|${r.provisional ? 1 : 0}`).join("\n");
  return sql`(SELECT coalesce(group_concat(d, char(10)), '') FROM (SELECT ${holidays.date} || '|' || ${holidays.kind} || '|' || ${holidays.nameVi} || '|' || ${holidays.nameEn} || '|' || ${holidays.provisional} AS d FROM ${holidays} WHERE ${holidays.date} BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`} ORDER BY ${holidays.date})) = ${digest}`;
}
