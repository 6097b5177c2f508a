import type { InspectionDetail } from "../../../../../worker/src/contracts/inspections";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { busy } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { type ConsoleSession, signedIn } from "../../../lib/console/session";
import { type ConsoleDict, texts } from "../../../lib/console/texts";
import { inspection, inspectionId, staff } from "./state";

const CLOSED = ["closed", "cancelled"];

/**
 * `<inspection-assign>`: who is in charge of the inspection, and what the
 * signed-in person may do about it: an inspector takes an unassigned
 * inspection or releases their own; a supervisor assigns it to someone not
 * recused from the inspected unit (for a surprise visit, someone on the
 * team) or releases it. The server decides; this offers only what it allows.
 */
class InspectionAssign extends ConsoleElement {
  #session: ConsoleSession | null = null;

  protected async start(): Promise<void> {
    this.#session = await signedIn();
    if (!this.#session) return;
    const t = texts<ConsoleDict["ownership"]>("inspection-ownership");
    const send = async (assigneeId: string | null, done: (d: InspectionDetail) => string, form?: HTMLFormElement) => {
      const alert = this.ref("alert", HTMLElement);
      const status = this.ref("status", HTMLElement);
      alert.textContent = "";
      status.textContent = "";
      try {
        const call = () => api.inspections.assign(inspectionId, { assigneeId });
        const detail = form ? await busy(form, call) : await call();
        inspection.set(detail);
        status.textContent = done(detail);
      } catch (error) {
        alert.textContent = problemText(error);
      }
    };
    const named = (d: InspectionDetail) => t.fill("assignedStatus", { name: d.assignee?.name ?? "" });
    this.ref("take", HTMLButtonElement).addEventListener("click", () => send(this.#session?.user.id ?? null, named));
    this.ref("release", HTMLButtonElement).addEventListener("click", () => send(null, () => t.get("releasedStatus")));
    const form = this.ref("form", HTMLFormElement);
    const select = this.ref("select", HTMLSelectElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!select.value) {
        this.ref("alert", HTMLElement).textContent = texts<ConsoleDict["client"]>("console").get("required");
        select.focus();
        return;
      }
      void send(select.value, named, form);
    });
    inspection.subscribe((detail) => this.render(detail));
  }

  private render(d: InspectionDetail): void {
    const me = this.#session?.user;
    if (!me) return;
    const t = texts<ConsoleDict["ownership"]>("inspection-ownership");
    this.ref("who", HTMLElement).textContent = d.assignee
      ? t.fill("assignedTo", { name: d.assignee.name })
      : t.get("nobody");
    const open = !CLOSED.includes(d.status);
    const supervisor = me.role === "supervisor";
    this.ref("take", HTMLButtonElement).hidden = !open || d.assignee !== null;
    this.ref("release", HTMLButtonElement).hidden =
      !open || d.assignee === null || (!supervisor && d.assignee.id !== me.id);
    this.ref("form", HTMLFormElement).hidden = !open || !supervisor;
    if (!open || !supervisor) return;
    const team = new Set(d.team.map((m) => m.userId));
    const select = this.ref("select", HTMLSelectElement);
    const first = select.options[0];
    select.replaceChildren(
      ...(first ? [first] : []),
      ...staff.items
        .filter((s) => !s.recused && s.role !== "admin" && (d.type !== "surprise" || team.has(s.id)))
        .map((s) => new Option(s.displayName, s.id, false, s.id === d.assignee?.id)),
    );
    if (staff.problem) this.ref("alert", HTMLElement).textContent = staff.problem;
  }
}

define("inspection-assign", InspectionAssign);
