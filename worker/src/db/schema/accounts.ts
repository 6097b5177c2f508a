import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { units } from "./reporting";

/** Staff accounts. Reporters never have one. */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** Lower-cased. */
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: ["inspector", "supervisor", "admin", "unit_liaison"] }).notNull(),
    /** The unit a `unit_liaison` answers for (with its sub-units); null for every other role. */
    unitId: text("unit_id").references(() => units.id),
    /** PHC string: `$argon2id$v=19$m=…,t=…,p=…$salt$hash`. */
    passwordHash: text("password_hash").notNull(),
    /** TOTP key, AES-GCM sealed like contact details; null until enrolled. */
    totpIv: text("totp_iv"),
    totpCiphertext: text("totp_ciphertext"),
    totpEnabledAt: text("totp_enabled_at"),
    /** Last TOTP time step accepted, so a code cannot be replayed. */
    totpLastStep: integer("totp_last_step"),
    mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
    disabledAt: text("disabled_at"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("users_email_idx").on(t.email)],
);

/**
 * Login sessions. The cookie holds a 256-bit random token; only its SHA-256
 * is stored, so a leaked table cannot be replayed as cookies.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
    /** Absolute expiry, whatever the activity. */
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Units an inspector is tied to (worked there, family, …). Leads about these
 * units or their sub-units are invisible to that inspector everywhere.
 */
export const userUnitTies = sqliteTable(
  "user_unit_ties",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    reason: text("reason"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.unitId] })],
);

/**
 * Failed logins per bucket (a hashed account email, or a hashed client IP),
 * for exponential back-off.
 */
export const loginThrottles = sqliteTable("login_throttles", {
  bucket: text("bucket").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: integer("last_failure_at").notNull(),
  lockedUntil: integer("locked_until").notNull().default(0),
});
