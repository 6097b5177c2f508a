// The units the sample data files reports about. The directory itself is
// real: the city, its departments and agencies (reference data in
// worker/src/domain/directory/reference.ts) and the 126 official wards and
// communes are loaded by `npm run db:directory` (scripts/load-directory.ts),
// which `seedLocal` runs right after `unitsSql()`. What stays here is local:
// - the wards and communes the sample uses, under the ids the sample has used
//   since before the official list (`phuong-dong-da`, `xa-bat-trang`…). They
//   are inserted first, without a code, and the directory sync then gives each
//   the official code (and official name) of the unit with its name, so these
//   ids stay valid and name real wards;
// - the one-stop shops of a few wards, shown as their sub-units (sample only).
import type { SectorCode } from "../../worker/src/contracts/stats.ts";
import type { UnitKind } from "../../worker/src/contracts/units.ts";
import {
  CITY_UNIT,
  DEPARTMENT_MERGER_DATE,
  REFERENCE_UNITS,
  TWO_TIER_DATE,
} from "../../worker/src/domain/directory/reference.ts";
import type { IsoDate } from "./rows.ts";
import { fold, insertOrIgnore } from "./sql.ts";

/** A unit of the sample directory. */
export interface SampleUnit {
  id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  sector: SectorCode | null;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  successorId: string | null;
}

/** A unit as the tables below give it; `buildUnits` fills in the rest with nulls. */
type UnitInput = Pick<SampleUnit, "id" | "name" | "kind" | "parentId"> & Partial<SampleUnit>;

export { DEPARTMENT_MERGER_DATE, TWO_TIER_DATE };

/** Stable slug id from a Vietnamese name: "Sở Xây dựng" → "so-xay-dung". */
export function slug(name: string): string {
  return fold(name)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

const CITY = CITY_UNIT.id;

/** Wards and communes the sample files reports about (official names; legacy local ids, see above). */
const WARDS = [
  "Phường Hoàn Kiếm",
  "Phường Cửa Nam",
  "Phường Ba Đình",
  "Phường Ngọc Hà",
  "Phường Giảng Võ",
  "Phường Đống Đa",
  "Phường Văn Miếu - Quốc Tử Giám",
  "Phường Láng",
  "Phường Ô Chợ Dừa",
  "Phường Kim Liên",
  "Phường Hai Bà Trưng",
  "Phường Bạch Mai",
  "Phường Vĩnh Tuy",
  "Phường Cầu Giấy",
  "Phường Nghĩa Đô",
  "Phường Yên Hòa",
  "Phường Tây Hồ",
  "Phường Phú Thượng",
  "Phường Long Biên",
  "Phường Bồ Đề",
  "Phường Việt Hưng",
  "Phường Hà Đông",
  "Phường Dương Nội",
  "Phường Kiến Hưng",
  "Phường Thanh Xuân",
  "Phường Khương Đình",
  "Phường Hoàng Mai",
  "Phường Định Công",
  "Phường Hoàng Liệt",
  "Phường Từ Liêm",
  "Phường Xuân Phương",
  "Phường Tây Mỗ",
  "Phường Sơn Tây",
];

const COMMUNES = [
  "Xã Sóc Sơn",
  "Xã Nội Bài",
  "Xã Đông Anh",
  "Xã Thư Lâm",
  "Xã Gia Lâm",
  "Xã Bát Tràng",
  "Xã Thanh Trì",
  "Xã Ba Vì",
  "Xã Mê Linh",
  "Xã Thạch Thất",
  "Xã Quốc Oai",
  "Xã Hoài Đức",
  "Xã Đan Phượng",
  "Xã Thường Tín",
  "Xã Phú Xuyên",
  "Xã Ứng Hòa",
  "Xã Mỹ Đức",
  // Officially Phường Chương Mỹ: the sync renames it and keeps "Xã Chương Mỹ" as an alias.
  "Xã Chương Mỹ",
];

/** Wards and communes that show their one-stop shop as a sub-unit. */
const WITH_ONE_STOP_SHOP = [
  "Phường Hoàn Kiếm",
  "Phường Cầu Giấy",
  "Phường Đống Đa",
  "Phường Hà Đông",
  "Phường Long Biên",
  "Xã Đông Anh",
  "Xã Gia Lâm",
];

function buildUnits(): SampleUnit[] {
  const units: UnitInput[] = [CITY_UNIT, ...REFERENCE_UNITS];
  for (const [names, kind] of [
    [WARDS, "ward"],
    [COMMUNES, "commune"],
  ] as const) {
    for (const name of names) {
      units.push({ id: slug(name), name, kind, parentId: CITY, sector: null, validFrom: TWO_TIER_DATE });
    }
  }
  for (const name of WITH_ONE_STOP_SHOP) {
    const local = name.replace(/^(Phường|Xã) /, (_, word) => `${word.toLowerCase()} `);
    const center = `Trung tâm Phục vụ hành chính công ${local}`;
    units.push({
      id: slug(center),
      name: center,
      kind: "agency",
      parentId: slug(name),
      sector: null,
      validFrom: TWO_TIER_DATE,
    });
  }
  return units.map((unit) => ({ sector: null, validFrom: null, validTo: null, successorId: null, ...unit }));
}

/** Every sample unit, current and merged away. */
export const UNITS = buildUnits();

/** The unit with this id; throws on a typo in the seed data. */
export function unitById(id: string): SampleUnit {
  const unit = UNITS.find((u) => u.id === id);
  if (!unit) throw new Error(`Unknown sample unit: ${id}`);
  return unit;
}

/** Whether `unit` existed on `day` (YYYY-MM-DD). */
export function unitValidOn(unit: SampleUnit, day: IsoDate): boolean {
  return (!unit.validFrom || unit.validFrom <= day) && (!unit.validTo || day < unit.validTo);
}

/** Units `unitsSql` inserts: the sample's wards and communes, and the one-stop shops. */
const LOCAL_UNITS = UNITS.filter(
  (u) =>
    u.kind === "ward" ||
    u.kind === "commune" ||
    (u.kind === "agency" && u.parentId !== null && u.parentId !== CITY && !REFERENCE_UNITS.some((r) => r.id === u.id)),
);

/**
 * SQL statements that insert the sample's wards (without a code: the
 * directory sync run next gives them theirs) and one-stop shops. Idempotent.
 */
export function unitsSql(): string[] {
  const statements = [
    "-- SAMPLE DATA: the sample's ward ids and one-stop shops, local only (before npm run db:directory).",
  ];
  for (const unit of LOCAL_UNITS) {
    statements.push(
      insertOrIgnore("units", {
        id: unit.id,
        name: unit.name,
        name_folded: fold(unit.name),
        kind: unit.kind,
        parent_id: unit.parentId,
        sector: unit.sector,
        successor_id: unit.successorId,
        valid_from: unit.validFrom,
        valid_to: unit.validTo,
        is_sample: 1,
      }),
    );
  }
  return statements;
}
