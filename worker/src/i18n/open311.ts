import type { ArgumentProblemKey } from "../domain/open311/params";

/**
 * The words of the Open311 interface: error descriptions (the `description`
 * of each `{code, description}`), the discovery's `key_service` and the
 * `service_notice` of a filed request. `{argument}` is replaced by the
 * argument's name.
 */
export const OPEN311_MESSAGES = {
  bad_date: {
    vi: "{argument} phải là ngày giờ W3C có múi giờ, ví dụ 2026-12-01T09:30:00+07:00",
    en: "{argument} must be a W3C date-time with a time zone, e.g. 2026-12-01T09:30:00+07:00",
  },
  dates_required: { vi: "Cần có {argument}", en: "{argument} is required" },
  end_before_start: { vi: "end_date phải sau start_date", en: "end_date must not be before start_date" },
  span_too_long: {
    vi: "Khoảng từ start_date đến end_date không được quá 90 ngày",
    en: "start_date and end_date may not span more than 90 days",
  },
  bad_status: { vi: "status chỉ nhận open, closed", en: "status must be open or closed" },
  bad_page: { vi: "page phải là số nguyên từ 1", en: "page must be a whole number from 1" },
  bad_page_size: {
    vi: "page_size phải là số nguyên từ 1 đến 1000",
    en: "page_size must be a whole number from 1 to 1000",
  },
  too_many_ids: {
    vi: "Tối đa 1000 service_request_id mỗi lần",
    en: "At most 1000 service_request_id at a time",
  },
  not_found: { vi: "Không có tài nguyên này", en: "No such resource" },
  unknown_service: { vi: "Không có service_code này", en: "No service with this service_code" },
  unknown_request: { vi: "Không có service_request_id này", en: "No request with this service_request_id" },
  jurisdiction: { vi: "jurisdiction_id not found: không phục vụ khu vực này", en: "jurisdiction_id not found" },
  missing_key: {
    vi: "Cần api_key do quản trị viên cổng cấp",
    en: "An api_key issued by the portal's administrators is required",
  },
  bad_key: { vi: "api_key không hợp lệ hoặc đã bị thu hồi", en: "The api_key is not valid or has been revoked" },
  altcha_required: {
    vi: "Khóa của ứng dụng công khai cần kèm altcha đã giải (GET /api/challenge)",
    en: "A public app's key also needs a solved altcha (GET /api/challenge)",
  },
  rate_limited: {
    vi: "Ứng dụng đã gửi quá số yêu cầu cho phép trong giờ này, vui lòng thử lại sau",
    en: "This app has filed its hourly allowance of requests, try again later",
  },
  bad_body: {
    vi: "Nội dung gửi lên phải là application/x-www-form-urlencoded, multipart/form-data hoặc JSON",
    en: "The body must be application/x-www-form-urlencoded, multipart/form-data or JSON",
  },
  too_large: { vi: "Nội dung gửi lên quá lớn", en: "The request body is too large" },
  media_refused: {
    vi: "Không nhận tệp qua Open311; bằng chứng gửi qua trang theo dõi phản ánh",
    en: "Files are not accepted through Open311; evidence goes through the report's tracking page",
  },
  required: { vi: "Cần có {argument}", en: "{argument} is required" },
  invalid: { vi: "{argument} không hợp lệ", en: "{argument} is not valid" },
  unexpected: {
    vi: "Lỗi dịch vụ, vui lòng thử lại sau",
    en: "General service error, please try again later",
  },
  key_service: {
    vi: "Khóa api_key chỉ cấp cho ứng dụng đã đăng ký: quản trị viên cổng Phản ánh Công vụ tạo khóa, đặt hạn mức và có thể thu hồi. Chỉ cần khóa để gửi phản ánh (POST requests); đọc dữ liệu không cần khóa.",
    en: "api_key values are issued to registered client apps only: the administrators of Phản ánh Công vụ create the key, set its hourly limit and can revoke it. A key is needed to file (POST requests); reading needs none.",
  },
  contact: {
    vi: "Ban Phản ánh Công vụ, Sở Nội vụ Hà Nội (Đoàn kiểm tra công vụ thành phố)",
    en: "Phản ánh Công vụ, Hà Nội Department of Home Affairs (City Public-Service Inspection Team)",
  },
  service_notice: {
    vi: "Hãy giữ mã theo dõi (tracking_code) và mã bí mật (secret): mã bí mật chỉ hiện một lần, cần cả hai để theo dõi và trả lời phản ánh.",
    en: "Keep the tracking_code and the secret: the secret is shown only once, and both are needed to follow and answer the report.",
  },
} as const satisfies Record<ArgumentProblemKey, { vi: string; en: string }> &
  Record<string, { vi: string; en: string }>;

export type Open311MessageKey = keyof typeof OPEN311_MESSAGES;

/**
 * A message in `lang`, with `{argument}` filled in.
 *
 * @example
 * open311Message("dates_required", "en", "start_date") // "start_date is required"
 */
export function open311Message(key: Open311MessageKey, lang: "vi" | "en", argument = ""): string {
  return OPEN311_MESSAGES[key][lang].replace("{argument}", argument);
}

/**
 * The attributes every service accepts (`attribute[code]` on POST), as the
 * service definition describes them: the web form's optional fields.
 */
export const OPEN311_ATTRIBUTES = [
  {
    code: "reporter_kind",
    datatype: "singlevaluelist",
    datatype_description: {
      vi: "Một trong các giá trị dưới đây; mặc định citizen",
      en: "One of the values below; citizen when absent",
    },
    description: { vi: "Người phản ánh là", en: "The person reporting is" },
    values: [
      { key: "citizen", name: { vi: "Công dân", en: "A citizen" } },
      { key: "business", name: { vi: "Doanh nghiệp", en: "A business" } },
      { key: "organization", name: { vi: "Tổ chức", en: "An organisation" } },
    ],
  },
  {
    code: "procedure",
    datatype: "string",
    datatype_description: { vi: "Tối đa 300 ký tự", en: "At most 300 characters" },
    description: {
      vi: "Thủ tục hoặc hồ sơ liên quan (nếu có)",
      en: "The procedure or file concerned, if any",
    },
  },
  {
    code: "official",
    datatype: "string",
    datatype_description: { vi: "Tối đa 300 ký tự", en: "At most 300 characters" },
    description: {
      vi: "Cán bộ liên quan: chức danh, tên nếu biết",
      en: "The official concerned: position, name if known",
    },
  },
  {
    code: "occurred_on",
    datatype: "string",
    datatype_description: {
      vi: "Ngày dạng YYYY-MM-DD, không ở tương lai",
      en: "A date as YYYY-MM-DD, not in the future",
    },
    description: { vi: "Ngày xảy ra sự việc", en: "The day it happened" },
  },
] as const;
