import { asc, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { User } from "../../contracts/users";
import type { Db } from "../client";
import { inList } from "../in-list";
import { users, userUnitTies } from "../schema";

/** Every account with its unit ties, for the admin page. */
export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.select().from(users).orderBy(asc(users.email));
  const ties = rows.length
    ? await db
        .select()
        .from(userUnitTies)
        .where(
          inList(
            userUnitTies.userId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((row) =>
    toUser(
      row,
      ties.filter((t) => t.userId === row.id).map((t) => t.unitId),
    ),
  );
}

/** One account for the admin API. */
export async function getUser(db: Db, id: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  if (!row) return undefined;
  const ties = await db.select().from(userUnitTies).where(eq(userUnitTies.userId, id));
  return toUser(
    row,
    ties.map((t) => t.unitId),
  );
}

function toUser(row: typeof users.$inferSelect, unitTies: string[]): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    totpEnabled: row.totpEnabledAt !== null,
    disabled: row.disabledAt !== null,
    unitTies,
    unitId: row.unitId,
    createdAt: row.createdAt,
  };
}

/** The insert of a new account, for a batch. */
export function insertUser(db: Db, row: typeof users.$inferInsert): BatchItem<"sqlite"> {
  return db.insert(users).values(row);
}

/** The inserts that tie an account to units, for a batch. */
export function insertTies(db: Db, userId: string, unitIds: readonly string[], at: string): BatchItem<"sqlite">[] {
  return unitIds.map((unitId) => db.insert(userUnitTies).values({ userId, unitId, createdAt: at }));
}

/** The statements that replace an account's unit ties, for a batch. */
export function replaceTies(db: Db, userId: string, unitIds: readonly string[], at: string): BatchItem<"sqlite">[] {
  return [db.delete(userUnitTies).where(eq(userUnitTies.userId, userId)), ...insertTies(db, userId, unitIds, at)];
}
