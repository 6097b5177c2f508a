import type { Plan } from "../../../../../worker/src/contracts/inspections";
import { api } from "../../../lib/api";
import { Store } from "../../../lib/console/store";

function hanoiYear(): number {
  return Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(new Date()));
}

const asked = Number(new URLSearchParams(location.search).get("year"));

/** The plan's year: `?year=` when valid, else this year in Hanoi. */
export const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : hanoiYear();

/** The year's plan, rendered by the calendar, the unattached leads and the create form. */
export const plan = new Store<Plan>();

/** A unit the supervisor asked to create an inspection for (from the unattached leads). */
export const createFor = new Store<{ unitId: string; unitName: string }>();

/** Loads the year's plan into {@link plan}; throws the API's error. */
export async function reloadPlan(): Promise<void> {
  plan.set(await api.plan.get(year));
}
