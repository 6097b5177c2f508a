import type { z } from "zod";

/**
 * The validation messages of the contracts, in both languages: the Worker's
 * 422 problems and the site's forms show the same sentence for the same
 * issue. Here, beside the contracts, because the site imports nothing else of
 * the Worker.
 */

/** Languages the messages are written in (the API's `Lang`). */
type Lang = "vi" | "en";

/** A field-level message, RFC 6901 pointer into the request body or query. */
export interface FieldError {
  pointer: string;
  message: string;
}

/**
 * Messages for custom checks in the contracts. A contract raises a custom issue
 * with `params: { key }`; the key picks the message here, in both languages.
 */
export const CUSTOM_MESSAGES = {
  future_date: { vi: "Ngày không được ở tương lai", en: "The date cannot be in the future" },
  contact_on_anonymous: {
    vi: "Phản ánh ẩn danh không được kèm thông tin liên hệ",
    en: "An anonymous report cannot carry contact details",
  },
  contact_required: {
    vi: "Phản ánh có danh tính cần email hoặc số điện thoại",
    en: "A named report needs an email or a phone number",
  },
  email: { vi: "Email không hợp lệ", en: "Not a valid email address" },
  phone: { vi: "Số điện thoại không hợp lệ", en: "Not a valid phone number" },
  date: { vi: "Ngày phải có dạng YYYY-MM-DD và có thật", en: "The date must be a real date as YYYY-MM-DD" },
  stats_date: {
    vi: "Ngày phải có dạng YYYY-MM-DD, từ năm 2000 đến năm 2099",
    en: "The date must be YYYY-MM-DD, from 2000 to 2099",
  },
  altcha: {
    vi: "Chưa vượt qua kiểm tra chống gửi tự động, vui lòng thử lại",
    en: "The anti-spam check failed, please try again",
  },
  unknown_unit: { vi: "Không có đơn vị này trong danh mục", en: "This unit is not in the directory" },
  unit_ended: {
    vi: "Đơn vị này đã ngừng hoạt động hoặc được chia tách; hãy chọn đơn vị hiện nay",
    en: "This unit has ended or was divided; choose the unit that serves you now",
  },
  unknown_category: { vi: "Không có nhóm hành vi này", en: "This category does not exist" },
  received_future: {
    vi: "Ngày tiếp nhận không được sau ngày hôm nay",
    en: "The day received cannot be after today",
  },
  received_too_old: {
    vi: "Ngày tiếp nhận không được sớm hơn một năm trước",
    en: "The day received cannot be more than a year ago",
  },
  occurred_after_received: {
    vi: "Ngày xảy ra không được sau ngày tiếp nhận",
    en: "The day it happened cannot be after the day received",
  },
  blank: { vi: "Không được để trống", en: "This cannot be blank" },
  empty_patch: { vi: "Cần ít nhất một thay đổi", en: "Give at least one change" },
  holiday_year: {
    vi: "Năm phải là số nguyên từ 2000 đến 2100",
    en: "The year must be a whole number from 2000 to 2100",
  },
  holiday_date: {
    vi: "Ngày phải có dạng YYYY-MM-DD, có thật, từ năm 2000 đến năm 2100",
    en: "The date must be a real date as YYYY-MM-DD, from 2000 to 2100",
  },
  holiday_on_weekend: {
    vi: "Thứ Bảy và Chủ nhật đã là ngày nghỉ: chỉ ghi ngày lễ vào ngày thường",
    en: "Saturdays and Sundays are days off anyway: a holiday goes on a weekday",
  },
  working_day_on_weekday: {
    vi: "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật",
    en: "A worked weekend day must be a Saturday or a Sunday",
  },
  unit_required: {
    vi: "Tài khoản đầu mối đơn vị cần chọn một đơn vị",
    en: "A unit liaison account needs a unit",
  },
  unit_forbidden: {
    vi: "Chỉ tài khoản đầu mối đơn vị mới gắn với một đơn vị",
    en: "Only a unit liaison account is tied to a unit",
  },
  liaison_role_fixed: {
    vi: "Không đổi được vai trò sang hoặc từ đầu mối đơn vị; hãy tạo tài khoản mới",
    en: "An account cannot change to or from the unit liaison role; create a new account",
  },
  mark_order: {
    vi: "Vùng che phải kết thúc sau điểm bắt đầu",
    en: "A redaction mark must end after it starts",
  },
  marks_outside: {
    vi: "Vùng che nằm ngoài văn bản hoặc chồng lên nhau; hãy rà soát lại",
    en: "A redaction mark lies outside the text or overlaps another; review the marks again",
  },
} as const satisfies Record<string, Record<Lang, string>>;

/** Key of a custom message. */
export type CustomMessageKey = keyof typeof CUSTOM_MESSAGES;

function fieldName(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** One zod issue as a sentence in the user's language. */
export function localizeIssue(issue: z.core.$ZodIssue, lang: Lang): string {
  const vi = lang === "vi";
  switch (issue.code) {
    case "custom": {
      const key = (issue.params as { key?: string } | undefined)?.key;
      if (key && key in CUSTOM_MESSAGES) return CUSTOM_MESSAGES[key as CustomMessageKey][lang];
      return vi ? "Giá trị không hợp lệ" : "Invalid value";
    }
    case "invalid_type": {
      // zod leaves `input` out of its issues unless asked; its message still
      // says what it received, which tells a missing field from a wrong type.
      const received = /received (\w+)$/.exec(issue.message)?.[1];
      if (issue.input === undefined && (received === undefined || received === "undefined"))
        return vi ? "Trường này là bắt buộc" : "This field is required";
      if (issue.expected === "int") return vi ? "Cần một số nguyên" : "Must be a whole number";
      return vi ? `Sai kiểu dữ liệu, cần ${issue.expected}` : `Wrong type, expected ${issue.expected}`;
    }
    case "too_small":
      if (issue.origin === "string")
        return vi ? `Cần ít nhất ${issue.minimum} ký tự` : `Must be at least ${issue.minimum} characters`;
      return vi ? `Giá trị tối thiểu là ${issue.minimum}` : `Must be at least ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "string")
        return vi ? `Tối đa ${issue.maximum} ký tự` : `Must be at most ${issue.maximum} characters`;
      return vi ? `Giá trị tối đa là ${issue.maximum}` : `Must be at most ${issue.maximum}`;
    case "invalid_value":
      return vi
        ? `Giá trị phải là một trong: ${issue.values.map(String).join(", ")}`
        : `Must be one of: ${issue.values.map(String).join(", ")}`;
    case "invalid_format":
      if (issue.format === "email") return CUSTOM_MESSAGES.email[lang];
      return vi ? "Sai định dạng" : "Wrong format";
    case "unrecognized_keys":
      return vi ? `Trường không được phép: ${issue.keys.join(", ")}` : `Fields not allowed: ${issue.keys.join(", ")}`;
    case "invalid_union":
      return vi ? "Giá trị không hợp lệ" : "Invalid value";
    default:
      return vi ? `Giá trị không hợp lệ (${fieldName(issue.path)})` : `Invalid value (${fieldName(issue.path)})`;
  }
}

/** RFC 6901 pointer for a zod path: `["contact","email"]` → `/contact/email`. */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((part) => `/${String(part).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

/**
 * Turns a zod error into field errors for a 422 problem.
 *
 * @example
 * toFieldErrors(result.error, "en") // [{ pointer: "/description", message: "Must be at least 20 characters" }]
 */
export function toFieldErrors(error: z.ZodError, lang: Lang): FieldError[] {
  return error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys" && issue.keys.length === 1) {
      return { pointer: toPointer([...issue.path, issue.keys[0] as string]), message: localizeIssue(issue, lang) };
    }
    return { pointer: toPointer(issue.path), message: localizeIssue(issue, lang) };
  });
}
