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

export { applyRedactions, marksFit, REDACTION_LABELS } from "./apply";
export { foldKeepingOffsets } from "./fold";
