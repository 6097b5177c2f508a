import { ConsolePage, define } from "../../../lib/console/element";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { ONE_TIME_PASSWORD, reloadUsers } from "./state";

/**
 * `<user-admin>`: the admin page. Loads the accounts for `<user-list>`,
 * shows the notices of its widgets and, once, a new one-time password.
 */
class UserAdmin extends ConsolePage {
  protected async start(): Promise<void> {
    this.addEventListener(ONE_TIME_PASSWORD, (event) => {
      const { title, password } = event.detail;
      this.ref("password-for", HTMLElement).textContent = title;
      this.ref("password-value", HTMLElement).textContent = password;
      this.ref("password", HTMLElement).hidden = false;
      this.show({ status: "", focus: "otp-heading" });
    });
    if (!(await signedIn())) return;
    try {
      await reloadUsers();
    } catch (error) {
      this.show({ alert: problemText(error) });
    }
  }
}

define("user-admin", UserAdmin);
