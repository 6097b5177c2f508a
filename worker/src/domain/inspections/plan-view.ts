import type { Role } from "../auth-policy";
import { type FrameworkPlan, type PlanVisit, planConflicts, visitMonth } from "./plan";
import { onTeam } from "./team";

// Who sees which visit of the framework plan, and the plan as a month-by-month view.

/** Who is looking at the plan. `recused`: tied to the visit's unit or an ancestor (see `isRecused`). */
export interface PlanViewer {
  id: string;
  role: Role;
  recused?: boolean;
}

/**
 * Whether `viewer` may see `inspection` on the plan (and anywhere else).
 * Surprise visits are seen only by their team: one leak and the unit is
 * ready on the day, so not even other supervisors see them. Admins see no
 * casework; recused staff see nothing of the unit.
 *
 * @example
 * visibleInPlan({ type: "surprise", team: [{ userId: "i1", role: "head" }] }, { id: "s9", role: "supervisor" }) // false
 */
export function visibleInPlan(inspection: Pick<PlanVisit, "type" | "team">, viewer: PlanViewer): boolean {
  if (viewer.role !== "inspector" && viewer.role !== "supervisor") return false;
  if (viewer.recused) return false;
  return inspection.type !== "surprise" || onTeam(inspection.team, viewer.id);
}

/** One row of the plan view: a unit, its visits by month, and the planned-twice flag. */
export interface PlanRow {
  unitId: string;
  plannedTwice: boolean;
  visits: (PlanVisit & { month: number })[];
}

/**
 * The plan as `viewer` sees it, one row per unit with a visible visit, units
 * and visits in date order. `recusedUnitIds` are the units the viewer is
 * recused from (ties and everything below them).
 *
 * @example
 * planView(plan, { id: "i1", role: "inspector" }, new Set(["ubnd-dong-da"]))
 */
export function planView(
  plan: FrameworkPlan,
  viewer: PlanViewer,
  recusedUnitIds: ReadonlySet<string> = new Set(),
): PlanRow[] {
  const twice = new Set(planConflicts(plan).map((c) => c.unitId));
  const rows = new Map<string, PlanRow>();
  const visits = [...plan.visits]
    .filter((v) => v.plannedStart.startsWith(`${plan.year}-`))
    .filter((v) => visibleInPlan(v, { ...viewer, recused: viewer.recused || recusedUnitIds.has(v.unitId) }))
    .sort((a, b) => a.plannedStart.localeCompare(b.plannedStart) || a.id.localeCompare(b.id));
  for (const v of visits) {
    const row = rows.get(v.unitId) ?? { unitId: v.unitId, plannedTwice: twice.has(v.unitId), visits: [] };
    row.visits.push({ ...v, month: visitMonth(v) });
    rows.set(v.unitId, row);
  }
  return [...rows.values()];
}
