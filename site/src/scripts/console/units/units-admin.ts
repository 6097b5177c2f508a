import { ConsolePage, define } from "../../../lib/console/element";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { reloadUnits } from "./state";

/** `<units-admin>`: the units page. Loads the current units and shows its widgets' notices. */
class UnitsAdmin extends ConsolePage {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    try {
      await reloadUnits();
    } catch (error) {
      this.show({ alert: problemText(error) });
    }
  }
}

define("units-admin", UnitsAdmin);
