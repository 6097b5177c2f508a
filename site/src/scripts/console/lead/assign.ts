import type { LeadDetail } from "../../../../../worker/src/contracts/leads";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { busy } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { type ConsoleSession, signedIn } from "../../../lib/console/session";
import type { ConsoleDict } from "../../../lib/console/texts";
import { texts } from "../../../lib/console/texts";
import { lead, leadId } from "./state";

const CLOSED = ["merged", "dismissed", "concluded"];

/**
 * `<lead-assign>`: who owns the lead, and the actions the signed-in person
 * has on it: an inspector takes an unassigned lead or releases their own; a
 * supervisor assigns it to someone not recused from its unit (the staff list
 * of the unit marks the recused, who are left out) or releases it.
 */
class LeadAssign extends ConsoleElement {
  #session: ConsoleSession | null = null;
  #staffFor = "";

  protected async start(): Promise<void> {
    this.#session = await signedIn();
    if (!this.#session) return;
    const t = texts<ConsoleDict["ownership"]>("ownership");
    const send = async (assigneeId: string | null, done: (d: LeadDetail) => string, form?: HTMLFormElement) => {
      const alert = this.ref("alert", HTMLElement);
      const status = this.ref("status", HTMLElement);
      alert.textContent = "";
      status.textContent = "";
      try {
        const call = () => api.leads.assign(leadId, { assigneeId });
        const detail = form ? await busy(form, call) : await call();
        lead.set(detail);
        status.textContent = done(detail);
      } catch (error) {
        alert.textContent = problemText(error);
      }
    };
    const named = (d: LeadDetail) => t.fill("assignedStatus", { name: d.assignee?.name ?? "" });
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
    lead.subscribe((detail) => void this.render(detail));
  }

  private async render(d: LeadDetail): Promise<void> {
    const session = this.#session;
    if (!session) return;
    const t = texts<ConsoleDict["ownership"]>("ownership");
    const me = session.user;
    this.ref("who", HTMLElement).textContent = d.assignee
      ? t.fill("assignedTo", { name: d.assignee.name })
      : t.get("nobody");
    const open = !CLOSED.includes(d.status);
    const supervisor = me.role === "supervisor";
    this.ref("take", HTMLButtonElement).hidden = !open || d.assignee !== null;
    this.ref("release", HTMLButtonElement).hidden =
      !open || d.assignee === null || (!supervisor && d.assignee.id !== me.id);
    this.ref("form", HTMLFormElement).hidden = !open || !supervisor;
    if (open && supervisor && this.#staffFor !== d.unitId) {
      this.#staffFor = d.unitId;
      try {
        const staff = await api.staff.forUnit(d.unitId);
        const select = this.ref("select", HTMLSelectElement);
        const first = select.options[0];
        select.replaceChildren(
          ...(first ? [first] : []),
          ...staff.items.filter((s) => !s.recused && s.role !== "admin").map((s) => new Option(s.displayName, s.id)),
        );
      } catch (error) {
        this.ref("alert", HTMLElement).textContent = problemText(error);
      }
    }
  }
}

define("lead-assign", LeadAssign);
