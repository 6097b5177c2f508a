import { ApiError, api, onProblem } from "../../lib/api";
import { ConsoleElement, define } from "../../lib/console/element";
import { CONSOLE_ROUTES } from "../../lib/console/routes";
import { type ConsoleUser, settleSession, syncLangSwitch } from "../../lib/console/session";
import { text } from "../../lib/console/texts";
import { pageLang } from "../../lib/strings";

/**
 * `<console-shell data-roles="inspector supervisor">`, around every console
 * page but the sign-in page: loads the account, fills the header (name, role,
 * the links the role may use, sign-out) and decides whether the page may run.
 * No session → the sign-in page (by the API client's problem hook); a
 * temporary password or a missing required TOTP → the account page; a role
 * the page is not for → a notice. Widgets wait for `signedIn()`.
 */
class ConsoleShell extends ConsoleElement {
  protected async start(): Promise<void> {
    syncLangSwitch();
    const roles = this.dataset.roles;
    if (roles === undefined) return;
    const routes = CONSOLE_ROUTES[pageLang()];
    onProblem((error) => {
      if (error.code === "unauthorized") {
        location.assign(`${routes.login}?next=${encodeURIComponent(`${location.pathname}${location.search}`)}`);
      } else if (error.code === "totp_enrolment_required" && !location.pathname.startsWith(routes.account)) {
        location.assign(routes.account);
      }
    });
    const status = this.ref("status", HTMLElement);
    let user: ConsoleUser;
    try {
      user = (await api.auth.me()).user;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code !== "unauthorized") status.textContent = text.console().get("network");
      settleSession(null);
      return;
    }
    this.showHeader(user);
    const onAccount = location.pathname === routes.account;
    if (!onAccount && (user.mustChangePassword || (user.totpRequired && !user.totpEnabled))) {
      location.assign(routes.account);
      settleSession(null);
      return;
    }
    status.textContent = "";
    // A unit liaison's home is their unit's section: the inspectors' pages are not theirs.
    if (user.role === "unit_liaison" && location.pathname === routes.queue) {
      location.replace(routes.unit);
      settleSession(null);
      return;
    }
    if (roles !== "" && !roles.split(" ").includes(user.role)) {
      this.ref("denied", HTMLElement).hidden = false;
      settleSession(null);
      return;
    }
    this.ref("content", HTMLElement).hidden = false;
    settleSession({ user, lang: pageLang() });
  }

  private showHeader(user: ConsoleUser): void {
    this.ref("user", HTMLElement).textContent = `${user.displayName} · ${text.roles().get(user.role)}`;
    for (const item of this.refs("nav-item", HTMLElement)) {
      item.hidden = !(item.dataset.roles ?? "").split(" ").includes(user.role);
    }
    this.ref("session", HTMLElement).hidden = false;
    this.ref("logout", HTMLButtonElement).addEventListener("click", async () => {
      await api.auth.logout().catch((error: unknown) => {
        if (!(error instanceof ApiError)) throw error;
      });
      location.assign(CONSOLE_ROUTES[pageLang()].login);
    });
  }
}

define("console-shell", ConsoleShell);
