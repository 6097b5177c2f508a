import { all, clone, type ElementType } from "../dom";

/** A message a widget hands to its page: an alert, a status to announce, an element id to focus. */
export interface Notice {
  alert?: string;
  status?: string;
  focus?: string;
}

/** Name of the bubbling event that carries a {@link Notice} up to the page's regions. */
export const NOTICE = "console-notice";

declare global {
  interface HTMLElementEventMap {
    [NOTICE]: CustomEvent<Notice>;
  }
}

/** Custom elements are the widget boundaries: a widget's refs never reach inside another widget. */
function ownedBy(element: Element, owner: Element): boolean {
  for (let node = element.parentElement; node && node !== owner; node = node.parentElement) {
    if (node.localName.includes("-")) return false;
  }
  return true;
}

/**
 * Base of the console's widgets: one custom element per widget, its markup
 * rendered by its `.astro` component, its parts marked `data-ref="name"`
 * (and `<template data-ref="name">` for repeated rows). `start` runs once,
 * when the element first enters the page.
 *
 * @example
 * class LeadNotes extends ConsoleElement {
 *   protected start() { this.ref("form", HTMLFormElement).addEventListener("submit", …); }
 * }
 * customElements.define("lead-notes", LeadNotes);
 */
export abstract class ConsoleElement extends HTMLElement {
  #started = false;

  connectedCallback(): void {
    if (this.#started) return;
    this.#started = true;
    void this.start();
  }

  /** Wires the widget; runs once. */
  protected abstract start(): void | Promise<void>;

  /** All of this widget's `[data-ref=name]` of the given type (not those of nested widgets). */
  protected refs<T extends Element>(name: string, type: ElementType<T>): T[] {
    return all(this, `[data-ref="${name}"]`, type).filter((element) => ownedBy(element, this));
  }

  /** This widget's `[data-ref=name]`; throws naming it when missing or of another type. */
  protected ref<T extends Element>(name: string, type: ElementType<T>): T {
    const [element] = this.refs(name, type);
    if (!element) throw new Error(`[data-ref="${name}"] is missing in <${this.localName}>`);
    return element;
  }

  /** This widget's `[data-ref=name]`, or null when the markup left it out. */
  protected maybeRef<T extends Element>(name: string, type: ElementType<T>): T | null {
    return this.refs(name, type)[0] ?? null;
  }

  /** The widget's own text or setting in `data-<name>` (camelCase here); throws when the markup lacks it. */
  protected data(name: string): string {
    const value = this.dataset[name];
    if (value === undefined)
      throw new Error(`<${this.localName}> has no data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    return value;
  }

  /** A copy of the element in `<template data-ref=name>`, ids prefixed with `idPrefix` when given. */
  protected fromTemplate<T extends Element>(name: string, type: ElementType<T>, idPrefix = ""): T {
    return clone(this.ref(name, HTMLTemplateElement), type, idPrefix);
  }

  /** Sends an alert, a status or a focus request up to the page (see {@link NOTICE}). */
  protected notify(notice: Notice): void {
    this.dispatchEvent(new CustomEvent<Notice>(NOTICE, { bubbles: true, detail: notice }));
  }
}

/** Registers a widget's element once (a module may be bundled into several pages' scripts). */
export function define(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}

/**
 * A page's root widget: shows the notices its widgets send up in its
 * `alert` and `status` refs (a status clears the alert) and moves focus.
 */
export abstract class ConsolePage extends ConsoleElement {
  #listening = false;

  override connectedCallback(): void {
    if (!this.#listening) {
      this.#listening = true;
      this.addEventListener(NOTICE, (event) => this.show(event.detail));
    }
    super.connectedCallback();
  }

  protected show(notice: Notice): void {
    const alert = this.ref("alert", HTMLElement);
    if (notice.alert !== undefined) alert.textContent = notice.alert;
    if (notice.status !== undefined) {
      if (notice.alert === undefined) alert.textContent = "";
      this.ref("status", HTMLElement).textContent = notice.status;
    }
    if (notice.focus) document.getElementById(notice.focus)?.focus();
  }
}
