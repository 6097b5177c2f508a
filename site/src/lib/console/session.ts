import type { Me } from "../../../../worker/src/contracts/auth";
import type { Lang } from "../../i18n";
import { byId } from "../strings";
import { type ConsoleStrings, consoleApi } from "./api";
import { CONSOLE_ROUTES } from "./routes";

/** The signed-in account as `/api/auth/me` describes it. */
export type ConsoleUser = Me["user"];

/** What every console page script starts with. */
export interface ConsoleContext {
  user: ConsoleUser;
  t: ConsoleStrings;
  lang: Lang;
}

/** The page's language and console texts (from `data-i18n` on `#console`). */
export function consoleBasics(): { t: ConsoleStrings; lang: Lang } {
  const root = byId("console");
  syncLangSwitch();
  return {
    t: JSON.parse(root.dataset.i18n ?? "{}") as ConsoleStrings,
    lang: document.documentElement.lang === "en" ? "en" : "vi",
  };
}

/** Keeps the page's query (lead id, filters) on the link to the other language. */
export function syncLangSwitch(): void {
  const link = document.getElementById("lang-switch");
  if (!(link instanceof HTMLAnchorElement)) return;
  const base = link.dataset.base ?? link.pathname;
  link.dataset.base = base;
  link.href = `${base}${location.search}`;
}

/**
 * Loads the account, fills the header (name, role, the links the role may
 * use, sign-out) and decides whether this page may run: no session → sign-in
 * (by `consoleApi`), a temporary password or a missing required TOTP → the
 * account page, a role the page is not for → a notice. Resolves to null when
 * the page must not go on.
 */
export async function startConsole(roles: readonly ConsoleUser["role"][] | null): Promise<ConsoleContext | null> {
  const { t, lang } = consoleBasics();
  const routes = CONSOLE_ROUTES[lang];
  const status = byId("console-status");
  const result = await consoleApi<Me>("/api/auth/me");
  if (!result.ok) {
    if (result.failure.problem?.code !== "unauthorized") status.textContent = t.network;
    return null;
  }
  const user = result.data.user;
  byId("console-user").textContent = `${user.displayName} · ${t.roles[user.role]}`;
  for (const item of document.querySelectorAll<HTMLElement>("[data-roles]")) {
    item.hidden = !(item.dataset.roles ?? "").split(" ").includes(user.role);
  }
  byId("console-session").hidden = false;
  byId<HTMLButtonElement>("logout").addEventListener("click", async () => {
    await consoleApi("/api/auth/logout", { method: "POST", redirectOn401: false });
    location.assign(routes.login);
  });

  const onAccount = location.pathname === routes.account;
  if (!onAccount && (user.mustChangePassword || (user.totpRequired && !user.totpEnabled))) {
    location.assign(routes.account);
    return null;
  }
  status.textContent = "";
  if (roles && !roles.includes(user.role)) {
    byId("console-denied").hidden = false;
    return null;
  }
  byId("console-content").hidden = false;
  return { user, t, lang };
}
