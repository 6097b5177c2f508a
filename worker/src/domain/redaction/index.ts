/**
 * Redaction (che thông tin cá nhân) of free text before it leaves the
 * inspection team: the detector suggests marks, an inspector confirms, adds
 * or removes them, and what leaves is the text with each mark replaced by its
 * kind's label. Pure: no I/O, offsets in UTF-16 code units of the NFC text.
 */
import type { RedactionKind, RedactionMark } from "../../contracts/redactions";
import { REDACTION_KINDS } from "../../contracts/redactions";
import { detectAddresses } from "./address";
import { foldKeepingOffsets } from "./fold";
import { detectNames } from "./names";
import { type Candidate, detectNumbers } from "./numbers";

/** Bumped whenever the rules change, so a stored confirmation says which rules suggested it. */
export const DETECTOR_VERSION = 1;

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

/** When two kinds claim the same characters the earlier kind wins (an account given by context beats a phone). */
const PRIORITY: readonly RedactionKind[] = ["email", "bank_account", "phone", "id_number", "plate", "address", "name"];

/** Same-kind candidates that overlap become one; then a higher-priority kind wins over a lower one. */
function resolve(candidates: Candidate[]): RedactionMark[] {
  const merged: Candidate[] = [];
  for (const kind of REDACTION_KINDS) {
    const ofKind = candidates.filter((c) => c.kind === kind).sort((a, b) => a.start - b.start);
    for (const c of ofKind) {
      const last = merged[merged.length - 1];
      if (last && last.kind === kind && c.start < last.end) last.end = Math.max(last.end, c.end);
      else merged.push({ ...c });
    }
  }
  merged.sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || a.start - b.start);
  const accepted: RedactionMark[] = [];
  for (const c of merged) {
    if (!accepted.some((a) => c.start < a.end && a.start < c.end)) accepted.push(c);
  }
  return accepted.sort((a, b) => a.start - b.start);
}

/**
 * The detector's suggested marks on an NFC text, sorted and non-overlapping:
 * phone numbers, CMND/CCCD numbers, e-mail addresses, bank accounts (after
 * "STK", "số tài khoản" or a bank's name), licence plates, house numbers with
 * their lanes and street, and personal names after anh, chị, ông, bà… or led
 * by a common surname, with or without diacritics. Dates, amounts, legal
 * references and officials' titles are left alone.
 *
 * @example
 * detectRedactions("Chị Lan (0912 345 678) ở số 5 ngõ 12 phố Huế")
 * // [{ start: 4, end: 7, kind: "name" }, { start: 9, end: 21, kind: "phone" },
 * //  { start: 26, end: 44, kind: "address" }]
 */
export function detectRedactions(text: string): RedactionMark[] {
  const folded = foldKeepingOffsets(text);
  return resolve([...detectNumbers(text, folded), ...detectAddresses(text, folded), ...detectNames(text, folded)]);
}

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
      REDACTION_KINDS.includes(m.kind) &&
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

export { foldKeepingOffsets } from "./fold";
