import type { CategoryCode } from "../../contracts/categories";
import type { FindingOutcome } from "../../contracts/inspections";
import { hanoiDate } from "../calendar";
import { isSubstantiated } from "./findings";

/**
 * The personnel export (công tác cán bộ): inspection results must feed the
 * evaluation of officials (DOMAIN.md, weakness 4). It counts substantiated
 * and partly substantiated findings per unit and per position (chức vụ)
 * where the inspectors identified one; never names. Partly substantiated
 * findings are counted in their own column: they are findings against the
 * unit, and leaving them out would hide the commonest outcome, but the
 * reader must be able to tell them apart.
 */

/** A finding as the export reads it. */
export interface PersonnelFinding {
  unitId: string;
  unitName: string;
  outcome: FindingOutcome;
  position: string | null;
  categoryCode: CategoryCode;
  /** ISO instant. */
  recordedAt: string;
}

/** Hanoi calendar days, inclusive. */
export interface Period {
  from: string;
  to: string;
}

export interface PersonnelRow {
  unitId: string;
  unitName: string;
  /** As first written; null for findings about the unit with no position identified. */
  position: string | null;
  substantiated: number;
  partlySubstantiated: number;
  total: number;
  categories: Partial<Record<CategoryCode, number>>;
  /** Hanoi dates of the first and last finding in the row. */
  firstRecordedOn: string;
  lastRecordedOn: string;
  period: Period;
}

/** Short Vietnamese names of the categories (DOMAIN.md), for the CSV. */
export const CATEGORY_LABELS_VI: Readonly<Record<CategoryCode, string>> = {
  bribery: "Tiêu cực, đòi/nhận tiền",
  harassment: "Nhũng nhiễu, gây phiền hà",
  shirking: "Né tránh, đùn đẩy",
  delay: "Chậm trễ, quá hạn",
  neglect: "Bỏ sót chức trách",
  conduct: "Thái độ, văn hóa công vụ",
  other: "Khác",
};

const CATEGORY_ORDER = Object.keys(CATEGORY_LABELS_VI) as CategoryCode[];

/**
 * One spelling per position: "Phó Chủ tịch" and "phó  chủ tịch" are the
 * same post. Diacritics are kept (in Vietnamese they change the word).
 */
export function positionKey(position: string | null): string {
  if (position === null) return "";
  return position.normalize("NFC").trim().replace(/\s+/gu, " ").toLocaleLowerCase("vi");
}

/**
 * The rows of the export: substantiated and partly substantiated findings
 * recorded in `period` (Hanoi days, inclusive), one row per unit and
 * position, sorted by unit name (Vietnamese order), the unit-level row (no
 * position) first, then positions alphabetically. Other outcomes are left
 * out: an unfounded report says nothing about the people in the unit.
 *
 * @example
 * personnelRows([{ unitId: "u1", unitName: "UBND phường Láng", outcome: "substantiated",
 *   position: "Công chức địa chính", categoryCode: "delay", recordedAt: "2026-03-02T03:00:00Z" }],
 *   { from: "2026-01-01", to: "2026-03-31" })
 * // [{ unitId: "u1", position: "Công chức địa chính", substantiated: 1, partlySubstantiated: 0, total: 1, … }]
 */
export function personnelRows(findings: readonly PersonnelFinding[], period: Period): PersonnelRow[] {
  const rows = new Map<string, PersonnelRow>();
  const sorted = [...findings].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  for (const f of sorted) {
    if (!isSubstantiated(f.outcome)) continue;
    const day = hanoiDate(f.recordedAt);
    if (day < period.from || day > period.to) continue;
    const position = f.position?.normalize("NFC").trim().replace(/\s+/gu, " ") || null;
    const key = `${f.unitId}\u0000${positionKey(position)}`;
    const row = rows.get(key) ?? {
      unitId: f.unitId,
      unitName: f.unitName,
      position,
      substantiated: 0,
      partlySubstantiated: 0,
      total: 0,
      categories: {},
      firstRecordedOn: day,
      lastRecordedOn: day,
      period: { ...period },
    };
    if (f.outcome === "substantiated") row.substantiated++;
    else row.partlySubstantiated++;
    row.total++;
    row.categories[f.categoryCode] = (row.categories[f.categoryCode] ?? 0) + 1;
    row.lastRecordedOn = day;
    rows.set(key, row);
  }
  const collator = new Intl.Collator("vi");
  return [...rows.values()].sort(
    (a, b) =>
      collator.compare(a.unitName, b.unitName) ||
      a.unitId.localeCompare(b.unitId) ||
      Number(a.position !== null) - Number(b.position !== null) ||
      collator.compare(a.position ?? "", b.position ?? ""),
  );
}

/**
 * `YYYY-MM-DD` as dd/mm/yyyy.
 *
 * @example
 * formatViDate("2026-03-02") // "02/03/2026"
 */
export function formatViDate(date: string): string {
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}

/** The export's columns, Vietnamese as the people who use it read them. */
export const PERSONNEL_HEADERS = [
  "Mã đơn vị",
  "Đơn vị",
  "Chức vụ",
  "Có cơ sở",
  "Có cơ sở một phần",
  "Tổng số",
  "Nhóm hành vi",
  "Phát hiện đầu tiên",
  "Phát hiện gần nhất",
  "Từ ngày",
  "Đến ngày",
] as const;

/** Shown in the position column when no position was identified. */
export const NO_POSITION = "(không xác định chức vụ)";

/**
 * One CSV cell (RFC 4180). Text that a spreadsheet would run as a formula
 * (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading apostrophe:
 * positions and unit names are typed by people, and an export opened in
 * Excel must not execute anything. Numbers are written as they are. A cell
 * with the separator, a quote, a line break or edge spaces is quoted, with
 * quotes doubled.
 *
 * @example
 * csvCell('Trưởng phòng "A", B') // "\"Trưởng phòng \"\"A\"\", B\""
 * csvCell("=HYPERLINK(…)")        // "'=HYPERLINK(…)"
 */
export function csvCell(value: string | number, separator = ","): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  const needsQuotes = safe.includes(separator) || /["\r\n]/u.test(safe) || safe !== safe.trim();
  return needsQuotes ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The CSV file: a UTF-8 byte order mark (without it Excel reads UTF-8 as
 * the Windows code page and the diacritics break), a header row, one line
 * per row, CRLF line ends (RFC 4180), dates dd/mm/yyyy. The separator is a
 * comma by default, as RFC 4180 says; Excel set to Vietnamese regional
 * settings may expect `;` and can be given it.
 *
 * @example
 * toCsv(personnelRows(findings, period)).startsWith("\uFEFFMã đơn vị,Đơn vị,Chức vụ") // true
 */
export function toCsv(rows: readonly PersonnelRow[], separator = ","): string {
  const lines = [PERSONNEL_HEADERS.map((h) => csvCell(h, separator)).join(separator)];
  for (const row of rows) {
    const categories = CATEGORY_ORDER.filter((code) => row.categories[code])
      .map((code) => `${CATEGORY_LABELS_VI[code]}: ${row.categories[code]}`)
      .join("; ");
    const cells: (string | number)[] = [
      row.unitId,
      row.unitName,
      row.position ?? NO_POSITION,
      row.substantiated,
      row.partlySubstantiated,
      row.total,
      categories,
      formatViDate(row.firstRecordedOn),
      formatViDate(row.lastRecordedOn),
      formatViDate(row.period.from),
      formatViDate(row.period.to),
    ];
    lines.push(cells.map((c) => csvCell(c, separator)).join(separator));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
