import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from "../contracts/reports";
import type { Lang } from "../env";

const MAX_MB = EVIDENCE_MAX_BYTES / (1024 * 1024);

/**
 * What the evidence upload says when it refuses a file, in both languages.
 * Each message tells the reporter what to do instead, since the form shows it
 * as is beside the file input.
 */
export const EVIDENCE_MESSAGES = {
  not_multipart: {
    vi: "Hãy gửi tệp dưới dạng multipart/form-data, trong trường “file”",
    en: "Send the file as multipart/form-data, in the “file” field",
  },
  unreadable_form: {
    vi: "Không đọc được dữ liệu tệp gửi lên, vui lòng thử lại",
    en: "The uploaded form data could not be read, please try again",
  },
  unsupported_type: {
    vi: "Chỉ nhận ảnh JPEG, PNG, WebP hoặc tệp PDF (loại tệp được kiểm tra theo nội dung, không theo tên tệp)",
    en: "Only JPEG, PNG or WebP images and PDF files are accepted (the type is checked from the content, not the file name)",
  },
  too_large: {
    vi: `Mỗi tệp tối đa ${MAX_MB} MB`,
    en: `Each file can be at most ${MAX_MB} MB`,
  },
  limit_reached: {
    vi: `Mỗi phản ánh chỉ được đính kèm tối đa ${EVIDENCE_MAX_FILES} tệp`,
    en: `A report can have at most ${EVIDENCE_MAX_FILES} files`,
  },
  file_required: { vi: "Hãy chọn một tệp", en: "Choose a file" },
  one_file: { vi: "Mỗi lần chỉ gửi một tệp", en: "Send one file at a time" },
  malformed: {
    vi: "Tệp bị hỏng hoặc không đầy đủ, không thể đọc được",
    en: "The file is damaged or incomplete and cannot be read",
  },
  encrypted: {
    vi: "Tệp PDF có đặt mật khẩu nên cán bộ không mở được; hãy gửi bản không đặt mật khẩu",
    en: "The PDF is password-protected, so inspectors could not open it; send a copy without a password",
  },
} as const satisfies Record<string, Record<Lang, string>>;

/** Key of an evidence message. */
export type EvidenceMessageKey = keyof typeof EVIDENCE_MESSAGES;
