import {
  type Holiday,
  type HolidayConfirm,
  type HolidayList,
  HolidayListSchema,
  type HolidayPut,
  kindMismatch,
} from "../contracts/holidays";
import { auditInsert } from "../db/queries/audit";
import {
  confirmYear,
  deleteHoliday,
  type HolidayRow,
  holidaysOfYear,
  upsertHoliday,
  yearUnchanged,
} from "../db/queries/holidays";
import { computeDefaultHolidays } from "../domain/holidays";
import { ApiError } from "../http/errors";
import { CUSTOM_MESSAGES } from "../i18n/validation";
import { commitWrite, type Statements } from "./batch";
import type { ActorContext } from "./context";

/**
 * The holidays and worked weekend days an administrator keeps
 * (`/api/admin/holidays`). A year with no row is served by computed
 * provisional defaults (`computeDefaultHolidays`), which the deadlines use
 * too; the first change to such a year stores those defaults with it, so the
 * year never loses its other holidays. Every change is one batch with its
 * audit rows (before and after), guarded by the year as it was read.
 */

function view(row: HolidayRow, stored: boolean): Holiday {
  return {
    date: row.date,
    kind: row.kind,
    nameVi: row.nameVi,
    nameEn: row.nameEn,
    provisional: row.provisional,
    stored,
  };
}

/** The computed defaults of a year, as rows. */
function computedRows(year: number): HolidayRow[] {
  return computeDefaultHolidays(year).map((h) => ({
    date: h.date,
    kind: "holiday",
    nameVi: h.nameVi,
    nameEn: h.nameEn,
    provisional: true,
  }));
}

/** A year as stored, or its computed defaults when it has no row. */
async function loadYear(ctx: ActorContext, year: number) {
  const rows = await holidaysOfYear(ctx.db, year);
  return { rows, computed: rows.length === 0, effective: rows.length ? rows : computedRows(year) };
}

function listOf(year: number, computed: boolean, rows: readonly HolidayRow[]): HolidayList {
  return HolidayListSchema.parse({ year, computed, items: rows.map((r) => view(r, !computed)) });
}

/** `GET /api/admin/holidays?year=`: the year's days off and worked weekend days, by date. */
export async function listHolidays(ctx: ActorContext, year: number): Promise<HolidayList> {
  const { computed, effective } = await loadYear(ctx, year);
  return listOf(year, computed, effective);
}

function audit(ctx: ActorContext, action: string, targetId: string, summary: Record<string, unknown>) {
  return auditInsert(ctx.db, {
    actorId: ctx.actor.id,
    actorKind: "user",
    action,
    targetType: "holiday",
    targetId,
    summary,
    at: ctx.now.toISOString(),
  });
}

/** The plain fields of a row for an audit summary. */
function auditView(row: HolidayRow | undefined) {
  return row ? { kind: row.kind, nameVi: row.nameVi, nameEn: row.nameEn, provisional: row.provisional } : null;
}

/**
 * Stores a computed year's defaults (audited as one `holidays.defaults_stored`
 * row) so a change to one of its days keeps the others.
 */
function storeDefaults(ctx: ActorContext, year: number, rows: readonly HolidayRow[]): Statements {
  return [
    ...rows.map((row) => upsertHoliday(ctx.db, row)),
    audit(ctx, "holidays.defaults_stored", String(year), { dates: rows.map((r) => r.date) }),
  ];
}

/**
 * `PUT /api/admin/holidays/{date}`: adds or replaces a day (a holiday on a
 * weekday, or a Saturday or Sunday worked), confirmed. 422 when the kind does
 * not fit the weekday.
 */
export async function putHoliday(ctx: ActorContext, date: string, input: HolidayPut): Promise<HolidayList> {
  const mismatch = kindMismatch(date, input.kind);
  if (mismatch) {
    throw new ApiError("validation_failed", {
      errors: [{ pointer: "/kind", message: CUSTOM_MESSAGES[mismatch][ctx.lang] }],
    });
  }
  const year = Number(date.slice(0, 4));
  const { rows, computed, effective } = await loadYear(ctx, year);
  const old = effective.find((r) => r.date === date);
  const next: HolidayRow = { date, kind: input.kind, nameVi: input.nameVi, nameEn: input.nameEn, provisional: false };
  const statements: Statements = computed ? storeDefaults(ctx, year, effective) : [];
  statements.push(
    upsertHoliday(ctx.db, next),
    audit(ctx, old ? "holiday.changed" : "holiday.added", date, { before: auditView(old), after: auditView(next) }),
  );
  await commitWrite(ctx.db, statements, yearUnchanged(year, rows));
  return listHolidays(ctx, year);
}

/** `DELETE /api/admin/holidays/{date}`: removes a day (404 when the year's list has no such day). */
export async function removeHoliday(ctx: ActorContext, date: string): Promise<HolidayList> {
  const year = Number(date.slice(0, 4));
  const { rows, computed, effective } = await loadYear(ctx, year);
  const old = effective.find((r) => r.date === date);
  if (!old) throw new ApiError("not_found");
  const statements: Statements = computed ? storeDefaults(ctx, year, effective) : [];
  statements.push(
    deleteHoliday(ctx.db, date),
    audit(ctx, "holiday.removed", date, { before: auditView(old), after: null }),
  );
  await commitWrite(ctx.db, statements, yearUnchanged(year, rows));
  return listHolidays(ctx, year);
}

/**
 * `POST /api/admin/holidays/{year}/confirm`: confirms every provisional day
 * of the year as listed (a computed year is stored first), one audit row
 * (`holidays.confirmed`) naming the days.
 */
export async function confirmHolidays(ctx: ActorContext, year: number): Promise<HolidayConfirm> {
  const { rows, computed, effective } = await loadYear(ctx, year);
  const provisional = effective.filter((r) => r.provisional).map((r) => r.date);
  if (provisional.length > 0) {
    const statements: Statements = computed ? storeDefaults(ctx, year, effective) : [];
    statements.push(
      confirmYear(ctx.db, year),
      audit(ctx, "holidays.confirmed", String(year), {
        before: { provisional },
        after: { provisional: [] },
      }),
    );
    await commitWrite(ctx.db, statements, yearUnchanged(year, rows));
  }
  return { confirmed: provisional.length, list: await listHolidays(ctx, year) };
}
