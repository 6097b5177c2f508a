import type { ClientStrings } from "../i18n";

/** Language of the current page, from `<html lang>`. */
export function pageLang(): "vi" | "en" {
  return document.documentElement.lang === "en" ? "en" : "vi";
}

/**
 * The page's client texts, serialized at build time into `data-i18n` on the
 * script's root element (a JSON attribute keeps the HTML free of inline scripts).
 */
export function readStrings(root: HTMLElement): ClientStrings {
  return JSON.parse(root.dataset.i18n ?? "{}") as ClientStrings;
}

/**
 * Fills `{name}` placeholders.
 *
 * @example
 * fill("{n}/{max} ký tự", { n: 12, max: 5000 }) // "12/5000 ký tự"
 */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** An element that the page markup guarantees; a missing one is a build mistake, so fail loudly. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element as T;
}
