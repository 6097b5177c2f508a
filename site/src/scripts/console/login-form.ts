import { ApiError, api, orElse } from "../../lib/api";
import { ConsoleElement, define } from "../../lib/console/element";
import { busy, field } from "../../lib/console/forms";
import { problemText, waitText } from "../../lib/console/problems";
import { CONSOLE_ROUTES, safeNext } from "../../lib/console/routes";
import { text } from "../../lib/console/texts";
import { all, control } from "../../lib/dom";
import { pageLang } from "../../lib/strings";

/** After sign-in: a temporary password or a missing required TOTP goes first, then `next`, then the role's home. */
async function landing(): Promise<string> {
  const lang = pageLang();
  const routes = CONSOLE_ROUTES[lang];
  const me = await orElse(api.auth.me(true), null);
  if (!me) return routes.queue;
  const user = me.user;
  if (user.mustChangePassword || (user.totpRequired && !user.totpEnabled)) return routes.account;
  const next = safeNext(lang, new URLSearchParams(location.search).get("next"));
  if (next) return next;
  if (user.role === "unit_liaison") return routes.unit;
  return user.role === "admin" ? routes.admin : routes.queue;
}

/**
 * `<login-form>`: email and password, then a TOTP code when the account
 * needs one. The submit button starts disabled and is enabled here, so
 * without the script the form cannot send a password in a URL.
 */
class LoginForm extends ConsoleElement {
  protected start(): void {
    const form = this.ref("form", HTMLFormElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.signIn(form);
    });
    for (const button of all(form, "button", HTMLButtonElement)) button.disabled = false;
  }

  private async signIn(form: HTMLFormElement): Promise<void> {
    const t = text.console();
    const alert = this.ref("alert", HTMLElement);
    const totpField = this.ref("totp-field", HTMLElement);
    const emailInput = control(form, "email", HTMLInputElement);
    const passwordInput = control(form, "password", HTMLInputElement);
    const totpInput = control(form, "totp", HTMLInputElement);
    const fail = (message: string, focus: HTMLElement) => {
      alert.textContent = message;
      focus.focus();
    };
    alert.textContent = "";
    const email = field(form, "email");
    const password = passwordInput.value;
    const totp = field(form, "totp");
    if (!email || !password) return fail(t.get("required"), email ? passwordInput : emailInput);
    const totpOk = totp.length === totpInput.maxLength && /^\d+$/.test(totp);
    if (!totpField.hidden && !totpOk) return fail(t.get("totpCodeFormat"), totpInput);
    await busy(form, async () => {
      try {
        await api.auth.login({ email, password, ...(totpField.hidden ? {} : { totp }) });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.code === "totp_required") {
          const first = totpField.hidden;
          totpField.hidden = false;
          totpInput.value = "";
          fail(t.get(first ? "totpNeeded" : "totpWrong"), totpInput);
        } else if (error.code === "invalid_credentials") fail(t.get("wrongCredentials"), emailInput);
        else if (error.status === 429) fail(t.fill("wait", { wait: waitText(error.retryAfter ?? 60) }), emailInput);
        else fail(problemText(error), emailInput);
        return;
      }
      location.assign(await landing());
    });
  }
}

define("login-form", LoginForm);
