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

/**
 * Nesting deeper than any request body a route accepts. A body nested deeper
 * gets no fingerprint (so it is never remembered), instead of overflowing the
 * stack while being sorted.
 */
const MAX_FINGERPRINT_DEPTH = 64;

/** The value with every object's keys sorted, or undefined past `MAX_FINGERPRINT_DEPTH`. */
function canonical(value: unknown, depth: number): { value: unknown } | undefined {
  if (depth > MAX_FINGERPRINT_DEPTH) return undefined;
  if (value === null || typeof value !== "object") return { value };
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.keys(value)
        .sort()
        .map((key) => [key, (value as Record<string, unknown>)[key]] as const);
  const out: [string | number, unknown][] = [];
  for (const [key, item] of entries) {
    const sorted = canonical(item, depth + 1);
    if (!sorted) return undefined;
    out.push([key, sorted.value]);
  }
  return { value: Array.isArray(value) ? out.map(([, item]) => item) : Object.fromEntries(out) };
}

/**
 * SHA-256 of a parsed JSON body with its keys sorted and the `omit` fields
 * removed. A retry carries a fresh one-time ALTCHA payload, so that field is
 * left out when deciding whether two bodies are "the same". Undefined for a
 * body nested more than 64 levels deep, which no route accepts.
 *
 * @example
 * await requestFingerprint(body, ["altcha"])
 */
export async function requestFingerprint(body: unknown, omit: readonly string[] = []): Promise<string | undefined> {
  let value = body;
  if (value && typeof value === "object" && !Array.isArray(value)) {
    value = Object.fromEntries(Object.entries(value).filter(([key]) => !omit.includes(key)));
  }
  const sorted = canonical(value, 0);
  return sorted ? sha256Hex(JSON.stringify(sorted.value)) : undefined;
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
