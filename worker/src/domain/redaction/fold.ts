/**
 * A fold that keeps every offset: each UTF-16 code unit becomes exactly one
 * code unit, lower case without its marks (ế → e, Đ → d). `fold` of
 * `domain/text.ts` goes through NFD and squeezes spaces, so its offsets do not
 * map back; matching on this form does, one to one.
 */

const folded = new Map<string, string>();

function foldUnit(unit: string): string {
  const cached = folded.get(unit);
  if (cached !== undefined) return cached;
  const base = unit.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
  const lower = unit.toLowerCase();
  const result = base.length === 1 ? base : lower.length === 1 ? lower : unit;
  folded.set(unit, result);
  return result;
}

/**
 * The text folded code unit by code unit: same length, same offsets.
 *
 * @example
 * foldKeepingOffsets("Chị Lan, SĐT") // "chi lan, sdt"
 */
export function foldKeepingOffsets(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const unit = text[i] as string;
    out += unit.charCodeAt(0) < 0x80 ? unit.toLowerCase() : foldUnit(unit);
  }
  return out;
}

/** Whether a word has no Vietnamese diacritic (typed plain, so it may stand for any accented form). */
export function isPlain(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Whether a word is one of a list's Vietnamese forms: exactly (case aside)
 * when it carries diacritics, by its folded form when it carries none.
 *
 * @example
 * matchesWord("Chị", viSet, plainSet) // true
 * matchesWord("chỉ", viSet, plainSet) // false: "chỉ" (only) is not "chị"
 * matchesWord("chi", viSet, plainSet) // true: typed without diacritics
 */
export function matchesWord(word: string, forms: ReadonlySet<string>, plainForms: ReadonlySet<string>): boolean {
  const lower = word.toLowerCase();
  return isPlain(word) ? plainForms.has(lower) : forms.has(lower);
}

/** The folded forms of a list, for `matchesWord`. */
export function plainSet(words: readonly string[]): Set<string> {
  return new Set(words.map((w) => foldKeepingOffsets(w)));
}
