import { MEASURE_DOCUMENT_MAX_BYTES, MEASURE_DOCUMENT_MAX_FILES } from "../contracts/liaison";
import type { Lang } from "../env";

const MAX_MB = MEASURE_DOCUMENT_MAX_BYTES / (1024 * 1024);

/** What the unit liaison's routes say when they refuse something, in both languages. */
export const LIAISON_MESSAGES = {
  too_large: { vi: `Mỗi tài liệu tối đa ${MAX_MB} MB`, en: `Each document can be at most ${MAX_MB} MB` },
  limit_reached: {
    vi: `Mỗi biện pháp chỉ được kèm tối đa ${MEASURE_DOCUMENT_MAX_FILES} tài liệu`,
    en: `A measure can have at most ${MEASURE_DOCUMENT_MAX_FILES} documents`,
  },
  verified: {
    vi: "Biện pháp đã được đoàn kiểm tra xác nhận hoàn thành, không thể thay đổi",
    en: "The inspection team has verified this measure; it cannot change any more",
  },
  request_pending: {
    vi: "Đã có một đề nghị gia hạn đang chờ xem xét",
    en: "An extension request is already waiting for a decision",
  },
  due_not_later: {
    vi: "Ngày đề nghị phải sau thời hạn hiện tại",
    en: "The date asked for must be after the current deadline",
  },
} as const satisfies Record<string, Record<Lang, string>>;
