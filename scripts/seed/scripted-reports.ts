// SAMPLE DATA: the reports the sample always holds, written by hand for the
// demo and the browser tests (see the comment on SCRIPTED).
import type { CategoryCode } from "../../worker/src/contracts/categories.ts";
import type { LeadStatus } from "../../worker/src/contracts/leads.ts";

/** Where a lead opened by a sample report ends up (leads.ts draws it when a report has none). */
export type LeadFate = Extract<
  LeadStatus,
  "new" | "in_review" | "info_requested" | "dismissal_proposed" | "referred" | "dismissed"
>;

/**
 * Reports scripted for the demo, on top of the random ones: a bribe demand at
 * Phường Đống Đa told three times in different words (same procedure), which
 * triage clusters into one lead, and two other matters at that ward, so
 * `inspector2@demo.local` (tied to it) has leads to be recused from.
 */
export const SCRIPTED: {
  ageDays: number;
  unitId: string;
  category: CategoryCode;
  procedure: string | null;
  hint: string | null;
  fate?: LeadFate;
  text: string;
}[] = [
  {
    ageDays: 18,
    unitId: "phuong-dong-da",
    category: "bribery",
    procedure: "Chứng thực hợp đồng chuyển nhượng quyền sử dụng đất",
    hint: "Cán bộ địa chính phường",
    fate: "new",
    text: 'Tôi làm thủ tục chứng thực hợp đồng chuyển nhượng nhà đất tại bộ phận một cửa UBND phường Đống Đa. Cán bộ địa chính nói phải nộp thêm 3 triệu đồng "phí làm nhanh", không có biên lai, nếu không thì hồ sơ cứ để đó.',
  },
  {
    ageDays: 11,
    unitId: "phuong-dong-da",
    category: "harassment",
    procedure: "Chứng thực hợp đồng chuyển nhượng quyền sử dụng đất",
    hint: null,
    text: 'Hồ sơ chứng thực hợp đồng chuyển nhượng đất của gia đình tôi bị trả lại hai lần không rõ lý do. Lần thứ ba cán bộ địa chính phường nói thẳng "gửi 3 triệu thì xong trong ngày". Tôi hỏi biên lai thì bị bảo "không cần".',
  },
  {
    ageDays: 5,
    unitId: "phuong-dong-da",
    category: "bribery",
    procedure: "Chứng thực hợp đồng chuyển nhượng quyền sử dụng đất",
    hint: "Cán bộ địa chính phường",
    text: 'Chúng tôi bán căn nhà ở ngõ 165 phố Thái Hà, khi chứng thực hợp đồng chuyển nhượng tại phường Đống Đa, cán bộ địa chính gợi ý "bồi dưỡng" 3 triệu đồng thì ký ngay. Hàng xóm tôi làm cùng thủ tục cũng bị đòi đúng số tiền đó.',
  },
  {
    ageDays: 8,
    unitId: "trung-tam-phuc-vu-hanh-chinh-cong-phuong-dong-da",
    category: "conduct",
    procedure: null,
    hint: "Cán bộ ngồi quầy số 4",
    fate: "in_review",
    text: 'Cán bộ quầy số 4 quát một bà cụ vì điền sai tờ khai, nói "không biết thì đừng đi làm thủ tục". Hàng chờ hơn 20 người chứng kiến.',
  },
  {
    ageDays: 64,
    unitId: "phuong-dong-da",
    category: "delay",
    procedure: "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    hint: null,
    fate: "referred",
    text: "Giấy phép xây dựng nhà ở riêng lẻ theo quy định cấp trong 15 ngày, tôi nộp ở phường từ hơn hai tháng trước, đã quá hẹn 40 ngày mà không có văn bản giải thích.",
  },
  // Xã Bát Tràng's only three reports (see SCRIPTED_ONLY_UNITS): the public
  // statistics must show this commune with its figures suppressed.
  {
    ageDays: 35,
    unitId: "xa-bat-trang",
    category: "delay",
    procedure: "Đăng ký kinh doanh hộ kinh doanh",
    hint: null,
    fate: "referred",
    text: "Hộ gốm của gia đình tôi nộp hồ sơ đăng ký hộ kinh doanh tại bộ phận một cửa xã Bát Tràng, giấy hẹn 3 ngày làm việc nhưng đã gần một tháng chưa có kết quả, hỏi thì cán bộ chỉ bảo chờ.",
  },
  {
    ageDays: 96,
    unitId: "xa-bat-trang",
    category: "conduct",
    procedure: null,
    hint: "Cán bộ tiếp dân buổi sáng",
    fate: "dismissed",
    text: "Cán bộ tiếp dân của xã nói năng cộc cằn khi tôi hỏi về thủ tục xác nhận tình trạng hôn nhân, không hướng dẫn mà bảo tự lên mạng tìm.",
  },
  {
    ageDays: 170,
    unitId: "xa-bat-trang",
    category: "neglect",
    procedure: null,
    hint: null,
    fate: "dismissed",
    text: "Đường ống thoát nước trước chợ gốm bị vỡ hơn hai tháng, tôi đã báo xã ba lần, xã hứa cử người xuống kiểm tra nhưng đến nay chưa ai đến, nước thải tràn ra đường.",
  },
];
