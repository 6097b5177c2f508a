import { and, eq, isNull } from "drizzle-orm";
import type { Role } from "../../domain/auth-policy";
import { SESSION_ABSOLUTE_MS, SESSION_TOUCH_MS, sessionAlive } from "../../domain/auth-policy";
import { randomBytes, sha256Hex, toHex } from "../../lib/crypto";
import type { Db } from "../client";
import { sessions, settings, users, userUnitTies } from "../schema";

/** The signed-in user as middleware keeps it for the request. */
export interface Actor {
  id: string;
  email: string;
  role: Role;
  totpEnabled: boolean;
}

/** A user row by (lower-case) email. */
export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row;
}

/** A user row by id. */
export async function findUserById(db: Db, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/**
 * Starts a session: 32 random bytes in the cookie, their SHA-256 in D1.
 * Returns the token to put in the cookie.
 */
export async function createSession(db: Db, userId: string, now: Date): Promise<string> {
  const token = toHex(randomBytes(32));
  const at = now.toISOString();
  await db.insert(sessions).values({
    tokenHash: await sha256Hex(token),
    userId,
    createdAt: at,
    lastSeenAt: at,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
  });
  return token;
}

/**
 * The actor behind a session token, or undefined when the session is
 * unknown, revoked, idle or past its absolute expiry, or the account is
 * disabled. Touches `last_seen_at` at most once a minute.
 */
export async function resolveSession(db: Db, token: string, now: Date): Promise<Actor | undefined> {
  const tokenHash = await sha256Hex(token);
  const [row] = await db
    .select({
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      id: users.id,
      email: users.email,
      role: users.role,
      disabledAt: users.disabledAt,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  if (!row || row.disabledAt || !sessionAlive(row, now)) return undefined;
  if (now.getTime() - Date.parse(row.lastSeenAt) > SESSION_TOUCH_MS) {
    await db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.tokenHash, tokenHash));
  }
  return { id: row.id, email: row.email, role: row.role, totpEnabled: row.totpEnabledAt !== null };
}

/** Revokes one session (logout). */
export async function revokeSession(db: Db, token: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(sessions.tokenHash, await sha256Hex(token)), isNull(sessions.revokedAt)));
}

/** Unit ids an inspector is tied to (and so recused from). */
export async function listTies(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ unitId: userUnitTies.unitId })
    .from(userUnitTies)
    .where(eq(userUnitTies.userId, userId));
  return rows.map((r) => r.unitId);
}

/** Roles that must use a second factor (setting `totp_required_roles`, comma-separated). */
export async function totpRequiredRoles(db: Db): Promise<Role[]> {
  const [row] = await db.select().from(settings).where(eq(settings.key, "totp_required_roles")).limit(1);
  return (row?.value ?? "")
    .split(",")
    .map((r) => r.trim())
    .filter((r): r is Role => r === "inspector" || r === "supervisor" || r === "admin");
}
