import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";

/**
 * Client applications registered by an admin to use the Open311 GeoReport v2
 * interface (a city app, the 1022 hotline's system, a journalist's tool).
 * The key is shown once when issued; only its SHA-256 is stored.
 */
export const apiClients = sqliteTable(
  "api_clients",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** Hex SHA-256 of the whole key. */
    keyHash: text("key_hash").notNull(),
    /** The first characters of the key, so an admin can tell keys apart. */
    keyPrefix: text("key_prefix").notNull(),
    /** Service requests this client may file per hour. */
    requestsPerHour: integer("requests_per_hour").notNull(),
    /** The key ships inside a public app: its POSTs also need a solved ALTCHA. */
    publicApp: integer("public_app", { mode: "boolean" }).notNull().default(false),
    /** Every authenticated use (read or write) counts once. */
    useCount: integer("use_count").notNull().default(0),
    lastUsedAt: text("last_used_at"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: text("created_at").notNull(),
    revokedAt: text("revoked_at"),
    revokedBy: text("revoked_by").references(() => users.id),
  },
  (t) => [uniqueIndex("api_clients_key_hash_idx").on(t.keyHash), index("api_clients_name_idx").on(t.name)],
);
