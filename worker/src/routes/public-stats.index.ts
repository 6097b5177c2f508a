import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { type StatsResponse, StatsResponseSchema } from "../contracts/stats";
import { publicStats, statsPeriod } from "../db/queries/stats";
import { statsCsv } from "../domain/stats";
import type { AppEnv } from "../env";
import { createApp } from "../http/create-app";
import { type PublicStatsQuerySchema, publicStatsCsvRoute, publicStatsRoute } from "./public-stats.routes";

type PublicStatsQuery = ReturnType<typeof PublicStatsQuerySchema.parse>;

/** `lang=vi|en` in the query picks the language before validation, so 422 messages follow it. */
const langFromQuery = createMiddleware<AppEnv>(async (c, next) => {
  const lang = c.req.query("lang");
  if (lang === "vi" || lang === "en") c.set("lang", lang);
  await next();
});

/** Seconds to cache, from `STATS_CACHE_SECONDS` (default 60; 0 or junk below 0 turns caching off). */
function cacheSeconds(value: string | undefined): number {
  const n = Number(value ?? "60");
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/**
 * The Cache API key of a query: the normalised period (whole months, defaults
 * filled in), every parameter in a fixed order and the language, so that
 * `?to=2026-11-03` and `?to=2026-11-30` share one entry.
 */
function cacheKey(c: Context<AppEnv>, format: "json" | "csv", query: PublicStatsQuery): Request {
  const period = statsPeriod(query, c.get("lang"), new Date());
  const params = new URLSearchParams({
    from: period.from,
    to: period.to,
    groupBy: query.groupBy,
    categoryCode: query.categoryCode ?? "",
    sector: query.sector ?? "",
    unit: query.unit ?? "",
    lang: c.get("lang"),
  });
  return new Request(`${new URL(c.req.url).origin}/api/public/stats.${format}?${params}`);
}

/**
 * Answers from the Cache API when it holds the query, otherwise builds the
 * answer and stores it. `X-Stats-Cache` says which happened.
 */
async function cached(
  c: Context<AppEnv>,
  format: "json" | "csv",
  query: PublicStatsQuery,
  build: () => Promise<{ body: string; headers: Record<string, string> }>,
): Promise<Response> {
  const seconds = cacheSeconds(c.env.STATS_CACHE_SECONDS);
  const key = seconds > 0 ? cacheKey(c, format, query) : undefined;
  const cache = key ? caches.default : undefined;
  if (key && cache) {
    const hit = await cache.match(key);
    if (hit) {
      const response = new Response(hit.body, hit);
      response.headers.set("X-Stats-Cache", "hit");
      return response;
    }
  }
  const { body, headers } = await build();
  const response = new Response(body, {
    status: 200,
    headers: {
      ...headers,
      "Content-Language": c.get("lang"),
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": seconds > 0 ? `public, max-age=${seconds}` : "no-store",
      "X-Stats-Cache": "miss",
    },
  });
  if (key && cache) {
    const put = cache.put(key, response.clone());
    try {
      c.executionCtx.waitUntil(put);
    } catch {
      await put;
    }
  }
  return response;
}

function withoutLang(query: PublicStatsQuery) {
  const { lang: _lang, ...rest } = query;
  return rest;
}

/** The statistics as CSV: one row per group, then the totals row with the headline's rates. */
function statsResponseCsv(stats: StatsResponse): string {
  return statsCsv({
    ...stats,
    totalsRow: {
      onTimeRate: stats.headline?.ackOnTimeRate ?? null,
      medianDaysToFirstResponse: stats.headline?.medianDaysToFirstResponse ?? null,
      suppressed: stats.totalsSuppressed,
    },
  });
}

function csvFileName(stats: StatsResponse, query: PublicStatsQuery, lang: string): string {
  const filters = [query.categoryCode, query.sector, query.unit].filter((f): f is string => f !== undefined);
  const parts = [
    lang === "en" ? "statistics" : "thong-ke",
    `${stats.from.slice(0, 7)}_${stats.to.slice(0, 7)}`,
    stats.groupBy,
    ...filters,
  ];
  return `${parts.join("-")}.csv`;
}

const app = createApp();
app.use("/public/stats", langFromQuery);
app.use("/public/stats.csv", langFromQuery);

/** `GET /api/public/stats` and `GET /api/public/stats.csv`: open, cached, never reading the raw tables. */
export const publicStatsApp = app
  .openapi(publicStatsRoute, async (c) => {
    const query = c.req.valid("query");
    const response = await cached(c, "json", query, async () => {
      const stats = StatsResponseSchema.parse(
        await publicStats(c.env.DB, withoutLang(query), c.get("lang"), new Date()),
      );
      return { body: JSON.stringify(stats), headers: { "Content-Type": "application/json; charset=utf-8" } };
    });
    // Checked against StatsResponseSchema above; a plain Response so the Cache API can hold the bytes.
    return response as never;
  })
  .openapi(publicStatsCsvRoute, async (c) => {
    const query = c.req.valid("query");
    const response = await cached(c, "csv", query, async () => {
      const stats = await publicStats(c.env.DB, withoutLang(query), c.get("lang"), new Date());
      return {
        body: statsResponseCsv(stats),
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${csvFileName(stats, query, c.get("lang"))}"`,
        },
      };
    });
    return response;
  });
