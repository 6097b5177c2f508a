import type { Measure, MeasureList } from "../../../../worker/src/contracts/inspections";
import type { Dict } from "../../i18n";
import { consoleApi, problemText } from "../../lib/console/api";
import { el, link } from "../../lib/console/dom";
import {
  dayEl,
  type InspContext,
  measureBadge,
  measureCard,
  presetUnit,
  readInsp,
  unitSearchField,
} from "../../lib/console/inspections";
import { inspectionHref } from "../../lib/console/routes";
import { startConsole, syncLangSwitch } from "../../lib/console/session";
import { fill } from "../../lib/strings";

type PageTexts = Dict["console"]["inspections"]["measures"];

const app = document.getElementById("measures-app") as HTMLElement;
const it = readInsp(app);
const pt = JSON.parse(app.dataset.page ?? "{}") as PageTexts;
const filters = document.getElementById("measures-filters") as HTMLFormElement;
const body = document.querySelector("#measures-table tbody") as HTMLTableSectionElement;
const cards = document.getElementById("measures-cards") as HTMLElement;
const alertBox = document.getElementById("measures-alert") as HTMLElement;
const countBox = document.getElementById("measures-count") as HTMLElement;

const FILTERS = ["status", "due", "unitId"] as const;

const base = await startConsole(["inspector", "supervisor"]);
const ctx: InspContext | null = base ? { t: base.t, it, lang: base.lang } : null;
let items: Measure[] = [];

function cell(content: string | Node, className = ""): HTMLTableCellElement {
  const td = el("td", className);
  td.append(content);
  return td;
}

function tableRow(measure: Measure): HTMLTableRowElement {
  if (!ctx) return el("tr");
  const deadline = el("th", "", "", dayEl(measure.deadline));
  deadline.scope = "row";
  const status = el("span", "", "", measureBadge(measure, it));
  const tr = el(
    "tr",
    measure.status === "overdue" ? "overdue" : "",
    "",
    deadline,
    cell(status),
    cell(link(`#measure-${measure.id}`, measure.description)),
    cell(measure.responsibleUnitName),
    cell(link(inspectionHref(ctx.lang, measure.inspectionId), it.types[measure.inspectionType])),
  );
  tr.dataset.measureId = measure.id;
  tr.dataset.status = measure.status;
  return tr;
}

function render(): void {
  if (!ctx) return;
  body.replaceChildren(...items.map(tableRow));
  cards.replaceChildren(...items.map((measure) => measureCard(measure, ctx, changed, { linkInspection: true })));
  const overdue = items.filter((m) => m.status === "overdue").length;
  countBox.textContent = items.length
    ? `${fill(it.count, { n: items.length })}${overdue ? ` ${fill(it.overdueCount, { n: overdue })}` : ""}`
    : it.empty;
}

function changed(updated: Measure, message: string): void {
  items = items.map((m) => (m.id === updated.id ? updated : m));
  render();
  countBox.textContent = message;
  document.getElementById(`measure-${updated.id}-heading`)?.focus();
}

async function load(): Promise<void> {
  if (!ctx) return;
  const params = new URLSearchParams();
  const fromUrl = new URLSearchParams(location.search);
  for (const name of FILTERS) {
    const value = fromUrl.get(name);
    if (value) params.set(name, value);
  }
  const result = await consoleApi<MeasureList>(`/api/measures${params.size ? `?${params}` : ""}`);
  if (!result.ok) {
    alertBox.textContent = problemText(result.failure, ctx.t);
    return;
  }
  items = result.data.items;
  render();
  const target = location.hash.slice(1);
  if (target) document.getElementById(`${target}-heading`)?.focus();
}

function setupFilters(): void {
  if (!ctx) return;
  const search = unitSearchField({ label: pt.unit, hint: "", search: it.search, choose: pt.any }, ctx, "unitId");
  search.select.required = false;
  (document.getElementById("filter-unit") as HTMLElement).append(search.root);
  const params = new URLSearchParams(location.search);
  (document.getElementById("filter-status") as HTMLSelectElement).value = params.get("status") ?? "";
  (document.getElementById("filter-due") as HTMLSelectElement).value = params.get("due") ?? "";
  const unitId = params.get("unitId");
  if (unitId) presetUnit(search.select, unitId, params.get("unitName") ?? unitId);
  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const control = filters.elements.namedItem(name) as HTMLSelectElement | null;
      if (control?.value) next.set(name, control.value);
    }
    if (search.select.value) next.set("unitName", search.select.selectedOptions[0]?.text ?? "");
    history.pushState(null, "", next.size ? `?${next}` : location.pathname);
    syncLangSwitch();
    alertBox.textContent = "";
    void load();
  });
  addEventListener("popstate", () => location.reload());
}

if (ctx) {
  setupFilters();
  await load();
}
