import { foldKeepingOffsets, isPlain, matchesWord, plainSet } from "./fold";
import {
  AMBIGUOUS_GIVEN,
  GIVEN_NAMES,
  LOWERCASE_TRIGGERS,
  MIDDLE_NAMES,
  NAME_TRIGGERS,
  PLACE_NAMES,
  PLACE_WORDS,
  PLAIN_PLACE_WORDS,
  PLAIN_TITLE_WORDS,
  SURNAMES,
  TITLE_WORDS,
  TRIGGER_COLLOCATIONS,
} from "./lexicon";
import type { Candidate } from "./numbers";

interface Token {
  start: number;
  end: number;
  word: string;
  fold: string;
}

const TRIGGERS = new Set<string>(NAME_TRIGGERS);
const PLAIN_TRIGGERS = plainSet(NAME_TRIGGERS);
const LOWER_TRIGGERS = new Set<string>(LOWERCASE_TRIGGERS);
const PLAIN_LOWER_TRIGGERS = plainSet(LOWERCASE_TRIGGERS);
const FORM_LABELS = new Set(["tên", "tên là", "họ tên", "họ và tên", "ten", "ten la", "ho ten", "ho va ten"]);
const SURNAME_SET = new Set<string>(SURNAMES);
const PLAIN_SURNAMES = plainSet(SURNAMES);
const GIVEN_SET = new Set<string>(GIVEN_NAMES);
const PLAIN_SAFE_GIVEN = plainSet(GIVEN_NAMES.filter((g) => !(AMBIGUOUS_GIVEN as readonly string[]).includes(g)));
const PLAIN_GIVEN = plainSet(GIVEN_NAMES);
const MIDDLE_SET = new Set<string>(MIDDLE_NAMES);
const PLAIN_MIDDLE = plainSet(MIDDLE_NAMES);
const TITLE_SET = new Set<string>(TITLE_WORDS);
const PLAIN_TITLE_SINGLE = new Set<string>(PLAIN_TITLE_WORDS.filter((w) => !w.includes(" ")));
const PLAIN_TITLE_PAIRS = new Set<string>(PLAIN_TITLE_WORDS.filter((w) => w.includes(" ")));
const PLACE_SET = new Set<string>(PLACE_WORDS);
const PLAIN_PLACE_SET = new Set<string>(PLAIN_PLACE_WORDS);
/** Wards and communes are named after places, never with a full three-word personal name. */
const ADMIN_SET = new Set(["phường", "xã", "quận", "huyện", "tỉnh", "thôn"]);
const PLAIN_ADMIN = new Set(["phuong", "xa", "quan", "huyen", "tinh", "thon"]);
const COLLOCATIONS = new Set<string>(TRIGGER_COLLOCATIONS);

const CAPITALISED = /^\p{Lu}[\p{Ll}\p{M}]*$/u;
const ALL_CAPS = /^[\p{Lu}\p{M}]+$/u;
const LOWER = /^[\p{Ll}\p{M}]+$/u;

function tokenize(text: string, folded: string): Token[] {
  return [...text.matchAll(/[\p{L}\p{M}]+/gu)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    word: m[0],
    fold: folded.slice(m.index, m.index + m[0].length),
  }));
}

/** Whether the gap between two tokens is only spaces (one word follows the other). */
function spaced(text: string, a: Token, b: Token): boolean {
  return /^[ \t\u00a0]{1,3}$/.test(text.slice(a.end, b.start));
}

function startsPlaceName(folded: string, at: number): boolean {
  return PLACE_NAMES.some((p) => folded.startsWith(p, at) && !/[a-z]/.test(folded[at + p.length] ?? ""));
}

function isTitle(tokens: Token[], j: number): boolean {
  const first = tokens[j] as Token;
  if (matchesWord(first.word, TITLE_SET, PLAIN_TITLE_SINGLE)) return true;
  const next = tokens[j + 1];
  return next !== undefined && PLAIN_TITLE_PAIRS.has(`${first.fold} ${next.fold}`);
}

function isPlace(token: Token | undefined): boolean {
  return token !== undefined && matchesWord(token.word, PLACE_SET, PLAIN_PLACE_SET);
}

/** A trigger of one to three words starting at token `i`: its length in tokens, or 0. */
function triggerAt(text: string, tokens: Token[], i: number): number {
  const first = tokens[i] as Token;
  const next = tokens[i + 1];
  if (/^[đd]$/i.test(first.word) && next?.word.toLowerCase() === "c" && text.slice(first.end, next.start) === "/") {
    return 2;
  }
  for (const length of [3, 2, 1]) {
    const words = tokens.slice(i, i + length);
    if (words.length < length) continue;
    if (words.some((w, k) => k > 0 && !spaced(text, words[k - 1] as Token, w))) continue;
    const phrase = words.map((w) => w.word.toLowerCase()).join(" ");
    const plain = words.every((w) => isPlain(w.word)) && PLAIN_TRIGGERS.has(words.map((w) => w.fold).join(" "));
    if (TRIGGERS.has(phrase) || plain) return length;
  }
  return 0;
}

/** The tokens of a name written in capitals after a trigger, from `j`: the index after the last one. */
function capitalisedRun(text: string, tokens: Token[], j: number, pattern: RegExp): number {
  let k = j;
  while (k < j + 4 && k < tokens.length) {
    const token = tokens[k] as Token;
    if (!pattern.test(token.word)) break;
    if (k > j && (!spaced(text, tokens[k - 1] as Token, token) || isTitle(tokens, k))) break;
    k++;
  }
  return k;
}

/**
 * A name in lower case after a lower-case-capable trigger (text typed without
 * capitals): a surname with a middle name and more ("nguyen thi hoa"; a
 * lone surname is too often a word: làm, lẽ, họ), or one given name that is
 * rarely a word ("chi lan"), except after "ba", which is also "three" ("ba lan").
 */
function lowercaseRun(text: string, tokens: Token[], j: number, trigger: string): number {
  const first = tokens[j] as Token;
  const second = tokens[j + 1];
  if (
    matchesWord(first.word, SURNAME_SET, PLAIN_SURNAMES) &&
    second &&
    LOWER.test(second.word) &&
    spaced(text, first, second) &&
    matchesWord(second.word, MIDDLE_SET, PLAIN_MIDDLE)
  ) {
    let k = j + 2;
    while (k < j + 4 && k < tokens.length) {
      const token = tokens[k] as Token;
      const nameLike =
        matchesWord(token.word, MIDDLE_SET, PLAIN_MIDDLE) ||
        matchesWord(token.word, GIVEN_SET, PLAIN_GIVEN) ||
        /^[a-z]$/.test(token.word);
      if (!LOWER.test(token.word) || !nameLike || !spaced(text, tokens[k - 1] as Token, token)) break;
      k++;
    }
    return k;
  }
  if (trigger === "ba") return j;
  return matchesWord(first.word, GIVEN_SET, PLAIN_SAFE_GIVEN) ? j + 1 : j;
}

function triggered(text: string, folded: string, tokens: Token[], i: number, length: number): Candidate | null {
  const j = i + length;
  const first = tokens[j];
  const trigger = tokens.slice(i, j);
  const lastOfTrigger = trigger[trigger.length - 1] as Token;
  if (!first) return null;
  const phrase = trigger.map((t) => t.word.toLowerCase()).join(" ");
  const gap = text.slice(lastOfTrigger.end, first.start);
  const formLabel = FORM_LABELS.has(phrase) || FORM_LABELS.has(trigger.map((t) => t.fold).join(" "));
  if (!/^[ \t\u00a0]{1,3}$/.test(gap) && !(formLabel && /^[ \t]*:[ \t]*$/.test(gap))) return null;
  const before = tokens[i - 1];
  const joined = before !== undefined && spaced(text, before, tokens[i] as Token);
  if (joined && (isPlace(before) || startsPlaceName(folded, before.start))) return null;
  if (startsPlaceName(folded, (tokens[i] as Token).start) || startsPlaceName(folded, first.start)) return null;
  if (LOWER.test(first.word) && COLLOCATIONS.has(`${phrase} ${first.word}`)) return null;

  let end = j;
  if (CAPITALISED.test(first.word)) {
    if (isTitle(tokens, j)) return null;
    end = capitalisedRun(text, tokens, j, CAPITALISED);
  } else if (ALL_CAPS.test(first.word) && trigger.every((t) => ALL_CAPS.test(t.word))) {
    const known =
      matchesWord(first.word, SURNAME_SET, PLAIN_SURNAMES) || matchesWord(first.word, GIVEN_SET, PLAIN_SAFE_GIVEN);
    if (!known || isTitle(tokens, j)) return null;
    end = capitalisedRun(text, tokens, j, ALL_CAPS);
  } else if (LOWER.test(first.word)) {
    const lowerTrigger = LOWER_TRIGGERS.has(phrase) || (isPlain(phrase) && PLAIN_LOWER_TRIGGERS.has(phrase));
    if (!lowerTrigger) return null;
    end = lowercaseRun(text, tokens, j, phrase);
  }
  if (end <= j) return null;
  return { start: first.start, end: (tokens[end - 1] as Token).end, kind: "name" };
}

/**
 * A full name in capitals without a trigger, led by a common surname:
 * "Nguyễn Văn Hùng". Two words are enough after lower-case text; three are
 * needed after another capitalised word ("UBND phường Láng Nguyễn Văn A").
 */
function bareName(text: string, folded: string, tokens: Token[], j: number): Candidate | null {
  const first = tokens[j] as Token;
  if (!CAPITALISED.test(first.word) || !matchesWord(first.word, SURNAME_SET, PLAIN_SURNAMES)) return null;
  const end = capitalisedRun(text, tokens, j, CAPITALISED);
  const words = end - j;
  if (words < 2) return null;
  const before = tokens[j - 1];
  if (before && spaced(text, before, first)) {
    if (isPlace(before) && !(words >= 3 && matchesWord(before.word, ADMIN_SET, PLAIN_ADMIN))) return null;
    if (!LOWER.test(before.word) && words < 3) return null;
  }
  if (/\d[ \t]*$/.test(text.slice(Math.max(0, first.start - 4), first.start))) return null;
  if (startsPlaceName(folded, first.start)) return null;
  return { start: first.start, end: (tokens[end - 1] as Token).end, kind: "name" };
}

/** Personal names: after a trigger word (anh, chị, ông, bà…), or a full name led by a surname. */
export function detectNames(text: string, folded: string = foldKeepingOffsets(text)): Candidate[] {
  const tokens = tokenize(text, folded);
  const out: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const length = triggerAt(text, tokens, i);
    if (length > 0) {
      const found = triggered(text, folded, tokens, i, length);
      if (found) out.push(found);
    }
    const bare = bareName(text, folded, tokens, i);
    if (bare) out.push(bare);
  }
  return out;
}
