import type { User } from "../../../../../worker/src/contracts/users";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { busy, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { control, optional, required } from "../../../lib/dom";
import { ONE_TIME_PASSWORD, type OneTimePassword, reloadUsers, searchUnits, unitLabel, users } from "./state";

type Role = User["role"];

/**
 * `<user-list>`: the staff accounts with, for each, a dialog to edit the
 * name, role, lock and unit ties (searched by name) and a password reset.
 */
class UserList extends ConsoleElement {
  #editing: { user: User; ties: string[]; opener: HTMLElement } | null = null;

  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    const dialog = this.ref("dialog", HTMLDialogElement);
    this.ref("cancel", HTMLButtonElement).addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      if (this.#editing?.opener.isConnected) this.#editing.opener.focus();
      this.#editing = null;
    });
    const search = this.ref("search", HTMLInputElement);
    this.ref("search-go", HTMLButtonElement).addEventListener("click", () => void this.search());
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        void this.search();
      }
    });
    const form = this.ref("form", HTMLFormElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.save(form, dialog);
    });
    users.subscribe((items) => this.render(items));
  }

  private render(items: User[]): void {
    const t = text.console();
    this.ref("rows", HTMLTableSectionElement).replaceChildren(
      ...items.map((user) => {
        const row = this.fromTemplate("row", HTMLTableRowElement);
        row.dataset.userId = user.id;
        const slot = (name: string) => required(row, `[data-slot="${name}"]`, HTMLElement);
        slot("email").textContent = user.email;
        slot("name").textContent = user.displayName;
        slot("role").textContent = text.roles().get(user.role);
        slot("totp").textContent = t.get(user.totpEnabled ? "totpOn" : "totpOff");
        slot("disabled").textContent = t.get(user.disabled ? "yes" : "no");
        slot("ties").textContent = user.unitTies.map(unitLabel).join("; ") || "—";
        const edit = required(row, "[data-slot=edit]", HTMLButtonElement);
        edit.setAttribute("aria-label", `${t.get("edit")}: ${user.email}`);
        edit.addEventListener("click", () => this.open(user, edit));
        const reset = required(row, "[data-slot=reset]", HTMLButtonElement);
        reset.setAttribute("aria-label", `${t.get("reset")}: ${user.email}`);
        reset.addEventListener("click", () => void this.reset(user));
        return row;
      }),
    );
  }

  private async reset(user: User): Promise<void> {
    const t = text.console();
    if (!confirm(t.fill("resetConfirm", { email: user.email }))) return;
    try {
      const result = await api.admin.resetUser(user.id);
      const detail: OneTimePassword = {
        title: t.fill("resetDone", { email: user.email }),
        password: result.temporaryPassword,
      };
      this.dispatchEvent(new CustomEvent(ONE_TIME_PASSWORD, { bubbles: true, detail }));
      await reloadUsers();
    } catch (error) {
      this.notify({ alert: problemText(error) });
    }
  }

  private open(user: User, opener: HTMLElement): void {
    this.#editing = { user, ties: [...user.unitTies], opener };
    const form = this.ref("form", HTMLFormElement);
    form.reset();
    this.ref("email", HTMLElement).textContent = user.email;
    control(form, "displayName", HTMLInputElement).value = user.displayName;
    control(form, "role", HTMLSelectElement).value = user.role;
    control(form, "disabled", HTMLInputElement).checked = user.disabled;
    this.ref("alert", HTMLElement).textContent = "";
    this.ref("results", HTMLUListElement).replaceChildren();
    this.renderTies();
    this.ref("dialog", HTMLDialogElement).showModal();
  }

  /** A list item with a name and a small button (remove a tie, add a unit). */
  private item(
    name: string,
    button: string,
    label: string,
    onClick: (button: HTMLButtonElement) => void,
  ): HTMLLIElement {
    const item = this.fromTemplate("tie", HTMLLIElement);
    required(item, "[data-slot=name]", HTMLElement).textContent = name;
    const action = required(item, "[data-slot=button]", HTMLButtonElement);
    action.textContent = button;
    action.setAttribute("aria-label", label);
    action.addEventListener("click", () => onClick(action));
    return item;
  }

  private none(message: string): HTMLLIElement {
    const item = this.fromTemplate("none", HTMLLIElement);
    item.textContent = message;
    return item;
  }

  private renderTies(): void {
    const editing = this.#editing;
    if (!editing) return;
    const t = text.console();
    this.ref("ties", HTMLUListElement).replaceChildren(
      ...(editing.ties.length === 0
        ? [this.none(t.get("noTies"))]
        : editing.ties.map((id) =>
            this.item(unitLabel(id), "×", t.fill("remove", { name: unitLabel(id) }), () => {
              editing.ties = editing.ties.filter((tie) => tie !== id);
              this.renderTies();
              this.ref("search", HTMLInputElement).focus();
            }),
          )),
    );
  }

  private async search(): Promise<void> {
    const q = this.ref("search", HTMLInputElement).value.trim();
    if (!q) return;
    const t = text.console();
    const results = this.ref("results", HTMLUListElement);
    let units: Awaited<ReturnType<typeof searchUnits>>;
    try {
      units = await searchUnits(q);
    } catch (error) {
      results.replaceChildren(this.none(problemText(error)));
      return;
    }
    results.replaceChildren(
      ...(units.length === 0
        ? [this.none(t.get("noUnits"))]
        : units.map((unit) => {
            const name = `${unit.name} (${text.unitKinds().get(unit.kind)})`;
            const item = this.item(name, "+", t.fill("add", { name: unit.name }), (button) => {
              const editing = this.#editing;
              if (!editing || editing.ties.includes(unit.id)) return;
              editing.ties.push(unit.id);
              this.renderTies();
              button.disabled = true;
            });
            required(item, "button", HTMLButtonElement).disabled = this.#editing?.ties.includes(unit.id) ?? false;
            return item;
          })),
    );
  }

  private async save(form: HTMLFormElement, dialog: HTMLDialogElement): Promise<void> {
    const editing = this.#editing;
    if (!editing) return;
    const t = text.console();
    const alert = this.ref("alert", HTMLElement);
    alert.textContent = "";
    const displayName = field(form, "displayName");
    if (!displayName) {
      alert.textContent = t.get("required");
      control(form, "displayName", HTMLInputElement).focus();
      return;
    }
    const body = {
      displayName,
      role: field(form, "role") as Role,
      disabled: control(form, "disabled", HTMLInputElement).checked,
      unitTies: editing.ties,
    };
    const { user, opener } = editing;
    try {
      await busy(form, () => api.admin.updateUser(user.id, body));
    } catch (error) {
      alert.textContent = problemText(error);
      return;
    }
    this.#editing = null;
    dialog.close();
    try {
      await reloadUsers();
    } catch (error) {
      this.notify({ alert: problemText(error) });
      return;
    }
    this.notify({ status: t.get("saved") });
    const again = optional(this, `tr[data-user-id="${CSS.escape(user.id)}"] button`, HTMLButtonElement);
    (again ?? opener).focus();
  }
}

define("user-list", UserList);
