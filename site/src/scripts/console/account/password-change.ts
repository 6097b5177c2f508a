import { ApiError, api, orElse } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { busy } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { text } from "../../../lib/console/texts";
import { control } from "../../../lib/dom";
import { me, refreshAccount, startAccount } from "./state";

/**
 * `<password-change>`: the current password and a new one twice; the new
 * one's minimum is the field's `minlength` (the contract's `PASSWORD_MIN`).
 */
class PasswordChange extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await startAccount())) return;
    const form = this.ref("form", HTMLFormElement);
    me.subscribe((user) => {
      this.ref("username", HTMLInputElement).value = user.email;
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.change(form);
    });
  }

  private async change(form: HTMLFormElement): Promise<void> {
    const t = text.console();
    const alert = this.ref("alert", HTMLElement);
    const status = this.ref("status", HTMLElement);
    alert.textContent = "";
    status.textContent = "";
    const current = control(form, "currentPassword", HTMLInputElement);
    const next = control(form, "newPassword", HTMLInputElement);
    const again = control(form, "confirmPassword", HTMLInputElement);
    const fail = (message: string, input: HTMLInputElement) => {
      alert.textContent = message;
      input.focus();
    };
    if (!current.value) return fail(t.get("required"), current);
    if (next.value.length < next.minLength) return fail(t.fill("passwordShort", { min: next.minLength }), next);
    if (next.value !== again.value) return fail(t.get("passwordsDiffer"), again);
    try {
      await busy(form, () => api.auth.changePassword({ currentPassword: current.value, newPassword: next.value }));
    } catch (error) {
      const wrong = error instanceof ApiError && error.code === "invalid_credentials";
      return fail(wrong ? t.get("wrongCredentials") : problemText(error), current);
    }
    form.reset();
    await orElse(refreshAccount(), undefined);
    status.textContent = t.get("passwordChanged");
  }
}

define("password-change", PasswordChange);
