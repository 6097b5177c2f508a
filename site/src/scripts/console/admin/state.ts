import type { Unit, UnitList } from "../../../../../worker/src/contracts/units";
import type { User } from "../../../../../worker/src/contracts/users";
import { api, orElse } from "../../../lib/api";
import { Store } from "../../../lib/console/store";

/** The accounts, as the admin API lists them; the users table renders them. */
export const users = new Store<User[]>();

/** Unit names seen so far; ties are stored as ids. */
const unitNames = new Map<string, string>();

/** A tied unit's name, or its id while unknown. */
export function unitLabel(id: string): string {
  return unitNames.get(id) ?? id;
}

/** Units matching `q` (their names are remembered for {@link unitLabel}). */
export async function searchUnits(q: string): Promise<Unit[]> {
  const list: UnitList = await api.units.search(q, 20);
  for (const unit of list.items) unitNames.set(unit.id, unit.name);
  return list.items;
}

/** Loads the accounts and their tied units' names (official wards have ids like `dvhc-00004`: read by id). */
export async function reloadUsers(): Promise<void> {
  const { items } = await api.admin.users();
  const unknown = [...new Set(items.flatMap((user) => user.unitTies))].filter((id) => !unitNames.has(id));
  await Promise.all(
    unknown.map(async (id) => {
      const unit = await orElse(api.admin.unit(id), null);
      if (unit) unitNames.set(id, unit.name);
    }),
  );
  users.set(items);
}

/** What a widget sends up to show a new one-time password once. */
export interface OneTimePassword {
  /** "Created account x" or "Reset the password of x". */
  title: string;
  password: string;
}

/** Bubbles to `<user-admin>`, which shows the password and moves focus to it. */
export const ONE_TIME_PASSWORD = "one-time-password";

declare global {
  interface HTMLElementEventMap {
    [ONE_TIME_PASSWORD]: CustomEvent<OneTimePassword>;
  }
}
