/**
 * The city and its departments and agencies, the part of the directory the
 * official list of wards and communes does not cover. Administrators keep it
 * (`/console/admin/units`); this is the starting set `npm run db:directory`
 * loads into an empty database, each new row marked "to confirm", never
 * overwriting a row already there. It follows the March 2025 merger of city
 * departments: a merged department keeps its row with `validTo` and
 * `successorId`, and its name becomes an alias of the successor.
 *
 * Data only, with literal ids and no runtime import, so the Node scripts
 * (the local seed) can import it directly.
 */
import type { SectorCode } from "../../contracts/stats";
import type { UnitKind } from "../../contracts/units";

/** A unit of the reference data. Ids are stable slugs of the name. */
export interface ReferenceUnit {
  id: string;
  name: string;
  kind: Exclude<UnitKind, "ward" | "commune">;
  parentId: string | null;
  sector: SectorCode | null;
  validFrom: string | null;
  validTo: string | null;
  successorId: string | null;
}

/** A former name of a reference unit. */
export interface ReferenceAlias {
  unitId: string;
  name: string;
  validTo: string;
}

/** The city: every ward, commune and department hangs under it. */
export const CITY_ID = "ha-noi";
/** Day the department mergers took effect in Hà Nội. */
export const DEPARTMENT_MERGER_DATE = "2025-03-01";
/** Day the two-tier local government (and the official list of wards and communes) took effect. */
export const TWO_TIER_DATE = "2025-07-01";

type Row = [id: string, name: string, sector: SectorCode, extra?: Partial<ReferenceUnit>];

const DEPARTMENTS: Row[] = [
  ["van-phong-ubnd-thanh-pho", "Văn phòng UBND Thành phố", "general"],
  ["so-noi-vu", "Sở Nội vụ", "home-affairs"],
  ["so-tai-chinh", "Sở Tài chính", "finance"],
  ["so-xay-dung", "Sở Xây dựng", "construction"],
  ["so-quy-hoach-kien-truc", "Sở Quy hoạch - Kiến trúc", "planning-investment"],
  [
    "so-nong-nghiep-va-moi-truong",
    "Sở Nông nghiệp và Môi trường",
    "land-environment",
    { validFrom: DEPARTMENT_MERGER_DATE },
  ],
  ["so-cong-thuong", "Sở Công Thương", "industry-trade"],
  ["so-giao-duc-va-dao-tao", "Sở Giáo dục và Đào tạo", "education"],
  ["so-y-te", "Sở Y tế", "health"],
  ["so-khoa-hoc-va-cong-nghe", "Sở Khoa học và Công nghệ", "science-technology"],
  ["so-van-hoa-va-the-thao", "Sở Văn hóa và Thể thao", "culture-sports"],
  ["so-du-lich", "Sở Du lịch", "tourism"],
  ["so-tu-phap", "Sở Tư pháp", "justice"],
  ["so-ngoai-vu", "Sở Ngoại vụ", "foreign-affairs"],
  ["so-dan-toc-va-ton-giao", "Sở Dân tộc và Tôn giáo", "ethnic-religious", { validFrom: DEPARTMENT_MERGER_DATE }],
  ["thanh-tra-thanh-pho", "Thanh tra Thành phố", "inspection"],
];

const AGENCIES: Row[] = [
  ["cong-an-thanh-pho-ha-noi", "Công an Thành phố Hà Nội", "public-security"],
  ["bao-hiem-xa-hoi-thanh-pho-ha-noi", "Bảo hiểm xã hội Thành phố Hà Nội", "social-insurance"],
  [
    "trung-tam-phuc-vu-hanh-chinh-cong-thanh-pho-ha-noi",
    "Trung tâm Phục vụ hành chính công Thành phố Hà Nội",
    "general",
    { validFrom: TWO_TIER_DATE },
  ],
  [
    "ban-quan-ly-cac-khu-cong-nghiep-va-che-xuat-ha-noi",
    "Ban Quản lý các khu công nghiệp và chế xuất Hà Nội",
    "planning-investment",
  ],
  [
    "van-phong-dang-ky-dat-dai-ha-noi",
    "Văn phòng Đăng ký đất đai Hà Nội",
    "land-environment",
    { parentId: "so-nong-nghiep-va-moi-truong" },
  ],
  ["chi-cuc-thue-khu-vuc-i", "Chi cục Thuế khu vực I", "finance"],
];

/** Departments merged on 1 March 2025, with the department each went into. */
const MERGED_DEPARTMENTS: [id: string, name: string, sector: SectorCode, successorId: string][] = [
  ["so-ke-hoach-va-dau-tu", "Sở Kế hoạch và Đầu tư", "planning-investment", "so-tai-chinh"],
  ["so-tai-nguyen-va-moi-truong", "Sở Tài nguyên và Môi trường", "land-environment", "so-nong-nghiep-va-moi-truong"],
  [
    "so-nong-nghiep-va-phat-trien-nong-thon",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "land-environment",
    "so-nong-nghiep-va-moi-truong",
  ],
  ["so-giao-thong-van-tai", "Sở Giao thông vận tải", "construction", "so-xay-dung"],
  ["so-thong-tin-va-truyen-thong", "Sở Thông tin và Truyền thông", "science-technology", "so-khoa-hoc-va-cong-nghe"],
  ["so-lao-dong-thuong-binh-va-xa-hoi", "Sở Lao động - Thương binh và Xã hội", "home-affairs", "so-noi-vu"],
  ["ban-dan-toc-thanh-pho", "Ban Dân tộc Thành phố", "ethnic-religious", "so-dan-toc-va-ton-giao"],
];

const empty = { parentId: CITY_ID, validFrom: null, validTo: null, successorId: null };

/** The city unit, loaded before anything else. */
export const CITY_UNIT: ReferenceUnit = {
  ...empty,
  id: CITY_ID,
  name: "UBND Thành phố Hà Nội",
  kind: "city",
  parentId: null,
  sector: "general",
};

/** The city's departments and agencies, current and merged away (parents before children). */
export const REFERENCE_UNITS: readonly ReferenceUnit[] = [
  ...DEPARTMENTS.map(
    ([id, name, sector, extra]): ReferenceUnit => ({
      ...empty,
      id,
      name,
      kind: "department",
      sector,
      ...extra,
    }),
  ),
  ...AGENCIES.map(
    ([id, name, sector, extra]): ReferenceUnit => ({ ...empty, id, name, kind: "agency", sector, ...extra }),
  ),
  ...MERGED_DEPARTMENTS.map(
    ([id, name, sector, successorId]): ReferenceUnit => ({
      ...empty,
      id,
      name,
      kind: "department",
      sector,
      validTo: DEPARTMENT_MERGER_DATE,
      successorId,
    }),
  ),
];

/** The names of merged departments, searchable under their successor. */
export const REFERENCE_ALIASES: readonly ReferenceAlias[] = MERGED_DEPARTMENTS.map(([, name, , successorId]) => ({
  unitId: successorId,
  name,
  validTo: DEPARTMENT_MERGER_DATE,
}));
