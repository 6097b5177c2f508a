import type { LeadDetail } from "../../../../../worker/src/contracts/leads";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { dayEl, withNodes } from "../../../lib/console/format";
import { busy, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { inspectionHref } from "../../../lib/console/routes";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { control, required } from "../../../lib/dom";
import { fill, pageLang } from "../../../lib/strings";
import { lead, leadId } from "./state";

/** Statuses in which the triage decision (and so its deadline) is still pending. */
const UNDECIDED = new Set(["new", "in_review", "info_requested", "dismissal_proposed"]);

/** The Hanoi date of the last day a `dueAt` instant allows (it is the end of that day). */
function dueDay(dueAt: string): string {
  return new Date(Date.parse(dueAt) - 1 + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * `<lead-deadline>`: the lead's inspections and findings (latest first), its
 * deadline extensions, and the supervisors' form to extend the deadline.
 */
class LeadDeadline extends ConsoleElement {
  #supervisor = false;

  protected async start(): Promise<void> {
    const session = await signedIn();
    if (!session) return;
    this.#supervisor = session.user.role === "supervisor";
    const form = this.ref("form", HTMLFormElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.extend(form);
    });
    lead.subscribe((detail) => this.render(detail));
  }

  private render(d: LeadDetail): void {
    const inspections = d.inspections ?? [];
    this.ref("history-empty", HTMLElement).hidden = inspections.length > 0;
    const rows = inspections.map((inspection, index) => {
      const row = this.fromTemplate("inspection-row", HTMLLIElement);
      const link = required(row, "[data-ref=link]", HTMLAnchorElement);
      link.href = inspectionHref(pageLang(), inspection.inspectionId);
      link.textContent = text.inspectionTypes().get(inspection.type);
      required(row, "[data-ref=status]", HTMLElement).textContent = text.inspectionStatuses().get(inspection.status);
      required(row, "[data-ref=window]", HTMLElement).replaceChildren(
        dayEl(inspection.plannedStart),
        " – ",
        dayEl(inspection.plannedEnd),
      );
      const finding = inspection.finding;
      required(row, "[data-ref=outcome]", HTMLElement).textContent = finding
        ? text.outcomes().get(finding.outcome)
        : this.data("noFinding");
      required(row, "[data-ref=latest]", HTMLElement).textContent =
        index === 0 && finding && d.status === "concluded" ? `(${this.data("latest")})` : "";
      required(row, "[data-ref=summary]", HTMLElement).textContent = finding?.publicSummary ?? "";
      return row;
    });
    this.ref("inspections", HTMLElement).replaceChildren(...rows);

    const extensions = d.extensions ?? [];
    this.ref("extensions-empty", HTMLElement).hidden = extensions.length > 0;
    this.ref("extensions", HTMLElement).replaceChildren(
      ...extensions.map((e) => {
        const item = document.createElement("li");
        item.append(
          ...withNodes(this.data("item"), {
            from: dayEl(e.previousDueOn),
            to: dayEl(e.newDueOn),
            by: e.grantedBy ?? "—",
            reason: e.reason,
          }),
        );
        return item;
      }),
    );
    this.ref("form", HTMLFormElement).hidden = !(this.#supervisor && UNDECIDED.has(d.status));
  }

  private async extend(form: HTMLFormElement): Promise<void> {
    const alert = this.ref("alert", HTMLElement);
    alert.textContent = "";
    this.notify({ status: "" });
    const byDate = field(form, "by") === "date";
    const reason = field(form, "reason");
    const days = Number(field(form, "workingDays"));
    const dueOn = field(form, "dueOn");
    const target = byDate ? dueOn : Number.isInteger(days) && days > 0 ? days : "";
    if (!target || !reason) {
      alert.textContent = this.data("missing");
      control(form, !reason && target ? "reason" : byDate ? "dueOn" : "workingDays", HTMLElement).focus();
      return;
    }
    try {
      const body = byDate ? { dueOn, reason } : { workingDays: days, reason };
      const detail = await busy(form, () => api.leads.extend(leadId, body));
      form.reset();
      lead.set(detail);
      const [y, m, dd] = dueDay(detail.dueAt).split("-");
      this.notify({ status: fill(this.data("done"), { date: `${dd}/${m}/${y}` }), focus: "lead-extensions-heading" });
    } catch (error) {
      alert.textContent = problemText(error);
    }
  }
}

define("lead-deadline", LeadDeadline);
