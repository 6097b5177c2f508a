import type { InspectionAction, InspectionDetail } from "../../../../../worker/src/contracts/inspections";
import type { StaffMember } from "../../../../../worker/src/contracts/staff";
import { api } from "../../../lib/api";
import { problemText } from "../../../lib/console/problems";
import { Store } from "../../../lib/console/store";

/** The inspection the page shows (`?id=`); every widget of the page renders it. */
export const inspection = new Store<InspectionDetail>();

/** The inspection's id from the address ("" when missing). */
export const inspectionId = new URLSearchParams(location.search).get("id") ?? "";

/** Inspectors and supervisors with their recusal from the inspected unit, or why they could not be listed. */
export const staff: { unitId: string; items: StaffMember[]; problem: string } = { unitId: "", items: [], problem: "" };

async function refreshStaff(unitId: string): Promise<void> {
  if (unitId === staff.unitId) return;
  try {
    staff.items = (await api.staff.forUnit(unitId)).items;
    staff.unitId = unitId;
    staff.problem = "";
  } catch (error) {
    staff.problem = problemText(error);
  }
}

/** Loads the inspection (and the staff list for its unit) and shows it; throws the API's error. */
export async function reloadInspection(): Promise<void> {
  const detail = await api.inspections.get(inspectionId);
  await refreshStaff(detail.unitId);
  inspection.set(detail);
}

/** Whether the signed-in user may do `action` (the API lists them; the page offers only those). */
export function can(detail: InspectionDetail, action: InspectionAction): boolean {
  return detail.allowedActions.includes(action);
}

/** A person's name for a user id: the team's names, then the staff list; an unknown id stays as it is. */
export function who(detail: InspectionDetail, userId: string): string {
  return (
    detail.team.find((member) => member.userId === userId)?.displayName ??
    staff.items.find((member) => member.id === userId)?.displayName ??
    userId
  );
}
