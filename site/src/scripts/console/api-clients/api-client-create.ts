import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { busy, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { control } from "../../../lib/dom";
import { clientTexts, ISSUED_KEY, type IssuedKey, reloadClients } from "./state";

/** `<api-client-create>`: registers an application; its key is shown once by `<api-clients-admin>`. */
class ApiClientCreate extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    const form = this.ref("form", HTMLFormElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.create(form);
    });
  }

  private async create(form: HTMLFormElement): Promise<void> {
    const alert = this.ref("alert", HTMLElement);
    alert.textContent = "";
    const name = field(form, "name");
    const limit = field(form, "requestsPerHour");
    if (!name || !limit) {
      alert.textContent = clientTexts().get("required");
      control(form, name ? "requestsPerHour" : "name", HTMLInputElement).focus();
      return;
    }
    try {
      const issued = await busy(form, () =>
        api.admin.createApiClient({
          name,
          requestsPerHour: Number(limit),
          publicApp: control(form, "publicApp", HTMLInputElement).checked,
        }),
      );
      form.reset();
      const detail: IssuedKey = { name: issued.client.name, key: issued.key };
      this.dispatchEvent(new CustomEvent(ISSUED_KEY, { bubbles: true, detail }));
      await reloadClients();
    } catch (error) {
      alert.textContent = problemText(error);
    }
  }
}

define("api-client-create", ApiClientCreate);
