import { isTrackingCode, normalizeTrackingCode } from "./receipt";
import { fold } from "./text";

/**
 * The console's search box (`GET /api/leads?q=`): either one exact tracking
 * code, or words looked up in the folded descriptions, procedures and
 * officials of reports (the `report_search` FTS5 table of migration 0015).
 * Pure: what to look for, never how.
 */

/** What a search asks for. */
export type LeadSearch =
  /** The lead holding the report with this code (already normalised, `PA-XXXX-XXXX`). */
  | { kind: "code"; trackingCode: string }
  /**
   * Reports containing every word. `match` is an FTS5 query in which each
   * word is a quoted string, so nothing the user types is FTS5 syntax.
   */
  | { kind: "words"; words: string[]; match: string }
  /** Typed something, but not one letter or digit: nothing can match. */
  | { kind: "nothing" };

/** Words kept from one query; more add nothing to a search and only cost the index lookups. */
export const MAX_SEARCH_WORDS = 16;

/**
 * Reads the search box. A tracking code (any case, spaces around) is looked
 * up exactly; anything else is folded like the indexed columns (`fold`: no
 * marks, đ → d, lower case) and cut into words at every character that is
 * not a letter or digit, as FTS5's unicode61 tokenizer cuts the index, so
 * `"`, `*`, `-`, `NEAR`, `(` and `:` are either separators or plain words.
 * Each word becomes an FTS5 string (`"word"`), and the words are ANDed.
 * Returns undefined for an empty query (no search: the plain queue).
 *
 * @example
 * leadSearch(" pa-7kqm-x3tf ") // { kind: "code", trackingCode: "PA-7KQM-X3TF" }
 * leadSearch("Sổ ĐỎ")           // { kind: "words", words: ["so", "do"], match: '"so" "do"' }
 * leadSearch('"* NEAR(')        // { kind: "words", words: ["near"], match: '"near"' }
 * leadSearch("—")               // { kind: "nothing" }
 */
export function leadSearch(q: string | undefined): LeadSearch | undefined {
  if (q === undefined || q.trim() === "") return undefined;
  const code = normalizeTrackingCode(q);
  if (isTrackingCode(code)) return { kind: "code", trackingCode: code };
  const words = [...new Set(fold(q).split(/[^\p{L}\p{N}]+/u))].filter(Boolean).slice(0, MAX_SEARCH_WORDS);
  if (words.length === 0) return { kind: "nothing" };
  return { kind: "words", words, match: words.map((w) => `"${w}"`).join(" ") };
}

/**
 * bm25 weights of the indexed columns, in table order: description,
 * procedure, official. A word in the procedure or the official's name says
 * more about what the report is than the same word somewhere in the story.
 */
export const SEARCH_WEIGHTS = { description: 1, procedure: 2, official: 2 } as const;

/**
 * A word search ranks only the best `SEARCH_TOP_K` reports first; the page
 * is kept when it is provably the page a full ranking gives, else the full
 * ranking runs.
 */
export const SEARCH_TOP_K = 1000;

/** A word search counts at most this many leads; beyond it `total` is this and `totalCapped` true. */
export const SEARCH_COUNT_CAP = 10_000;
