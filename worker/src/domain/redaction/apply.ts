/**
 * Applying confirmed marks: the part of redaction the console needs too (it
 * shows the inspector what will leave), kept apart from the detector's word
 * lists so the browser bundle stays small (and free of zod: types only from the contract).
 */
import type { RedactionKind, RedactionMark } from "../../contracts/redactions";

/** What replaces each kind in the text that leaves the team (Vietnamese: the released text is Vietnamese). */
export const REDACTION_LABELS: Record<RedactionKind, string> = {
  phone: "[số điện thoại]",
  id_number: "[số giấy tờ tùy thân]",
  email: "[địa chỉ email]",
  bank_account: "[số tài khoản]",
  plate: "[biển số xe]",
  address: "[địa chỉ]",
  name: "[họ tên]",
};

/**
 * Whether marks fit a text: each inside it, with a known kind, none
 * overlapping another. Checked before an inspector's marks are applied.
 */
export function marksFit(text: string, marks: readonly RedactionMark[]): boolean {
  const sorted = [...marks].sort((a, b) => a.start - b.start);
  return sorted.every(
    (m, i) =>
      Number.isInteger(m.start) &&
      Number.isInteger(m.end) &&
      m.start >= 0 &&
      m.end <= text.length &&
      m.start < m.end &&
      Object.hasOwn(REDACTION_LABELS, m.kind) &&
      (i === 0 || (sorted[i - 1] as RedactionMark).end <= m.start),
  );
}

/**
 * The text with each mark replaced by its kind's label. Marks are taken in
 * order of their start; a mark that overlaps one before it, or falls outside
 * the text, is ignored (check with `marksFit` first to refuse them instead).
 *
 * @example
 * applyRedactions("Gọi 0912345678", [{ start: 4, end: 14, kind: "phone" }]) // "Gọi [số điện thoại]"
 */
export function applyRedactions(text: string, marks: readonly RedactionMark[]): string {
  const sorted = [...marks].sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const m of sorted) {
    if (m.start < at || m.end > text.length || m.end <= m.start) continue;
    out += text.slice(at, m.start) + REDACTION_LABELS[m.kind];
    at = m.end;
  }
  return out + text.slice(at);
}
