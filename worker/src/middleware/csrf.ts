import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request that carries a cookie must come from our own
 * origin: its `Origin` header must equal the request's. SameSite=Strict
 * already stops most cross-site sends; this closes the rest (old browsers,
 * same-site subdomains). Requests without cookies (reporters) pass.
 */
export const originCheck = createMiddleware<AppEnv>(async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method) && c.req.header("cookie")) {
    const origin = c.req.header("origin");
    if (!origin || origin !== new URL(c.req.url).origin) throw new ApiError("forbidden");
  }
  await next();
});
