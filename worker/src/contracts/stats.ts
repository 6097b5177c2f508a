import { z } from "zod";
import { CategoryCodeSchema } from "./categories";
import { ChannelSchema } from "./channels";
import { IsoDateSchema } from "./common";
import { DISMISSAL_REASON_CODES } from "./leads";

/**
 * The public statistics API (issue 5): `GET /api/public/stats` and
 * `GET /api/public/stats.csv`. Shared by the Worker and the site.
 */

/** Sectors of the statistics: the `units.sector` codes, plus `local` for ward and commune government (no sector). */
export const SECTOR_CODES = [
  "general",
  "home-affairs",
  "finance",
  "construction",
  "planning-investment",
  "land-environment",
  "industry-trade",
  "education",
  "health",
  "science-technology",
  "culture-sports",
  "tourism",
  "justice",
  "foreign-affairs",
  "ethnic-religious",
  "inspection",
  "public-security",
  "social-insurance",
  "local",
] as const;
export const SectorCodeSchema = z.enum(SECTOR_CODES);
export type SectorCode = z.infer<typeof SectorCodeSchema>;

/** Public names of the sectors. */
export const SECTOR_LABELS: Readonly<Record<SectorCode, { vi: string; en: string }>> = {
  general: { vi: "Tổng hợp, hành chính công", en: "General administration" },
  "home-affairs": { vi: "Nội vụ, lao động", en: "Home affairs and labour" },
  finance: { vi: "Tài chính, thuế", en: "Finance and tax" },
  construction: { vi: "Xây dựng, giao thông", en: "Construction and transport" },
  "planning-investment": { vi: "Quy hoạch, đầu tư", en: "Planning and investment" },
  "land-environment": { vi: "Đất đai, môi trường, nông nghiệp", en: "Land, environment and agriculture" },
  "industry-trade": { vi: "Công thương", en: "Industry and trade" },
  education: { vi: "Giáo dục", en: "Education" },
  health: { vi: "Y tế", en: "Health" },
  "science-technology": { vi: "Khoa học, công nghệ", en: "Science and technology" },
  "culture-sports": { vi: "Văn hóa, thể thao", en: "Culture and sports" },
  tourism: { vi: "Du lịch", en: "Tourism" },
  justice: { vi: "Tư pháp", en: "Justice" },
  "foreign-affairs": { vi: "Ngoại vụ", en: "Foreign affairs" },
  "ethnic-religious": { vi: "Dân tộc, tôn giáo", en: "Ethnic and religious affairs" },
  inspection: { vi: "Thanh tra", en: "Inspection" },
  "public-security": { vi: "Công an", en: "Public security" },
  "social-insurance": { vi: "Bảo hiểm xã hội", en: "Social insurance" },
  local: { vi: "Chính quyền cấp xã, phường", en: "Ward and commune government" },
};

/** The first and last days a statistics period may touch: nothing was reported before, and a bound keeps every period cheap. */
export const STATS_EARLIEST_DATE = "2000-01-01";
export const STATS_LATEST_DATE = "2099-12-31";
/** The longest period one request may ask for, in months (ten years). */
export const STATS_MAX_MONTHS = 120;

/** A date of a statistics period: a real `YYYY-MM-DD` between 2000 and 2099. */
export const StatsDateSchema = IsoDateSchema.refine(
  (value) => value >= STATS_EARLIEST_DATE && value <= STATS_LATEST_DATE,
  { params: { key: "stats_date" } },
);

export const STATS_GROUP_BY = ["month", "category", "sector", "unit"] as const;
export const StatsGroupBySchema = z.enum(STATS_GROUP_BY);
export type StatsGroupBy = z.infer<typeof StatsGroupBySchema>;

/**
 * `GET /api/public/stats` query. Periods are whole Hanoi months: `from` is
 * moved to the first day of its month and `to` to the last day of its month
 * (the response says which period was used), so two periods never differ by
 * a few days' reports. `from` defaults to twelve months before `to`, `to` to
 * the end of the current month. `unit` is the unit page's filter.
 */
export const StatsQuerySchema = z.object({
  from: StatsDateSchema.optional(),
  to: StatsDateSchema.optional(),
  groupBy: StatsGroupBySchema.default("month"),
  categoryCode: CategoryCodeSchema.optional(),
  sector: SectorCodeSchema.optional(),
  unit: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .optional(),
});
export type StatsQuery = z.infer<typeof StatsQuerySchema>;

const count = z.number().int().nonnegative();

/** The six counts of the contract; null only when suppressed. */
export const StatsCountsSchema = z.object({
  reports: count,
  leads: count,
  referred: count,
  dismissed: count,
  inspections: count,
  substantiated: count,
});
export type StatsCounts = z.infer<typeof StatsCountsSchema>;

const nullableCounts = z.object({
  reports: count.nullable(),
  leads: count.nullable(),
  referred: count.nullable(),
  dismissed: count.nullable(),
  inspections: count.nullable(),
  substantiated: count.nullable(),
});

/** One group (a month, category, sector or unit). A suppressed group has null for every figure. */
export const StatsGroupSchema = z
  .object({
    key: z.string(),
    label: z.string(),
  })
  .extend(nullableCounts.shape)
  .extend({
    /** Share of leads acknowledged by their deadline; open leads past it count as late. */
    onTimeRate: z.number().min(0).max(1).nullable(),
    medianDaysToFirstResponse: z.number().nonnegative().nullable(),
    suppressed: z.boolean(),
  });
export type StatsGroup = z.infer<typeof StatsGroupSchema>;

/** The headline figures of the population, beyond the six counts (an extension of the contract). */
export const StatsHeadlineSchema = z.object({
  inspectionsByType: z.object({ surprise: count, scheduled: count, verification: count }),
  findingsByOutcome: z.object({
    substantiated: count,
    partly_substantiated: count,
    not_substantiated: count,
    could_not_verify: count,
  }),
  dismissalsByReason: z.array(
    z.object({ code: z.enum([...DISMISSAL_REASON_CODES, "unspecified"]), label: z.string(), count }),
  ),
  /**
   * Reports received in the period by channel (the web form, the 1022
   * hotline, post…), every channel of the contract in its order. A channel
   * with reports but fewer than K, and its complements, is suppressed as
   * groups are (`reports` null); a channel with none shows 0.
   */
  reportsByChannel: z.array(
    z.object({ code: ChannelSchema, label: z.string(), reports: count.nullable(), suppressed: z.boolean() }),
  ),
  measuresVerified: count,
  /** Leads forwarded to the competent agency in the period (chuyển đơn; month of the decision): not dismissals. */
  forwarded: count,
  /** Measures due in the period verified on time, over those verified or overdue. */
  measuresOnTimeRate: z.number().min(0).max(1).nullable(),
  /** Leads opened in the period acknowledged on time, over those acknowledged or overdue. */
  ackOnTimeRate: z.number().min(0).max(1).nullable(),
  medianDaysToFirstResponse: z.number().nonnegative().nullable(),
  medianDaysToConclusion: z.number().nonnegative().nullable(),
});
export type StatsHeadline = z.infer<typeof StatsHeadlineSchema>;

/** `GET /api/public/stats` response. */
export const StatsResponseSchema = z.object({
  /** First day of the first month of the period. */
  from: IsoDateSchema,
  /** Last day of the last month of the period. */
  to: IsoDateSchema,
  groupBy: StatsGroupBySchema,
  /** K: a group with fewer reports is suppressed. */
  minCell: z.number().int().positive(),
  /** N: the unit ranking chart shows units with at least this many reports. */
  minRankedCases: z.number().int().nonnegative(),
  generatedAt: z.string(),
  /**
   * True totals of the population. With a category, sector or unit filter the
   * population is itself a cell of a larger table, and when that cell is
   * suppressed there (fewer than K reports, or complementary) the totals are
   * null here too and `totalsSuppressed` is true.
   */
  totals: nullableCounts,
  totalsSuppressed: z.boolean(),
  /** Null when `totalsSuppressed`. */
  headline: StatsHeadlineSchema.nullable(),
  groups: z.array(StatsGroupSchema),
  suppressedGroups: count,
});
export type StatsResponse = z.infer<typeof StatsResponseSchema>;
