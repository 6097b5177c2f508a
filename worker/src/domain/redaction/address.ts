import { isPlain } from "./fold";
import type { Candidate } from "./numbers";

/*
 * A house number and its lanes: "số 12 ngõ 34 ngách 5", "nhà số 7, hẻm 3",
 * "căn hộ 1205", matched on the folded text. A lone "số 12" or "nhà 12" is an
 * address only when a street follows ("số 12 phố Huế"), not in "quầy số 3",
 * "số 5 người" or "nhà 3 tầng".
 * Ward, district and city stay: the team needs them and they name no one.
 */
const NUMBER = "\\d{1,5}[a-z]?(?:\\/\\d{1,5}[a-z]?){0,3}(?![\\/a-z0-9]|[.,]\\d)";
const STRONG = "(?:so nha|nha so|ngo|ngach|hem|kiet|can ho)";
const PART = `(?:${STRONG}|so|nha)[ \\t]*:?[ \\t]*${NUMBER}`;
const CHAIN = new RegExp(`(?<![a-z0-9])${PART}(?:[ \\t]*,?[ \\t]*${PART})*`, "g");
const STRONG_PART = new RegExp(`(?<![a-z0-9])${STRONG}[ \\t]*:?[ \\t]*\\d`);
const STREET_WORD = /^[ \t]*,?[ \t]*(?:pho|duong|d\.)[ \t]+/;
const NAME_WORD = /^\p{Lu}[\p{Ll}\p{M}]*(?![\p{L}\p{M}])/u;
/** Capitalised words that end a street name: the ward, district or city after it ("Quận", not "Quân"). */
const ADMIN_STOP = /^(?:phường|quận|xã|huyện|thành|tp|tỉnh|thị|hà nội|ubnd|và|tại|ở)(?![\p{L}\p{M}])/iu;
/** The same, typed without diacritics (matched on the folded text, for a word with none). */
const PLAIN_ADMIN_STOP = /^(?:phuong|quan|xa|huyen|thanh|tp|tinh|thi|ha noi|ubnd|va|tai|o)(?![a-z])/;

/** The end of a street name (capitalised words, at most four) starting at `from`, or `from`. */
function streetNameEnd(text: string, folded: string, from: number): number {
  let pos = from;
  let end = from;
  for (let words = 0; words < 4; words++) {
    const gap = /^[ \t]*/.exec(text.slice(pos))?.[0].length ?? 0;
    const at = pos + gap;
    const word = NAME_WORD.exec(text.slice(at, at + 30));
    if (!word) break;
    const stop = isPlain(word[0])
      ? PLAIN_ADMIN_STOP.test(folded.slice(at, at + 10))
      : ADMIN_STOP.test(text.slice(at, at + 10));
    if (stop) break;
    end = at + word[0].length;
    pos = end;
  }
  return end;
}

/** House numbers with their lanes, and the street name after them when there is one. */
export function detectAddresses(text: string, folded: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of folded.matchAll(CHAIN)) {
    const start = m.index;
    let end = start + m[0].length;
    const rest = folded.slice(end, end + 12);
    const street = STREET_WORD.exec(rest);
    const nameFrom = street ? end + street[0].length : end + (/^[ \t]*,?[ \t]*/.exec(rest)?.[0].length ?? 0);
    const nameEnd = streetNameEnd(text, folded, nameFrom);
    const hasStreet = nameEnd > nameFrom;
    if (!STRONG_PART.test(m[0]) && !hasStreet) continue;
    if (hasStreet) end = nameEnd;
    out.push({ start, end, kind: "address" });
  }
  return out;
}
