import type { ReporterKind } from "../../contracts/reports";
import { containsPhrase, type NormalizedText, plainFold } from "./normalize";

/** An amount of money found in the text. */
export interface MoneyMention {
  /** The words as found in the folded text, e.g. "1,5 trieu". */
  text: string;
  /** Value in đồng when written with digits ("2 triệu" → 2 000 000); null when in words ("vài trăm nghìn"). */
  vnd: number | null;
}

/** The facts about a report that raise its severity. */
export interface Signals {
  money: MoneyMention[];
  /** Repeated visits or requests; `times` when a number was given ("đi lại 4 lần" → 4). */
  repeatedVisits: { found: boolean; times: number | null };
  /** The official as the reporter named them: the officialHint field, else a title + capitalised name in the text. */
  namedOfficial: string | null;
  evidenceCount: number;
  /** Why a business is concerned: its reporter kind, or the words that say so. */
  businessHarm: string[];
}

/** What `detectSignals` reads. */
export interface SignalInput {
  text: NormalizedText;
  officialHint?: string | null;
  reporterKind: ReporterKind;
  evidenceCount: number;
}

const UNIT_MULTIPLIERS: Record<string, number> = {
  ty: 1_000_000_000,
  trieu: 1_000_000,
  tr: 1_000_000,
  nghin: 1_000,
  ngan: 1_000,
  k: 1_000,
  dong: 1,
  d: 1,
  vnd: 1,
};

/**
 * A number then a unit. Numbers are Vietnamese style ("500.000", "1,5") or
 * English thousands ("1,500,000"). "k" must touch the number ("500k") because
 * alone it is an ordinary letter; "2 tr", "500.000 đ" and "2tr" all count.
 */
const NUMERIC_AMOUNT =
  /(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3}){2,}|\d+(?:[.,]\d+)?)(?:\s*(ty|trieu|nghin|ngan|dong|vnd|tr|d)\b|(k)\b)/g;

/** Amounts in words, counted as money without a value: "vài trăm nghìn", "mấy triệu", "hai triệu". */
const WORD_AMOUNT =
  /\b(?:vai|may|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|chuc)(?: (?:tram|chuc|muoi))? (?:ty|trieu|nghin|ngan)\b/g;

/**
 * Reads a Vietnamese number: dots in groups of three are thousands
 * ("500.000"); a single comma or dot with one or two digits after is a
 * decimal point ("1,5", "1.5"); commas in two or more groups of three are
 * English thousands ("1,500,000").
 */
function parseVietnameseNumber(raw: string): number {
  if (/^\d{1,3}(?:\.\d{3})+$/.test(raw)) return Number(raw.replace(/\./g, ""));
  if (/^\d{1,3}(?:,\d{3}){2,}$/.test(raw)) return Number(raw.replace(/,/g, ""));
  return Number(raw.replace(",", "."));
}

/**
 * Finds amounts of money in the folded text.
 *
 * @example
 * findMoney("doi 1,5 trieu va 500.000d") // [{ text: "1,5 trieu", vnd: 1500000 }, { text: "500.000d", vnd: 500000 }]
 */
export function findMoney(folded: string): MoneyMention[] {
  const found: { at: number; mention: MoneyMention }[] = [];
  for (const match of folded.matchAll(NUMERIC_AMOUNT)) {
    const unit = match[2] ?? match[3] ?? "";
    const vnd = Math.round(parseVietnameseNumber(match[1] ?? "") * (UNIT_MULTIPLIERS[unit] ?? 1));
    found.push({ at: match.index, mention: { text: match[0], vnd } });
  }
  for (const match of folded.matchAll(WORD_AMOUNT)) {
    found.push({ at: match.index, mention: { text: match[0], vnd: null } });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.mention);
}

/**
 * Rewrites every amount written with digits as `<value>d`, so "2 triệu đồng",
 * "2tr" and "2.000.000đ" read the same to the similarity measure.
 *
 * @example
 * normalizeAmounts("chi ngoai 2tr") // "chi ngoai 2000000d"
 */
export function normalizeAmounts(folded: string): string {
  return folded.replace(NUMERIC_AMOUNT, (_match, raw: string, unit?: string, k?: string) => {
    const vnd = Math.round(parseVietnameseNumber(raw) * (UNIT_MULTIPLIERS[unit ?? k ?? ""] ?? 1));
    return `${vnd}d`;
  });
}

const COUNT_WORDS: Record<string, number> = {
  hai: 2,
  ba: 3,
  bon: 4,
  tu: 4,
  nam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
};

/**
 * Repeated visits: "đi lại 4 lần", "lần thứ ba", "nhiều lần", "mấy lần".
 * "1 lần"/"một lần" is not a repetition. "lan" folds "lần" but also "làn"
 * (lane), so it only counts after a count word or before "thứ".
 *
 * @example
 * findRepeatedVisits("toi da di lai 4 lan") // { found: true, times: 4 }
 */
export function findRepeatedVisits(plain: string): Signals["repeatedVisits"] {
  let times: number | null = null;
  let found = false;
  const counted = /\b(\d+|hai|ba|bon|nam|sau|bay|tam|chin|muoi) lan\b/g;
  for (const match of plain.matchAll(counted)) {
    const n = /^\d+$/.test(match[1] ?? "") ? Number(match[1]) : (COUNT_WORDS[match[1] ?? ""] ?? 0);
    if (n >= 2) {
      found = true;
      times = Math.max(times ?? 0, n);
    }
  }
  for (const match of plain.matchAll(/\blan thu (\d+|hai|ba|tu|nam|sau|bay|tam|chin|muoi)\b/g)) {
    const n = /^\d+$/.test(match[1] ?? "") ? Number(match[1]) : (COUNT_WORDS[match[1] ?? ""] ?? 0);
    if (n >= 2) {
      found = true;
      times = Math.max(times ?? 0, n);
    }
  }
  if (/\b(nhieu|may|vai|bao nhieu) lan\b/.test(plain)) found = true;
  return { found, times };
}

/**
 * Forms of address and job titles that, followed by a capitalised name, point
 * at a person: "ông Nguyễn Văn Hùng", "chị Lan", "cán bộ Tuấn".
 */
export const OFFICIAL_TITLES = [
  "ông",
  "bà",
  "anh",
  "chị",
  "cô",
  "chú",
  "cán bộ",
  "chuyên viên",
  "đồng chí",
  "trưởng phòng",
  "phó phòng",
  "chủ tịch",
  "phó chủ tịch",
  "tên là",
  "tên",
] as const;

const NAME_WORD = "\\p{Lu}\\p{Ll}*";
/** A title (first letter in either case), then one to four capitalised words; NFC text, case-sensitive on the name. */
const NAMED_PERSON = new RegExp(
  `(?<!\\p{L})(?:${OFFICIAL_TITLES.map((t) => `[${t[0]?.toUpperCase()}${t[0]}]${t.slice(1)}`).join("|")})\\s+(${NAME_WORD}(?:\\s+${NAME_WORD}){0,3})(?!\\p{L})`,
  "gu",
);

/**
 * Capitalised words that follow a title but are not a name: "ông Chủ tịch
 * Phường", "anh Tôi" at the start of a sentence. Compared plain-folded.
 */
const NOT_NAMES = new Set([
  "chu",
  "pho",
  "truong",
  "phuong",
  "xa",
  "so",
  "uy",
  "ubnd",
  "can",
  "toi",
  "ho",
  "em",
  "nguoi",
]);

/**
 * The official the report names: the reporter's hint first, else the first
 * title + capitalised name in the text. Needs NFC text (capital letters).
 *
 * @example
 * findNamedOfficial("Hôm đó ông Nguyễn Văn Hùng nói…", null) // "Nguyễn Văn Hùng"
 * findNamedOfficial("Cán bộ tiếp dân nói…", null)          // null: no name
 */
export function findNamedOfficial(nfc: string, officialHint: string | null | undefined): string | null {
  const hint = officialHint?.trim();
  if (hint) return hint;
  for (const match of nfc.matchAll(NAMED_PERSON)) {
    const name = match[1] ?? "";
    if (!NOT_NAMES.has(plainFold(name).split(" ")[0] ?? "")) return name;
  }
  return null;
}

/** Words (plain-folded) that say a business or organisation is involved or harmed. */
export const BUSINESS_PHRASES = [
  "doanh nghiep",
  "cong ty",
  "hop tac xa",
  "ho kinh doanh",
  "nha dau tu",
  "thiet hai",
] as const;

/**
 * Why a business is concerned: the reporter is a business or organisation,
 * and/or the text uses one of BUSINESS_PHRASES.
 *
 * @example
 * findBusinessHarm("cong ty chung toi bi thiet hai", "citizen") // ["cong ty", "thiet hai"]
 */
export function findBusinessHarm(plain: string, reporterKind: ReporterKind): string[] {
  const reasons: string[] = reporterKind === "citizen" ? [] : [`reporter:${reporterKind}`];
  for (const phrase of BUSINESS_PHRASES) if (containsPhrase(plain, phrase)) reasons.push(phrase);
  return reasons;
}

/**
 * All signals of a report.
 *
 * @example
 * detectSignals({ text: normalizeText("Đi lại 3 lần, bị đòi 2 triệu"), reporterKind: "citizen", evidenceCount: 1 })
 */
export function detectSignals(input: SignalInput): Signals {
  return {
    money: findMoney(input.text.folded),
    repeatedVisits: findRepeatedVisits(input.text.plain),
    namedOfficial: findNamedOfficial(input.text.nfc, input.officialHint),
    evidenceCount: Math.max(0, input.evidenceCount),
    businessHarm: findBusinessHarm(input.text.plain, input.reporterKind),
  };
}
