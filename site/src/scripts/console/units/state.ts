import type { AdminUnit } from "../../../../../worker/src/contracts/unit-admin";
import type { Dict } from "../../../i18n";
import { api } from "../../../lib/api";
import { Store } from "../../../lib/console/store";
import { texts } from "../../../lib/console/texts";

/** The run-time texts of the units page (`console.units.client`). */
export const unitTexts = () => texts<Dict["console"]["units"]["client"]>("units");

/** The units the search shows; `<unit-directory>` renders them. */
export const shown = new Store<AdminUnit[]>();

/** The last search, repeated after a change so the table shows the result. */
let lastFilters: { q: string; status: string } = { q: "", status: "current" };

/** Runs a search (or the last one again) and publishes its units. */
export async function reloadUnits(filters: { q: string; status: string } = lastFilters): Promise<void> {
  lastFilters = filters;
  const { items } = await api.admin.units({ ...filters, limit: "200" });
  shown.set(items);
}

/** Current units, for the parent and successor pickers: every kind, in order of name. */
export async function currentUnits(): Promise<AdminUnit[]> {
  const pages = await Promise.all(
    (["city", "department", "agency", "ward", "commune"] as const).map((kind) =>
      api.admin.units({ kind, status: "current", limit: "200" }),
    ),
  );
  return pages.flatMap((page) => page.items).sort((a, b) => a.name.localeCompare(b.name, "vi"));
}

/** Fills a `<select>` with units (value: id), keeping `selected` chosen. */
export function fillUnitSelect(select: HTMLSelectElement, units: readonly AdminUnit[], selected?: string): void {
  select.replaceChildren(
    ...units.map((unit) => {
      const option = new Option(unit.name, unit.id);
      option.selected = unit.id === selected;
      return option;
    }),
  );
}

/** `units` without `id` and the units under it (through their parents): the parents `id` may take. */
export function outsideOf(units: readonly AdminUnit[], id: string): AdminUnit[] {
  const excluded = new Set([id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const unit of units) {
      if (unit.parentId !== null && excluded.has(unit.parentId) && !excluded.has(unit.id)) {
        excluded.add(unit.id);
        grew = true;
      }
    }
  }
  return units.filter((unit) => !excluded.has(unit.id));
}
