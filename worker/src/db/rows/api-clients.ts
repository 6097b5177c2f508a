import type { apiClients } from "../schema";
import { type AuditEntry, userEvent } from "./audit";

/** What an admin decided when issuing a key: the client and the stored parts of its key. */
export interface IssuedClient {
  id: string;
  name: string;
  keyHash: string;
  keyPrefix: string;
  requestsPerHour: number;
  publicApp: boolean;
  /** The admin who issued it; null for the local demo client of the seed. */
  createdBy: string | null;
  createdAt: string;
}

/** The `api_clients` row of a newly issued key: never used, not revoked. */
export function apiClientRecord(client: IssuedClient) {
  return {
    ...client,
    useCount: 0,
    lastUsedAt: null,
    revokedAt: null,
    revokedBy: null,
  } satisfies typeof apiClients.$inferInsert;
}

/**
 * `api_client.created`: who issued a key for which client. The summary holds
 * the key's public prefix, never the key or its hash.
 */
export function apiClientCreatedEvent(actorId: string, client: IssuedClient): AuditEntry {
  return userEvent(
    actorId,
    "api_client.created",
    { type: "api_client", id: client.id },
    {
      before: null,
      after: {
        name: client.name,
        keyPrefix: client.keyPrefix,
        requestsPerHour: client.requestsPerHour,
        publicApp: client.publicApp,
      },
    },
    client.createdAt,
  );
}
