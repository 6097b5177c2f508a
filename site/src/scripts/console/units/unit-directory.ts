import { hanoiDate } from "../../../../../worker/src/contracts/hanoi-date";
import type { SectorCode } from "../../../../../worker/src/contracts/stats";
import type { AdminUnit } from "../../../../../worker/src/contracts/unit-admin";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { dayEl } from "../../../lib/console/format";
import { busy, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { control, required } from "../../../lib/dom";
import { currentUnits, fillUnitSelect, outsideOf, reloadUnits, shown, unitTexts } from "./state";
import { SuccessorRows } from "./successor-rows";

type Dialog = "edit" | "merge" | "split" | "retire";

/**
 * `<unit-directory>`: search the directory, and for each unit edit it
 * (rename, parent, sector, confirm), confirm it in one click, merge it into
 * a successor, split it among several or retire it, each in a dialog that
 * returns focus to its button.
 */
class UnitDirectory extends ConsoleElement {
  #open: { unit: AdminUnit; opener: HTMLElement } | null = null;
  #successors: SuccessorRows | null = null;

  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    const search = this.ref("search", HTMLFormElement);
    search.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.run(() => reloadUnits({ q: field(search, "q"), status: field(search, "status") }));
    });
    this.#successors = new SuccessorRows(
      this.ref("split-rows", HTMLElement),
      this.ref("split-row", HTMLTemplateElement),
      this.ref("split-add", HTMLButtonElement),
    );
    for (const name of ["edit", "merge", "split", "retire"] as const) {
      const dialog = this.ref(`${name}-dialog`, HTMLDialogElement);
      this.ref(`${name}-cancel`, HTMLButtonElement).addEventListener("click", () => dialog.close());
      dialog.addEventListener("close", () => {
        if (this.#open?.opener.isConnected) this.#open.opener.focus();
        this.#open = null;
      });
      const form = this.ref(`${name}-form`, HTMLFormElement);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        void this.submit(name, form, dialog);
      });
    }
    shown.subscribe((units) => this.render(units));
  }

  private async run(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.notify({ alert: problemText(error) });
    }
  }

  private render(units: AdminUnit[]): void {
    const t = unitTexts();
    const today = hanoiDate(new Date());
    this.ref("count", HTMLElement).textContent = units.length ? t.fill("count", { n: units.length }) : t.get("none");
    const tbody = this.ref("rows", HTMLTableSectionElement);
    // A row's button that had focus (the dialog closed onto it) keeps it in the new rows.
    const active = document.activeElement;
    const focused =
      active instanceof HTMLElement && tbody.contains(active)
        ? { id: active.closest("tr")?.dataset.unitId, slot: active.dataset.slot }
        : null;
    tbody.replaceChildren(
      ...units.map((unit) => {
        const row = this.fromTemplate("row", HTMLTableRowElement);
        row.dataset.unitId = unit.id;
        const slot = (name: string) => required(row, `[data-slot="${name}"]`, HTMLElement);
        slot("name").textContent = unit.name;
        slot("kind").textContent = text.unitKinds().get(unit.kind);
        slot("code").textContent = unit.code ?? "—";
        const state = slot("state");
        if (unit.validTo) {
          state.append(...this.dated(t.get(unit.validTo <= today ? "endedOn" : "endsOn"), unit.validTo));
          if (unit.successorId) {
            const successor = units.find((u) => u.id === unit.successorId)?.name ?? unit.successorId;
            state.append(` (${t.fill("mergedInto", { name: successor })})`);
          }
        } else state.textContent = t.get(unit.toConfirm ? "toConfirm" : "current");
        slot("aliases").textContent =
          unit.aliases.map((a) => (a.partial ? t.fill("formerPart", { name: a.name }) : a.name)).join("; ") || "—";
        const ended = unit.validTo !== null && unit.validTo <= today;
        const button = (name: string, label: string, onClick: (b: HTMLButtonElement) => void, hidden = false) => {
          const b = required(row, `[data-slot=${name}]`, HTMLButtonElement);
          b.setAttribute("aria-label", t.fill(label as "editLabel", { name: unit.name }));
          b.hidden = hidden;
          b.addEventListener("click", () => onClick(b));
        };
        button("edit", "editLabel", (b) => void this.openEdit(unit, b), ended);
        button("confirm", "confirmLabel", () => void this.confirmUnit(unit), ended || !unit.toConfirm);
        button("merge", "mergeLabel", (b) => void this.openMerge(unit, b), ended);
        button("split", "splitLabel", (b) => void this.openSplit(unit, b), ended);
        button("retire", "retireLabel", (b) => this.openDialog("retire", unit, b), ended);
        return row;
      }),
    );
    if (focused) this.refocus(tbody, focused);
  }

  /** Focus on the same button of the unit's new row, or on the table when the unit ended or left the list. */
  private refocus(
    tbody: HTMLTableSectionElement,
    focused: { id?: string | undefined; slot?: string | undefined },
  ): void {
    const row = [...tbody.rows].find((r) => r.dataset.unitId === focused.id);
    const button = row?.querySelector<HTMLButtonElement>(`button[data-slot="${focused.slot}"]`);
    if (button && !button.hidden) button.focus();
    else this.ref("region", HTMLElement).focus();
  }

  /** "Ended on {date}" with the date as a `<time>` in dd/mm/yyyy. */
  private dated(template: string, day: string): (Node | string)[] {
    const [before, after] = template.split("{date}");
    return [before ?? "", dayEl(day), after ?? ""];
  }

  private openDialog(name: Dialog, unit: AdminUnit, opener: HTMLElement): void {
    this.#open = { unit, opener };
    const form = this.ref(`${name}-form`, HTMLFormElement);
    form.reset();
    this.ref(`${name}-alert`, HTMLElement).textContent = "";
    const label = this.maybeRef(`${name}-name`, HTMLElement);
    if (label) label.textContent = unit.name;
    const date = form.querySelector<HTMLInputElement>("input[type=date]");
    if (date && name !== "edit") date.value = hanoiDate(new Date());
    this.ref(`${name}-dialog`, HTMLDialogElement).showModal();
  }

  private async openEdit(unit: AdminUnit, opener: HTMLElement): Promise<void> {
    this.openDialog("edit", unit, opener);
    const form = this.ref("edit-form", HTMLFormElement);
    control(form, "name", HTMLInputElement).value = unit.name;
    control(form, "sector", HTMLSelectElement).value = unit.sector ?? "";
    const confirm = control(form, "confirmed", HTMLInputElement);
    confirm.checked = false;
    confirm.disabled = !unit.toConfirm;
    // The parent is sent only once the choices are loaded and one differs from the unit's.
    const parent = this.ref("edit-parent", HTMLSelectElement);
    parent.replaceChildren();
    parent.disabled = true;
    try {
      const choices = outsideOf(await currentUnits(), unit.id);
      if (this.#open?.unit !== unit) return;
      fillUnitSelect(parent, choices, unit.parentId ?? "");
      if (unit.parentId && !choices.some((u) => u.id === unit.parentId)) {
        parent.prepend(new Option(unit.parentId, unit.parentId, true, true));
      }
      parent.prepend(new Option(unitTexts().get("noParent"), "", false, unit.parentId === null));
      parent.disabled = false;
    } catch (error) {
      this.ref("edit-alert", HTMLElement).textContent = problemText(error);
    }
  }

  private async openSplit(unit: AdminUnit, opener: HTMLElement): Promise<void> {
    this.openDialog("split", unit, opener);
    const rows = this.successorRows();
    rows.reset();
    try {
      const choices = (await currentUnits()).filter((u) => u.id !== unit.id && u.kind === unit.kind);
      if (this.#open?.unit === unit) rows.offer(choices);
    } catch (error) {
      this.ref("split-alert", HTMLElement).textContent = problemText(error);
    }
  }

  private successorRows(): SuccessorRows {
    if (!this.#successors) throw new Error("<unit-directory> has not started");
    return this.#successors;
  }

  private async openMerge(unit: AdminUnit, opener: HTMLElement): Promise<void> {
    this.openDialog("merge", unit, opener);
    const select = this.ref("successor", HTMLSelectElement);
    try {
      const units = (await currentUnits()).filter((u) => u.id !== unit.id && u.kind === unit.kind);
      fillUnitSelect(select, units);
    } catch (error) {
      this.ref("merge-alert", HTMLElement).textContent = problemText(error);
    }
  }

  private async confirmUnit(unit: AdminUnit): Promise<void> {
    await this.run(async () => {
      await api.admin.updateUnit(unit.id, { confirmed: true });
      await reloadUnits();
      this.notify({ status: unitTexts().fill("confirmed", { name: unit.name }) });
    });
  }

  private async submit(name: Dialog, form: HTMLFormElement, dialog: HTMLDialogElement): Promise<void> {
    const open = this.#open;
    if (!open) return;
    const t = unitTexts();
    const alert = this.ref(`${name}-alert`, HTMLElement);
    alert.textContent = "";
    const { unit } = open;
    let message: string;
    try {
      if (name === "edit") {
        const newName = field(form, "name");
        if (!newName) {
          alert.textContent = t.get("required");
          control(form, "name", HTMLInputElement).focus();
          return;
        }
        const renamedOn = field(form, "renamedOn");
        const sector = (field(form, "sector") || null) as SectorCode | null;
        const confirmed = control(form, "confirmed", HTMLInputElement).checked;
        const parent = this.ref("edit-parent", HTMLSelectElement);
        const parentId = parent.disabled ? unit.parentId : parent.value || null;
        const saved = await busy(form, () =>
          api.admin.updateUnit(unit.id, {
            ...(newName !== unit.name ? { name: newName, ...(renamedOn ? { renamedOn } : {}) } : {}),
            ...(parentId !== unit.parentId ? { parentId } : {}),
            sector,
            ...(confirmed ? { confirmed: true as const } : {}),
          }),
        );
        message = t.fill("saved", { name: saved.name });
      } else if (name === "merge") {
        const successorId = field(form, "successorId");
        const effectiveOn = field(form, "effectiveOn");
        if (!successorId || !effectiveOn) {
          alert.textContent = t.get("required");
          return;
        }
        await busy(form, () => api.admin.mergeUnit(unit.id, { successorId, effectiveOn }));
        message = t.fill("merged", { name: unit.name });
      } else if (name === "split") {
        const rows = this.successorRows();
        const selects = rows.selects();
        const effectiveOn = field(form, "effectiveOn");
        const empty = selects.find((select) => !select.value);
        if (empty || !effectiveOn) {
          alert.textContent = t.get("required");
          (empty ?? control(form, "effectiveOn", HTMLInputElement)).focus();
          return;
        }
        try {
          await busy(form, () =>
            api.admin.splitUnit(unit.id, { successors: selects.map((select) => ({ id: select.value })), effectiveOn }),
          );
        } finally {
          rows.sync();
        }
        message = t.fill("split", { name: unit.name });
      } else {
        const effectiveOn = field(form, "effectiveOn");
        if (!effectiveOn) {
          alert.textContent = t.get("required");
          return;
        }
        await busy(form, () => api.admin.retireUnit(unit.id, { effectiveOn }));
        message = t.fill("retired", { name: unit.name });
      }
    } catch (error) {
      alert.textContent = problemText(error);
      return;
    }
    dialog.close();
    await this.run(() => reloadUnits());
    // The rows are new: focus goes to the same button of the unit's new row (or the table once it ended),
    // whether or not the dialog's close event ran before the list came back.
    this.refocus(this.ref("rows", HTMLTableSectionElement), { id: unit.id, slot: open.opener.dataset.slot });
    this.notify({ status: message });
  }
}

define("unit-directory", UnitDirectory);
