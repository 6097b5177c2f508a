import type { Unit, UnitList } from "../../../worker/src/contracts/units";
import type { ClientStrings } from "../i18n";
import { callApi } from "./api";
import { fill } from "./strings";

/** Elements of the picker, all present in the form markup. */
export interface UnitPickerElements {
  input: HTMLInputElement;
  listbox: HTMLElement;
  hidden: HTMLInputElement;
  live: HTMLElement;
}

const DEBOUNCE_MS = 250;

/**
 * ARIA 1.2 combobox over `GET /api/units?q=`: typing searches (debounced, the
 * previous request aborted), arrows move the active option, Enter chooses,
 * Escape closes then clears. Choosing fills the hidden `unitId`; editing the
 * text afterwards empties it, so a half-typed name is never sent.
 */
export function setupUnitPicker(elements: UnitPickerElements, lang: "vi" | "en", t: ClientStrings): void {
  const { input, listbox, hidden, live } = elements;
  let units: Unit[] = [];
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  let chosenName = "";

  const optionId = (index: number) => `unit-option-${index}`;

  function setOpen(open: boolean): void {
    listbox.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    if (!open) setActive(-1);
  }

  function setActive(index: number): void {
    active = index;
    for (const [i, option] of [...listbox.querySelectorAll<HTMLElement>("[role=option]")].entries()) {
      option.setAttribute("aria-selected", String(i === index));
      if (i === index) option.scrollIntoView({ block: "nearest" });
    }
    if (index >= 0) input.setAttribute("aria-activedescendant", optionId(index));
    else input.removeAttribute("aria-activedescendant");
  }

  function render(): void {
    if (units.length === 0) {
      const empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = t.unitNone;
      listbox.replaceChildren(empty);
      live.textContent = t.unitNone;
      setOpen(true);
      return;
    }
    listbox.replaceChildren(
      ...units.map((unit, index) => {
        const option = document.createElement("li");
        option.id = optionId(index);
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.index = String(index);
        option.append(unit.name);
        const kind = document.createElement("small");
        kind.textContent = t.unitKinds[unit.kind];
        // Found by a former (pre-2025) name: say which, and whether the old unit was divided.
        if (unit.matchedAlias) {
          const { name, partial } = unit.matchedAlias;
          kind.textContent += ` · ${fill(partial ? t.unitFormerlyPart : t.unitFormerly, { name })}`;
        }
        option.append(kind);
        return option;
      }),
    );
    live.textContent = fill(t.unitCount, { n: units.length });
    setOpen(true);
  }

  async function search(query: string): Promise<void> {
    controller?.abort();
    controller = new AbortController();
    const params = new URLSearchParams({ q: query, limit: "20" });
    live.textContent = t.unitLoading;
    const result = await callApi<UnitList>(`/api/units?${params}`, lang, { signal: controller.signal });
    if (controller.signal.aborted) return;
    if (!result.ok) {
      live.textContent = t.network;
      return;
    }
    units = result.data.items;
    render();
  }

  function choose(index: number): void {
    const unit = units[index];
    if (!unit) return;
    hidden.value = unit.id;
    chosenName = unit.name;
    input.value = unit.name;
    input.removeAttribute("aria-invalid");
    live.textContent = fill(t.unitChosen, { name: unit.name });
    setOpen(false);
  }

  input.addEventListener("input", () => {
    if (input.value !== chosenName) hidden.value = "";
    clearTimeout(timer);
    timer = setTimeout(() => void search(input.value.trim()), DEBOUNCE_MS);
  });

  input.addEventListener("keydown", (event) => {
    const open = !listbox.hidden && units.length > 0;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) {
          if (units.length > 0) {
            setOpen(true);
            setActive(0);
          } else void search(input.value.trim());
        } else setActive((active + 1) % units.length);
        break;
      case "ArrowUp":
        event.preventDefault();
        if (open) setActive(active <= 0 ? units.length - 1 : active - 1);
        break;
      case "Home":
      case "End":
        if (open && active >= 0) {
          event.preventDefault();
          setActive(event.key === "Home" ? 0 : units.length - 1);
        }
        break;
      case "Enter":
        if (open && active >= 0) {
          event.preventDefault();
          choose(active);
        }
        break;
      case "Escape":
        if (!listbox.hidden) {
          event.preventDefault();
          setOpen(false);
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          hidden.value = "";
          chosenName = "";
        }
        break;
      case "Tab":
        setOpen(false);
        break;
    }
  });

  // mousedown keeps focus in the input, so the blur below does not close the list first.
  listbox.addEventListener("mousedown", (event) => event.preventDefault());
  listbox.addEventListener("click", (event) => {
    const option = (event.target as HTMLElement).closest<HTMLElement>("[role=option]");
    if (option) choose(Number(option.dataset.index));
  });
  input.addEventListener("blur", () => setOpen(false));
}
