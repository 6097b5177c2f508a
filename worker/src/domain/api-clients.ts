/**
 * Rules of the Open311 client applications' keys (`/api/admin/api-clients`):
 * the key's shape, what is stored of it, and which changes a client allows.
 * Pure: the random bytes and the hash come in from the caller.
 *
 * A key is `pacv_` followed by 32 random bytes in base64url (43 characters),
 * so that someone who finds one in a log or a repository can tell what it
 * is. Only its hex SHA-256 is stored, with its first {@link KEY_PREFIX_LENGTH}
 * characters for the admin's list.
 */
import type { ApiClientUpdate } from "../contracts/api-clients";
import { type Failure, fail } from "./inspections/result";

/** The recognisable start of every key this portal issues. */
export const API_KEY_PREFIX = "pacv_";
/** Random bytes in a key. */
export const API_KEY_BYTES = 32;
/** Characters of the key kept in clear (`key_prefix`), prefix included. */
export const KEY_PREFIX_LENGTH = 8;

/** What a well-formed key looks like: the prefix and 43 base64url characters. */
export const API_KEY_PATTERN = /^pacv_[A-Za-z0-9_-]{43}$/;

/** Unpadded base64url of bytes. */
function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * The key made of `API_KEY_BYTES` random bytes.
 *
 * @example
 * apiKeyOf(crypto.getRandomValues(new Uint8Array(32))) // "pacv_q3X…" (48 characters)
 */
export function apiKeyOf(bytes: Uint8Array): string {
  if (bytes.byteLength !== API_KEY_BYTES) throw new RangeError(`an API key takes ${API_KEY_BYTES} bytes`);
  return `${API_KEY_PREFIX}${base64url(bytes)}`;
}

/**
 * The part of a key stored in clear, so an admin can tell keys apart.
 *
 * @example
 * keyPrefixOf("pacv_q3XkT0…") // "pacv_q3X"
 */
export function keyPrefixOf(key: string): string {
  return key.slice(0, KEY_PREFIX_LENGTH);
}

/** A client as these rules need it. */
export interface ClientState {
  name: string;
  requestsPerHour: number;
  publicApp: boolean;
  revokedAt: string | null;
}

/** Success, or a failure whose `detail` is a message key of `i18n/api-clients.ts`. */
export type ClientCheck = { ok: true } | Failure;

/**
 * Whether the client may be revoked: not twice (the first revocation's time
 * and author stay as they were).
 */
export function checkRevoke(client: Pick<ClientState, "revokedAt">): ClientCheck {
  return client.revokedAt === null ? { ok: true } : fail("illegal", "already_revoked");
}

/** The fields a change really alters, before and after; empty when it alters nothing. */
export interface ClientChange {
  before: Partial<Omit<ClientState, "revokedAt">>;
  after: Partial<Omit<ClientState, "revokedAt">>;
}

/**
 * What an edit changes. A revoked client is kept as it was when revoked
 * (its name and limits are the record of what the key was for), so editing
 * one is refused.
 *
 * @example
 * planClientUpdate({ name: "A", requestsPerHour: 10, publicApp: false, revokedAt: null }, { requestsPerHour: 20 })
 * // { ok: true, change: { before: { requestsPerHour: 10 }, after: { requestsPerHour: 20 } } }
 */
export function planClientUpdate(
  client: ClientState,
  patch: ApiClientUpdate,
): { ok: true; change: ClientChange } | Failure {
  if (client.revokedAt !== null) return fail("illegal", "already_revoked");
  const before: ClientChange["before"] = {};
  const after: ClientChange["after"] = {};
  if (patch.name !== undefined && patch.name !== client.name) {
    before.name = client.name;
    after.name = patch.name;
  }
  if (patch.requestsPerHour !== undefined && patch.requestsPerHour !== client.requestsPerHour) {
    before.requestsPerHour = client.requestsPerHour;
    after.requestsPerHour = patch.requestsPerHour;
  }
  if (patch.publicApp !== undefined && patch.publicApp !== client.publicApp) {
    before.publicApp = client.publicApp;
    after.publicApp = patch.publicApp;
  }
  return { ok: true, change: { before, after } };
}
