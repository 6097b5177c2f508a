import type { LeadDetail } from "../../../../../worker/src/contracts/leads";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { timeEl } from "../../../lib/console/format";
import { busy, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { control, required } from "../../../lib/dom";
import { formatDate } from "../../../lib/format";
import { fill } from "../../../lib/strings";
import { lead, leadId } from "./state";

/** Characters a decision's reason needs at least (the textarea's `minlength`, from the contract). */
function minLength(area: HTMLTextAreaElement): number {
  return Math.max(1, area.minLength);
}

/**
 * `<lead-contest>`: the reporter's request to review a concluded outcome and,
 * for a supervisor while it is open, the form deciding it (uphold the outcome
 * or reopen the lead, with a reason).
 */
class LeadContest extends ConsoleElement {
  #supervisor = false;

  protected async start(): Promise<void> {
    const session = await signedIn();
    if (!session) return;
    this.#supervisor = session.user.role === "supervisor";
    const form = this.ref("form", HTMLFormElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.resolve(form);
    });
    lead.subscribe((detail) => this.render(detail));
  }

  private render(d: LeadDetail): void {
    const contest = d.contest;
    this.ref("section", HTMLElement).hidden = !contest;
    if (!contest) return;
    this.ref("reason", HTMLElement).textContent = contest.reason;
    this.ref("at", HTMLElement).replaceChildren(timeEl(contest.createdAt));
    this.ref("state", HTMLElement).textContent = contest.resolvedAt
      ? fill(this.data("resolved"), { date: formatDate(contest.resolvedAt) })
      : this.data("open");
    this.ref("form", HTMLFormElement).hidden = !(this.#supervisor && !contest.resolvedAt && d.status === "concluded");
  }

  private async resolve(form: HTMLFormElement): Promise<void> {
    const alert = this.ref("alert", HTMLElement);
    alert.textContent = "";
    this.notify({ status: "" });
    const decision = field(form, "decision");
    const reason = field(form, "reason");
    const area = control(form, "reason", HTMLTextAreaElement);
    if ((decision !== "uphold" && decision !== "reopen") || reason.length < minLength(area)) {
      alert.textContent = this.data("short");
      (decision ? area : required(form, "input[name=decision]", HTMLInputElement)).focus();
      return;
    }
    try {
      const detail = await busy(form, () => api.leads.resolveContest(leadId, { decision, reason }));
      form.reset();
      lead.set(detail);
      this.notify({ status: this.data("done"), focus: "contest-heading" });
    } catch (error) {
      alert.textContent = problemText(error);
    }
  }
}

define("lead-contest", LeadContest);
