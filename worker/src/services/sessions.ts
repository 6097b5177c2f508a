import type { BatchItem } from "drizzle-orm/batch";
import { type Actor, findSession, insertSession, revokeSession, touchSession } from "../db/queries/accounts";
import { SESSION_ABSOLUTE_MS, SESSION_TOUCH_MS, sessionAlive } from "../domain/auth-policy";
import { randomBytes, sha256Hex, toHex } from "../lib/crypto";
import type { ServiceContext } from "./context";

/**
 * Staff sessions: the cookie holds 32 random bytes, D1 only their SHA-256,
 * so a leaked table cannot be replayed as cookies.
 */

/** A new session's token (for the cookie) and the insert to put in the batch that opens it. */
export interface NewSession {
  token: string;
  statement: BatchItem<"sqlite">;
}

/**
 * Draws a session token for `userId`, valid from `ctx.now` for the absolute
 * session lifetime; the caller writes `statement` in its own batch.
 */
export async function newSession(ctx: ServiceContext, userId: string): Promise<NewSession> {
  const token = toHex(randomBytes(32));
  const statement = insertSession(ctx.db, {
    tokenHash: await sha256Hex(token),
    userId,
    createdAt: ctx.now.toISOString(),
    expiresAt: new Date(ctx.now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
  });
  return { token, statement };
}

/**
 * The actor behind a session token, or undefined when the session is
 * unknown, revoked, idle or past its absolute expiry at `ctx.now`, or the
 * account is disabled. Touches `last_seen_at` at most once a minute.
 */
export async function resolveSession(ctx: ServiceContext, token: string): Promise<Actor | undefined> {
  const tokenHash = await sha256Hex(token);
  const row = await findSession(ctx.db, tokenHash);
  if (!row || row.disabledAt || !sessionAlive(row, ctx.now)) return undefined;
  if (ctx.now.getTime() - Date.parse(row.lastSeenAt) > SESSION_TOUCH_MS) {
    await touchSession(ctx.db, tokenHash, ctx.now.toISOString());
  }
  return { id: row.id, email: row.email, role: row.role, totpEnabled: row.totpEnabledAt !== null, unitId: row.unitId };
}

/** Revokes the session of a token, if it is live (sign-out). */
export async function endSession(ctx: ServiceContext, token: string): Promise<void> {
  await ctx.db.batch([revokeSession(ctx.db, await sha256Hex(token), ctx.now.toISOString())]);
}
