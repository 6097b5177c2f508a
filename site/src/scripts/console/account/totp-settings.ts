import { api, orElse } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { busy, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import type { ConsoleUser } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { control, required } from "../../../lib/dom";
import { me, refreshAccount, startAccount } from "./state";

/**
 * `<totp-settings>`: turns two-step sign-in on (a new key, shown as text and
 * as an otpauth address, confirmed with a code) or off (with a code; not
 * offered when the role requires it).
 */
class TotpSettings extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await startAccount())) return;
    const t = text.console();
    this.ref("setup", HTMLButtonElement).addEventListener("click", () => void this.setup());
    this.codeForm(this.ref("confirm", HTMLFormElement), (code) => api.auth.totpConfirm({ code }), t.get("totpEnabled"));
    this.codeForm(
      this.ref("disable", HTMLFormElement),
      (code) => api.auth.totpDisable({ code }),
      t.get("totpDisabled"),
    );
    me.subscribe((user) => this.render(user));
  }

  private render(user: ConsoleUser): void {
    const t = text.console();
    this.ref("state", HTMLElement).textContent = t.get(user.totpEnabled ? "totpOn" : "totpOff");
    this.ref("off", HTMLElement).hidden = user.totpEnabled;
    this.ref("enrol", HTMLElement).hidden = true;
    this.ref("disable", HTMLFormElement).hidden = !user.totpEnabled || user.totpRequired;
  }

  private async setup(): Promise<void> {
    const button = this.ref("setup", HTMLButtonElement);
    const enrol = this.ref("enrol", HTMLElement);
    const confirm = this.ref("confirm", HTMLFormElement);
    this.ref("status", HTMLElement).textContent = "";
    button.disabled = true;
    try {
      const key = await api.auth.totpSetup();
      this.ref("secret", HTMLElement).textContent = key.secret.replace(/(.{4})/g, "$1 ").trim();
      this.ref("uri", HTMLElement).textContent = key.uri;
      enrol.hidden = false;
      control(confirm, "code", HTMLInputElement).focus();
    } catch (error) {
      required(confirm, ".alert", HTMLElement).textContent = problemText(error);
      enrol.hidden = false;
    } finally {
      button.disabled = false;
    }
  }

  /** A form sending the `code` (as many digits as the field's `maxlength`) with `send`, then the account reloaded and `done` announced. */
  private codeForm(form: HTMLFormElement, send: (code: string) => Promise<void>, done: string): void {
    const alert = required(form, ".alert", HTMLElement);
    const input = control(form, "code", HTMLInputElement);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      alert.textContent = "";
      this.ref("status", HTMLElement).textContent = "";
      const code = field(form, "code").replace(/\s/g, "");
      if (code.length !== input.maxLength || !/^\d+$/.test(code)) {
        alert.textContent = text.console().get("totpCodeFormat");
        input.focus();
        return;
      }
      try {
        await busy(form, () => send(code));
      } catch (error) {
        alert.textContent = problemText(error);
        input.focus();
        return;
      }
      form.reset();
      await orElse(refreshAccount(), undefined);
      this.ref("status", HTMLElement).textContent = done;
    });
  }
}

define("totp-settings", TotpSettings);
