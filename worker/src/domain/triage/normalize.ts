import { fold, toNfc } from "../text";

/**
 * The forms of a report's text that triage works on. Every matcher in this
 * folder reads `plain`, so a phrase typed with or without diacritics (and with
 * `đ` typed as `d`) matches the same way.
 */
export interface NormalizedText {
  /** Unicode NFC, as stored and shown. Capital letters survive (names). */
  nfc: string;
  /** `fold` of domain/text.ts: lower case, no marks, `đ` → `d`; punctuation kept (amounts like "1,5"). */
  folded: string;
  /** `folded` with every run of non-letters-or-digits turned into one space: words separated by single spaces. */
  plain: string;
}

/**
 * Builds the three forms of a text.
 *
 * @example
 * normalizeText("Đòi 1,5 triệu!")
 * // { nfc: "Đòi 1,5 triệu!", folded: "doi 1,5 trieu!", plain: "doi 1 5 trieu" }
 */
export function normalizeText(text: string): NormalizedText {
  const nfc = toNfc(text);
  const folded = fold(nfc);
  return { nfc, folded, plain: toPlain(folded) };
}

/**
 * Folded text reduced to words: the form phrase matching and similarity use.
 *
 * @example
 * plainFold("Hồ sơ “sổ đỏ”, lần 2.") // "ho so so do lan 2"
 */
export function plainFold(text: string): string {
  return toPlain(fold(text));
}

function toPlain(folded: string): string {
  return folded.replace(/[^a-z0-9]+/g, " ").trim();
}

/**
 * True when `phrase` (already plain-folded) occurs in `plain` as whole words,
 * so "day sang" (đẩy sang) is not found inside "ngay sang" (ngày sáng).
 *
 * @example
 * containsPhrase("can bo day sang phong khac", "day sang") // true
 * containsPhrase("ngay sang", "day sang")                  // false
 */
export function containsPhrase(plain: string, phrase: string): boolean {
  return ` ${plain} `.includes(` ${phrase} `);
}

/**
 * Key for comparing the procedure two reports name: plain-folded, or null when
 * empty, so "Cấp sổ đỏ" and "cap so do" are the same procedure.
 *
 * @example
 * procedureKey("  Cấp Sổ đỏ ") // "cap so do"
 * procedureKey("")             // null
 */
export function procedureKey(text: string | null | undefined): string | null {
  const key = text ? plainFold(text) : "";
  return key === "" ? null : key;
}

/**
 * Forms of address and job words people put before an official's name. They
 * are dropped from the key so "ông Nguyễn Văn Hùng" and "cán bộ Nguyễn Văn
 * Hùng" compare equal; the name is what identifies the person.
 */
export const OFFICIAL_TITLE_WORDS = [
  "ong",
  "ba",
  "anh",
  "chi",
  "co",
  "chu",
  "can bo",
  "dong chi",
  "chuyen vien",
  "ten la",
  "ten",
] as const;

/**
 * Key for comparing the official two reports name: plain-folded with leading
 * forms of address removed; null when nothing but a form of address is left.
 *
 * @example
 * officialKey("Ông Nguyễn Văn Hùng")    // "nguyen van hung"
 * officialKey("cán bộ Nguyễn Văn Hùng") // "nguyen van hung"
 */
export function officialKey(text: string | null | undefined): string | null {
  let key = text ? plainFold(text) : "";
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const title of OFFICIAL_TITLE_WORDS) {
      if (key.startsWith(`${title} `)) {
        key = key.slice(title.length + 1);
        stripped = true;
      }
    }
  }
  return key === "" || (OFFICIAL_TITLE_WORDS as readonly string[]).includes(key) ? null : key;
}
