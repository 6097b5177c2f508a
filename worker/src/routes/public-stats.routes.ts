import { createRoute, z } from "@hono/zod-openapi";
import { StatsQuerySchema, StatsResponseSchema } from "../contracts/stats";
import { STATS_CSV_COLUMNS, TOTALS_ROW_KEY } from "../domain/stats";
import { json, problem } from "../http/openapi";

/** The statistics query plus the response language (`lang` wins over `Accept-Language`). */
export const PublicStatsQuerySchema = StatsQuerySchema.extend({
  lang: z.enum(["vi", "en"]).optional(),
});

const cacheHeaders = {
  "Cache-Control": {
    description:
      "`public, max-age=S` with S from the STATS_CACHE_SECONDS setting (default 60); `no-store` when it is 0",
    schema: { type: "string" as const },
  },
  "X-Stats-Cache": {
    description: "`hit` when the answer came from the Cache API, `miss` when it was computed",
    schema: { type: "string" as const, enum: ["hit", "miss"] },
  },
  "Access-Control-Allow-Origin": { description: "`*`: open data", schema: { type: "string" as const } },
};

const QUERY_DESCRIPTION =
  "Periods are whole Hanoi months: `from` moves to the first day of its month, `to` to the last day of its month (defaults: `to` the current month, `from` eleven months before, so twelve months). Groups: every month of the period, the seven categories, every sector (`local` = ward and commune government), or every current unit plus any unit with data in the period. Filters: `categoryCode`, `sector`, `unit`. A group with fewer than `minCell` reports is suppressed (every figure null), with complementary suppression so that totals minus the visible groups never reveal a suppressed group. Totals are true totals; with a filter whose own cell is suppressed in the table grouped by that filter, `totalsSuppressed` is true and totals, headline and groups are withheld. Figures come from rollup tables kept in the same statement as every write; free text is never published.";

export const publicStatsRoute = createRoute({
  method: "get",
  path: "/public/stats",
  tags: ["public statistics"],
  summary: "Public statistics (thống kê công khai): counts by month, category, sector or unit, small cells suppressed",
  description: QUERY_DESCRIPTION,
  request: { query: PublicStatsQuerySchema },
  responses: {
    200: { description: "The figures", headers: cacheHeaders, content: json(StatsResponseSchema) },
    404: problem("Unknown unit"),
    422: problem("Bad parameters, or `to` before `from`"),
  },
});

export const publicStatsCsvRoute = createRoute({
  method: "get",
  path: "/public/stats.csv",
  tags: ["public statistics"],
  summary: "The same statistics as CSV (open data, CC BY 4.0)",
  description: `${QUERY_DESCRIPTION}\n\nUTF-8 with a byte order mark, comma separated, CRLF line ends (RFC 4180). Columns: ${STATS_CSV_COLUMNS.map((c) => `\`${c}\``).join(", ")}. One row per group in the order of the JSON \`groups\` (a suppressed group keeps its row with empty figures and \`suppressed\` = true), then a totals row keyed \`${TOTALS_ROW_KEY}\` whose counts are the JSON \`totals\`, whose \`onTimeRate\` and \`medianDaysToFirstResponse\` are the headline's \`ackOnTimeRate\` and \`medianDaysToFirstResponse\`, and whose \`suppressed\` is \`totalsSuppressed\`. Rates are shares from 0 to 1; medians are working days.`,
  request: { query: PublicStatsQuerySchema },
  responses: {
    200: {
      description: "The CSV",
      headers: cacheHeaders,
      content: { "text/csv": { schema: { type: "string" } } },
    },
    404: problem("Unknown unit"),
    422: problem("Bad parameters, or `to` before `from`"),
  },
});
