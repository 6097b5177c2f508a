import type { Me } from "../../../../worker/src/contracts/auth";
import type { Lang } from "../../i18n";

/** The signed-in account as `/api/auth/me` describes it. */
export type ConsoleUser = Me["user"];

/** What a console widget needs to know about who is working. */
export interface ConsoleSession {
  user: ConsoleUser;
  lang: Lang;
}

let settle: (session: ConsoleSession | null) => void = () => {};
const ready = new Promise<ConsoleSession | null>((resolve) => {
  settle = resolve;
});

/**
 * Resolves once `<console-shell>` has loaded the account and decided the
 * page may run (signed in, password and TOTP in order, a role the page is
 * for); null when it may not, and the widgets then stay idle.
 *
 * @example
 * const session = await signedIn();
 * if (!session) return;
 */
export function signedIn(): Promise<ConsoleSession | null> {
  return ready;
}

/** Called by `<console-shell>` only. */
export function settleSession(session: ConsoleSession | null): void {
  settle(session);
}

/** Keeps the page's query (lead id, filters) on the link to the other language. */
export function syncLangSwitch(): void {
  const link = document.getElementById("lang-switch");
  if (!(link instanceof HTMLAnchorElement)) return;
  const base = link.dataset.base ?? link.pathname;
  link.dataset.base = base;
  link.href = `${base}${location.search}`;
}
