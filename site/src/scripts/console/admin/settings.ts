import type { SettingList, SettingsPatch } from "../../../../../worker/src/contracts/settings";
import { api } from "../../../lib/api";
import { ConsolePage, define } from "../../../lib/console/element";
import { busy } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { type ConsoleDict, texts } from "../../../lib/console/texts";
import { control, required } from "../../../lib/dom";

const t = () => texts<ConsoleDict["settings"]["client"]>("settings");

/**
 * `<settings-admin>`: the settings page. One form, a field per setting
 * grouped in fieldsets (rendered from the contract); an empty field means
 * the default, which each field's hint names. Sends only what changed.
 */
class SettingsAdmin extends ConsolePage {
  #list: SettingList | null = null;

  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    const form = this.ref("form", HTMLFormElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.save(form);
    });
    try {
      this.render(await api.admin.settings());
    } catch (error) {
      this.show({ alert: problemText(error) });
    }
  }

  private render(list: SettingList): void {
    this.#list = list;
    const form = this.ref("form", HTMLFormElement);
    const text = t();
    for (const setting of list.items) {
      const input = control(form, setting.key, HTMLInputElement);
      input.value = setting.stored ? String(setting.value) : "";
      input.placeholder = String(setting.defaultValue);
      const hint = required(form, `[data-default="${setting.key}"]`, HTMLElement);
      hint.textContent = `${text.fill("defaultValue", { value: setting.defaultValue })} ${text.get(setting.stored ? "stored" : "current")}`;
    }
  }

  private async save(form: HTMLFormElement): Promise<void> {
    const list = this.#list;
    if (!list) return;
    const patch: Record<string, number | null> = {};
    for (const setting of list.items) {
      const raw = control(form, setting.key, HTMLInputElement).value.trim();
      const next = raw === "" ? null : Number(raw);
      const now = setting.stored ? setting.value : null;
      if (next !== now) patch[setting.key] = next;
    }
    if (Object.keys(patch).length === 0) {
      this.show({ status: t().get("unchanged") });
      return;
    }
    try {
      this.render(await busy(form, () => api.admin.patchSettings(patch as SettingsPatch)));
      this.show({ status: t().get("saved") });
    } catch (error) {
      this.show({ alert: problemText(error) });
    }
  }
}

define("settings-admin", SettingsAdmin);
