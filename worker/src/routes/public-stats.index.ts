import { createMiddleware } from "hono/factory";
import { StatsResponseSchema } from "../contracts/stats";
import type { AppEnv } from "../env";
import { createApp } from "../http/create-app";
import { serviceContext } from "../http/service-context";
import { publicStats, publicStatsCsv } from "../services/stats/public-stats";
import { cached } from "./public-stats.cache";
import { publicStatsCsvRoute, publicStatsRoute } from "./public-stats.routes";

/** `lang=vi|en` in the query picks the language before validation, so 422 messages follow it. */
const langFromQuery = createMiddleware<AppEnv>(async (c, next) => {
  const lang = c.req.query("lang");
  if (lang === "vi" || lang === "en") c.set("lang", lang);
  await next();
});

const app = createApp();
app.use("/public/stats", langFromQuery);
app.use("/public/stats.csv", langFromQuery);

/** `GET /api/public/stats` and `GET /api/public/stats.csv`: open, cached, never reading the raw tables. */
export const publicStatsApp = app
  .openapi(publicStatsRoute, async (c) => {
    const query = c.req.valid("query");
    const response = await cached(c, "json", query, async () => {
      const stats = StatsResponseSchema.parse(await publicStats(serviceContext(c), query));
      return { body: JSON.stringify(stats), headers: { "Content-Type": "application/json; charset=utf-8" } };
    });
    // Checked against StatsResponseSchema above; a plain Response so the Cache API can hold the bytes.
    return response as never;
  })
  .openapi(publicStatsCsvRoute, async (c) => {
    const query = c.req.valid("query");
    return cached(c, "csv", query, async () => {
      const { csv, fileName } = await publicStatsCsv(serviceContext(c), query);
      const headers = {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"`,
      };
      return { body: csv, headers };
    });
  });
