// SAMPLE DATA, local only: templates for realistic, invented reports. Every
// person, place detail and amount here is made up for the demo.
//
// `units` lists where such a report would go: "local" is any ward or commune,
// "local-center" a ward's one-stop shop, "current|former" names the unit that
// handled it before the March 2025 merger.
import type { CategoryCode } from "../../worker/src/contracts/categories.ts";
import type { ReporterKind } from "../../worker/src/contracts/reports.ts";
import type { Rng } from "./sql.ts";

/** A kind of invented report: its category, where it goes, and a text drawn with the seeded generator. */
export interface ReportTemplate {
  category: CategoryCode;
  /** "local", "local-center", a unit id, or "current|former" (see above). */
  units: string[];
  /** The reporter, when only one kind files such a report (otherwise mostly citizens). */
  kind?: ReporterKind;
  procedure?: string[];
  hints?: string[];
  text: (r: Rng) => string;
}

const AMOUNTS = ["500 nghìn đồng", "1 triệu đồng", "1,5 triệu đồng", "2 triệu đồng", "3 triệu đồng", "5 triệu đồng"];
const BIG_AMOUNTS = ["10 triệu đồng", "15 triệu đồng", "20 triệu đồng", "30 triệu đồng"];
const PLACES = [
  "ngõ 68 đường Cầu Giấy",
  "ngõ 165 phố Thái Hà",
  "phố Hàng Bông",
  "ngõ 12 Lạc Long Quân",
  "đường Nguyễn Trãi",
  "ngõ 29 Khương Hạ",
  "phố Ngọc Lâm",
  "đường Lê Trọng Tấn",
  "thôn Cổ Điển",
  "thôn Bắc Hồng",
  "ngõ 250 Kim Giang",
  "phố Vĩnh Hồ",
];
const SHOPS = ["bún chả", "phở", "tạp hóa", "sửa xe máy", "cà phê", "in ấn", "bán thuốc thú y", "cắt tóc"];
const DESKS = ["bàn số 2", "bàn số 3", "bàn số 5", "quầy tiếp nhận đất đai", "quầy hộ tịch"];

export const TEMPLATES: ReportTemplate[] = [
  {
    category: "bribery",
    units: ["local", "local-center"],
    procedure: ["Cấp giấy phép xây dựng nhà ở riêng lẻ"],
    hints: ["Cán bộ tiếp nhận hồ sơ", "Cán bộ phụ trách xây dựng của phường", "Chuyên viên địa chính"],
    text: (r) =>
      `Tôi nộp hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ tại ${r.pick(PLACES)}. Cán bộ tiếp nhận nói hồ sơ "còn thiếu" nhưng không ghi rõ thiếu gì, rồi gợi ý nếu gửi ${r.pick(AMOUNTS)} "bồi dưỡng" thì tuần sau có giấy phép. Tôi không đồng ý, đến nay đã ${r.int(25, 60)} ngày hồ sơ vẫn nằm im.`,
  },
  {
    category: "bribery",
    units: ["local-center", "van-phong-dang-ky-dat-dai-ha-noi"],
    procedure: ["Đăng ký biến động quyền sử dụng đất (sang tên sổ đỏ)"],
    hints: ["Cán bộ một cửa", "Chuyên viên chi nhánh văn phòng đăng ký đất đai"],
    text: (r) =>
      `Làm thủ tục sang tên sổ đỏ cho mảnh đất ${r.int(40, 120)} m² mua lại, cán bộ nói phải "chi ngoài" ${r.pick(AMOUNTS)} mới làm nhanh được, còn không thì "cứ chờ". Tôi đã đi lại ${r.int(3, 6)} lần, lần nào cũng được bảo thiếu một loại giấy khác nhau.`,
  },
  {
    category: "bribery",
    units: ["so-tai-chinh|so-ke-hoach-va-dau-tu"],
    kind: "business",
    procedure: ["Đăng ký thay đổi nội dung đăng ký doanh nghiệp", "Đăng ký thành lập doanh nghiệp"],
    hints: ["Chuyên viên phòng Đăng ký kinh doanh"],
    text: (r) =>
      `Công ty chúng tôi nộp hồ sơ bổ sung ngành nghề kinh doanh. Một người tự xưng quen cán bộ phòng đăng ký kinh doanh gọi điện mời "dịch vụ trọn gói" ${r.pick(AMOUNTS)}, nói nếu tự nộp sẽ bị trả về. Sau đó hồ sơ bị trả về ${r.int(2, 4)} lần, mỗi lần một lý do khác nhau, trong khi mẫu kê khai đúng hướng dẫn.`,
  },
  {
    category: "bribery",
    units: ["cong-an-thanh-pho-ha-noi"],
    kind: "business",
    procedure: ["Nghiệm thu về phòng cháy, chữa cháy"],
    hints: ["Cán bộ kiểm tra phòng cháy chữa cháy"],
    text: (r) =>
      `Cơ sở ${r.pick(["nhà hàng", "karaoke", "xưởng may", "nhà trọ"])} của tôi chờ nghiệm thu phòng cháy chữa cháy. Cán bộ kiểm tra gợi ý mua bình chữa cháy và đầu báo khói ở một cửa hàng "quen", giá cao gần gấp đôi thị trường, nếu không sẽ "khó đạt". Tổng số tiền họ đưa ra khoảng ${r.pick(BIG_AMOUNTS)}.`,
  },
  {
    category: "bribery",
    units: ["so-giao-duc-va-dao-tao", "local"],
    procedure: ["Chuyển trường đối với học sinh trung học cơ sở"],
    hints: ["Một cán bộ văn phòng nhà trường", "Phó hiệu trưởng"],
    text: (r) =>
      `Xin chuyển trường cho con vào lớp ${r.int(6, 9)} do gia đình chuyển nhà, tôi được gợi ý "đóng góp xây dựng trường" ${r.pick(BIG_AMOUNTS)}, đưa tiền mặt, không có biên lai. Khi tôi hỏi văn bản nào quy định khoản này thì được trả lời "ai cũng thế".`,
  },
  {
    category: "bribery",
    units: ["local"],
    procedure: ["Xử lý vi phạm trật tự xây dựng"],
    hints: ["Cán bộ đội trật tự đô thị", "Cán bộ phụ trách trật tự xây dựng"],
    text: (r) =>
      `Nhà tôi sửa chữa có giấy phép, treo biển đầy đủ. Tổ trật tự đô thị vẫn lập biên bản "xây dựng sai phép", sau đó một người gọi điện nói "muốn yên thì gửi ${r.pick(AMOUNTS)} mỗi tháng". Tôi có ghi âm cuộc gọi.`,
  },
  {
    category: "bribery",
    units: ["local-center"],
    procedure: ["Chứng thực bản sao từ bản chính"],
    text: (r) => `Cán bộ một cửa đòi ${r.pick(["200", "300"])} nghìn "phí nhanh" mới nhận hồ sơ chứng thực.`,
  },
  {
    category: "harassment",
    units: ["cong-an-thanh-pho-ha-noi", "local-center"],
    procedure: ["Đăng ký thường trú", "Đăng ký tạm trú"],
    hints: ["Cán bộ tiếp nhận hồ sơ cư trú"],
    text: (r) =>
      `Làm thủ tục đăng ký thường trú cho con, tôi bị yêu cầu nộp thêm giấy xác nhận không có trong danh mục thủ tục đã công bố. Tôi phải đi lại ${r.int(3, 5)} lần, mỗi lần chỉ được báo thiếu một giấy, không có phiếu hướng dẫn bằng văn bản.`,
  },
  {
    category: "harassment",
    units: ["local", "so-xay-dung"],
    procedure: ["Cấp giấy phép sửa chữa, cải tạo công trình"],
    text: (r) =>
      `Hồ sơ cấp phép cải tạo nhà bị yêu cầu sửa bản vẽ lần thứ ${r.int(3, 5)}. Mỗi lần một cán bộ có ý kiến khác nhau, chỉ nói miệng, không ghi phiếu yêu cầu bổ sung.`,
  },
  {
    category: "harassment",
    units: ["local-center", "local"],
    kind: "business",
    procedure: ["Đăng ký hộ kinh doanh"],
    text: (r) =>
      `Đăng ký hộ kinh doanh quán ${r.pick(SHOPS)}, tôi đã nộp trực tuyến đủ giấy tờ nhưng vẫn bị gọi lên trực tiếp và yêu cầu hợp đồng thuê nhà có công chứng, giấy khám sức khỏe, là những thứ quy định không bắt buộc.`,
  },
  {
    category: "harassment",
    units: ["bao-hiem-xa-hoi-thanh-pho-ha-noi"],
    procedure: ["Giải quyết hưởng chế độ thai sản", "Giải quyết hưởng bảo hiểm xã hội một lần"],
    text: (r) =>
      `Nộp hồ sơ hưởng ${r.pick(["chế độ thai sản", "bảo hiểm xã hội một lần"])}, tôi bị yêu cầu bản sao các giấy tờ đã có sẵn trên hệ thống và bị hẹn ${r.int(3, 4)} lần. Lần gần nhất cán bộ nói "mai quay lại" mà không giải thích lý do.`,
  },
  {
    category: "harassment",
    units: ["so-cong-thuong", "local"],
    kind: "business",
    text: (r) =>
      `Cửa hàng tạp hóa của gia đình tôi bị kiểm tra ${r.int(3, 5)} lần trong hai tháng bởi các đoàn khác nhau. Lần nào cũng đòi xuất trình cùng loại giấy tờ và lập biên bản "nhắc nhở" không nêu căn cứ, rồi gợi ý "liên hệ để giải quyết cho nhanh".`,
  },
  {
    category: "harassment",
    units: ["so-tu-phap"],
    procedure: ["Cấp Phiếu lý lịch tư pháp số 1"],
    text: (r) =>
      `Xin cấp phiếu lý lịch tư pháp để đi làm, tôi bị yêu cầu nộp thêm xác nhận của nơi cư trú dù đã dùng căn cước có gắn chip. Tôi phải nghỉ làm ${r.int(2, 4)} buổi chỉ để bổ sung giấy này.`,
  },
  {
    category: "shirking",
    units: ["local", "van-phong-dang-ky-dat-dai-ha-noi", "so-nong-nghiep-va-moi-truong|so-tai-nguyen-va-moi-truong"],
    procedure: ["Giải quyết tranh chấp đất đai", "Đo đạc, chỉnh lý bản đồ địa chính"],
    text: (r) =>
      `Ranh giới đất nhà tôi với nhà bên cạnh ở ${r.pick(PLACES)} bị đo sai trên bản đồ. Nơi này hướng dẫn sang nơi kia, nơi kia lại trả về, đã ${r.int(3, 6)} lần qua lại mà không cơ quan nào nhận giải quyết bằng văn bản.`,
  },
  {
    category: "shirking",
    units: ["local", "so-nong-nghiep-va-moi-truong|so-tai-nguyen-va-moi-truong"],
    text: (r) =>
      `Xưởng ${r.pick(["gỗ", "cơ khí", "nhựa tái chế", "giặt là công nghiệp"])} gần ${r.pick(PLACES)} gây ồn và khói bụi ban đêm. Tôi đã gọi đường dây nóng ${r.int(3, 7)} lần; nơi nhận phản ánh nói việc này thuộc thẩm quyền cơ quan khác và đề nghị tôi tự liên hệ.`,
  },
  {
    category: "shirking",
    units: ["so-quy-hoach-kien-truc"],
    procedure: ["Cung cấp thông tin quy hoạch"],
    text: () =>
      `Tôi xin thông tin quy hoạch của thửa đất để làm thủ tục chuyển nhượng. Sở trả lời chung chung, đề nghị hỏi UBND phường; phường nói không có bản đồ quy hoạch chi tiết và không cung cấp được. Không nơi nào trả lời bằng văn bản.`,
  },
  {
    category: "shirking",
    units: ["local"],
    text: (r) =>
      `Sau khi sắp xếp đơn vị hành chính, hồ sơ ${r.pick(["cấp giấy chứng nhận quyền sử dụng đất", "xin cấp phép xây dựng", "xác nhận nguồn gốc đất"])} tôi nộp ở quận cũ không ai nhận bàn giao. Phường mới nói chưa nhận được hồ sơ, bảo tôi nộp lại từ đầu.`,
  },
  {
    category: "shirking",
    units: ["so-noi-vu|so-lao-dong-thuong-binh-va-xa-hoi", "local"],
    procedure: ["Giải quyết chế độ trợ cấp xã hội hằng tháng"],
    text: (r) =>
      `Hồ sơ hưởng trợ cấp xã hội của mẹ tôi (${r.int(80, 92)} tuổi) bị chuyển qua lại giữa Sở và phường ${r.int(2, 4)} lần, mỗi nơi nói nơi kia phải ký trước. Đã ${r.int(3, 7)} tháng chưa có kết quả.`,
  },
  {
    category: "delay",
    units: ["van-phong-dang-ky-dat-dai-ha-noi", "local-center"],
    procedure: ["Cấp giấy chứng nhận quyền sử dụng đất lần đầu"],
    text: (r) =>
      `Hồ sơ cấp sổ đỏ lần đầu nộp từ ${r.int(4, 14)} tháng trước, giấy hẹn trả kết quả đã quá ${r.int(30, 180)} ngày. Hỏi thì chỉ được trả lời "đang trình ký".`,
  },
  {
    category: "delay",
    units: ["so-tai-chinh|so-ke-hoach-va-dau-tu"],
    kind: "business",
    procedure: ["Đăng ký thành lập doanh nghiệp"],
    text: (r) =>
      `Hồ sơ thành lập công ty TNHH hợp lệ, theo quy định giải quyết trong 3 ngày làm việc, nhưng sau ${r.int(10, 25)} ngày vẫn chưa có giấy chứng nhận. Hệ thống hiển thị "đang xử lý", gọi điện không ai nghe máy.`,
  },
  {
    category: "delay",
    units: ["so-xay-dung", "local"],
    procedure: ["Cấp giấy phép xây dựng nhà ở riêng lẻ"],
    text: (r) =>
      `Giấy phép xây dựng theo quy định cấp trong 15 ngày, tôi đã chờ ${r.int(35, 90)} ngày. Mỗi lần hỏi lại được hẹn "tuần sau". Gia đình đã thuê thợ, đặt vật liệu và phải chịu phạt hợp đồng.`,
  },
  {
    category: "delay",
    units: ["local-center"],
    procedure: ["Đăng ký khai sinh"],
    text: (r) =>
      `Đăng ký khai sinh cho con trên Cổng dịch vụ công, sau ${r.int(7, 15)} ngày vẫn chưa có kết quả, trong khi quy định là trong ngày. Con tôi chưa có mã định danh nên chưa làm được thẻ bảo hiểm y tế.`,
  },
  {
    category: "delay",
    units: ["chi-cuc-thue-khu-vuc-i"],
    kind: "business",
    procedure: ["Hoàn thuế giá trị gia tăng"],
    text: (r) =>
      `Hồ sơ hoàn thuế GTGT của doanh nghiệp chúng tôi đã quá hạn ${r.int(20, 60)} ngày, không có thông báo bổ sung hay giải trình. Doanh nghiệp nhỏ, ${r.int(12, 40)} lao động, đang thiếu vốn lưu động nghiêm trọng.`,
  },
  {
    category: "delay",
    units: ["so-noi-vu|so-lao-dong-thuong-binh-va-xa-hoi"],
    kind: "business",
    procedure: ["Cấp giấy phép lao động cho người nước ngoài"],
    text: (r) =>
      `Hồ sơ xin giấy phép lao động cho chuyên gia nước ngoài nộp đủ từ ${r.int(20, 40)} ngày trước, quá hạn mà không có thông báo. Chuyên gia phải hoãn nhận việc, công ty chịu thiệt hại.`,
  },
  {
    category: "delay",
    units: ["local-center"],
    procedure: ["Cấp bản sao trích lục khai sinh"],
    text: (r) => `Xin trích lục khai sinh, quá hẹn ${r.int(5, 12)} ngày vẫn chưa có kết quả.`,
  },
  {
    category: "neglect",
    units: ["local", "so-xay-dung|so-giao-thong-van-tai"],
    text: (r) =>
      `Hố ga mất nắp trên ${r.pick(PLACES)} đã báo ${r.int(2, 5)} lần qua đường dây nóng và trực tiếp tại trụ sở, đến nay hơn ${r.int(2, 6)} tuần chưa xử lý. Tối qua có người đi xe máy bị ngã.`,
  },
  {
    category: "neglect",
    units: ["local"],
    text: (r) =>
      `Điểm tập kết rác tự phát tại ${r.pick(PLACES)} tồn đọng ${r.int(5, 14)} ngày, bốc mùi, ngay cạnh cổng trường mầm non. Tổ dân phố đã có văn bản kiến nghị nhưng chưa được trả lời.`,
  },
  {
    category: "neglect",
    units: ["local"],
    text: (r) =>
      `Vỉa hè ${r.pick(PLACES)} bị lấn chiếm làm bãi trông xe, người đi bộ phải xuống lòng đường. Đã phản ánh nhiều lần, lực lượng chức năng đến rồi đi, ${r.int(1, 3)} hôm sau mọi thứ như cũ.`,
  },
  {
    category: "neglect",
    units: ["thanh-tra-thanh-pho", "local"],
    text: (r) =>
      `Tôi gửi đơn kiến nghị từ ${r.int(3, 9)} tháng trước, có giấy biên nhận, nhưng không nhận được thông báo thụ lý hay trả lời nào, dù luật quy định phải thông báo trong 10 ngày.`,
  },
  {
    category: "neglect",
    units: ["so-y-te", "local"],
    text: (r) =>
      `Cơ sở ${r.pick(["bán đồ ăn sáng", "chế biến giò chả", "bếp ăn tập thể"])} không có giấy chứng nhận an toàn thực phẩm vẫn hoạt động công khai gần ${r.pick(PLACES)}. Người dân đã báo nhưng không thấy kiểm tra.`,
  },
  {
    category: "conduct",
    units: ["local-center", "local"],
    hints: ["Nữ cán bộ bàn tiếp nhận", "Cán bộ tư pháp - hộ tịch", "Cán bộ ngồi quầy số 4"],
    text: (r) =>
      `Cán bộ ở ${r.pick(DESKS)} quát nạt một cụ ông ${r.int(70, 85)} tuổi vì điền sai tờ khai, nói "không biết chữ thì về nhờ con cháu". Trong giờ làm cán bộ liên tục dùng điện thoại riêng, để hàng chờ dài.`,
  },
  {
    category: "conduct",
    units: ["cong-an-thanh-pho-ha-noi"],
    hints: ["Cán bộ trực ban", "Cán bộ tiếp công dân"],
    text: () =>
      `Tôi đến hỏi thủ tục, cán bộ không chào, không trả lời, chỉ tay ra ngoài và nói "tự lên mạng mà xem". Khi tôi hỏi tên để liên hệ lại thì bị yêu cầu "đi ra".`,
  },
  {
    category: "conduct",
    units: ["local"],
    text: () => "Bảo vệ trụ sở quát người dân, không cho vào hỏi thủ tục.",
  },
  {
    category: "conduct",
    units: ["so-y-te"],
    text: () =>
      `Nhân viên tiếp đón ở khoa khám bệnh nói nặng lời với người bệnh nhiều tuổi, ném trả sổ khám xuống bàn. Nhiều người chứng kiến.`,
  },
  {
    category: "conduct",
    units: ["so-du-lich", "so-van-hoa-va-the-thao"],
    text: () =>
      `Tôi gọi đường dây nóng để phản ánh điểm tham quan thu phí không niêm yết giá, người nghe máy cắt ngang, nói "việc này không phải của chúng tôi" rồi cúp máy.`,
  },
  {
    category: "other",
    units: [
      "so-khoa-hoc-va-cong-nghe|so-thong-tin-va-truyen-thong",
      "trung-tam-phuc-vu-hanh-chinh-cong-thanh-pho-ha-noi",
    ],
    text: (r) =>
      `Cổng dịch vụ công báo lỗi khi thanh toán lệ phí, tài khoản đã bị trừ ${r.pick(["50.000", "100.000", "200.000"])} đồng nhưng hồ sơ vẫn ghi "chưa thanh toán". Gọi tổng đài ${r.int(3, 6)} lần chưa được hỗ trợ.`,
  },
  {
    category: "other",
    units: ["local-center"],
    text: () =>
      `Bảng niêm yết thủ tục hành chính tại bộ phận một cửa vẫn là bản cũ, ghi mức lệ phí và thời hạn khác với quy định hiện hành, người dân không biết làm theo bản nào.`,
  },
  {
    category: "other",
    units: ["so-tai-chinh", "local"],
    kind: "organization",
    text: () =>
      `Hội người cao tuổi của tổ dân phố đề nghị công khai chi tiết khoản thu phí vệ sinh và quỹ phòng chống thiên tai, vì chúng tôi không thấy niêm yết ở đâu.`,
  },
];

/** Sentences reporters often add; appended to some reports for variety in length. */
export const EXTRAS = [
  "Tôi còn giữ giấy biên nhận hồ sơ và tin nhắn, sẵn sàng cung cấp khi được yêu cầu.",
  "Đề nghị cơ quan có thẩm quyền kiểm tra, xử lý nghiêm để người dân không phải chịu cảnh này nữa.",
  "Tôi không muốn nêu tên vì sợ bị gây khó dễ khi quay lại làm thủ tục.",
  "Nhiều người dân khác chờ cùng buổi cũng gặp tình trạng tương tự nhưng không dám lên tiếng.",
  "Việc này làm gia đình tôi mất nhiều ngày công và chi phí đi lại.",
];

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"];
const MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Quang", "Thanh", "Đức", "Ngọc", "Hữu", "Thùy"];
const GIVEN = ["An", "Bình", "Hà", "Hương", "Tuấn", "Lan", "Dũng", "Hải", "Linh", "Phương", "Sơn", "Trang", "Khoa"];

/** A made-up Vietnamese full name. */
export function fakeName(r: Rng): string {
  return `${r.pick(FAMILY)} ${r.pick(MIDDLE)} ${r.pick(GIVEN)}`;
}

/** What an inspector asks when more information is needed. */
export const INSPECTOR_QUESTIONS = [
  "Cảm ơn anh/chị đã phản ánh. Anh/chị có thể cho biết ngày, giờ cụ thể và vị trí bàn tiếp nhận không? Nếu có giấy biên nhận hồ sơ, vui lòng đính kèm ảnh chụp.",
  "Tổ kiểm tra đã tiếp nhận. Anh/chị còn giữ tin nhắn, ghi âm hoặc giấy hẹn nào liên quan không? Nếu có, vui lòng gửi kèm tại trang theo dõi.",
];
