import { and, eq, lt, lte } from "drizzle-orm";
import type { Db } from "../db/client";
import { idempotencyKeys } from "../db/schema";
import { seal, sha256Hex, unseal } from "./crypto";

/** How long a response is remembered for retries with the same key. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Visible ASCII, 1 to 255 characters: what clients send (UUIDs, ULIDs, random strings). */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** An `Idempotency-Key` as stored: hashed with its route's scope, and the hash of the body it came with. */
export interface IdempotencyRef {
  keyHash: string;
  requestHash: string;
}

/** Whether an `Idempotency-Key` header value is acceptable. */
export function isValidIdempotencyKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** The stored key: a hash of scope and key, so keys of different routes never meet. */
export function idempotencyKeyHash(scope: string, key: string): Promise<string> {
  return sha256Hex(`${scope}\n${key}`);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/**
 * SHA-256 of a parsed JSON body with its keys sorted and the `omit` fields
 * removed. A retry carries a fresh one-time ALTCHA payload, so that field is
 * left out when deciding whether two bodies are "the same".
 *
 * @example
 * await requestFingerprint(body, ["altcha"])
 */
export function requestFingerprint(body: unknown, omit: readonly string[] = []): Promise<string> {
  let value = body;
  if (value && typeof value === "object" && !Array.isArray(value)) {
    value = Object.fromEntries(Object.entries(value).filter(([key]) => !omit.includes(key)));
  }
  return sha256Hex(JSON.stringify(canonical(value)));
}

/** What a lookup found for a key. */
export type StoredResponse =
  | { kind: "none" }
  | { kind: "conflict" }
  | { kind: "replay"; status: number; body: unknown };

/**
 * The remembered response for a key, if the key was used within 24 h: a
 * replay when the body matches, a conflict when it does not. Responses are
 * stored encrypted because a receipt holds the reporter's secret.
 */
export async function findStoredResponse(
  db: Db,
  encryptionKey: string,
  keyHash: string,
  requestHash: string,
  now: Date,
): Promise<StoredResponse> {
  const [row] = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.keyHash, keyHash)).limit(1);
  if (!row || row.expiresAt <= now.toISOString()) return { kind: "none" };
  if (row.requestHash !== requestHash) return { kind: "conflict" };
  const body = JSON.parse(await unseal(encryptionKey, JSON.parse(row.responseBody), keyHash));
  return { kind: "replay", status: row.status, body };
}

/**
 * Statements that remember a response, for the batch of the write it
 * answers: an expired row under the same key is cleared first, so a live
 * row for the key (a concurrent request) makes the insert, and the whole
 * batch, fail.
 */
export async function rememberResponse(
  db: Db,
  encryptionKey: string,
  entry: { keyHash: string; requestHash: string; status: number; body: unknown },
  now: Date,
) {
  const nowIso = now.toISOString();
  const sealed = await seal(encryptionKey, JSON.stringify(entry.body), entry.keyHash);
  return [
    db
      .delete(idempotencyKeys)
      .where(and(eq(idempotencyKeys.keyHash, entry.keyHash), lte(idempotencyKeys.expiresAt, nowIso))),
    db.insert(idempotencyKeys).values({
      keyHash: entry.keyHash,
      requestHash: entry.requestHash,
      status: entry.status,
      responseBody: JSON.stringify(sealed),
      createdAt: nowIso,
      expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS).toISOString(),
    }),
  ] as const;
}

/** The statement that forgets responses past their 24 hours at `now`, for the cron job. */
export function forgetExpiredResponses(db: Db, now: Date) {
  return db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now.toISOString()));
}
