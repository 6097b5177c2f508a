import type { Me, TotpSetup } from "../../../../worker/src/contracts/auth";
import { consoleApi, problemText } from "../../lib/console/api";
import { busy, el, field, row } from "../../lib/console/dom";
import { type ConsoleContext, type ConsoleUser, startConsole } from "../../lib/console/session";
import { fill } from "../../lib/strings";

const app = document.getElementById("account-app") as HTMLElement;
const min = Number(app.dataset.min ?? "12");
const passwordForm = document.getElementById("password-form") as HTMLFormElement;
const confirmForm = document.getElementById("totp-confirm-form") as HTMLFormElement;
const disableForm = document.getElementById("totp-disable-form") as HTMLFormElement;
const totpStatus = document.getElementById("totp-status") as HTMLElement;

const ctx = await startConsole(null);

function parts(form: HTMLFormElement): { alert: HTMLElement; status: HTMLElement | null } {
  return {
    alert: form.querySelector(".alert") as HTMLElement,
    status: form.querySelector(".status"),
  };
}

function render(user: ConsoleUser, c: ConsoleContext): void {
  const { t } = c;
  const profile = document.getElementById("account-profile") as HTMLElement;
  profile.replaceChildren();
  const [email, name, role, ties] = JSON.parse(app.dataset.labels ?? "[]") as string[];
  row(profile, email ?? "", user.email);
  row(profile, name ?? "", user.displayName);
  row(profile, role ?? "", t.roles[user.role]);
  if (user.role !== "admin") row(profile, ties ?? "", user.unitTies.length ? user.unitTies.join(", ") : t.none);
  (document.getElementById("account-username") as HTMLInputElement).value = user.email;

  const notices = [
    ...(user.mustChangePassword ? [t.mustChange] : []),
    ...(user.totpRequired && !user.totpEnabled ? [t.mustEnrol] : []),
  ];
  const alert = document.getElementById("account-alert") as HTMLElement;
  alert.replaceChildren(...notices.map((text) => el("p", "", text)));
  alert.hidden = notices.length === 0;

  (document.getElementById("totp-state") as HTMLElement).textContent = user.totpEnabled ? t.totpOn : t.totpOff;
  (document.getElementById("totp-off") as HTMLElement).hidden = user.totpEnabled;
  (document.getElementById("totp-enrol") as HTMLElement).hidden = true;
  disableForm.hidden = !user.totpEnabled || user.totpRequired;
}

async function refresh(c: ConsoleContext): Promise<void> {
  const me = await consoleApi<Me>("/api/auth/me");
  if (me.ok) render(me.data.user, c);
}

function codeForm(form: HTMLFormElement, path: string, done: string, c: ConsoleContext): void {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { alert } = parts(form);
    const input = form.elements.namedItem("code") as HTMLInputElement;
    alert.textContent = "";
    totpStatus.textContent = "";
    const code = field(form, "code").replace(/\s/g, "");
    if (!/^\d{6}$/.test(code)) {
      alert.textContent = c.t.totpCodeFormat;
      input.focus();
      return;
    }
    const result = await busy(form, () => consoleApi(path, { method: "POST", body: { code } }));
    if (!result.ok) {
      alert.textContent = problemText(result.failure, c.t);
      input.focus();
      return;
    }
    form.reset();
    await refresh(c);
    totpStatus.textContent = done;
  });
}

if (ctx) {
  const c = ctx;
  render(c.user, c);

  passwordForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { alert, status } = parts(passwordForm);
    alert.textContent = "";
    if (status) status.textContent = "";
    const get = (name: string) => (passwordForm.elements.namedItem(name) as HTMLInputElement).value;
    const focus = (name: string) => (passwordForm.elements.namedItem(name) as HTMLInputElement).focus();
    if (!get("currentPassword")) {
      alert.textContent = c.t.required;
      return focus("currentPassword");
    }
    if (get("newPassword").length < min) {
      alert.textContent = fill(c.t.passwordShort, { min });
      return focus("newPassword");
    }
    if (get("newPassword") !== get("confirmPassword")) {
      alert.textContent = c.t.passwordsDiffer;
      return focus("confirmPassword");
    }
    const body = { currentPassword: get("currentPassword"), newPassword: get("newPassword") };
    const result = await busy(passwordForm, () => consoleApi("/api/auth/password", { method: "POST", body }));
    if (!result.ok) {
      const code = result.failure.problem?.code;
      alert.textContent = code === "invalid_credentials" ? c.t.wrongCredentials : problemText(result.failure, c.t);
      return focus("currentPassword");
    }
    passwordForm.reset();
    await refresh(c);
    if (status) status.textContent = c.t.passwordChanged;
  });

  (document.getElementById("totp-setup") as HTMLButtonElement).addEventListener("click", async (event) => {
    const button = event.currentTarget as HTMLButtonElement;
    totpStatus.textContent = "";
    button.disabled = true;
    const result = await consoleApi<TotpSetup>("/api/auth/totp/setup", { method: "POST" });
    button.disabled = false;
    if (!result.ok) {
      totpStatus.textContent = "";
      parts(confirmForm).alert.textContent = problemText(result.failure, c.t);
      (document.getElementById("totp-enrol") as HTMLElement).hidden = false;
      return;
    }
    (document.getElementById("totp-secret") as HTMLElement).textContent = result.data.secret
      .replace(/(.{4})/g, "$1 ")
      .trim();
    (document.getElementById("totp-uri") as HTMLElement).textContent = result.data.uri;
    (document.getElementById("totp-enrol") as HTMLElement).hidden = false;
    (document.getElementById("totp-confirm-code") as HTMLInputElement).focus();
  });
  codeForm(confirmForm, "/api/auth/totp/confirm", c.t.totpEnabled, c);
  codeForm(disableForm, "/api/auth/totp/disable", c.t.totpDisabled, c);
}
