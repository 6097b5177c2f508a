import type { UnitMeasure } from "../../../../../worker/src/contracts/liaison";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { dayEl } from "../../../lib/console/format";
import { problemText } from "../../../lib/console/problems";
import { unitMeasureHref } from "../../../lib/console/routes";
import { signedIn } from "../../../lib/console/session";
import type { ConsoleDict } from "../../../lib/console/texts";
import { text, texts } from "../../../lib/console/texts";
import { required } from "../../../lib/dom";
import { pageLang } from "../../../lib/strings";

/** The liaison section's run-time texts. */
export const liaisonTexts = () => texts<ConsoleDict["liaison"]>("liaison");

/** A measure's status as a badge, the same look as on the team's pages. */
export function unitMeasureBadge(badge: HTMLElement, measure: Pick<UnitMeasure, "status">): void {
  badge.className = `badge m-${measure.status}`;
  badge.textContent = text.measureStatuses().get(measure.status);
}

/**
 * `<unit-measures>`: the unit liaison's home, a table of their unit's
 * measures (`GET /api/measures`, scoped by the API to the unit and its
 * sub-units), earliest deadline first, each linking to its page.
 */
class UnitMeasures extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    let items: UnitMeasure[];
    try {
      items = (await api.unit.measures()).items;
    } catch (error) {
      this.ref("alert", HTMLElement).textContent = problemText(error);
      return;
    }
    this.ref("rows", HTMLTableSectionElement).replaceChildren(...items.map((m) => this.row(m)));
    const u = liaisonTexts();
    this.ref("count", HTMLElement).textContent = items.length ? u.fill("count", { n: items.length }) : u.get("empty");
  }

  private row(measure: UnitMeasure): HTMLTableRowElement {
    const tr = this.fromTemplate("row", HTMLTableRowElement);
    tr.dataset.measureId = measure.id;
    tr.classList.toggle("overdue", measure.status === "overdue");
    required(tr, "[data-slot=deadline]", HTMLElement).replaceChildren(dayEl(measure.deadline));
    unitMeasureBadge(required(tr, "[data-slot=status]", HTMLElement), measure);
    const link = required(tr, "[data-slot=description]", HTMLAnchorElement);
    link.href = unitMeasureHref(pageLang(), measure.id);
    link.textContent = measure.description;
    required(tr, "[data-slot=unit]", HTMLElement).textContent = measure.responsibleUnitName;
    return tr;
  }
}

define("unit-measures", UnitMeasures);
