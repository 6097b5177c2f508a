import type { SecurityPolicy as Policy } from "../../../../../worker/src/contracts/users";
import { api, orElse } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { busy, checked } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { all } from "../../../lib/dom";

/** `<security-policy>`: the roles that must sign in with TOTP. */
class SecurityPolicy extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    const form = this.ref("form", HTMLFormElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.save(form);
    });
    const policy = await orElse(api.admin.security(), null);
    if (!policy) return;
    for (const box of all(form, "input[name=totpRequiredRoles]", HTMLInputElement)) {
      box.checked = policy.totpRequiredRoles.some((role) => role === box.value);
    }
  }

  private async save(form: HTMLFormElement): Promise<void> {
    const alert = this.ref("alert", HTMLElement);
    alert.textContent = "";
    const totpRequiredRoles = checked(form, "totpRequiredRoles") as Policy["totpRequiredRoles"];
    try {
      await busy(form, () => api.admin.saveSecurity({ totpRequiredRoles }));
      this.notify({ status: text.console().get("policySaved") });
    } catch (error) {
      alert.textContent = problemText(error);
    }
  }
}

define("security-policy", SecurityPolicy);
