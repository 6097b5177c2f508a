/**
 * What a directory plan does to the database, on plain rows: the reference
 * the D1 batch that carries out a plan must match, and what the property
 * tests plan against a second time.
 */
import type { DirectoryAliasRow, DirectoryPlan, DirectoryState, DirectoryUnitRow } from "./sync";

/**
 * The state after `plan`: units added (with no reports yet), updated,
 * retired (`validTo`, and `successorId` where the row had none) or removed
 * with their aliases; aliases added. Ids never change.
 *
 * @example
 * const after = applyDirectoryPlan(state, plan);
 * isEmptyPlan(planDirectorySync(official, after, options)) // true
 */
export function applyDirectoryPlan(state: DirectoryState, plan: DirectoryPlan): DirectoryState {
  const updates = new Map(plan.update.map((u) => [u.id, u]));
  const retired = new Map(plan.retire.map((r) => [r.id, r]));
  const removed = new Set(plan.remove.map((r) => r.id));
  const units: DirectoryUnitRow[] = [];
  for (const row of state.units) {
    if (removed.has(row.id)) continue;
    let next: DirectoryUnitRow = { ...row };
    const change = updates.get(row.id);
    if (change) {
      const { code, name, kind, parentId } = change.after;
      next = { ...next, code, name, kind, parentId };
    }
    const retirement = retired.get(row.id);
    if (retirement)
      next = { ...next, validTo: retirement.validTo, successorId: row.successorId ?? retirement.successorId };
    units.push(next);
  }
  for (const unit of plan.add) {
    units.push({
      id: unit.id,
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      parentId: unit.parentId,
      validTo: null,
      successorId: null,
      hasReports: false,
    });
  }
  const aliases: DirectoryAliasRow[] = [
    ...state.aliases.filter((a) => !removed.has(a.unitId)).map((a) => ({ unitId: a.unitId, name: a.name })),
    ...plan.aliases.map((a) => ({ unitId: a.unitId, name: a.name })),
  ];
  return { units, aliases };
}
