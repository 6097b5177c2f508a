import { hmacHex } from "./crypto";

/**
 * A stable, salted key for the client behind a request, for rate limits.
 * The raw IP (from `CF-Connecting-IP`) is hashed with `IP_HASH_SALT` and a
 * purpose and never stored or logged.
 *
 * @example
 * await clientKey(env.IP_HASH_SALT, "login", request.headers.get("cf-connecting-ip")) // "3f1c…" (64 hex chars)
 */
export function clientKey(salt: string, purpose: string, ip: string | null | undefined): Promise<string> {
  return hmacHex(salt, `${purpose}:${ip ?? "unknown"}`);
}
