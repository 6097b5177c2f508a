import { type ClientKeyUse, useClientKey } from "../db/queries/client-keys";
import { sha256Hex } from "../lib/crypto";
import { hitRateLimit, type RateLimitResult } from "../lib/rate-limit";
import type { ServiceContext } from "./context";

/** A registered client app whose key was accepted. */
export type ApiClient = ClientKeyUse;

/** Longest key accepted for hashing: issued keys are far shorter; anything longer is not one of ours. */
const MAX_KEY_LENGTH = 256;

/** The outcome of presenting a key: the client, or why not (both refusals are a 403 to the caller). */
export type ClientAuthentication = { ok: true; client: ApiClient } | { ok: false; reason: "missing" | "refused" };

/**
 * Checks an `api_key` against the registered client apps (`api_clients`):
 * its SHA-256 must be a stored key's and the key not revoked. An accepted
 * key counts one use (`use_count`, `last_used_at` = `ctx.now`) in the same
 * statement that reads it. An unknown key and a revoked one are refused
 * alike, so a caller cannot tell which keys once existed. The key itself is
 * never stored, logged or echoed.
 *
 * @example
 * const auth = await authenticateClient(ctx, form.api_key);
 * if (!auth.ok) throw forbidden(auth.reason);
 */
export async function authenticateClient(ctx: ServiceContext, key: string | undefined): Promise<ClientAuthentication> {
  const value = key?.trim() ?? "";
  if (value === "") return { ok: false, reason: "missing" };
  if (value.length > MAX_KEY_LENGTH) return { ok: false, reason: "refused" };
  const client = await useClientKey(ctx.db, await sha256Hex(value), ctx.now.toISOString());
  return client ? { ok: true, client } : { ok: false, reason: "refused" };
}

/**
 * Counts one filing of a client against its hourly budget
 * (`requests_per_hour`, fixed windows as every other limit). A settings row
 * `open311.requests_per_hour.<client id>` overrides one client's budget
 * without reissuing its key.
 */
export async function countClientFiling(ctx: ServiceContext, client: ApiClient): Promise<RateLimitResult> {
  return hitRateLimit(
    ctx.db,
    ctx.env.IP_HASH_SALT,
    `client:${client.id}`,
    { scope: "open311", settingKey: `open311.requests_per_hour.${client.id}`, fallback: client.requestsPerHour },
    ctx.now,
  );
}
