// Stable ids for sample rows: derived from what they are about, not drawn at random.
import { createHash } from "node:crypto";

/**
 * A UUID-shaped id derived from `parts`, so a second seed run (another day,
 * so another `now`) names the same lead, note, inspection or event the same
 * way and INSERT OR IGNORE keeps what is there instead of adding a twin.
 *
 * @example
 * stableId("lead", reportId) // "3f0c…-4…-a…-…"
 */
export function stableId(...parts: (string | number)[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** An instant in ms as the Worker stores it (ISO 8601, UTC). */
export const iso = (ms: number): string => new Date(ms).toISOString();
