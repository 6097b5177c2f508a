import type { Lang } from "../env";

/**
 * Picks the response language from `Accept-Language`: English only when the
 * client prefers it over Vietnamese, Vietnamese otherwise.
 *
 * @example
 * pickLang("en-US,en;q=0.9") // "en"
 * pickLang("fr, vi;q=0.5")   // "vi"
 */
export function pickLang(header: string | null | undefined): Lang {
  if (!header) return "vi";
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      const weight = q ? Number.parseFloat(q.trim().slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === "vi" || tag.startsWith("vi-")) return "vi";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return "vi";
}
