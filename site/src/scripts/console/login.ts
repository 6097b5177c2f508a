import type { LoginResult, Me } from "../../../../worker/src/contracts/auth";
import { consoleApi, problemText, waitText } from "../../lib/console/api";
import { busy, field } from "../../lib/console/dom";
import { CONSOLE_ROUTES, safeNext } from "../../lib/console/routes";
import { consoleBasics } from "../../lib/console/session";
import { fill } from "../../lib/strings";

const { t, lang } = consoleBasics();
const routes = CONSOLE_ROUTES[lang];
const form = document.getElementById("login-form") as HTMLFormElement;
const alertBox = document.getElementById("login-alert") as HTMLElement;
const totpField = document.getElementById("totp-field") as HTMLElement;
const totpInput = document.getElementById("totp") as HTMLInputElement;

/** After sign-in: a temporary password or a missing required TOTP goes first, then `next`, then the role's home. */
async function landing(): Promise<string> {
  const me = await consoleApi<Me>("/api/auth/me", { redirectOn401: false });
  if (!me.ok) return routes.queue;
  const user = me.data.user;
  if (user.mustChangePassword || (user.totpRequired && !user.totpEnabled)) return routes.account;
  const next = safeNext(lang, new URLSearchParams(location.search).get("next"));
  if (next) return next;
  return user.role === "admin" ? routes.admin : routes.queue;
}

function fail(message: string, focus: HTMLElement): void {
  alertBox.textContent = message;
  focus.focus();
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  alertBox.textContent = "";
  const email = field(form, "email");
  const password = (form.elements.namedItem("password") as HTMLInputElement).value;
  const totp = field(form, "totp");
  const emailInput = form.elements.namedItem("email") as HTMLInputElement;
  if (!email || !password)
    return fail(t.required, email ? (form.elements.namedItem("password") as HTMLElement) : emailInput);
  if (!totpField.hidden && !/^\d{6}$/.test(totp)) return fail(t.totpCodeFormat, totpInput);

  await busy(form, async () => {
    const body = { email, password, ...(totpField.hidden ? {} : { totp }) };
    const result = await consoleApi<LoginResult>("/api/auth/login", { method: "POST", body, redirectOn401: false });
    if (result.ok) {
      location.assign(await landing());
      return;
    }
    const { failure } = result;
    const code = failure.problem?.code;
    if (code === "totp_required") {
      const first = totpField.hidden;
      totpField.hidden = false;
      totpInput.value = "";
      fail(first ? t.totpNeeded : t.totpWrong, totpInput);
    } else if (code === "invalid_credentials") {
      fail(t.wrongCredentials, emailInput);
    } else if (failure.status === 429) {
      fail(fill(t.wait, { wait: waitText(failure.retryAfter ?? 60, t) }), emailInput);
    } else {
      fail(problemText(failure, t), emailInput);
    }
  });
});

for (const button of form.querySelectorAll("button")) button.disabled = false;
