import type { StaffList } from "../contracts/staff";
import type { UnitList, UnitQuery } from "../contracts/units";
import { listStaff } from "../db/queries/staff";
import { searchUnits, successorChain } from "../db/queries/units";
import { hanoiDate } from "../domain/calendar";
import { type FilingTarget, filingTarget as followSuccessors } from "../domain/unit-admin";
import type { ServiceContext } from "./context";

/** The directories pickers read: units for reporters, staff for inspection teams. */

/**
 * `GET /api/units?q=&limit=`: units current today (Hà Nội) whose name or a
 * former name has every word of `q`, diacritics ignored; a hit by a former
 * name says which (`matchedAlias`).
 */
export async function findUnits(ctx: ServiceContext, query: UnitQuery): Promise<UnitList> {
  return { items: await searchUnits(ctx.db, query.q, query.limit, hanoiDate(ctx.now)) };
}

/** `GET /api/staff`: active inspectors and supervisors, each marked recused from `unitId` when tied to it or above it. */
export async function staffDirectory(ctx: ServiceContext, unitId: string | undefined): Promise<StaffList> {
  return { items: await listStaff(ctx.db, unitId) };
}

/**
 * The unit a report filed now about `unitId` belongs to: the unit while it
 * is current (today in Hà Nội), else the unit it was merged into, following
 * merges; `ended` for a unit retired or divided (the reporter must choose),
 * `unknown` for an id not in the directory.
 */
export async function filingTarget(ctx: ServiceContext, unitId: string): Promise<FilingTarget> {
  const links = new Map((await successorChain(ctx.db, unitId)).map((l) => [l.id, l]));
  return followSuccessors(unitId, links, hanoiDate(ctx.now));
}
