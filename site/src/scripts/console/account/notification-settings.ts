import type { NotificationPreferences } from "../../../../../worker/src/contracts/notifications";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { busy } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { type ConsoleDict, texts } from "../../../lib/console/texts";
import { required } from "../../../lib/dom";
import { startAccount } from "./state";

/**
 * `<notification-settings>`: one checkbox per kind of e-mail the signed-in
 * person's role receives (the rows are in the markup; the API says which
 * apply), mandatory kinds checked and locked. Hidden for a role that
 * receives none (administrators).
 */
class NotificationSettings extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await startAccount())) return;
    let prefs: NotificationPreferences;
    try {
      prefs = await api.notifications.preferences();
    } catch {
      return;
    }
    if (prefs.items.length === 0) return;
    this.render(prefs);
    this.hidden = false;
    const form = this.ref("form", HTMLFormElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.save(form);
    });
  }

  private rows(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>("[data-kind]")];
  }

  private render(prefs: NotificationPreferences): void {
    const byKind = new Map(prefs.items.map((item) => [item.kind, item]));
    for (const row of this.rows()) {
      const item = byKind.get(row.dataset.kind as NotificationPreferences["items"][number]["kind"]);
      row.hidden = !item;
      const box = required(row, "input[type=checkbox]", HTMLInputElement);
      box.checked = item?.enabled ?? false;
      box.disabled = item?.mandatory ?? true;
      required(row, "[data-mandatory]", HTMLElement).hidden = !item?.mandatory;
    }
  }

  private async save(form: HTMLFormElement): Promise<void> {
    const alert = this.ref("alert", HTMLElement);
    const status = this.ref("status", HTMLElement);
    alert.textContent = "";
    status.textContent = "";
    const items = this.rows()
      .filter((row) => !row.hidden)
      .map((row) => required(row, "input[type=checkbox]", HTMLInputElement))
      .filter((box) => !box.disabled)
      .map((box) => ({ kind: box.name as NotificationPreferences["items"][number]["kind"], enabled: box.checked }));
    if (items.length === 0) return;
    try {
      this.render(await busy(form, () => api.notifications.update({ items })));
      status.textContent = texts<ConsoleDict["account"]>("notification-settings").get("notificationsSaved");
    } catch (error) {
      alert.textContent = problemText(error);
    }
  }
}

define("notification-settings", NotificationSettings);
