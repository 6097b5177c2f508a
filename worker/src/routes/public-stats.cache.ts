import type { Context } from "hono";
import type { StatsQuery } from "../contracts/stats";
import type { AppEnv } from "../env";
import { statsPeriod } from "../services/stats/period";

/** Seconds to cache, from `STATS_CACHE_SECONDS` (default 60; 0 or junk below 0 turns caching off). */
function cacheSeconds(value: string | undefined): number {
  const n = Number(value ?? "60");
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/**
 * The Cache API key of a query: the normalised period (whole months, defaults
 * filled in), every parameter in a fixed order and the language, so that
 * `?to=2026-11-03` and `?to=2026-11-30` share one entry. A bad period is
 * refused here (422) before the cache is looked at.
 */
function cacheKey(c: Context<AppEnv>, format: "json" | "csv", query: StatsQuery): Request {
  const period = statsPeriod(query, c.get("lang"), c.get("now"));
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
 * answer and stores it for `STATS_CACHE_SECONDS`. `X-Stats-Cache` says which
 * happened; the answer is open data (`Access-Control-Allow-Origin: *`).
 *
 * @example
 * return cached(c, "csv", query, async () => ({ body: csv, headers: { "Content-Type": "text/csv; charset=utf-8" } }));
 */
export async function cached(
  c: Context<AppEnv>,
  format: "json" | "csv",
  query: StatsQuery,
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
