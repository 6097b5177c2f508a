import { fold } from "../../src/domain/text";

interface UnitRow {
  id: string;
  name: string;
  kind: "city" | "department" | "agency" | "ward" | "commune";
  parentId: string | null;
  sector?: string;
  validTo?: string;
  successorId?: string;
}

/** A small directory: the city, two departments (one merged away), two wards. */
export const TEST_UNITS: UnitRow[] = [
  { id: "ha-noi", name: "UBND Thành phố Hà Nội", kind: "city", parentId: null },
  { id: "so-xay-dung", name: "Sở Xây dựng", kind: "department", parentId: "ha-noi", sector: "construction" },
  {
    id: "so-quy-hoach-kien-truc",
    name: "Sở Quy hoạch - Kiến trúc",
    kind: "department",
    parentId: "ha-noi",
    sector: "planning",
    validTo: "2025-03-01",
    successorId: "so-xay-dung",
  },
  { id: "phuong-dong-da", name: "Phường Đống Đa", kind: "ward", parentId: "ha-noi" },
  { id: "phuong-hoan-kiem", name: "Phường Hoàn Kiếm", kind: "ward", parentId: "ha-noi" },
];

/** Inserts `TEST_UNITS` (and the merged department's former name as an alias). */
export async function insertUnits(db: D1Database): Promise<void> {
  const statements = TEST_UNITS.map((u) =>
    db
      .prepare(
        "INSERT OR IGNORE INTO units (id, name, name_folded, kind, parent_id, sector, valid_to, successor_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .bind(u.id, u.name, fold(u.name), u.kind, u.parentId, u.sector ?? null, u.validTo ?? null, u.successorId ?? null),
  );
  statements.push(
    db
      .prepare("INSERT OR IGNORE INTO unit_aliases (unit_id, name, name_folded, valid_to) VALUES (?, ?, ?, ?)")
      .bind("so-xay-dung", "Sở Quy hoạch - Kiến trúc", fold("Sở Quy hoạch - Kiến trúc"), "2025-03-01"),
  );
  await db.batch(statements);
}
