import type { Lang } from "../env";

/** Field messages of the account and administration routes, in both languages. */
export const ACCOUNT_MESSAGES = {
  wrong_code: { vi: "Mã không đúng hoặc đã hết hạn", en: "Wrong or expired code" },
} as const satisfies Record<string, Record<Lang, string>>;

/** The 422 message for unit ties naming units that are not in the directory. */
export function unknownUnitsMessage(ids: readonly string[], lang: Lang): string {
  return lang === "vi" ? `Không có đơn vị: ${ids.join(", ")}` : `Unknown units: ${ids.join(", ")}`;
}
