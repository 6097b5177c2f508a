import type { Lang } from "../env";

/** Field messages of the lead workflow's 422s, by JSON pointer into the transition body. */
export const TRANSITION_FIELD_MESSAGES = {
  "/reason": { vi: "Cần ghi lý do", en: "A reason is required" },
  "/reasonCode": { vi: "Cần chọn mã lý do", en: "Choose a reason code" },
  "/targetLeadId": {
    vi: "Cần chọn một đầu mối khác về cùng đơn vị để gộp vào",
    en: "Choose another lead about the same unit to merge into",
  },
  "/forwardedTo": {
    vi: "Cần chọn cơ quan có thẩm quyền trong danh mục hoặc ghi tên cơ quan nhận đơn",
    en: "Choose the competent agency from the directory or type its name",
  },
} as const satisfies Record<string, Record<Lang, string>>;

/** Why an assignment, a bulk action or a contact view is refused, as the problem's detail or field message. */
export const ASSIGNMENT_MESSAGES = {
  lead_closed: {
    vi: "Đầu mối đã đóng (đã gộp, đã loại hoặc đã kết luận); không thể phân công",
    en: "The lead is closed (merged, dismissed or concluded) and cannot be assigned",
  },
  already_assigned: {
    vi: "Đầu mối đã được giao cho cán bộ khác; chỉ lãnh đạo mới giao lại được",
    en: "The lead is already assigned to someone else; only a supervisor can reassign it",
  },
  not_yours: {
    vi: "Cán bộ kiểm tra chỉ tự nhận đầu mối chưa giao hoặc trả lại đầu mối của mình; lãnh đạo phân công người khác",
    en: "An inspector may only take an unassigned lead or release their own; supervisors assign others",
  },
  unknown_staff: { vi: "Không có tài khoản cán bộ này", en: "No such staff account" },
  account_disabled: { vi: "Tài khoản cán bộ này đã bị khóa", en: "This staff account is disabled" },
  not_casework: {
    vi: "Chỉ giao được cho cán bộ kiểm tra hoặc lãnh đạo",
    en: "Only an inspector or a supervisor can be assigned",
  },
  recused: {
    vi: "Cán bộ này phải tránh: có liên hệ với đơn vị của đầu mối",
    en: "This person is recused: they are tied to the lead's unit",
  },
  inspection_closed: {
    vi: "Cuộc kiểm tra đã đóng hoặc đã hủy; không thể phân công",
    en: "The inspection is closed or cancelled and cannot be assigned",
  },
  inspection_already_assigned: {
    vi: "Cuộc kiểm tra đã được giao cho cán bộ khác; chỉ lãnh đạo mới giao lại được",
    en: "The inspection is already assigned to someone else; only a supervisor can reassign it",
  },
  inspection_not_yours: {
    vi: "Cán bộ kiểm tra chỉ tự nhận cuộc kiểm tra chưa giao hoặc trả lại cuộc kiểm tra của mình; lãnh đạo phân công người khác",
    en: "An inspector may only take an unassigned inspection or release their own; supervisors assign others",
  },
  inspection_recused: {
    vi: "Cán bộ này phải tránh: có liên hệ với đơn vị được kiểm tra",
    en: "This person is recused: they are tied to the inspected unit",
  },
  not_on_team: {
    vi: "Cuộc kiểm tra đột xuất chỉ giao được cho thành viên đoàn",
    en: "A surprise inspection can only be assigned to a member of its team",
  },
  contact_forbidden: {
    vi: "Chỉ cán bộ được giao đầu mối hoặc lãnh đạo mới xem được thông tin liên hệ của người phản ánh",
    en: "Only the lead's assignee or a supervisor may see the reporter's contact details",
  },
  assignee_filter_forbidden: {
    vi: "Cán bộ kiểm tra chỉ lọc được việc của mình (assignee=me) hoặc việc chưa giao (assignee=none)",
    en: "An inspector may filter only their own work (assignee=me) or unassigned leads (assignee=none)",
  },
  bulk_unknown_leads: {
    vi: "Có đầu mối không tồn tại hoặc bạn không được xem",
    en: "Some leads do not exist or are not visible to you",
  },
  bulk_other_unit: {
    vi: "Chỉ gộp được các đầu mối về cùng một đơn vị với đầu mối đích",
    en: "Only leads about the same unit as the target can be merged",
  },
  bulk_target_in_list: {
    vi: "Đầu mối đích không được nằm trong danh sách cần gộp",
    en: "The target lead cannot be one of the leads to merge",
  },
} as const satisfies Record<string, Record<Lang, string>>;
export type AssignmentMessageKey = keyof typeof ASSIGNMENT_MESSAGES;

/** The 422 of `GET /api/leads.csv` when more leads match than one export holds (`{max}` is the cap). */
export const EXPORT_TOO_LARGE = {
  vi: "Có hơn {max} đầu mối khớp bộ lọc; hãy thu hẹp bộ lọc để xuất tệp",
  en: "More than {max} leads match the filters; narrow them to export",
} as const satisfies Record<Lang, string>;
