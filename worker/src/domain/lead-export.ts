import type { LeadStatus, LeadSummary } from "../contracts/leads";
import { hanoiDate } from "./calendar";
import { CATEGORY_LABELS_VI, csvCell, formatViDate } from "./inspections/personnel";

/**
 * The CSV export of the filtered queue (`GET /api/leads.csv`, supervisors):
 * what the queue page shows, one line per lead, for a spreadsheet. It holds
 * no contact details and nothing about who reported (no tracking codes,
 * no reporter kind, no descriptions, which can name the reporter): only the
 * lead, its unit, category, status, priority and dates.
 */

/**
 * Most rows one export may hold. Pages of `EXPORT_PAGE` are read and the
 * file is built in memory, so the cap bounds the Worker's memory (about
 * 200 bytes a line: 2 MB at the cap, far under the 128 MB an isolate has).
 * A larger queue is refused with a 422 asking for narrower filters, never
 * cut short silently.
 */
export const MAX_EXPORT_ROWS = 10_000;
/** Leads read per query while building an export. */
export const EXPORT_PAGE = 500;

/** Vietnamese names of the lead statuses, as the console shows them. */
export const LEAD_STATUS_LABELS_VI: Readonly<Record<LeadStatus, string>> = {
  new: "Mới",
  in_review: "Đang xem xét",
  info_requested: "Chờ bổ sung thông tin",
  referred: "Đã chuyển kiểm tra",
  dismissal_proposed: "Đề xuất không xử lý",
  dismissed: "Không xử lý",
  merged: "Đã gộp",
  concluded: "Đã có kết luận",
  forwarded: "Đã chuyển đơn",
};

/** The export's columns. */
export const LEAD_EXPORT_HEADERS = [
  "Mã đầu mối",
  "Mã đơn vị",
  "Đơn vị",
  "Nhóm hành vi",
  "Trạng thái",
  "Điểm ưu tiên",
  "Số phản ánh",
  "Ngày mở",
  "Hạn xử lý",
  "Quá hạn",
] as const;

/**
 * The CSV file: UTF-8 byte order mark (Excel reads Vietnamese right only
 * with it), a header row, one CRLF-ended line per lead (RFC 4180 quoting
 * and formula neutralising by `csvCell`), dates dd/mm/yyyy in Hanoi time.
 *
 * @example
 * leadsCsv([]) // "\uFEFFMã đầu mối,Mã đơn vị,Đơn vị,…,Quá hạn\r\n"
 */
export function leadsCsv(rows: readonly LeadSummary[]): string {
  const lines = [LEAD_EXPORT_HEADERS.map((h) => csvCell(h)).join(",")];
  for (const lead of rows) {
    const cells: (string | number)[] = [
      lead.id,
      lead.unitId,
      lead.unitName,
      CATEGORY_LABELS_VI[lead.categoryCode],
      LEAD_STATUS_LABELS_VI[lead.status],
      lead.priority,
      lead.reportCount,
      formatViDate(hanoiDate(lead.openedAt)),
      formatViDate(hanoiDate(lead.dueAt)),
      lead.overdue ? "Có" : "Không",
    ];
    lines.push(cells.map((c) => csvCell(c)).join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
