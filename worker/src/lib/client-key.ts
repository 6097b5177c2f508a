import type { Context } from "hono";
import type { AppEnv } from "../env";
import { hmacHex } from "./crypto";

/**
 * A stable, salted key for the client behind a request, for rate limits.
 * The raw IP (from `CF-Connecting-IP`) is hashed with `IP_HASH_SALT` and a
 * purpose and never stored or logged.
 *
 * @example
 * await clientKey(c, "login") // "3f1c…" (64 hex chars)
 */
export async function clientKey(c: Context<AppEnv>, purpose: string): Promise<string> {
  const ip = c.req.header("cf-connecting-ip") ?? "unknown";
  return hmacHex(c.env.IP_HASH_SALT, `${purpose}:${ip}`);
}
