import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "../http/errors";

/**
 * The longest request address the API reads. No route needs more than a few
 * hundred characters; a longer one is refused before any work is done.
 */
export const MAX_URL_LENGTH = 8192;

/** Refuses an over-long address with a 414 problem. */
export const urlLimit = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.url.length > MAX_URL_LENGTH) throw new ApiError("uri_too_long");
  await next();
});
