import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Role } from "../../domain/auth-policy";
import type { Db } from "../client";
import { sessions, settings, users, userUnitTies } from "../schema";

/** The signed-in user as middleware keeps it for the request. */
export interface Actor {
  id: string;
  email: string;
  role: Role;
  totpEnabled: boolean;
  /** The unit a `unit_liaison` answers for; null for every other role. */
  unitId: string | null;
}

/** A row of `users`. */
export type UserRow = typeof users.$inferSelect;

/** The columns of `users` a change may set. */
export type UserPatch = Partial<Omit<typeof users.$inferInsert, "id" | "email" | "createdAt">>;

/** A user row by (lower-case) email. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row;
}

/** A user row by id. */
export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** The update of one account's columns, for a batch. */
export function updateUser(db: Db, id: string, patch: UserPatch): BatchItem<"sqlite"> {
  return db.update(users).set(patch).where(eq(users.id, id));
}

/** A guard condition: the account's last used TOTP step is still below `step` (a code is used once). */
export function totpStepUnused(userId: string, step: number): SQL {
  return sql`select count(*) from ${users} where ${users.id} = ${userId} and coalesce(${users.totpLastStep}, -1) < ${step}`;
}

/** A session as stored: the SHA-256 of its token, never the token. */
export interface NewSession {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

/** The insert of a session, for a batch. */
export function insertSession(db: Db, session: NewSession): BatchItem<"sqlite"> {
  return db.insert(sessions).values({ ...session, lastSeenAt: session.createdAt });
}

/** A session with the account behind it, by the hash of its token. */
export async function findSession(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      id: users.id,
      email: users.email,
      role: users.role,
      unitId: users.unitId,
      disabledAt: users.disabledAt,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  return row;
}

/** Records that a session was used at `at`. */
export async function touchSession(db: Db, tokenHash: string, at: string): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
}

/** The revocation of one live session, for a batch. */
export function revokeSession(db: Db, tokenHash: string, at: string): BatchItem<"sqlite"> {
  return db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
}

/** The revocation of every session of an account, for a batch. */
export function revokeUserSessions(db: Db, userId: string, at: string): BatchItem<"sqlite"> {
  return db.update(sessions).set({ revokedAt: at }).where(eq(sessions.userId, userId));
}

/** Unit ids an inspector is tied to (and so recused from). */
export async function listTies(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ unitId: userUnitTies.unitId })
    .from(userUnitTies)
    .where(eq(userUnitTies.userId, userId));
  return rows.map((r) => r.unitId);
}

const TOTP_POLICY_KEY = "totp_required_roles";

/** Roles that must use a second factor (setting `totp_required_roles`, comma-separated). */
export async function totpRequiredRoles(db: Db): Promise<Role[]> {
  const [row] = await db.select().from(settings).where(eq(settings.key, TOTP_POLICY_KEY)).limit(1);
  return (row?.value ?? "")
    .split(",")
    .map((r) => r.trim())
    .filter((r): r is Role => r === "inspector" || r === "supervisor" || r === "admin");
}

/** The upsert of the TOTP policy, for a batch. */
export function setTotpRequiredRoles(db: Db, roles: readonly Role[], at: string): BatchItem<"sqlite"> {
  const value = roles.join(",");
  return db
    .insert(settings)
    .values({ key: TOTP_POLICY_KEY, value, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at } });
}
