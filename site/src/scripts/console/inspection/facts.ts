import type { InspectionDetail } from "../../../../../worker/src/contracts/inspections";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { dayEl, timeEl, withNodes } from "../../../lib/console/format";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { control, required } from "../../../lib/dom";
import { can, inspection, inspectionId, who } from "./state";

/**
 * `<inspection-facts>`: the inspection's heading, facts and the actions on
 * the visit itself: start it, or (a supervisor, while planned) cancel it with
 * a reason in a disclosed form.
 */
class InspectionFacts extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    inspection.subscribe((detail) => this.render(detail));
  }

  private render(d: InspectionDetail): void {
    const it = text.insp();
    const type = text.inspectionTypes().get(d.type);
    this.ref("heading", HTMLElement).textContent = it.fill("inspectionOf", { type, unit: d.unitName });
    this.ref("type", HTMLElement).textContent = type;
    this.ref("unit", HTMLElement).textContent = d.unitName;
    const window = withNodes(it.get("window"), { from: dayEl(d.plannedStart), to: dayEl(d.plannedEnd) });
    this.ref("window", HTMLElement).replaceChildren(...window);
    const status = this.ref("status", HTMLElement);
    status.className = `badge i-${d.status}`;
    status.textContent = text.inspectionStatuses().get(d.status);
    this.ref("scope", HTMLElement).textContent = d.scope;
    for (const node of this.refs("started", HTMLElement)) node.hidden = !d.startedAt;
    if (d.startedAt) this.ref("started-at", HTMLElement).replaceChildren(timeEl(d.startedAt, true));
    this.ref("created-by", HTMLElement).textContent = who(d, d.createdBy);

    const actions = this.ref("actions", HTMLElement);
    actions.replaceChildren();
    if (can(d, "start")) actions.append(this.startButton());
    // Cancelling is a supervisor's, like moving the visit, and only while it is planned.
    if (d.status === "planned" && can(d, "move")) actions.append(this.cancelForm());
  }

  private startButton(): HTMLButtonElement {
    const button = this.fromTemplate("start", HTMLButtonElement);
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        inspection.set(await api.inspections.start(inspectionId));
        this.notify({ status: text.insp().get("started"), focus: "inspection-heading" });
      } catch (error) {
        button.disabled = false;
        this.notify({ alert: problemText(error) });
      }
    });
    return button;
  }

  /** `POST /api/inspections/{id}/cancel`; a short reason gets the API's vi/en problem in the page's alert. */
  private cancelForm(): HTMLElement {
    const details = this.fromTemplate("cancel", HTMLDetailsElement);
    const form = required(details, "form", HTMLFormElement);
    const reason = control(form, "reason", HTMLTextAreaElement);
    const submit = required(form, "button[type=submit]", HTMLButtonElement);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      submit.disabled = true;
      try {
        inspection.set(await api.inspections.cancel(inspectionId, { reason: reason.value }));
        this.notify({ status: this.data("cancelled"), focus: "inspection-heading" });
      } catch (error) {
        submit.disabled = false;
        this.notify({ alert: problemText(error) });
        reason.focus();
      }
    });
    return details;
  }
}

define("inspection-facts", InspectionFacts);
