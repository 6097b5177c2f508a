import type { Plan } from "../../../../../worker/src/contracts/inspections";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { formatScore, timeEl } from "../../../lib/console/format";
import { problemText } from "../../../lib/console/problems";
import { leadHref } from "../../../lib/console/routes";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { required } from "../../../lib/dom";
import { fill, pageLang } from "../../../lib/strings";
import { createFor, plan, reloadPlan, year } from "./state";

/**
 * `<plan-unattached>`: referred leads not yet attached to an inspection, by
 * unit. A supervisor starts an inspection for a unit (the create form is
 * filled in) or builds the year's plan, which gives each unit a visit.
 */
class PlanUnattached extends ConsoleElement {
  #supervisor = false;

  protected async start(): Promise<void> {
    const session = await signedIn();
    if (!session) return;
    this.#supervisor = session.user.role === "supervisor";
    const build = this.ref("build", HTMLButtonElement);
    build.textContent = fill(this.data("build"), { year });
    this.ref("supervisor", HTMLElement).hidden = !this.#supervisor;
    build.addEventListener("click", () => void this.build(build));
    plan.subscribe((data) => this.render(data));
  }

  private render(data: Plan): void {
    const it = text.insp();
    this.ref("groups", HTMLElement).replaceChildren(
      ...data.unattached.map((group) => {
        const section = this.fromTemplate("group", HTMLElement);
        section.dataset.unitId = group.unitId;
        required(section, "[data-slot=unit]", HTMLElement).textContent = group.unitName;
        required(section, "[data-slot=leads]", HTMLUListElement).replaceChildren(
          ...group.leads.map((lead) => {
            const item = this.fromTemplate("lead", HTMLLIElement);
            const link = required(item, "[data-slot=link]", HTMLAnchorElement);
            link.href = leadHref(pageLang(), lead.id);
            link.textContent = text.categories().label(lead.categoryCode);
            const priority = it.fill("priority", { n: formatScore(lead.priority) });
            const facts = ` · ${priority} · ${it.fill("reports", { n: lead.reportCount })} · `;
            required(item, "[data-slot=facts]", HTMLElement).textContent = facts;
            required(item, "[data-slot=opened]", HTMLElement).replaceChildren(timeEl(lead.openedAt));
            return item;
          }),
        );
        const create = required(section, "[data-slot=create]", HTMLButtonElement);
        if (this.#supervisor) {
          create.textContent = fill(this.data("createFor"), { unit: group.unitName });
          create.addEventListener("click", () => createFor.set({ unitId: group.unitId, unitName: group.unitName }));
        } else create.remove();
        return section;
      }),
    );
    this.ref("empty", HTMLElement).hidden = data.unattached.length > 0;
    this.ref("build", HTMLButtonElement).disabled = data.unattached.length === 0;
  }

  private async build(button: HTMLButtonElement): Promise<void> {
    this.notify({ alert: "" });
    button.disabled = true;
    try {
      const result = await api.plan.build(year);
      await reloadPlan();
      this.notify({ status: text.insp().fill("built", { n: result.created.length }), focus: "plan-region" });
    } catch (error) {
      button.disabled = false;
      this.notify({ alert: problemText(error) });
    }
  }
}

define("plan-unattached", PlanUnattached);
