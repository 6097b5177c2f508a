import type { LeadDetail } from "../../../../../worker/src/contracts/leads";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { timeEl } from "../../../lib/console/format";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { required } from "../../../lib/dom";
import { postsText } from "./post";
import { lead, leadId } from "./state";

/** `<lead-notes>`: the team's internal notes on the lead (never shown to reporters) and the form adding one. */
class LeadNotes extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    const parts = { alert: this.ref("alert", HTMLElement), status: this.ref("status", HTMLElement) };
    postsText(this.ref("form", HTMLFormElement), { ...parts, done: text.console().get("saved") }, (body) =>
      api.leads.note(leadId, { body }),
    );
    lead.subscribe((detail) => this.render(detail));
  }

  private render(d: LeadDetail): void {
    this.ref("none", HTMLElement).hidden = d.notes.length > 0;
    this.ref("list", HTMLUListElement).replaceChildren(
      ...d.notes.map((note) => {
        const item = this.fromTemplate("note", HTMLLIElement);
        required(item, "[data-slot=meta]", HTMLElement).append(`${note.author} · `, timeEl(note.at, true));
        required(item, "[data-slot=body]", HTMLElement).textContent = note.body;
        return item;
      }),
    );
  }
}

define("lead-notes", LeadNotes);
