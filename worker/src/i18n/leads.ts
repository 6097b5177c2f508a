import type { Lang } from "../env";

/** Field messages of the lead workflow's 422s, by JSON pointer into the transition body. */
export const TRANSITION_FIELD_MESSAGES = {
  "/reason": { vi: "Cần ghi lý do", en: "A reason is required" },
  "/reasonCode": { vi: "Cần chọn mã lý do", en: "Choose a reason code" },
  "/targetLeadId": {
    vi: "Cần chọn một đầu mối khác về cùng đơn vị để gộp vào",
    en: "Choose another lead about the same unit to merge into",
  },
} as const satisfies Record<string, Record<Lang, string>>;
