import { formatDate, formatDateTime } from "../format";
import { pageLang } from "../strings";

/** A `<time>` showing `dd/mm/yyyy` (or with the hour) in Hanoi time. */
export function timeEl(iso: string, withTime = false): HTMLTimeElement {
  const node = document.createElement("time");
  node.dateTime = iso;
  node.textContent = withTime ? formatDateTime(iso) : formatDate(iso);
  return node;
}

/** `YYYY-MM-DD` (a Hanoi calendar day) as `dd/mm/yyyy` in a `<time>`. */
export function dayEl(day: string): HTMLTimeElement {
  const node = document.createElement("time");
  node.dateTime = day;
  const [y, m, d] = day.split("-");
  node.textContent = `${d}/${m}/${y}`;
  return node;
}

/** A score or priority with the page's decimal separator (65,9 in Vietnamese). */
export function formatScore(value: number): string {
  return new Intl.NumberFormat(pageLang() === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 2 }).format(value);
}

/**
 * A text with `{name}` placeholders as nodes: each placeholder becomes the
 * node given for it (a `<time>`), the rest stays text.
 *
 * @example
 * withNodes("Quá hạn từ {at}", { at: timeEl(iso, true) })
 */
export function withNodes(template: string, nodes: Record<string, Node | string>): (Node | string)[] {
  return template
    .split(/(\{\w+\})/)
    .filter(Boolean)
    .map((part) => nodes[part.slice(1, -1)] ?? part);
}
