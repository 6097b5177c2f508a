// SAMPLE DATA texts of a lead's invented history: what inspectors ask and
// note, what reporters answer, and why leads are dismissed (one per code).
import type { DismissalReasonCode } from "../../worker/src/contracts/leads.ts";
import { INSPECTOR_QUESTIONS } from "./report-templates.ts";

/** What an inspector asks a reporter for. */
export const QUESTIONS = [
  ...INSPECTOR_QUESTIONS,
  "Anh/chị cho biết hồ sơ được nộp trực tiếp hay trực tuyến, và số biên nhận (nếu có)?",
  "Cán bộ đã yêu cầu khoản tiền này bằng lời nói, tin nhắn hay qua người trung gian? Anh/chị có người làm chứng không?",
];

/** A reporter's answers. */
export const REPLIES = [
  "Tôi nộp trực tiếp, giấy biên nhận số 000123/BN. Tôi đã gửi ảnh chụp biên nhận.",
  "Hôm đó khoảng 9 giờ sáng thứ Ba, tại quầy tiếp nhận. Có một người hàng xóm đi cùng tôi.",
  "Cán bộ nói bằng lời, không nhắn tin. Tôi có ghi lại ngày giờ từng lần đến.",
];

/** Inspectors' internal notes on a lead. */
export const NOTES = [
  "Đã đối chiếu trên hệ thống một cửa: hồ sơ có thật, ngày hẹn trả đã quá.",
  "Cùng đơn vị này có phản ánh tương tự năm ngoái; đề nghị xem xét đưa vào kế hoạch kiểm tra đột xuất.",
  "Người phản ánh không để lại liên hệ; chỉ trao đổi được qua trang theo dõi.",
  "Đã gọi điện cho lãnh đạo bộ phận một cửa để nắm tình hình (không nêu nguồn phản ánh).",
  "Nội dung cụ thể, có thủ tục và thời gian: đủ điều kiện xác minh theo Điều 25.",
  "Cần đối chiếu danh mục thủ tục hành chính đã công bố trước khi kết luận là nhũng nhiễu.",
];

/** [reason code, reason] pairs for dismissals, as an inspector would write them. */
export const DISMISSALS: [DismissalReasonCode, string][] = [
  [
    "insufficient_information",
    "Phản ánh không nêu thời gian, bộ phận cụ thể; đã hỏi người phản ánh qua trang theo dõi nhưng không nhận được trả lời.",
  ],
  ["not_public_service", "Nội dung là tranh chấp dân sự giữa các hộ gia đình, không thuộc hoạt động công vụ."],
  ["duplicate", "Trùng nội dung với đầu mối đã chuyển kiểm tra trước đó về cùng đơn vị."],
  ["outside_jurisdiction", "Thuộc thẩm quyền của cơ quan ngành dọc Trung ương; đã hướng dẫn người phản ánh nơi gửi."],
  ["handled_elsewhere", "Đơn vị đã tự kiểm tra, xử lý và trả lời công dân bằng văn bản; có bản sao trả lời."],
  ["unfounded", "Đã đối chiếu hồ sơ trên hệ thống một cửa: hồ sơ được giải quyết đúng hạn, không có căn cứ."],
];
