import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { apiClients } from "../schema";

/** A registered client app, as a request authenticated with its key sees it. */
export interface ClientKeyUse {
  id: string;
  name: string;
  requestsPerHour: number;
  publicApp: boolean;
}

/**
 * Counts one use of the key whose SHA-256 is `keyHash`, if it exists and is
 * not revoked, and returns its client: one statement, so a key revoked
 * meanwhile is neither counted nor accepted.
 */
export async function useClientKey(db: Db, keyHash: string, at: string): Promise<ClientKeyUse | undefined> {
  const [row] = await db
    .update(apiClients)
    .set({ useCount: sql`${apiClients.useCount} + 1`, lastUsedAt: at })
    .where(and(eq(apiClients.keyHash, keyHash), isNull(apiClients.revokedAt)))
    .returning({
      id: apiClients.id,
      name: apiClients.name,
      requestsPerHour: apiClients.requestsPerHour,
      publicApp: apiClients.publicApp,
    });
  return row;
}
