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

/** The 422 of `GET /api/leads.csv` when more leads match than one export holds (`{max}` is the cap). */
export const EXPORT_TOO_LARGE = {
  vi: "Có hơn {max} đầu mối khớp bộ lọc; hãy thu hẹp bộ lọc để xuất tệp",
  en: "More than {max} leads match the filters; narrow them to export",
} as const satisfies Record<Lang, string>;
