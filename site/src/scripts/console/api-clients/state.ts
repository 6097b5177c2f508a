import type { ApiClient } from "../../../../../worker/src/contracts/api-clients";
import type { Dict } from "../../../i18n";
import { api } from "../../../lib/api";
import { Store } from "../../../lib/console/store";
import { texts } from "../../../lib/console/texts";

/** The run-time texts of the client applications page (`console.apiClients.client`). */
export const clientTexts = () => texts<Dict["console"]["apiClients"]["client"]>("api-clients");

/** The client applications, as the admin API lists them; `<api-client-list>` renders them. */
export const clients = new Store<ApiClient[]>();

/** Loads the list again and publishes it. */
export async function reloadClients(): Promise<void> {
  clients.set((await api.admin.apiClients()).items);
}

/** What `<api-client-create>` sends up to show a new key once. */
export interface IssuedKey {
  name: string;
  key: string;
}

/** Bubbles to `<api-clients-admin>`, which shows the key and moves focus to it. */
export const ISSUED_KEY = "issued-key";

declare global {
  interface HTMLElementEventMap {
    [ISSUED_KEY]: CustomEvent<IssuedKey>;
  }
}
