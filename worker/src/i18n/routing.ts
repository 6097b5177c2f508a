import type { RoutingFailureKey } from "../domain/routing";
import type { Lang } from "../env";

/** Why a lead or a report cannot be routed or split, as the problem's detail or field message. */
export const ROUTING_MESSAGES = {
  routing_closed: {
    vi: "Đầu mối đã qua bước phân loại (đã chuyển kiểm tra, đã loại, đã gộp, đã chuyển đơn hoặc đã kết luận); không thể chuyển đơn vị hoặc nhóm hành vi",
    en: "The lead is past triage (referred, dismissed, merged, forwarded or concluded); its unit or category can no longer change",
  },
  routing_inspected: {
    vi: "Đầu mối đã từng được đưa vào một cuộc kiểm tra; kết quả kiểm tra gắn với đơn vị và nhóm hành vi hiện tại",
    en: "The lead was attached to an inspection; its findings belong to its current unit and category",
  },
  routing_nothing: {
    vi: "Cần chọn đơn vị mới hoặc nhóm hành vi mới",
    en: "Choose a new unit or a new category",
  },
  routing_unchanged: {
    vi: "Đơn vị và nhóm hành vi đã chọn giống hiện tại",
    en: "The unit and category chosen are the current ones",
  },
  routing_only_report: {
    vi: "Đây là phản ánh duy nhất của đầu mối; hãy chuyển cả đầu mối",
    en: "This is the lead's only report; route the lead itself instead",
  },
  routing_unit_recused: {
    vi: "Bạn thuộc diện tránh xung đột lợi ích với đơn vị này nên không thể chuyển đầu mối đến đó",
    en: "You are recused from this unit and cannot route a lead to it",
  },
} as const satisfies Record<RoutingFailureKey, Record<Lang, string>>;
