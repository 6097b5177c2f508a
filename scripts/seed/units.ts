// SAMPLE DATA, local only: a realistic sample of Hanoi's unit directory, not
// the official list. It follows the March 2025 merger of city departments and
// the two-tier local government in force since 1 July 2025 (city, then
// ward/commune; districts abolished). Units merged away keep their row with
// `valid_to` and `successor_id`, and their former names become aliases of the
// successor so a search for the old name still finds it.
import type { SectorCode } from "../../worker/src/contracts/stats.ts";
import type { UnitKind } from "../../worker/src/contracts/units.ts";
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

/** Dates a unit was created or merged away, for the directory's tables below. */
type Validity = Partial<Pick<SampleUnit, "validFrom" | "validTo">>;
/** A unit as the tables below give it; `buildUnits` fills in the rest with nulls. */
type UnitInput = Pick<SampleUnit, "id" | "name" | "kind" | "parentId"> & Partial<SampleUnit>;

/** Day the department mergers took effect in Hanoi. */
export const DEPARTMENT_MERGER_DATE = "2025-03-01";
/** Day the two-tier local government took effect. */
export const TWO_TIER_DATE = "2025-07-01";

/** Stable slug id from a Vietnamese name: "Sở Xây dựng" → "so-xay-dung". */
export function slug(name: string): string {
  return fold(name)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

const CITY = "ha-noi";

/** [name, sector, extra] for current city departments and department-level bodies. */
const DEPARTMENTS: [name: string, sector: SectorCode, extra?: Validity][] = [
  ["Văn phòng UBND Thành phố", "general"],
  ["Sở Nội vụ", "home-affairs"],
  ["Sở Tài chính", "finance"],
  ["Sở Xây dựng", "construction"],
  ["Sở Quy hoạch - Kiến trúc", "planning-investment"],
  ["Sở Nông nghiệp và Môi trường", "land-environment", { validFrom: DEPARTMENT_MERGER_DATE }],
  ["Sở Công Thương", "industry-trade"],
  ["Sở Giáo dục và Đào tạo", "education"],
  ["Sở Y tế", "health"],
  ["Sở Khoa học và Công nghệ", "science-technology"],
  ["Sở Văn hóa và Thể thao", "culture-sports"],
  ["Sở Du lịch", "tourism"],
  ["Sở Tư pháp", "justice"],
  ["Sở Ngoại vụ", "foreign-affairs"],
  ["Sở Dân tộc và Tôn giáo", "ethnic-religious", { validFrom: DEPARTMENT_MERGER_DATE }],
  ["Thanh tra Thành phố", "inspection"],
];

/** Bodies that are not departments of the city but serve its residents. */
const AGENCIES: [name: string, sector: SectorCode, parentId: string, extra?: Validity][] = [
  ["Công an Thành phố Hà Nội", "public-security", CITY],
  ["Bảo hiểm xã hội Thành phố Hà Nội", "social-insurance", CITY],
  ["Trung tâm Phục vụ hành chính công Thành phố Hà Nội", "general", CITY, { validFrom: TWO_TIER_DATE }],
  ["Ban Quản lý các khu công nghiệp và chế xuất Hà Nội", "planning-investment", CITY],
  ["Văn phòng Đăng ký đất đai Hà Nội", "land-environment", "so-nong-nghiep-va-moi-truong"],
  ["Chi cục Thuế khu vực I", "finance", CITY],
];

/** Departments merged on 1 March 2025: [former name, sector, successor id]. */
const MERGED_DEPARTMENTS: [name: string, sector: SectorCode, successorId: string][] = [
  ["Sở Kế hoạch và Đầu tư", "planning-investment", "so-tai-chinh"],
  ["Sở Tài nguyên và Môi trường", "land-environment", "so-nong-nghiep-va-moi-truong"],
  ["Sở Nông nghiệp và Phát triển nông thôn", "land-environment", "so-nong-nghiep-va-moi-truong"],
  ["Sở Giao thông vận tải", "construction", "so-xay-dung"],
  ["Sở Thông tin và Truyền thông", "science-technology", "so-khoa-hoc-va-cong-nghe"],
  ["Sở Lao động - Thương binh và Xã hội", "home-affairs", "so-noi-vu"],
  ["Ban Dân tộc Thành phố", "ethnic-religious", "so-dan-toc-va-ton-giao"],
];

/** A sample of the 126 wards and communes of Hanoi since 1 July 2025. */
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
  const units: UnitInput[] = [
    { id: CITY, name: "UBND Thành phố Hà Nội", kind: "city", parentId: null, sector: "general" },
    ...DEPARTMENTS.map(
      ([name, sector, extra]): UnitInput => ({
        id: slug(name),
        name,
        kind: "department",
        parentId: CITY,
        sector,
        ...extra,
      }),
    ),
    ...AGENCIES.map(
      ([name, sector, parentId, extra]): UnitInput => ({
        id: slug(name),
        name,
        kind: "agency",
        parentId,
        sector,
        ...extra,
      }),
    ),
    ...MERGED_DEPARTMENTS.map(
      ([name, sector, successorId]): UnitInput => ({
        id: slug(name),
        name,
        kind: "department",
        parentId: CITY,
        sector,
        validTo: DEPARTMENT_MERGER_DATE,
        successorId,
      }),
    ),
  ];
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

/** Former names of current units, searchable as aliases. */
export const ALIASES = MERGED_DEPARTMENTS.map(([name, , successorId]) => ({
  unitId: successorId,
  name,
  validTo: DEPARTMENT_MERGER_DATE,
}));

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

/** SQL statements that insert the sample directory (idempotent). */
export function unitsSql(): string[] {
  const statements = ["-- SAMPLE DATA: a realistic sample of Hanoi's unit directory, local only."];
  for (const unit of UNITS) {
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
  for (const alias of ALIASES) {
    statements.push(
      insertOrIgnore("unit_aliases", {
        unit_id: alias.unitId,
        name: alias.name,
        name_folded: fold(alias.name),
        valid_to: alias.validTo,
      }),
    );
  }
  return statements;
}
