import { ApiError } from "../../../lib/api";
import { ConsolePage, define, type Notice } from "../../../lib/console/element";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { EventList } from "../event-list";
import { MEASURE_CHANGE } from "../measure-card";
import { inspection, inspectionId, reloadInspection } from "./state";

/**
 * `<inspection-view>`: the inspection page. Loads the inspection named in the
 * address into the `inspection` store that its widgets render, shows the
 * alerts and statuses they send up, moves focus where they ask, and reloads
 * after a measure changed.
 */
class InspectionView extends ConsolePage {
  protected async start(): Promise<void> {
    this.addEventListener(MEASURE_CHANGE, (event) => {
      const { measure, message } = event.detail;
      void this.reload({ status: message, focus: `measure-${measure.id}-heading` });
    });
    if (!(await signedIn())) return;
    const pageTitle = document.title;
    inspection.subscribe((detail) => {
      document.title = `${detail.unitName} · ${pageTitle.split(" · ").slice(-3).join(" · ")}`;
      this.ref("events", EventList).show(detail.events);
      this.ref("detail", HTMLElement).hidden = false;
    });
    if (!inspectionId) this.show({ alert: text.insp().get("noId") });
    else await this.reload({});
  }

  private async reload(notice: Notice): Promise<void> {
    try {
      await reloadInspection();
      this.show(notice);
    } catch (error) {
      const notFound = error instanceof ApiError && error.status === 404;
      this.show({ alert: notFound ? text.insp().get("notFound") : problemText(error) });
    }
  }
}

define("inspection-view", InspectionView);
