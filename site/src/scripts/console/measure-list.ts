import type { Measure } from "../../../../worker/src/contracts/inspections";
import { api } from "../../lib/api";
import { ConsoleElement, define } from "../../lib/console/element";
import { dayEl } from "../../lib/console/format";
import { problemText } from "../../lib/console/problems";
import { inspectionHref } from "../../lib/console/routes";
import { signedIn, syncLangSwitch } from "../../lib/console/session";
import { text } from "../../lib/console/texts";
import { control, required } from "../../lib/dom";
import { pageLang } from "../../lib/strings";
import { MEASURE_CHANGE, MeasureCard, measureBadge } from "./measure-card";
import { UnitSearch } from "./unit-search";

/** Filters kept in the address, so a filtered list can be bookmarked and shared. */
const FILTERS = ["status", "due", "unitId"] as const;

/**
 * `<measure-list>`: the measures page. A table of the measures due soonest
 * (filtered by status, deadline and responsible unit, kept in the address)
 * and a `<measure-card>` for each, where staff record, verify or reject.
 */
class MeasureList extends ConsoleElement {
  #items: Measure[] = [];

  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    this.setupFilters();
    this.addEventListener(MEASURE_CHANGE, (event) => {
      const { measure, message } = event.detail;
      this.#items = this.#items.map((m) => (m.id === measure.id ? measure : m));
      this.render();
      this.ref("count", HTMLElement).textContent = message;
      document.getElementById(`measure-${measure.id}-heading`)?.focus();
    });
    await this.load();
  }

  private setupFilters(): void {
    const filters = this.ref("filters", HTMLFormElement);
    const unit = required(filters, "unit-search", UnitSearch);
    const params = new URLSearchParams(location.search);
    control(filters, "status", HTMLSelectElement).value = params.get("status") ?? "";
    control(filters, "due", HTMLSelectElement).value = params.get("due") ?? "";
    const unitId = params.get("unitId");
    if (unitId) unit.preset(unitId, params.get("unitName") ?? unitId);
    filters.addEventListener("submit", (event) => {
      event.preventDefault();
      const next = new URLSearchParams();
      for (const name of FILTERS) {
        const value = control(filters, name, HTMLSelectElement).value;
        if (value) next.set(name, value);
      }
      if (unit.value) next.set("unitName", unit.select.selectedOptions[0]?.text ?? "");
      history.pushState(null, "", next.size ? `?${next}` : location.pathname);
      syncLangSwitch();
      this.ref("alert", HTMLElement).textContent = "";
      void this.load();
    });
    addEventListener("popstate", () => location.reload());
  }

  private async load(): Promise<void> {
    const params = new URLSearchParams(location.search);
    const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? undefined]));
    try {
      this.#items = (await api.measures.list(filters)).items;
    } catch (error) {
      this.ref("alert", HTMLElement).textContent = problemText(error);
      return;
    }
    this.render();
    const target = location.hash.slice(1);
    if (target) document.getElementById(`${target}-heading`)?.focus();
  }

  private render(): void {
    const items = this.#items;
    this.ref("rows", HTMLTableSectionElement).replaceChildren(...items.map((measure) => this.row(measure)));
    this.ref("cards", HTMLElement).replaceChildren(
      ...items.map((measure) => {
        const card = this.fromTemplate("measure", MeasureCard, `measure-${measure.id}`);
        card.show(measure, true);
        return card;
      }),
    );
    const it = text.insp();
    const overdue = items.filter((m) => m.status === "overdue").length;
    this.ref("count", HTMLElement).textContent = items.length
      ? `${it.fill("count", { n: items.length })}${overdue ? ` ${it.fill("overdueCount", { n: overdue })}` : ""}`
      : it.get("empty");
  }

  private row(measure: Measure): HTMLTableRowElement {
    const tr = this.fromTemplate("row", HTMLTableRowElement);
    tr.dataset.measureId = measure.id;
    tr.dataset.status = measure.status;
    tr.classList.toggle("overdue", measure.status === "overdue");
    required(tr, "[data-slot=deadline]", HTMLElement).replaceChildren(dayEl(measure.deadline));
    measureBadge(required(tr, "[data-slot=status]", HTMLElement), measure);
    const description = required(tr, "[data-slot=description]", HTMLAnchorElement);
    description.href = `#measure-${measure.id}`;
    description.textContent = measure.description;
    required(tr, "[data-slot=unit]", HTMLElement).textContent = measure.responsibleUnitName;
    const inspection = required(tr, "[data-slot=inspection]", HTMLAnchorElement);
    inspection.href = inspectionHref(pageLang(), measure.inspectionId);
    inspection.textContent = text.inspectionTypes().get(measure.inspectionType);
    return tr;
  }
}

define("measure-list", MeasureList);
