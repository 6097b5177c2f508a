import type { FieldError } from "../contracts/messages";
import type { Lang } from "../env";

export type { FieldError };

/**
 * Every error the API can return. Each code has one HTTP status and a title in
 * both languages; handlers throw `ApiError` with a code and never pick a status.
 */
export const ERROR_CODES = {
  malformed_json: {
    status: 400,
    vi: "Dữ liệu gửi lên không phải JSON hợp lệ",
    en: "The request body is not valid JSON",
  },
  bad_request: { status: 400, vi: "Yêu cầu không hợp lệ", en: "Bad request" },
  unauthorized: { status: 401, vi: "Cần đăng nhập", en: "Authentication required" },
  invalid_credentials: {
    status: 401,
    vi: "Email hoặc mật khẩu không đúng",
    en: "Wrong email or password",
  },
  totp_required: {
    status: 401,
    vi: "Cần mã xác thực 6 số từ ứng dụng xác thực",
    en: "Enter the 6-digit code from your authenticator app",
  },
  totp_enrolment_required: {
    status: 403,
    vi: "Vai trò của bạn bắt buộc bật xác thực hai lớp trước khi tiếp tục",
    en: "Your role requires two-factor authentication before you continue",
  },
  forbidden: { status: 403, vi: "Bạn không có quyền thực hiện thao tác này", en: "You are not allowed to do this" },
  not_found: { status: 404, vi: "Không tìm thấy", en: "Not found" },
  method_not_allowed: { status: 405, vi: "Phương thức không được hỗ trợ", en: "Method not allowed" },
  conflict: { status: 409, vi: "Xung đột với trạng thái hiện tại", en: "Conflict with the current state" },
  idempotency_conflict: {
    status: 409,
    vi: "Khóa Idempotency-Key đã được dùng cho một nội dung khác",
    en: "This Idempotency-Key was already used with a different body",
  },
  limit_reached: { status: 409, vi: "Đã đạt giới hạn", en: "Limit reached" },
  payload_too_large: { status: 413, vi: "Dữ liệu gửi lên quá lớn", en: "The request is too large" },
  uri_too_long: { status: 414, vi: "Địa chỉ yêu cầu quá dài", en: "The request address is too long" },
  unsupported_media_type: { status: 415, vi: "Kiểu nội dung không được hỗ trợ", en: "Unsupported content type" },
  validation_failed: { status: 422, vi: "Dữ liệu chưa hợp lệ", en: "Some fields are not valid" },
  rate_limited: {
    status: 429,
    vi: "Quá nhiều yêu cầu, vui lòng thử lại sau",
    en: "Too many requests, try again later",
  },
  headers_too_large: {
    status: 431,
    vi: "Phần đầu (header) của yêu cầu quá lớn",
    en: "The request headers are too large",
  },
  internal: { status: 500, vi: "Lỗi hệ thống, vui lòng thử lại sau", en: "Internal error, please try again later" },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

/** One of the fixed error codes. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Optional parts of an `ApiError`. */
export interface ApiErrorOptions {
  /** Human-readable detail already in the request's language. */
  detail?: string;
  /** Field errors for `validation_failed`. */
  errors?: FieldError[];
  /** Seconds, for `rate_limited`. */
  retryAfter?: number;
  /** Extra response headers. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * The one error class of the API; `onError` turns it into an RFC 9457 problem.
 *
 * @example
 * throw new ApiError("not_found");
 * throw new ApiError("validation_failed", { errors: [{ pointer: "/description", message: "…" }] });
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly options: ApiErrorOptions;

  constructor(code: ErrorCode, options: ApiErrorOptions = {}) {
    super(options.detail ?? code, { cause: options.cause });
    this.name = "ApiError";
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.options = options;
  }
}

/** The problem body for a code, in a language. */
export function problemBody(
  code: ErrorCode,
  lang: Lang,
  requestId: string,
  options: Pick<ApiErrorOptions, "detail" | "errors"> = {},
): Record<string, unknown> {
  const entry = ERROR_CODES[code];
  return {
    type: `/api/docs#problem-${code.replaceAll("_", "-")}`,
    title: entry[lang],
    status: entry.status,
    detail: options.detail ?? entry[lang],
    code,
    requestId,
    ...(options.errors ? { errors: options.errors } : {}),
  };
}
