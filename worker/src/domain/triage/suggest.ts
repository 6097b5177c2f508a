import { CATEGORY_CODES, type CategoryCode } from "../../contracts/categories";
import { containsPhrase } from "./normalize";
import { entryLabel, type NearRule, PHRASE_TABLE, type PhraseEntry } from "./phrases";

/**
 * Pseudo-count added to the denominator of the confidence, standing for the
 * evidence the phrase table cannot see. With it, a single weight-3 phrase gives
 * 3 / (3 + 2) = 0.6, two of them 6 / 8 = 0.75, a lone weight-1 cue only
 * 1 / 3 ≈ 0.33, and two categories tied at 3 each 3 / 8 ≈ 0.38.
 */
export const CONFIDENCE_PRIOR = 2;

/** What the phrase table says about a text. */
export interface CategorySuggestion {
  /** The best-scoring category, or null when no phrase matched at all. */
  code: CategoryCode | null;
  /** top score / (sum of all scores + CONFIDENCE_PRIOR), two decimals; 0 when nothing matched. */
  confidence: number;
  /** Phrases that matched for the suggested category, in table order. */
  matched: string[];
  /** Sum of matched weights per category (categories with no match are absent). */
  scores: Partial<Record<CategoryCode, number>>;
  /** True when a category was suggested and it is not the reporter's choice: an inspector should look. */
  differs: boolean;
}

/**
 * Suggests a category from the plain-folded description. Ties go to the
 * reporter's own choice (no reason to contradict them), then to the more severe
 * category (the order of CATEGORY_CODES), so the result is deterministic.
 *
 * @example
 * suggestCategory(normalizeText("Cán bộ quát nạt, thái độ thô lỗ").plain, "bribery")
 * // { code: "conduct", confidence: 0.8, matched: ["quat nat", "tho lo", "thai do"], differs: true, … }
 */
export function suggestCategory(plain: string, reporterChoice: CategoryCode): CategorySuggestion {
  const tokens = plain === "" ? [] : plain.split(" ");
  const scores: Partial<Record<CategoryCode, number>> = {};
  const matchedBy: Partial<Record<CategoryCode, string[]>> = {};
  for (const [code, entries] of Object.entries(PHRASE_TABLE) as [CategoryCode, readonly PhraseEntry[]][]) {
    for (const entry of entries) {
      const hit = "phrase" in entry ? containsPhrase(plain, entry.phrase) : matchesNear(tokens, entry);
      if (!hit) continue;
      scores[code] = (scores[code] ?? 0) + entry.weight;
      matchedBy[code] = [...(matchedBy[code] ?? []), entryLabel(entry)];
    }
  }
  const ranked = CATEGORY_CODES.filter((code) => (scores[code] ?? 0) > 0).sort(
    (a, b) =>
      (scores[b] ?? 0) - (scores[a] ?? 0) ||
      Number(b === reporterChoice) - Number(a === reporterChoice) ||
      CATEGORY_CODES.indexOf(a) - CATEGORY_CODES.indexOf(b),
  );
  const code = ranked[0] ?? null;
  if (code === null) return { code: null, confidence: 0, matched: [], scores, differs: false };
  const total = Object.values(scores).reduce((sum, value) => sum + value, 0);
  const confidence = Math.round(((scores[code] ?? 0) / (total + CONFIDENCE_PRIOR)) * 100) / 100;
  return { code, confidence, matched: matchedBy[code] ?? [], scores, differs: code !== reporterChoice };
}

/**
 * True when a token is money: one of the rule's words (outside its `except`
 * phrases), an amount glued to its unit ("2tr", "500k"), or "tr" right after
 * a number ("2 tr").
 */
function isMoneyAt(tokens: readonly string[], index: number, rule: NearRule): boolean {
  const token = tokens[index] ?? "";
  if (/^\d+(?:tr|k)$/.test(token)) return true;
  if (token === "tr") return /^\d+$/.test(tokens[index - 1] ?? "");
  if (!rule.second.includes(token)) return false;
  const before = `${tokens[index - 1] ?? ""} ${token}`;
  const after = `${token} ${tokens[index + 1] ?? ""}`;
  return !rule.except.includes(before) && !rule.except.includes(after);
}

function matchesNear(tokens: readonly string[], rule: NearRule): boolean {
  for (const first of rule.first) {
    const words = first.split(" ");
    for (let start = 0; start + words.length <= tokens.length; start++) {
      if (!words.every((word, k) => tokens[start + k] === word)) continue;
      const end = start + words.length - 1;
      const from = Math.max(0, start - rule.within);
      const to = Math.min(tokens.length - 1, end + rule.within);
      for (let index = from; index <= to; index++) {
        if (index >= start && index <= end) continue;
        if (isMoneyAt(tokens, index, rule)) return true;
      }
    }
  }
  return false;
}
