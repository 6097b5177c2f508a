import { ConsoleElement, define } from "../../../lib/console/element";
import { signedIn } from "../../../lib/console/session";
import { MeasureCard } from "../measure-card";
import { inspection } from "./state";

/**
 * `<inspection-measures>`: the corrective measures the conclusion ordered,
 * each a `<measure-card>`; after a change on one, `<inspection-view>` reloads
 * the inspection (it may now be closed).
 */
class InspectionMeasures extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    inspection.subscribe((detail) => {
      this.ref("none", HTMLElement).hidden = detail.measures.length > 0;
      this.ref("list", HTMLElement).replaceChildren(
        ...detail.measures.map((measure) => {
          const card = this.fromTemplate("measure", MeasureCard, `measure-${measure.id}`);
          card.show(measure);
          return card;
        }),
      );
    });
  }
}

define("inspection-measures", InspectionMeasures);
