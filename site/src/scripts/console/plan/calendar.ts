import type { InspectionDetail, Plan, PlanUnit, PlanVisit } from "../../../../../worker/src/contracts/inspections";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { busy, checked, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { inspectionHref } from "../../../lib/console/routes";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { all, control, required } from "../../../lib/dom";
import { fill, pageLang } from "../../../lib/strings";
import { plan, reloadPlan, year } from "./state";

interface Pending {
  visit: PlanVisit;
  unit: PlanUnit;
  opener: HTMLElement;
}

/** `05/10` in a `<time>`: the year is the plan's. */
function shortDay(node: HTMLTimeElement, ymd: string): void {
  node.dateTime = ymd;
  node.textContent = `${ymd.slice(8, 10)}/${ymd.slice(5, 7)}`;
}

/**
 * `<plan-calendar>`: units × months with each visit (type, status, window,
 * attached leads). A supervisor moves a visit under way or planned, and
 * splits a planned one with two leads or more, in dialogs.
 */
class PlanCalendar extends ConsoleElement {
  #supervisor = false;
  #pending: Pending | null = null;

  protected async start(): Promise<void> {
    const session = await signedIn();
    if (!session) return;
    this.#supervisor = session.user.role === "supervisor";
    this.ref("caption", HTMLElement).textContent = fill(this.data("caption"), { year });
    this.wireDialog(this.ref("move-dialog", HTMLDialogElement), (form, pending) => {
      const body = { plannedStart: field(form, "plannedStart"), plannedEnd: field(form, "plannedEnd") };
      return { call: () => api.inspections.patch(pending.visit.inspectionId, body), done: text.insp().get("moved") };
    });
    this.wireDialog(this.ref("split-dialog", HTMLDialogElement), (form, pending) => {
      const leadIds = checked(form, "leadIds");
      if (leadIds.length === 0) return text.insp().get("chooseLeads");
      const body = { leadIds, plannedStart: field(form, "plannedStart"), plannedEnd: field(form, "plannedEnd") };
      return { call: () => api.inspections.split(pending.visit.inspectionId, body), done: text.insp().get("split") };
    });
    plan.subscribe((data) => this.render(data));
  }

  private render(data: Plan): void {
    this.ref("rows", HTMLTableSectionElement).replaceChildren(
      ...data.units.map((unit) => {
        const tr = this.fromTemplate("row", HTMLTableRowElement);
        tr.dataset.unitId = unit.unitId;
        tr.classList.toggle("plan-conflict", unit.plannedTwice);
        required(tr, "[data-slot=unit]", HTMLElement).textContent = unit.unitName;
        if (!unit.plannedTwice) required(tr, "[data-slot=conflict]", HTMLElement).remove();
        all(tr, "[data-slot=month]", HTMLTableCellElement).forEach((td, index) => {
          td.append(...unit.visits.filter((v) => v.month === index + 1).map((visit) => this.visit(visit, unit)));
        });
        return tr;
      }),
    );
    this.ref("empty", HTMLElement).hidden = data.units.length > 0;
  }

  private visit(visit: PlanVisit, unit: PlanUnit): HTMLElement {
    const it = text.insp();
    const type = text.inspectionTypes().get(visit.type);
    const status = text.inspectionStatuses().get(visit.status);
    const name = `${type} · ${unit.unitName}`;
    const block = this.fromTemplate("visit", HTMLElement);
    const slot = (key: string) => required(block, `[data-slot="${key}"]`, HTMLElement);
    block.classList.add(`visit-${visit.type}`);
    block.dataset.inspectionId = visit.inspectionId;
    const link = required(block, "[data-slot=link]", HTMLAnchorElement);
    link.href = inspectionHref(pageLang(), visit.inspectionId);
    link.textContent = type;
    link.setAttribute("aria-label", `${name}, ${status}`);
    slot("status").textContent = status;
    shortDay(required(block, "[data-slot=from]", HTMLTimeElement), visit.plannedStart);
    shortDay(required(block, "[data-slot=to]", HTMLTimeElement), visit.plannedEnd);
    if (visit.leadCount) slot("leads").textContent = it.fill("leadCount", { n: visit.leadCount });
    else slot("leads").remove();
    const movable = this.#supervisor && (visit.status === "planned" || visit.status === "in_progress");
    if (!movable) {
      slot("buttons").remove();
      return block;
    }
    const move = required(block, "[data-slot=move]", HTMLButtonElement);
    move.setAttribute("aria-label", `${move.textContent?.trim()}: ${name}`);
    move.addEventListener("click", () => this.openMove({ visit, unit, opener: move }));
    const split = required(block, "[data-slot=split]", HTMLButtonElement);
    if (visit.status === "planned" && visit.leadCount >= 2) {
      split.setAttribute("aria-label", `${split.textContent?.trim()}: ${name}`);
      split.addEventListener("click", () => void this.openSplit({ visit, unit, opener: split }));
    } else split.remove();
    return block;
  }

  private openMove(pending: Pending): void {
    const dialog = this.ref("move-dialog", HTMLDialogElement);
    const form = this.prepare(dialog, pending);
    this.ref("move-unit", HTMLElement).textContent = this.visitName(pending);
    control(form, "plannedStart", HTMLInputElement).value = pending.visit.plannedStart;
    control(form, "plannedEnd", HTMLInputElement).value = pending.visit.plannedEnd;
    dialog.showModal();
  }

  private async openSplit(pending: Pending): Promise<void> {
    let detail: InspectionDetail;
    try {
      detail = await api.inspections.get(pending.visit.inspectionId);
    } catch (error) {
      this.notify({ alert: problemText(error) });
      return;
    }
    const dialog = this.ref("split-dialog", HTMLDialogElement);
    const form = this.prepare(dialog, pending);
    this.ref("split-unit", HTMLElement).textContent = this.visitName(pending);
    this.ref("split-leads", HTMLElement).replaceChildren(
      ...detail.leads.map((lead) => {
        const choice = this.fromTemplate("lead-choice", HTMLElement);
        const input = required(choice, "input", HTMLInputElement);
        input.value = lead.id;
        input.id = `split-lead-${lead.id}`;
        const label = required(choice, "label", HTMLLabelElement);
        label.htmlFor = input.id;
        label.textContent = `${text.categories().label(lead.categoryCode)} · ${lead.id}`;
        return choice;
      }),
    );
    control(form, "plannedStart", HTMLInputElement).value = pending.visit.plannedStart;
    control(form, "plannedEnd", HTMLInputElement).value = pending.visit.plannedEnd;
    dialog.showModal();
  }

  private visitName({ visit, unit }: Pending): string {
    return `${text.inspectionTypes().get(visit.type)} · ${unit.unitName}`;
  }

  /** Resets the dialog's form for `pending` and returns it. */
  private prepare(dialog: HTMLDialogElement, pending: Pending): HTMLFormElement {
    this.#pending = pending;
    const form = required(dialog, "form", HTMLFormElement);
    form.reset();
    required(form, ".alert", HTMLElement).textContent = "";
    return form;
  }

  /**
   * Submits a dialog's dates (both required, in order) with the request
   * `build` makes, or shows the reason `build` returns; then reloads the plan.
   */
  private wireDialog(
    dialog: HTMLDialogElement,
    build: (form: HTMLFormElement, pending: Pending) => { call: () => Promise<unknown>; done: string } | string,
  ): void {
    const form = required(dialog, "form", HTMLFormElement);
    const alert = required(form, ".alert", HTMLElement);
    required(dialog, "[data-close]", HTMLButtonElement).addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      const opener = this.#pending?.opener;
      this.#pending = null;
      if (opener?.isConnected) opener.focus();
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const pending = this.#pending;
      if (!pending) return;
      alert.textContent = "";
      const start = field(form, "plannedStart");
      const end = field(form, "plannedEnd");
      if (!start || !end) {
        alert.textContent = text.console().get("required");
        control(form, start ? "plannedEnd" : "plannedStart", HTMLInputElement).focus();
        return;
      }
      if (end < start) {
        alert.textContent = text.insp().get("dateOrder");
        return;
      }
      const request = build(form, pending);
      if (typeof request === "string") {
        alert.textContent = request;
        return;
      }
      try {
        await busy(form, request.call);
      } catch (error) {
        alert.textContent = problemText(error);
        return;
      }
      this.#pending = null;
      dialog.close();
      try {
        await reloadPlan();
        this.notify({ status: request.done, focus: "plan-region" });
      } catch (error) {
        this.notify({ alert: problemText(error) });
      }
    });
  }
}

define("plan-calendar", PlanCalendar);
