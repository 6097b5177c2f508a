import type { Lang } from "../env";

/** Texts of the problems of inspection document uploads, in both languages. */
export const DOCUMENT_MESSAGES = {
  not_multipart: {
    vi: "Hãy gửi tệp PDF dạng multipart/form-data, trường “file”",
    en: "Send the PDF as multipart/form-data, field “file”",
  },
  too_large: { vi: "Tệp tối đa 20 MB", en: "The file can be at most 20 MB" },
  not_pdf: {
    vi: "Chỉ nhận tệp PDF (kiểm tra theo nội dung)",
    en: "Only PDF files are accepted (checked from the content)",
  },
  file_required: { vi: "Hãy chọn đúng một tệp", en: "Choose exactly one file" },
  unreadable: { vi: "Không đọc được dữ liệu gửi lên", en: "The form data could not be read" },
  damaged: { vi: "Tệp PDF bị hỏng hoặc có mật khẩu", en: "The PDF is damaged or password-protected" },
} as const satisfies Record<string, Record<Lang, string>>;

export type DocumentMessageKey = keyof typeof DOCUMENT_MESSAGES;
