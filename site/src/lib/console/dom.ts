import { formatDate, formatDateTime } from "../format";

/**
 * Creates an element with a class and text; the console builds every node
 * this way (never innerHTML), so text from reports cannot become markup.
 *
 * @example
 * el("td", "num", "12.5")
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = "",
  text = "",
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  node.append(...children);
  return node;
}

/** A `<time>` showing `dd/mm/yyyy` (or with the hour) in Hanoi time. */
export function timeEl(iso: string, withTime = false): HTMLTimeElement {
  const node = document.createElement("time");
  node.dateTime = iso;
  node.textContent = withTime ? formatDateTime(iso) : formatDate(iso);
  return node;
}

/** A score or priority with the page's decimal separator (65,9 in Vietnamese). */
export function formatScore(value: number, lang: "vi" | "en"): string {
  return new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 2 }).format(value);
}

/** A link. */
export function link(href: string, text: string): HTMLAnchorElement {
  const node = el("a", "", text);
  node.href = href;
  return node;
}

/** Shows a message in an alert or status region (empty text hides it through CSS). */
export function say(region: HTMLElement, text: string): void {
  region.textContent = text;
}

/** A `<dl>` row pair appended to `list`. */
export function row(list: HTMLElement, term: string, value: string | Node): void {
  const dd = el("dd");
  dd.append(value);
  list.append(el("dt", "", term), dd);
}

/** Disables a form's submit buttons while `task` runs. */
export async function busy<T>(form: HTMLFormElement, task: () => Promise<T>): Promise<T> {
  const buttons = [...form.querySelectorAll<HTMLButtonElement>("button")];
  for (const button of buttons) button.disabled = true;
  form.setAttribute("aria-busy", "true");
  try {
    return await task();
  } finally {
    for (const button of buttons) button.disabled = false;
    form.removeAttribute("aria-busy");
  }
}

/** Value of a named text field of a form, trimmed. */
export function field(form: HTMLFormElement, name: string): string {
  const control = form.elements.namedItem(name);
  return control && "value" in control ? String(control.value).trim() : "";
}
