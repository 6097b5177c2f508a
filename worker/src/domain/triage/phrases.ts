import type { CategoryCode } from "../../contracts/categories";

/**
 * A phrase that points at a category. Phrases are written plain-folded (no
 * diacritics, `đ` as `d`, single spaces) and match whole words of the folded
 * report text.
 *
 * Weights:
 * - 3: the phrase names the behaviour itself ("hạch sách", "đùn đẩy", "quát nạt");
 *   one such phrase is enough to suggest the category.
 * - 2: a strong cue that still has innocent readings ("thái độ", "hẹn lại").
 * - 1: a weak cue, only useful next to others.
 */
export interface Phrase {
  phrase: string;
  weight: 1 | 2 | 3;
}

/**
 * Two groups of words within a few words of each other, in either order: the
 * folded text loses the tone that tells "đòi" (demand) from "đợi" (wait) and
 * "đổi" (exchange), so a bare "doi" means nothing, but "doi" next to an amount
 * of money is a demand for money.
 */
export interface NearRule {
  /** Shown as the matched phrase, e.g. "doi … trieu". */
  label: string;
  first: readonly string[];
  /** Single words; a token like `2tr` or `500k` also counts as money. */
  second: readonly string[];
  /**
   * Two-word phrases in which a `second` word means something else (folding
   * makes "tiến độ", progress, read "tien do"); a word inside one of them
   * does not count.
   */
  except: readonly string[];
  /** Maximum distance in words between the two. */
  within: number;
  weight: 1 | 2 | 3;
}

export type PhraseEntry = Phrase | NearRule;

/**
 * Words for money in plain-folded text. "dong" (đồng) and "ty" (tỷ) are left
 * out on purpose: they also read "Đống Đa" and "công ty", both common in reports.
 */
export const MONEY_WORDS = ["tien", "trieu", "nghin", "ngan"] as const;

/** Phrases where "tien" is not money: tiến độ, đầu tiên, thuận tiện, tiến hành, tiên quyết. */
export const NOT_MONEY = ["tien do", "dau tien", "thuan tien", "tien hanh", "tien quyet"] as const;

/**
 * The phrase table, built on the taxonomy of DOMAIN.md. `other` has no phrases:
 * it is what is left when nothing matches.
 */
export const PHRASE_TABLE: Readonly<Record<Exclude<CategoryCode, "other">, readonly PhraseEntry[]>> = {
  bribery: [
    { phrase: "boi duong", weight: 3 },
    { phrase: "phong bi", weight: 3 },
    { phrase: "tien ca phe", weight: 3 },
    { phrase: "lot tay", weight: 3 },
    { phrase: "chi phi ngoai", weight: 3 },
    { phrase: "chi ngoai", weight: 3 },
    { phrase: "hoi lo", weight: 3 },
    { phrase: "dua tien", weight: 2 },
    { phrase: "nhan tien", weight: 2 },
    // Weak: folded, "xin cho" (the beg-for-favour mindset) also reads "xin chờ" (please wait).
    { phrase: "xin cho", weight: 1 },
    { phrase: "tieu cuc", weight: 2 },
    { phrase: "tien ngoai", weight: 2 },
    {
      label: "doi … tien",
      first: ["doi", "ra gia", "goi y"],
      second: MONEY_WORDS,
      except: NOT_MONEY,
      within: 5,
      weight: 3,
    },
  ],
  harassment: [
    { phrase: "hach sach", weight: 3 },
    { phrase: "nhung nhieu", weight: 3 },
    { phrase: "gay kho de", weight: 3 },
    { phrase: "gay phien ha", weight: 3 },
    { phrase: "bat bo sung", weight: 2 },
    { phrase: "di lai nhieu lan", weight: 2 },
    { phrase: "bat lam lai", weight: 2 },
    { phrase: "phien ha", weight: 2 },
    { phrase: "gay kho khan", weight: 2 },
    { phrase: "yeu cau bo sung", weight: 1 },
  ],
  shirking: [
    { phrase: "do loi", weight: 3 },
    { phrase: "dun day", weight: 3 },
    { phrase: "ne tranh", weight: 3 },
    { phrase: "day qua day lai", weight: 3 },
    { phrase: "so trach nhiem", weight: 3 },
    { phrase: "day sang", weight: 2 },
    { phrase: "khong thuoc tham quyen", weight: 2 },
    { phrase: "so sai", weight: 2 },
    { phrase: "khong chiu giai quyet", weight: 2 },
  ],
  delay: [
    { phrase: "qua han", weight: 3 },
    { phrase: "cham tre", weight: 3 },
    { phrase: "ngam ho so", weight: 3 },
    { phrase: "tre hen", weight: 3 },
    { phrase: "hen lai", weight: 2 },
    { phrase: "cham giai quyet", weight: 2 },
    { phrase: "chua tra ket qua", weight: 2 },
    { phrase: "keo dai", weight: 2 },
    { phrase: "cho doi", weight: 1 },
  ],
  neglect: [
    { phrase: "tac trach", weight: 3 },
    { phrase: "thieu trach nhiem", weight: 3 },
    { phrase: "lam ngo", weight: 3 },
    { phrase: "bo mac", weight: 3 },
    { phrase: "thieu quyet liet", weight: 3 },
    { phrase: "bo sot", weight: 2 },
    { phrase: "vang mat", weight: 2 },
    { phrase: "bo vi tri", weight: 2 },
    { phrase: "khong xu ly", weight: 2 },
    { phrase: "khong tra loi", weight: 1 },
  ],
  conduct: [
    { phrase: "quat nat", weight: 3 },
    { phrase: "tho lo", weight: 3 },
    { phrase: "cau gat", weight: 3 },
    { phrase: "xuc pham", weight: 3 },
    { phrase: "chui boi", weight: 3 },
    { phrase: "thai do", weight: 2 },
    { phrase: "to tieng", weight: 2 },
    { phrase: "mat lich su", weight: 2 },
    { phrase: "coi thuong", weight: 2 },
  ],
};

/** Label of an entry, as listed among the matched phrases. */
export function entryLabel(entry: PhraseEntry): string {
  return "phrase" in entry ? entry.phrase : entry.label;
}
