import { ConsolePage, define } from "../../../lib/console/element";
import { problemText } from "../../../lib/console/problems";
import { signedIn, syncLangSwitch } from "../../../lib/console/session";
import { control } from "../../../lib/dom";
import { reloadPlan, year } from "./state";

/**
 * `<plan-view>`: the plan page. Chooses the year (`?year=`, this year by
 * default), loads its plan for the calendar, the unattached leads and the
 * create form, and shows the alerts and statuses they send up.
 */
class PlanView extends ConsolePage {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    control(this.ref("year-form", HTMLFormElement), "year", HTMLInputElement).value = String(year);
    this.ref("prev", HTMLAnchorElement).href = `?year=${year - 1}`;
    this.ref("next", HTMLAnchorElement).href = `?year=${year + 1}`;
    if (!new URLSearchParams(location.search).get("year")) history.replaceState(null, "", `?year=${year}`);
    syncLangSwitch();
    try {
      await reloadPlan();
    } catch (error) {
      this.show({ alert: problemText(error) });
    }
  }
}

define("plan-view", PlanView);
