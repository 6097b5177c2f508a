import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { apiClients } from "../schema";

/**
 * Data access of the Open311 client applications for their administration.
 * No read here returns `key_hash`: the admin side never needs it.
 */

const listed = {
  id: apiClients.id,
  name: apiClients.name,
  keyPrefix: apiClients.keyPrefix,
  requestsPerHour: apiClients.requestsPerHour,
  publicApp: apiClients.publicApp,
  useCount: apiClients.useCount,
  lastUsedAt: apiClients.lastUsedAt,
  createdAt: apiClients.createdAt,
  revokedAt: apiClients.revokedAt,
};

/** A client as the admin pages show it. */
export type ApiClientRow = {
  id: string;
  name: string;
  keyPrefix: string;
  requestsPerHour: number;
  publicApp: boolean;
  useCount: number;
  lastUsedAt: string | null;
  createdAt: string;
  revokedAt: string | null;
};

/** Every client: working ones first, then revoked; newest first within each. */
export function listApiClientRows(db: Db): Promise<ApiClientRow[]> {
  return db
    .select(listed)
    .from(apiClients)
    .orderBy(sql`${apiClients.revokedAt} is not null`, desc(apiClients.createdAt), apiClients.id);
}

/** One client, or undefined. */
export async function getApiClientRow(db: Db, id: string): Promise<ApiClientRow | undefined> {
  const [row] = await db.select(listed).from(apiClients).where(eq(apiClients.id, id));
  return row;
}

/** Inserts a client (row built by `apiClientRecord`). */
export function insertApiClient(db: Db, record: typeof apiClients.$inferInsert) {
  return db.insert(apiClients).values(record);
}

/** Sets some of a client's columns. */
export function updateApiClient(db: Db, id: string, changes: Partial<typeof apiClients.$inferInsert>) {
  return db.update(apiClients).set(changes).where(eq(apiClients.id, id));
}

/**
 * SQL that is 1 while the client is as read: same name, limit, flag and
 * revocation, so two admins' concurrent changes cannot both be written.
 */
export function apiClientUnchanged(
  row: Pick<ApiClientRow, "id" | "name" | "requestsPerHour" | "publicApp" | "revokedAt">,
) {
  return sql`exists (select 1 from ${apiClients} where ${apiClients.id} = ${row.id} and ${apiClients.name} = ${row.name} and ${apiClients.requestsPerHour} = ${row.requestsPerHour} and ${apiClients.publicApp} = ${row.publicApp ? 1 : 0} and ${apiClients.revokedAt} is ${row.revokedAt})`;
}
