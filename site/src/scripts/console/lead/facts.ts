import type { LeadDetail } from "../../../../../worker/src/contracts/leads";
import { ConsoleElement, define } from "../../../lib/console/element";
import { dayEl, formatScore, timeEl } from "../../../lib/console/format";
import { leadHref } from "../../../lib/console/routes";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { pageLang } from "../../../lib/strings";
import { lead } from "./state";

/** `<lead-facts>`: the lead's heading and facts (deadlines, priority, dismissal, merge). */
class LeadFacts extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    lead.subscribe((detail) => this.render(detail));
  }

  private render(d: LeadDetail): void {
    const category = text.categories().label(d.categoryCode);
    this.ref("heading", HTMLElement).textContent = `${d.unitName} · ${category}`;
    this.ref("id", HTMLElement).textContent = d.id;
    this.ref("unit", HTMLElement).textContent = d.unitName;
    // The unit was merged into another: the lead stays with it, new reports go to the successor.
    this.ref("successor", HTMLElement).hidden = !d.unitSuccessor;
    if (d.unitSuccessor) {
      this.ref("successor-name", HTMLElement).textContent = d.unitSuccessor.name;
      this.ref("successor-since", HTMLElement).replaceChildren(dayEl(d.unitSuccessor.since));
    }
    this.ref("category", HTMLElement).textContent = category;
    this.ref("status", HTMLElement).textContent = text.leadStatuses().get(d.status);
    this.ref("overdue", HTMLElement).hidden = !d.overdue;
    this.ref("priority", HTMLElement).textContent = formatScore(d.priority);
    this.ref("opened", HTMLElement).replaceChildren(timeEl(d.openedAt, true));
    this.ref("ack-due", HTMLElement).replaceChildren(timeEl(d.ackDueAt));
    this.toggle("acknowledged", Boolean(d.acknowledgedAt));
    if (d.acknowledgedAt) this.ref("acknowledged-at", HTMLElement).replaceChildren(timeEl(d.acknowledgedAt, true));
    this.ref("due", HTMLElement).replaceChildren(timeEl(d.dueAt));
    this.ref("eligible", HTMLElement).textContent = text.console().get(d.eligible ? "yes" : "no");
    this.toggle("dismissal", Boolean(d.dismissalReasonCode || d.dismissalReason));
    const code = d.dismissalReasonCode ? text.reasonCodes().label(d.dismissalReasonCode) : "";
    this.ref("dismissal-text", HTMLElement).textContent = `${code}${d.dismissalReason ? `: ${d.dismissalReason}` : ""}`;
    this.toggle("forwarded", Boolean(d.forwardedTo));
    this.ref("forwarded-text", HTMLElement).textContent = d.forwardedTo
      ? `${d.forwardedTo.name}${d.forwardedTo.note ? `: ${d.forwardedTo.note}` : ""}`
      : "";
    this.toggle("merged", Boolean(d.mergedInto));
    if (d.mergedInto) {
      const link = this.ref("merged-link", HTMLAnchorElement);
      link.href = leadHref(pageLang(), d.mergedInto);
      link.textContent = d.mergedInto;
    }
  }

  /** Shows or hides an optional fact (its term and its description). */
  private toggle(name: string, shown: boolean): void {
    for (const node of this.refs(name, HTMLElement)) node.hidden = !shown;
  }
}

define("lead-facts", LeadFacts);
