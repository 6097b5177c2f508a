import { api } from "../../lib/api";
import { ConsoleElement, define } from "../../lib/console/element";
import { problemText } from "../../lib/console/problems";
import { text } from "../../lib/console/texts";

/** How many matches a search lists. */
const LIMIT = 30;

/**
 * `<unit-search>`: Enter in the box or the button searches; the matches fill
 * the select (one match is chosen at once) and their count is announced.
 * `data-preset-id`/`data-preset-name` choose a known unit from the start.
 */
export class UnitSearch extends ConsoleElement {
  protected start(): void {
    const { presetId, presetName } = this.dataset;
    if (presetId) this.preset(presetId, presetName ?? presetId);
    const input = this.input;
    this.ref("go", HTMLButtonElement).addEventListener("click", () => void this.search());
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        void this.search();
      }
    });
  }

  get input(): HTMLInputElement {
    return this.ref("q", HTMLInputElement);
  }

  get select(): HTMLSelectElement {
    return this.ref("select", HTMLSelectElement);
  }

  /** The chosen unit's id ("" when none). */
  get value(): string {
    return this.select.value;
  }

  /** Puts one known unit into the select and chooses it. */
  preset(id: string, name: string): void {
    const select = this.select;
    if (![...select.options].some((option) => option.value === id)) select.append(new Option(name, id));
    select.value = id;
  }

  private async search(): Promise<void> {
    const q = this.input.value.trim();
    if (!q) return;
    const button = this.ref("go", HTMLButtonElement);
    const live = this.ref("live", HTMLElement);
    const select = this.select;
    button.disabled = true;
    try {
      const { items } = await api.units.search(q, LIMIT);
      const kinds = text.unitKinds();
      const before = select.value;
      const first = select.options[0];
      select.replaceChildren(
        ...(first ? [first] : []),
        ...items.map((unit) => new Option(`${unit.name} (${kinds.get(unit.kind)})`, unit.id)),
      );
      if (items.length === 1 && items[0]) select.value = items[0].id;
      if (select.value !== before) select.dispatchEvent(new Event("change", { bubbles: true }));
      live.textContent = items.length
        ? text.insp().fill("unitsFound", { n: items.length })
        : text.insp().get("noUnits");
    } catch (error) {
      live.textContent = problemText(error);
    } finally {
      button.disabled = false;
    }
  }
}

define("unit-search", UnitSearch);
