import { en } from "./en";
import { type Dict, vi } from "./vi";

/** Languages of the site; Vietnamese is served at `/`, English under `/en/`. */
export type Lang = "vi" | "en";

/** The pages that exist in both languages. */
export type PageKey = "home" | "report" | "follow" | "stats" | "statsUnit" | "statsMethodology" | "statsOpenData";

/** Paths of each page per language; the follow link in receipts relies on these. */
export const ROUTES: Record<Lang, Record<PageKey, string>> = {
  vi: {
    home: "/",
    report: "/phan-anh/",
    follow: "/theo-doi/",
    stats: "/thong-ke/",
    statsUnit: "/thong-ke/don-vi/",
    statsMethodology: "/thong-ke/phuong-phap/",
    statsOpenData: "/thong-ke/du-lieu-mo/",
  },
  en: {
    home: "/en/",
    report: "/en/report/",
    follow: "/en/follow/",
    stats: "/en/statistics/",
    statsUnit: "/en/statistics/unit/",
    statsMethodology: "/en/statistics/methodology/",
    statsOpenData: "/en/statistics/open-data/",
  },
};

/** The dictionary of a language. */
export function dictFor(lang: Lang): Dict {
  return lang === "en" ? en : vi;
}

/** The other language, for the switch link. */
export function otherLang(lang: Lang): Lang {
  return lang === "en" ? "vi" : "en";
}

export type { ClientStrings, Dict } from "./vi";
