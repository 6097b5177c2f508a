import type { StaffList } from "../contracts/staff";
import type { UnitList, UnitQuery } from "../contracts/units";
import { listStaff } from "../db/queries/staff";
import { searchUnits } from "../db/queries/units";
import type { ServiceContext } from "./context";

/** The directories pickers read: units for reporters, staff for inspection teams. */

/** `GET /api/units?q=&limit=`: current units whose name or former name has every word of `q`, diacritics ignored. */
export async function findUnits(ctx: ServiceContext, query: UnitQuery): Promise<UnitList> {
  return { items: await searchUnits(ctx.db, query.q, query.limit) };
}

/** `GET /api/staff`: active inspectors and supervisors, each marked recused from `unitId` when tied to it or above it. */
export async function staffDirectory(ctx: ServiceContext, unitId: string | undefined): Promise<StaffList> {
  return { items: await listStaff(ctx.db, unitId) };
}
