import type { AdminUnit } from "../../../../../worker/src/contracts/unit-admin";
import { clone, required } from "../../../lib/dom";
import { unitTexts } from "./state";

/**
 * The split dialog's successor rows: one `<select>` of units per row, from
 * the dialog's `<template>`, with an add button and a remove button per row.
 * Keeps between `data-min` and `data-max` rows (the contract's limits), and
 * moves focus to the new row, or after a removal to the row that took its
 * place (or the add button).
 */
export class SuccessorRows {
  #choices: readonly AdminUnit[] = [];
  #made = 0;

  constructor(
    private readonly list: HTMLElement,
    private readonly template: HTMLTemplateElement,
    private readonly add: HTMLButtonElement,
  ) {
    add.addEventListener("click", () => this.append(true));
  }

  private get min(): number {
    return Number(this.list.dataset.min ?? "2");
  }

  private get max(): number {
    return Number(this.list.dataset.max ?? "20");
  }

  private rows(): HTMLElement[] {
    return [...this.list.children].filter((row): row is HTMLElement => row instanceof HTMLElement);
  }

  /** The selects, in order. */
  selects(): HTMLSelectElement[] {
    return this.rows().map((row) => required(row, "select", HTMLSelectElement));
  }

  /** Starts over with the minimum of empty rows offering `choices` (none until they are loaded). */
  reset(choices: readonly AdminUnit[] = []): void {
    this.#choices = choices;
    this.list.replaceChildren();
    for (let i = 0; i < this.min; i++) this.append(false);
  }

  /** Offers `choices` in every row, keeping what was chosen. */
  offer(choices: readonly AdminUnit[]): void {
    this.#choices = choices;
    for (const select of this.selects()) this.fill(select);
  }

  private fill(select: HTMLSelectElement): void {
    const chosen = select.value;
    select.replaceChildren(
      new Option(unitTexts().get("choose"), ""),
      ...this.#choices.map((unit) => new Option(unit.name, unit.id, false, unit.id === chosen)),
    );
  }

  private append(focus: boolean): void {
    if (this.rows().length >= this.max) return;
    this.#made += 1;
    const row = clone(this.template, HTMLElement, `successor-${this.#made}`);
    const select = required(row, "select", HTMLSelectElement);
    this.fill(select);
    required(row, '[data-slot="remove"]', HTMLButtonElement).addEventListener("click", () => this.remove(row));
    this.list.append(row);
    this.sync();
    if (focus) select.focus();
  }

  private remove(row: HTMLElement): void {
    if (this.rows().length <= this.min) return;
    const next = row.nextElementSibling ?? row.previousElementSibling;
    row.remove();
    this.sync();
    const target = next?.querySelector("select");
    (target ?? this.add).focus();
  }

  /** Numbers the rows' labels and enables add and remove within the limits (after `busy` re-enabled them all). */
  sync(): void {
    const t = unitTexts();
    const rows = this.rows();
    for (const [index, row] of rows.entries()) {
      const n = String(index + 1);
      required(row, '[data-slot="label"]', HTMLElement).textContent = t.fill("successorN", { n });
      const remove = required(row, '[data-slot="remove"]', HTMLButtonElement);
      remove.setAttribute("aria-label", t.fill("removeN", { n }));
      remove.disabled = rows.length <= this.min;
    }
    this.add.disabled = rows.length >= this.max;
  }
}
