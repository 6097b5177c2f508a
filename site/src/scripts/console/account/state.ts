import { api } from "../../../lib/api";
import { type ConsoleUser, signedIn } from "../../../lib/console/session";
import { Store } from "../../../lib/console/store";

/** The signed-in account; the profile and the TOTP settings render it. */
export const me = new Store<ConsoleUser>();

/** Starts the store with the session's account; false when the page must not run. */
export async function startAccount(): Promise<boolean> {
  const session = await signedIn();
  if (!session) return false;
  if (!me.value) me.set(session.user);
  return true;
}

/** Reloads the account after a change (a new password, TOTP on or off). */
export async function refreshAccount(): Promise<void> {
  me.set((await api.auth.me()).user);
}
