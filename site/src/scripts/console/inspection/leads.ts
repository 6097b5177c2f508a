import type { InspectionDetail, InspectionLead } from "../../../../../worker/src/contracts/inspections";
import { ConsoleElement, define } from "../../../lib/console/element";
import { timeEl } from "../../../lib/console/format";
import { leadHref } from "../../../lib/console/routes";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { type ElementType, required } from "../../../lib/dom";
import { pageLang } from "../../../lib/strings";
import { FindingForm } from "./finding-form";
import { can, inspection, who } from "./state";

/** Reports are cut to this many characters in a lead's card. */
const EXCERPT = 300;

/**
 * `<inspection-leads>`: each attached lead with its reports, its finding, and
 * (team members while the visit is under way) a `<finding-form>`.
 */
class InspectionLeads extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    inspection.subscribe((detail) => {
      this.ref("none", HTMLElement).hidden = detail.leads.length > 0;
      this.ref("list", HTMLElement).replaceChildren(...detail.leads.map((lead) => this.card(lead, detail)));
    });
  }

  private card(lead: InspectionLead, d: InspectionDetail): HTMLElement {
    const card = this.fromTemplate("lead", HTMLElement, `lead-${lead.id}`);
    const slot = <T extends Element>(name: string, type: ElementType<T>) =>
      required(card, `[data-slot="${name}"]`, type);
    card.dataset.leadId = lead.id;
    const link = slot("link", HTMLAnchorElement);
    link.href = leadHref(pageLang(), lead.id);
    link.textContent = `${text.categories().label(lead.categoryCode)} · ${lead.id}`;
    slot("status", HTMLElement).textContent = text.leadStatuses().get(lead.status);
    slot("reports", HTMLUListElement).replaceChildren(
      ...lead.reports.map((report) => {
        const item = this.fromTemplate("report", HTMLLIElement);
        required(item, "[data-slot=code]", HTMLElement).textContent = report.trackingCode;
        required(item, "[data-slot=received]", HTMLElement).replaceChildren(timeEl(report.receivedAt));
        const excerpt =
          report.description.length > EXCERPT ? `${report.description.slice(0, EXCERPT)}…` : report.description;
        required(item, "[data-slot=text]", HTMLElement).textContent = excerpt;
        return item;
      }),
    );
    const f = lead.finding;
    if (f) {
      slot("no-finding", HTMLElement).remove();
      const outcome = slot("outcome", HTMLElement);
      outcome.classList.add(`o-${f.outcome}`);
      outcome.textContent = text.outcomes().get(f.outcome);
      slot("reasoning", HTMLElement).textContent = f.reasoning;
      slot("summary", HTMLElement).textContent = f.publicSummary;
      if (f.position) slot("position", HTMLElement).textContent = f.position;
      else for (const name of ["position-term", "position"]) slot(name, HTMLElement).remove();
      const by = text.insp().fill("findingBy", { by: who(d, f.recordedBy), at: "" });
      slot("recorded", HTMLElement).append(by, timeEl(f.recordedAt, true));
    } else slot("finding", HTMLElement).remove();
    const form = slot("form", FindingForm);
    if (can(d, "record_finding")) form.show(lead.id, f);
    else form.remove();
    return card;
  }
}

define("inspection-leads", InspectionLeads);
