import { ApiError, api } from "../../../lib/api";
import { ConsolePage, define } from "../../../lib/console/element";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { EventList } from "../event-list";
import { lead, leadId } from "./state";

/**
 * `<lead-view>`: the lead page. Loads the lead named in the address into the
 * `lead` store its widgets render, shows its audit trail, and the alerts and
 * statuses the widgets send up. A lead the user may not see is "not found".
 */
class LeadView extends ConsolePage {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    const pageTitle = document.title;
    lead.subscribe((detail) => {
      document.title = `${detail.unitName} · ${pageTitle.split(" · ").slice(-3).join(" · ")}`;
      this.ref("events", EventList).show(detail.events);
      this.ref("detail", HTMLElement).hidden = false;
    });
    if (!leadId) {
      this.show({ alert: text.console().get("noId") });
      return;
    }
    try {
      lead.set(await api.leads.get(leadId));
    } catch (error) {
      const notFound = error instanceof ApiError && error.status === 404;
      this.show({ alert: notFound ? text.console().get("notFound") : problemText(error) });
    }
  }
}

define("lead-view", LeadView);
