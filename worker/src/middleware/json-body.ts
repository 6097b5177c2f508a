import { createMiddleware } from "hono/factory";
import type { AppEnv, Bindings } from "../env";
import { bufferBody, isJsonMediaType } from "../http/body";

/** The JSON body limit when `MAX_JSON_BODY_BYTES` is unset or not a positive integer. */
const DEFAULT_MAX_JSON_BYTES = 65_536;

/** The largest JSON body the API reads (`MAX_JSON_BODY_BYTES` in wrangler.toml). */
export function maxJsonBytes(env: Bindings): number {
  const parsed = Number.parseInt(env.MAX_JSON_BODY_BYTES ?? "", 10);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : DEFAULT_MAX_JSON_BYTES;
}

/**
 * Refuses a JSON body over `MAX_JSON_BODY_BYTES` with a 413 problem, whether
 * or not the client sent a Content-Length; the bytes read stay cached for the
 * route's validator. Bodies of other types pass untouched: the route's
 * validator answers 415 to them, and uploads read their own body with their
 * own limit.
 *
 * @example
 * app.use("/leads/*", requireActor("leads.read"), jsonBodyLimit);
 */
export const jsonBodyLimit = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.raw.body && isJsonMediaType(c.req.header("content-type"))) await bufferBody(c, maxJsonBytes(c.env));
  await next();
});
