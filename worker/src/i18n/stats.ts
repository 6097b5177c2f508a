import type { DismissalReasonCode } from "../contracts/leads";
import type { Lang } from "../env";

/** Texts of the public statistics (issue 5) in both languages: month labels, reason labels, problems. */

const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/**
 * The public label of a month key.
 *
 * @example
 * monthLabel("2026-11", "vi") // "Tháng 11/2026"
 * monthLabel("2026-11", "en") // "November 2026"
 */
export function monthLabel(month: string, lang: Lang): string {
  const [year = "", mm = ""] = month.split("-");
  if (lang === "en") return `${MONTHS_EN[Number(mm) - 1] ?? mm} ${year}`;
  return `Tháng ${Number(mm)}/${year}`;
}

/** Public names of the dismissal reason codes (the console uses the same wording). */
export const DISMISSAL_REASON_LABELS: Readonly<
  Record<DismissalReasonCode | "unspecified", { vi: string; en: string }>
> = {
  not_public_service: { vi: "Không thuộc hoạt động công vụ", en: "Not about public service" },
  insufficient_information: { vi: "Không đủ thông tin để xác minh", en: "Too little information to verify" },
  duplicate: { vi: "Trùng với đầu mối khác", en: "Duplicate of another lead" },
  outside_jurisdiction: { vi: "Ngoài thẩm quyền của Đoàn", en: "Outside the team's jurisdiction" },
  handled_elsewhere: { vi: "Đã được cơ quan khác xử lý", en: "Already handled by another body" },
  unfounded: { vi: "Không có căn cứ", en: "Unfounded" },
  unspecified: { vi: "Không ghi mã lý do", en: "No reason code recorded" },
};

/** Problem texts of the statistics endpoints. */
export const STATS_MESSAGES = {
  to_before_from: {
    vi: "Ngày kết thúc không được trước ngày bắt đầu",
    en: "The end date must not be before the start date",
  },
  period_too_long: {
    vi: "Khoảng thời gian tối đa là 10 năm (120 tháng)",
    en: "A period can be at most 10 years (120 months)",
  },
  unknown_unit: { vi: "Không có đơn vị này trong danh mục", en: "This unit is not in the directory" },
} as const satisfies Record<string, Record<Lang, string>>;
