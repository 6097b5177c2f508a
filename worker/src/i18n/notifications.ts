import type { Lang } from "../env";

/** Field messages of the notification preferences, in both languages. */
export const NOTIFICATION_MESSAGES = {
  unknown_kind: {
    vi: "Bạn không nhận loại thông báo này",
    en: "You do not receive this kind of notification",
  },
  mandatory: {
    vi: "Thông báo này là bắt buộc, không thể tắt",
    en: "This notification is required and cannot be turned off",
  },
} as const satisfies Record<string, Record<Lang, string>>;
