import { createMiddleware } from "hono/factory";
import type { AppEnv, Bindings } from "../env";
import { serviceContext } from "../http/service-context";
import type { RateLimitPolicy } from "../lib/rate-limit";
import { countRequest } from "../services/rate-limits";

/**
 * Counts every request of a route against the client's hourly budget before
 * anything else is read (429 once spent), invalid requests included: the
 * limit protects the server, not only the database.
 *
 * @example
 * createRoute({ ..., middleware: [rateLimit(MESSAGES_POLICY), requireReceipt] })
 */
export function rateLimit(policy: RateLimitPolicy | ((env: Bindings) => RateLimitPolicy)) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const chosen = typeof policy === "function" ? policy(c.env) : policy;
    await countRequest(serviceContext(c), chosen, c.req.header("cf-connecting-ip"));
    await next();
  });
}
