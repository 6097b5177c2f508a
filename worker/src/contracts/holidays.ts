import { z } from "zod";
import { TextSchema } from "./common";

/**
 * Public holidays and worked weekend days (`/api/admin/holidays`): the data
 * every working-day deadline counts with.
 */

/** First and last year an administrator may edit. */
export const HOLIDAY_YEAR_MIN = 2000;
export const HOLIDAY_YEAR_MAX = 2100;

export const HOLIDAY_KINDS = ["holiday", "working_day"] as const;
/** `holiday`: a weekday off; `working_day`: a Saturday or Sunday worked instead. */
export const HolidayKindSchema = z.enum(HOLIDAY_KINDS);
export type HolidayKind = z.infer<typeof HolidayKindSchema>;

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** A real `YYYY-MM-DD` date of 2000–2100. */
export const HolidayDateSchema = z.string().refine(
  (value) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const year = Number(value.slice(0, 4));
    const date = new Date(`${value}T00:00:00Z`);
    return (
      year >= HOLIDAY_YEAR_MIN &&
      year <= HOLIDAY_YEAR_MAX &&
      !Number.isNaN(date.getTime()) &&
      date.toISOString().startsWith(value)
    );
  },
  { params: { key: "holiday_date" } },
);

/** A year of 2000–2100, as a path or query string. */
export const HolidayYearSchema = z
  .string()
  .refine((value) => /^\d{4}$/.test(value) && Number(value) >= HOLIDAY_YEAR_MIN && Number(value) <= HOLIDAY_YEAR_MAX, {
    params: { key: "holiday_year" },
  })
  .transform(Number);

/** One day of the calendar table, or a computed default the table does not hold yet. */
export const HolidaySchema = z.object({
  date: z.string(),
  kind: HolidayKindSchema,
  nameVi: z.string(),
  nameEn: z.string(),
  /** Computed or unannounced: an administrator has not confirmed it. */
  provisional: z.boolean(),
  /** False for a computed default of a year with no row: the deadlines use it all the same. */
  stored: z.boolean(),
});
export type Holiday = z.infer<typeof HolidaySchema>;

/** `GET /api/admin/holidays?year=` */
export const HolidayListSchema = z.object({
  year: z.number().int(),
  /** True when the year has no row and the list is the computed defaults. */
  computed: z.boolean(),
  items: z.array(HolidaySchema),
});
export type HolidayList = z.infer<typeof HolidayListSchema>;

/** `GET /api/admin/holidays` query. */
export const HolidayListQuerySchema = z.object({ year: HolidayYearSchema }).strict();

/** `{date}` path parameter. */
export const HolidayDateParams = z.object({ date: HolidayDateSchema });

/** `{year}` path parameter. */
export const HolidayYearParams = z.object({ year: HolidayYearSchema });

/** Limit of a holiday's name in either language. */
export const HOLIDAY_NAME_MAX = 120;

const NameSchema = TextSchema.pipe(z.string().min(1).max(HOLIDAY_NAME_MAX));

/**
 * `PUT /api/admin/holidays/{date}`: the day as it should be, confirmed. The
 * date's weekday must fit the kind (checked against the path's date).
 */
export const HolidayPutSchema = z
  .object({
    kind: HolidayKindSchema,
    nameVi: NameSchema,
    nameEn: NameSchema,
  })
  .strict();
export type HolidayPut = z.infer<typeof HolidayPutSchema>;

/**
 * Whether `kind` fits the weekday of `date`: a holiday on a weekday, a worked
 * day on a Saturday or Sunday. Returns the message key when it does not.
 *
 * @example
 * kindMismatch("2028-01-29", "holiday") // "holiday_on_weekend": a Saturday
 */
export function kindMismatch(date: string, kind: HolidayKind): "holiday_on_weekend" | "working_day_on_weekday" | null {
  const weekend = weekday(date) === 0 || weekday(date) === 6;
  if (kind === "holiday" && weekend) return "holiday_on_weekend";
  if (kind === "working_day" && !weekend) return "working_day_on_weekday";
  return null;
}

/** `POST /api/admin/holidays/{year}/confirm`: how many days were confirmed, and the year's list. */
export const HolidayConfirmSchema = z.object({ confirmed: z.number().int(), list: HolidayListSchema });
export type HolidayConfirm = z.infer<typeof HolidayConfirmSchema>;
