import { fold } from "../text";
import { normalizeAmounts } from "./signals";

/**
 * Two texts at least this similar (Jaccard of character trigrams after
 * canonicalisation) tell the same story. Measured on test paraphrases
 * (worker/test/unit/triage-similarity.test.ts): three wordings of one bribe
 * demand at a ward office (formal, plain, colloquial without diacritics)
 * score 0.45 to 0.47 with each other, while other complaints about the same
 * ward score 0.16 to 0.34 against them: the ward's name and "cán bộ" are
 * shared by all, and a different bribe demand at the same ward (another
 * desk, another amount) is the closest at 0.34. 0.40 sits in the middle of
 * that gap. Below it a report can still join through the same procedure or
 * official (cluster.ts).
 */
export const SIMILARITY_THRESHOLD = 0.4;

/**
 * Words (plain-folded) that carry no content: pronouns, particles, linking
 * words. They are dropped because they would make any two Vietnamese texts
 * look alike. Folding merges some words ("da" is both "đã" and "Đa" of Đống
 * Đa, "dang" both "đang" and "đăng", "do" both "đó" and "độ"), so such
 * words are left in.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "toi ta minh chung anh chi ong ba em no ay " +
    "la cua va thi khi duoc co khong nay cho voi mot nhung ma o tai neu roi se cac nhieu rat cung lai den " +
    "phai moi nhu vao ve nua hay hoac nen"
  ).split(" "),
);

/**
 * Different words for one thing, mapped to one token before comparing, so a
 * formal and a colloquial wording of the same complaint meet: "sổ đỏ" is the
 * "giấy chứng nhận quyền sử dụng đất"; "bồi dưỡng", "chi ngoài", "phong bì"…
 * are all money asked on the side. Longest phrases first.
 */
export const SYNONYMS: readonly (readonly [RegExp, string])[] = [
  [/\b(?:giay chung nhan quyen su dung dat|giay chung nhan qsdd|gcn ?qsdd|so do|so hong)\b/g, "sodo"],
  [
    /\b(?:chi phi ngoai|tien boi duong|boi duong|chi ngoai|tien ngoai|phong bi|lot tay|tien ca phe|dua tien|hoi lo)\b/g,
    "tienngoai",
  ],
  [/\b(?:uy ban nhan dan|ubnd)\b/g, "ubnd"],
  [/\b(?:ho so|giay to)\b/g, "hoso"],
  [/\b(?:giay phep xay dung|cap phep xay dung|gpxd)\b/g, "phepxaydung"],
  [/\b(?:khai sinh|giay khai sinh)\b/g, "khaisinh"],
];

/**
 * The words a text is compared on: folded, amounts normalised, synonyms
 * mapped, punctuation and stopwords removed.
 *
 * @example
 * comparableWords("Phải bồi dưỡng 2 triệu mới cấp sổ đỏ") // ["tienngoai", "2000000d", "cap", "sodo"]
 */
export function comparableWords(text: string): string[] {
  let canonical = normalizeAmounts(fold(text)).replace(/[^a-z0-9]+/g, " ");
  for (const [pattern, token] of SYNONYMS) canonical = canonical.replace(pattern, token);
  return canonical.split(" ").filter((word) => word !== "" && !STOPWORDS.has(word));
}

/**
 * Character trigrams of the comparable words joined by spaces and padded, so
 * grams span syllable boundaries. Trigrams suit Vietnamese: syllables are 1-7
 * letters and words are made of syllables, so whole-word matching misses
 * partial overlaps ("giải quyết" / "giải trình") that trigrams keep.
 */
export function trigrams(text: string): Set<string> {
  const padded = ` ${comparableWords(text).join(" ")} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

/** |A ∩ B| / |A ∪ B|; 0 for two empty sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * Similarity of two texts in [0, 1], rounded to two decimals.
 *
 * @example
 * textSimilarity("Cán bộ đòi 2 triệu mới cấp sổ đỏ", "can bo doi 2tr moi cap so do") // 1
 */
export function textSimilarity(a: string, b: string): number {
  return Math.round(jaccard(trigrams(a), trigrams(b)) * 100) / 100;
}
