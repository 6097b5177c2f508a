/**
 * Vietnamese text helpers. Stored text is NFC; search compares a folded form:
 * lower case, no combining marks, and đ/Đ as d (đ is a letter of its own, not
 * d plus a mark, so NFD alone does not remove it).
 */

/** Unicode NFC, the form every stored text uses. */
export function toNfc(text: string): string {
  return text.normalize("NFC");
}

/**
 * Folded form for diacritic-insensitive matching.
 *
 * @example
 * fold("Sở Xây dựng")   // "so xay dung"
 * fold("ĐỐNG ĐA")       // "dong da"
 */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
}
