/** Texts of the errors the inspection queries produce, in both languages. */
import type { Lang } from "../env";

export const INSPECTION_MESSAGES = {
  recused: {
    vi: "Cán bộ này phải tránh (có liên hệ với đơn vị được kiểm tra)",
    en: "This person is recused (tied to the inspected unit)",
  },
  not_staff: { vi: "Không phải cán bộ kiểm tra đang hoạt động", en: "Not an active inspector or supervisor" },
  duplicate_member: { vi: "Cán bộ đã có trong đoàn", en: "Already on the team" },
  second_head: { vi: "Đoàn kiểm tra chỉ có một trưởng đoàn", en: "A team has one head" },
  team_empty: { vi: "Đoàn kiểm tra cần ít nhất một người", en: "The team needs at least one person" },
  lead_unusable: {
    vi: "Đầu mối phải đã được chuyển kiểm tra, về cùng đơn vị và chưa gắn với cuộc kiểm tra khác",
    en: "The lead must be referred, about the same unit and not attached to another inspection",
  },
  extension_one_of: {
    vi: "Hãy nhập ngày hạn mới hoặc số ngày làm việc gia hạn (chỉ một trong hai)",
    en: "Give either the new due date or the number of working days to add (one of the two)",
  },
  extension_not_working_day: {
    vi: "Ngày hạn mới phải là ngày làm việc (không phải thứ Bảy, Chủ nhật hay ngày nghỉ lễ)",
    en: "The new due date must be a working day (not a weekend or a public holiday)",
  },
  extension_not_later: {
    vi: "Ngày hạn mới phải sau thời hạn hiện tại và sau hôm nay",
    en: "The new due date must be after the current deadline and after today",
  },
  lead_not_attached: { vi: "Đầu mối không thuộc cuộc kiểm tra này", en: "The lead is not attached to this inspection" },
  plan_conflict: {
    vi: "Đơn vị đã có một cuộc kiểm tra theo kế hoạch trong năm này; hãy tách cuộc kiểm tra hiện có thay vì tạo mới",
    en: "The unit already has a scheduled visit this year; split that visit instead of creating another",
  },
  ends_before_start: { vi: "Ngày kết thúc trước ngày bắt đầu", en: "Ends before it starts" },
  other_year: {
    vi: "Không thể dời cuộc kiểm tra sang năm kế hoạch khác",
    en: "An inspection cannot move to another plan year",
  },
  findings_missing: {
    vi: "Cần ghi kết quả xác minh cho mọi đầu mối trước khi kết luận",
    en: "Record a finding for every attached lead before concluding",
  },
  unknown_unit: { vi: "Không có đơn vị này", en: "No such unit" },
  cancel_reason: {
    vi: "Hãy ghi lý do hủy cuộc kiểm tra (ít nhất 10 ký tự)",
    en: "Give the reason for cancelling the inspection (at least 10 characters)",
  },
  split_keeps_one: {
    vi: "Khi tách, cuộc kiểm tra hiện có phải giữ lại ít nhất một đầu mối",
    en: "A split leaves at least one lead on the existing visit",
  },
  measures_required: {
    vi: "Kết luận có nội dung phản ánh có căn cứ phải đề ra ít nhất một biện pháp chấn chỉnh",
    en: "A conclusion that substantiates a lead must order at least one corrective measure",
  },
  deadline_past: { vi: "Hạn đã qua", en: "The deadline has passed" },
  not_member: { vi: "Chỉ thành viên đoàn kiểm tra được làm việc này", en: "Only team members may do this" },
} as const satisfies Record<string, Record<Lang, string>>;

export type InspectionMessageKey = keyof typeof INSPECTION_MESSAGES;
