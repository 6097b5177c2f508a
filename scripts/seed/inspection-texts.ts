// SAMPLE DATA texts of seeded inspections: findings' reasoning and public
// summaries, scopes, the conclusion, corrective measures and units' responses.
import type { FindingOutcome, InspectionType } from "../../worker/src/contracts/inspections.ts";

/** The four outcomes, cycled through the findings. */
export const OUTCOMES: FindingOutcome[] = [
  "substantiated",
  "partly_substantiated",
  "not_substantiated",
  "could_not_verify",
];

export const REASONING: Record<FindingOutcome, string> = {
  substantiated:
    "Đối chiếu sổ theo dõi hồ sơ và làm việc với 3 công dân: cán bộ yêu cầu nộp thêm khoản tiền ngoài phí, lệ phí đã công bố; hồ sơ bị giữ quá hạn không có văn bản giải thích.",
  partly_substantiated:
    "Hồ sơ trả kết quả chậm so với giấy hẹn là có thật (7/12 hồ sơ kiểm tra); chưa đủ căn cứ về việc cán bộ đòi tiền, người phản ánh không cung cấp được nhân chứng.",
  not_substantiated:
    "Hồ sơ được tiếp nhận và trả kết quả đúng hạn trên hệ thống một cửa; camera tại quầy không ghi nhận hành vi như phản ánh.",
  could_not_verify:
    "Không xác định được hồ sơ cụ thể; người phản ánh không trả lời câu hỏi qua trang theo dõi; đơn vị không còn lưu dữ liệu camera của thời điểm phản ánh.",
};

export const PUBLIC_SUMMARY: Record<FindingOutcome, string> = {
  substantiated:
    "Đoàn kiểm tra xác định phản ánh là đúng. Đơn vị đã được yêu cầu chấn chỉnh và xem xét trách nhiệm cán bộ liên quan.",
  partly_substantiated:
    "Phản ánh đúng một phần: việc chậm trả kết quả là có thật, các nội dung khác chưa đủ căn cứ. Đơn vị được yêu cầu khắc phục.",
  not_substantiated: "Đoàn kiểm tra đã xác minh: hồ sơ được giải quyết đúng quy định, phản ánh không có căn cứ.",
  could_not_verify:
    "Đoàn kiểm tra chưa đủ thông tin để xác minh nội dung phản ánh. Nếu có thêm thông tin, anh/chị có thể phản ánh lại.",
};

/** Positions of the officials a finding names. */
export const POSITIONS = [
  "Công chức địa chính - xây dựng",
  "Cán bộ tiếp nhận hồ sơ bộ phận một cửa",
  "Phó Chủ tịch UBND phụ trách",
  "Chuyên viên phòng cấp phép",
];

export const SCOPES: Record<InspectionType, string> = {
  scheduled:
    "Kiểm tra công vụ theo kế hoạch năm: việc tiếp nhận, giải quyết thủ tục hành chính, niêm yết công khai, thái độ phục vụ; các phản ánh đã chuyển kiểm tra.",
  surprise: "Kiểm tra đột xuất việc giải quyết hồ sơ tại bộ phận một cửa theo phản ánh của người dân.",
  verification: "Xác minh nội dung phản ánh theo chỉ đạo: đối chiếu hồ sơ, làm việc với cán bộ và công dân liên quan.",
};

export const CONCLUSION = {
  text: "Đơn vị cơ bản thực hiện đúng quy trình tiếp nhận và trả kết quả; còn tình trạng trả hồ sơ chậm không có văn bản xin lỗi, niêm yết thủ tục chưa cập nhật. Các nội dung phản ánh được kết luận như trong phần phát hiện.",
  recommendations:
    "Rà soát toàn bộ hồ sơ trễ hạn từ đầu năm, gửi văn bản xin lỗi công dân; kiểm điểm cán bộ có sai phạm; cập nhật niêm yết thủ tục hành chính.",
  guidance:
    "Hướng dẫn đơn vị sử dụng sổ theo dõi hồ sơ điện tử, công khai số điện thoại đường dây nóng tại quầy, tự kiểm tra hằng quý và báo cáo kết quả.",
};

export const MEASURES = [
  "Gửi văn bản xin lỗi các công dân có hồ sơ trễ hạn và báo cáo danh sách hồ sơ đã xử lý.",
  "Tổ chức kiểm điểm cán bộ liên quan, gửi biên bản kiểm điểm về Thanh tra Thành phố.",
  "Cập nhật niêm yết thủ tục hành chính, phí, lệ phí tại bộ phận một cửa và trên cổng thông tin.",
  "Lắp đặt và công khai hòm thư, số điện thoại đường dây nóng tại khu vực tiếp nhận hồ sơ.",
];

export const RESPONSES = [
  "Đơn vị đã thực hiện, gửi kèm công văn báo cáo số 215/BC-UBND và danh sách hồ sơ đã xử lý.",
  "Đã tổ chức họp kiểm điểm ngày làm việc gần nhất; biên bản gửi kèm công văn số 87/UBND-VP.",
  "Đã cập nhật bảng niêm yết và cổng thông tin; ảnh chụp và đường dẫn gửi kèm báo cáo.",
];
