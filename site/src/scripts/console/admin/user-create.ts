import type { User } from "../../../../../worker/src/contracts/users";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { busy, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { control, required } from "../../../lib/dom";
import { UnitSearch } from "../unit-search";
import { ONE_TIME_PASSWORD, type OneTimePassword, reloadUsers } from "./state";

/** `<user-create>`: a new staff account; its one-time password is shown once by `<user-admin>`. */
class UserCreate extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    const form = this.ref("form", HTMLFormElement);
    // A unit liaison answers for one unit: the unit picker shows for that role only.
    const role = control(form, "role", HTMLSelectElement);
    const showUnit = () => {
      this.ref("liaison-unit", HTMLElement).hidden = role.value !== "unit_liaison";
    };
    role.addEventListener("change", showUnit);
    form.addEventListener("reset", () => queueMicrotask(showUnit));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.create(form);
    });
  }

  private async create(form: HTMLFormElement): Promise<void> {
    const t = text.console();
    const alert = this.ref("alert", HTMLElement);
    alert.textContent = "";
    const role = field(form, "role") as User["role"];
    const unit = required(form, "unit-search", UnitSearch);
    const body = {
      email: field(form, "email"),
      displayName: field(form, "displayName"),
      role,
      ...(role === "unit_liaison" && unit.value ? { unitId: unit.value } : {}),
    };
    const missing = !body.email ? "email" : !body.displayName ? "displayName" : null;
    if (missing) {
      alert.textContent = t.get("required");
      control(form, missing, HTMLInputElement).focus();
      return;
    }
    if (role === "unit_liaison" && !unit.value) {
      alert.textContent = t.get("required");
      unit.input.focus();
      return;
    }
    try {
      const created = await busy(form, () => api.admin.createUser(body));
      form.reset();
      const detail: OneTimePassword = {
        title: t.fill("created", { email: created.user.email }),
        password: created.temporaryPassword,
      };
      this.dispatchEvent(new CustomEvent(ONE_TIME_PASSWORD, { bubbles: true, detail }));
      await reloadUsers();
    } catch (error) {
      alert.textContent = problemText(error);
    }
  }
}

define("user-create", UserCreate);
