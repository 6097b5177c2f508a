import type { ApiClient } from "../../../../../worker/src/contracts/api-clients";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { timeEl, withNodes } from "../../../lib/console/format";
import { busy, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { control, required } from "../../../lib/dom";
import { pageLang } from "../../../lib/strings";
import { clients, clientTexts, reloadClients } from "./state";

type Dialog = "edit" | "revoke";

/**
 * `<api-client-list>`: the client applications with, for a working one, a
 * dialog to edit its name, hourly limit and public flag, and a dialog that
 * asks before revoking its key. Each dialog returns focus to its button.
 */
class ApiClientList extends ConsoleElement {
  #open: { client: ApiClient; opener: HTMLElement } | null = null;

  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    for (const name of ["edit", "revoke"] as const) {
      const dialog = this.ref(`${name}-dialog`, HTMLDialogElement);
      this.ref(`${name}-cancel`, HTMLButtonElement).addEventListener("click", () => dialog.close());
      dialog.addEventListener("close", () => {
        const opener = this.#open?.opener;
        this.#open = null;
        if (opener?.isConnected && !opener.hidden) opener.focus();
        else if (opener) this.ref("region", HTMLElement).focus();
      });
      const form = this.ref(`${name}-form`, HTMLFormElement);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        void this.submit(name, form, dialog);
      });
    }
    clients.subscribe((items) => this.render(items));
  }

  private render(items: ApiClient[]): void {
    const t = clientTexts();
    const number = new Intl.NumberFormat(pageLang() === "vi" ? "vi-VN" : "en-GB");
    this.ref("count", HTMLElement).textContent = items.length ? t.fill("count", { n: items.length }) : t.get("none");
    const tbody = this.ref("rows", HTMLTableSectionElement);
    const active = document.activeElement;
    const focused =
      active instanceof HTMLElement && tbody.contains(active)
        ? { id: active.closest("tr")?.dataset.clientId, slot: active.dataset.slot }
        : null;
    tbody.replaceChildren(
      ...items.map((client) => {
        const row = this.fromTemplate("row", HTMLTableRowElement);
        row.dataset.clientId = client.id;
        const slot = (name: string) => required(row, `[data-slot="${name}"]`, HTMLElement);
        slot("name").textContent = client.name;
        slot("prefix").textContent = `${client.keyPrefix}…`;
        slot("limit").textContent = number.format(client.requestsPerHour);
        slot("public").textContent = t.get(client.publicApp ? "yes" : "no");
        slot("uses").textContent = number.format(client.useCount);
        slot("last").replaceChildren(client.lastUsedAt ? timeEl(client.lastUsedAt, true) : t.get("never"));
        slot("created").replaceChildren(timeEl(client.createdAt));
        slot("state").replaceChildren(
          ...(client.revokedAt
            ? withNodes(t.get("revokedOn"), { date: timeEl(client.revokedAt) })
            : [t.get("working")]),
        );
        const button = (name: Dialog, label: "editLabel" | "revokeLabel") => {
          const b = required(row, `[data-slot=${name}]`, HTMLButtonElement);
          b.setAttribute("aria-label", t.fill(label, { name: client.name }));
          b.hidden = client.revokedAt !== null;
          b.addEventListener("click", () => this.openDialog(name, client, b));
        };
        button("edit", "editLabel");
        button("revoke", "revokeLabel");
        return row;
      }),
    );
    if (focused) {
      const row = [...tbody.rows].find((r) => r.dataset.clientId === focused.id);
      const again = row?.querySelector<HTMLButtonElement>(`button[data-slot="${focused.slot}"]`);
      if (again && !again.hidden) again.focus();
      else this.ref("region", HTMLElement).focus();
    }
  }

  private openDialog(name: Dialog, client: ApiClient, opener: HTMLElement): void {
    this.#open = { client, opener };
    const form = this.ref(`${name}-form`, HTMLFormElement);
    form.reset();
    this.ref(`${name}-alert`, HTMLElement).textContent = "";
    if (name === "edit") {
      this.ref("edit-prefix", HTMLElement).textContent = `${client.keyPrefix}…`;
      control(form, "name", HTMLInputElement).value = client.name;
      control(form, "requestsPerHour", HTMLInputElement).value = String(client.requestsPerHour);
      control(form, "publicApp", HTMLInputElement).checked = client.publicApp;
    } else {
      this.ref("revoke-name", HTMLElement).textContent = `${client.name} (${client.keyPrefix}…)`;
    }
    this.ref(`${name}-dialog`, HTMLDialogElement).showModal();
  }

  private async submit(name: Dialog, form: HTMLFormElement, dialog: HTMLDialogElement): Promise<void> {
    const open = this.#open;
    if (!open) return;
    const t = clientTexts();
    const alert = this.ref(`${name}-alert`, HTMLElement);
    alert.textContent = "";
    const { client } = open;
    let message: string;
    try {
      if (name === "edit") {
        const newName = field(form, "name");
        const limit = field(form, "requestsPerHour");
        if (!newName || !limit) {
          alert.textContent = t.get("required");
          control(form, newName ? "requestsPerHour" : "name", HTMLInputElement).focus();
          return;
        }
        const publicApp = control(form, "publicApp", HTMLInputElement).checked;
        const body = {
          ...(newName !== client.name ? { name: newName } : {}),
          ...(Number(limit) !== client.requestsPerHour ? { requestsPerHour: Number(limit) } : {}),
          ...(publicApp !== client.publicApp ? { publicApp } : {}),
        };
        if (Object.keys(body).length === 0) {
          dialog.close();
          this.notify({ status: t.get("unchanged") });
          return;
        }
        const saved = await busy(form, () => api.admin.updateApiClient(client.id, body));
        message = t.fill("saved", { name: saved.name });
      } else {
        await busy(form, () => api.admin.revokeApiClient(client.id));
        message = t.fill("revoked", { name: client.name });
      }
    } catch (error) {
      alert.textContent = problemText(error);
      return;
    }
    dialog.close();
    try {
      await reloadClients();
    } catch (error) {
      this.notify({ alert: problemText(error) });
      return;
    }
    this.notify({ status: message });
  }
}

define("api-client-list", ApiClientList);
