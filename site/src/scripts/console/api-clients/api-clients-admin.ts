import { ConsolePage, define } from "../../../lib/console/element";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { clientTexts, ISSUED_KEY, reloadClients } from "./state";

/**
 * `<api-clients-admin>`: the client applications page. Loads the list for
 * `<api-client-list>`, shows its widgets' notices and, once, a new key with
 * a copy button. The key lives only in this page: leaving or reloading it
 * loses the key for good.
 */
class ApiClientsAdmin extends ConsolePage {
  protected async start(): Promise<void> {
    this.ref("discovery", HTMLElement).textContent = `${location.origin}/open311/v2/discovery.json`;
    const value = this.ref("issued-value", HTMLInputElement);
    this.addEventListener(ISSUED_KEY, (event) => {
      const { name, key } = event.detail;
      this.ref("issued-for", HTMLElement).textContent = clientTexts().fill("created", { name });
      value.value = key;
      this.ref("issued", HTMLElement).hidden = false;
      this.show({ status: "", focus: "issued-key-heading" });
    });
    value.addEventListener("focus", () => value.select());
    this.ref("copy", HTMLButtonElement).addEventListener("click", () => void this.copy(value));
    if (!(await signedIn())) return;
    try {
      await reloadClients();
    } catch (error) {
      this.show({ alert: problemText(error) });
    }
  }

  private async copy(value: HTMLInputElement): Promise<void> {
    const t = clientTexts();
    try {
      await navigator.clipboard.writeText(value.value);
      this.show({ status: t.get("copied") });
    } catch {
      value.focus();
      value.select();
      this.show({ alert: t.get("copyFailed") });
    }
  }
}

define("api-clients-admin", ApiClientsAdmin);
