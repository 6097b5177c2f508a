import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

/**
 * Headers for API responses. Pages get the same policy from
 * `site/public/_headers`, since static assets do not pass through the Worker.
 * A route that sets its own Content-Security-Policy (the HTML of `/api/docs`,
 * which loads its own stylesheet) keeps it; every other response gets the
 * strictest one.
 */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (!c.res.headers.has("Content-Security-Policy")) {
    c.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  }
  c.header("Referrer-Policy", "no-referrer");
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Cross-Origin-Resource-Policy", "same-origin");
  c.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
});
