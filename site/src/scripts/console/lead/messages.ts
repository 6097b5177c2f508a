import type { LeadDetail } from "../../../../../worker/src/contracts/leads";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { timeEl } from "../../../lib/console/format";
import { field } from "../../../lib/console/forms";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { control, required } from "../../../lib/dom";
import { postsText } from "./post";
import { lead, leadId } from "./state";

/**
 * `<lead-messages>`: the conversation with the lead's reporters (they read it
 * on the follow page) and the form writing to one report or all of them.
 */
class LeadMessages extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    const form = this.ref("form", HTMLFormElement);
    const parts = { alert: this.ref("alert", HTMLElement), status: this.ref("status", HTMLElement) };
    postsText(form, { ...parts, done: text.console().get("sent") }, (body) => {
      const code = field(form, "trackingCode");
      return api.leads.message(leadId, code ? { body, trackingCode: code } : { body });
    });
    lead.subscribe((detail) => this.render(detail, form));
  }

  private render(d: LeadDetail, form: HTMLFormElement): void {
    const t = text.console();
    this.ref("none", HTMLElement).hidden = d.messages.length > 0;
    this.ref("list", HTMLUListElement).replaceChildren(
      ...d.messages.map((message) => {
        const item = this.fromTemplate("message", HTMLLIElement);
        item.className = `from-${message.from}`;
        const who = message.from === "reporter" ? t.get("from") : t.get("fromInspector");
        required(item, "[data-slot=meta]", HTMLElement).append(
          `${who} ${t.fill("toReport", { code: message.trackingCode })} · `,
          timeEl(message.at, true),
        );
        required(item, "[data-slot=body]", HTMLElement).textContent = message.body;
        return item;
      }),
    );
    const select = control(form, "trackingCode", HTMLSelectElement);
    const chosen = select.value;
    const all = select.options[0];
    select.replaceChildren(
      ...(all ? [all] : []),
      ...d.reports.map((report) => new Option(report.trackingCode, report.trackingCode)),
    );
    select.value = chosen;
  }
}

define("lead-messages", LeadMessages);
