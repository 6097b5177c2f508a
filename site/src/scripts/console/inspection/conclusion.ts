import type { ConclusionInputRaw, InspectionDetail } from "../../../../../worker/src/contracts/inspections";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { timeEl } from "../../../lib/console/format";
import { busy, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { control, required } from "../../../lib/dom";
import { UnitSearch } from "../unit-search";
import { can, inspection, inspectionId, who } from "./state";

/**
 * `<inspection-conclusion>`: the conclusion once issued; before, for a
 * supervisor on the team while the visit is under way, the form issuing it
 * with its corrective measures (one row per measure, the inspected unit
 * chosen by default, any unit searchable).
 */
class InspectionConclusion extends ConsoleElement {
  #rows = 0;

  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    const form = this.ref("form", HTMLFormElement);
    this.ref("add", HTMLButtonElement).addEventListener("click", () => this.addRow());
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.conclude(form);
    });
    inspection.subscribe((detail) => this.render(detail));
  }

  private render(d: InspectionDetail): void {
    const shown = this.ref("shown", HTMLElement);
    shown.replaceChildren();
    this.ref("none", HTMLElement).hidden = Boolean(d.conclusion) || can(d, "conclude");
    const c = d.conclusion;
    if (c) {
      const facts = this.fromTemplate("facts", HTMLDListElement);
      const slot = (name: string) => required(facts, `[data-slot="${name}"]`, HTMLElement);
      slot("conclusion").textContent = c.conclusion;
      slot("recommendations").textContent = c.recommendations;
      slot("guidance").textContent = c.guidance;
      slot("concluded").append(timeEl(c.concludedAt, true), ` · ${who(d, c.concludedBy)}`);
      const implemented = slot("implemented");
      implemented.classList.toggle("m-verified", c.implemented);
      implemented.textContent = text.insp().get(c.implemented ? "implemented" : "notImplemented");
      shown.append(facts);
    }
    this.ref("form", HTMLFormElement).hidden = !can(d, "conclude");
  }

  private addRow(): void {
    const d = inspection.value;
    if (!d) return;
    this.#rows += 1;
    const n = this.#rows;
    const row = this.fromTemplate("row", HTMLLIElement, `measure-${n}`);
    required(row, "[data-slot=title]", HTMLElement).textContent = text.insp().fill("measureN", { n });
    const unit = required(row, "unit-search", UnitSearch);
    unit.dataset.presetId = d.unitId;
    unit.dataset.presetName = d.unitName;
    const remove = required(row, "[data-slot=remove]", HTMLButtonElement);
    remove.setAttribute("aria-label", text.insp().fill("removeMeasure", { n }));
    remove.addEventListener("click", () => {
      row.remove();
      this.ref("add", HTMLButtonElement).focus();
    });
    this.ref("rows", HTMLOListElement).append(row);
    unit.input.focus();
  }

  private async conclude(form: HTMLFormElement): Promise<void> {
    const alert = this.ref("alert", HTMLElement);
    alert.textContent = "";
    const fail = (message: string, focus: HTMLElement | null) => {
      alert.textContent = message;
      focus?.focus();
    };
    const missing = text.console().get("required");
    for (const name of ["conclusion", "recommendations", "guidance"]) {
      if (!field(form, name)) return fail(missing, control(form, name, HTMLTextAreaElement));
    }
    const measures: ConclusionInputRaw["measures"] = [];
    for (const row of this.ref("rows", HTMLOListElement).children) {
      const unit = required(row, "unit-search", UnitSearch);
      const description = required(row, "textarea[name=description]", HTMLTextAreaElement);
      const deadline = required(row, "input[name=deadline]", HTMLInputElement);
      if (!unit.value) return fail(text.insp().get("unitRequired"), unit.select);
      if (!description.value.trim()) return fail(missing, description);
      if (!deadline.value) return fail(missing, deadline);
      measures.push({ responsibleUnitId: unit.value, description: description.value.trim(), deadline: deadline.value });
    }
    if (!confirm(this.data("confirm"))) return;
    const body: ConclusionInputRaw = {
      conclusion: field(form, "conclusion"),
      recommendations: field(form, "recommendations"),
      guidance: field(form, "guidance"),
      measures,
    };
    try {
      inspection.set(await busy(form, () => api.inspections.conclude(inspectionId, body)));
      this.notify({ status: text.insp().get("concluded"), focus: "conclusion-heading" });
    } catch (error) {
      fail(problemText(error), null);
    }
  }
}

define("inspection-conclusion", InspectionConclusion);
