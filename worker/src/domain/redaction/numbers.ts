import type { RedactionKind } from "../../contracts/redactions";
import { BANK_CONTEXT, ID_CONTEXT, MONEY_AFTER, PHONE_CONTEXT, PLATE_CONTEXT } from "./lexicon";

/** A detected span before overlaps are resolved. */
export interface Candidate {
  start: number;
  end: number;
  kind: RedactionKind;
}

/*
 * Every pattern is anchored by a look-behind so a run is tried from its first
 * character only, and no quantified group holds another unbounded one: a long
 * run of digits or letters costs linear time.
 */
const SEP = "[ .\\-\\u00a0]";
const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,5}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;
const MOBILE = new RegExp(`(?<![\\d+])(?:\\(?\\+84\\)?${SEP}?|0)[35789](?:${SEP}?\\d){8}(?!\\d)`, "g");
const LANDLINE = new RegExp(`(?<![\\d+])\\(?(?:\\+84${SEP}?|0)2\\d\\)?(?:${SEP}?\\d){8}(?!\\d)`, "g");
const PLAIN_84 = new RegExp(`(?<![\\d+])84${SEP}?[35789](?:${SEP}?\\d){8}(?!\\d)`, "g");
const ID = new RegExp(`(?<![\\d+.,])\\d(?:${SEP}?\\d){8}(?:(?:${SEP}?\\d){3})?(?![\\d])`, "g");
const ACCOUNT = new RegExp(`(?<![\\d+.,])\\d(?:${SEP}?\\d){5,18}(?![\\d])`, "g");
const PLATE = /(?<![\p{L}\p{N}])\d{2}[ -]?[A-Z][A-Z0-9]?[ .-]?(?:\d{3}\.?\d{2}|\d{4})(?![\p{L}\p{N}])/gu;
const PLATE_ANY_CASE = /(?<![\p{L}\p{N}])\d{2}[ -]?[A-Za-z][A-Za-z0-9]?[ .-]?(?:\d{3}\.?\d{2}|\d{4})(?![\p{L}\p{N}])/gu;
/** An amount written with thousands separators: 150.000.000. */
const GROUPED_AMOUNT = /^\d{1,3}(?:[.,]\d{3})+$/;
const WINDOW = 45;

type Context = "phone" | "id_number" | "bank_account" | "plate";

/** The part of the folded text before `start` that belongs to the same clause, at most `WINDOW` long. */
function windowBefore(folded: string, start: number): string {
  const raw = folded.slice(Math.max(0, start - WINDOW), start);
  let cut = 0;
  for (const m of raw.matchAll(/[;!?\n]|\.\s/g)) cut = m.index + m[0].length;
  return raw.slice(cut);
}

function lastIndex(window: string, pattern: RegExp): number {
  let last = -1;
  pattern.lastIndex = 0;
  for (const m of window.matchAll(pattern)) {
    const before = window[m.index - 1];
    const after = window[m.index + m[0].length];
    if ((before === undefined || !/[a-z0-9]/.test(before)) && (after === undefined || !/[a-z0-9]/.test(after))) {
      last = m.index;
    }
  }
  return last;
}

/** Which kind the nearest context word before a number points to, if any. */
function nearestContext(folded: string, start: number): Context | null {
  const window = windowBefore(folded, start);
  const found: [Context, number][] = [
    ["phone", lastIndex(window, PHONE_CONTEXT)],
    ["id_number", lastIndex(window, ID_CONTEXT)],
    ["bank_account", lastIndex(window, BANK_CONTEXT)],
    ["plate", lastIndex(window, PLATE_CONTEXT)],
  ];
  let best: [Context, number] | null = null;
  for (const f of found) if (f[1] >= 0 && (!best || f[1] > best[1])) best = f;
  return best ? best[0] : null;
}

function bankNameAfter(folded: string, end: number): boolean {
  const after = folded.slice(end, end + 25);
  return lastIndex(after.replace(/[;!?\n].*$/s, ""), BANK_CONTEXT) >= 0;
}

function isAmount(folded: string, match: string, end: number): boolean {
  return MONEY_AFTER.test(folded.slice(end, end + 12)) || (GROUPED_AMOUNT.test(match) && !match.startsWith("0"));
}

function digitsOf(match: string): string {
  return match.replace(/\D/g, "");
}

/** E-mail addresses, phone numbers, ID numbers, bank accounts and licence plates. */
export function detectNumbers(text: string, folded: string): Candidate[] {
  const out: Candidate[] = [];
  const push = (m: RegExpMatchArray, kind: RedactionKind) =>
    out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, kind });

  for (const m of text.matchAll(EMAIL)) push(m, "email");

  for (const m of text.matchAll(ACCOUNT)) {
    const start = m.index;
    const end = start + m[0].length;
    if (isAmount(folded, m[0], end)) continue;
    const context = nearestContext(folded, start);
    if (context === "bank_account" || (context === null && bankNameAfter(folded, end))) push(m, "bank_account");
  }

  for (const pattern of [MOBILE, LANDLINE]) {
    for (const m of text.matchAll(pattern)) {
      if (!isAmount(folded, m[0], m.index + m[0].length)) push(m, "phone");
    }
  }
  for (const m of text.matchAll(PLAIN_84)) {
    if (nearestContext(folded, m.index) === "phone") push(m, "phone");
  }

  for (const m of text.matchAll(ID)) {
    const end = m.index + m[0].length;
    if (isAmount(folded, m[0], end)) continue;
    const context = nearestContext(folded, m.index);
    if (context === "bank_account" || context === "phone") continue;
    const digits = digitsOf(m[0]);
    if (context === "id_number" || digits.startsWith("0") || digits.length === 9) push(m, "id_number");
  }

  for (const m of text.matchAll(PLATE)) push(m, "plate");
  for (const m of text.matchAll(PLATE_ANY_CASE)) {
    if (nearestContext(folded, m.index) === "plate") push(m, "plate");
  }
  return out;
}
