import type { Actor } from "./db/queries/accounts";
import type { ReportRow } from "./db/queries/reports";
import type { IdempotencyRef } from "./lib/idempotency";

/**
 * Secrets are set with `wrangler secret put` in production and written to
 * `.dev.vars` by `npm start` locally, so the generated `Env` does not list them.
 */
export interface Secrets {
  /** Base64 of 32 random bytes: the AES-GCM key for reporters' contact details. */
  CONTACT_KEY: string;
  /** HMAC secret that signs ALTCHA challenges. */
  ALTCHA_HMAC_SECRET: string;
  /** Salt for hashing client IPs into rate-limit keys; the raw IP is never stored. */
  IP_HASH_SALT: string;
}

/** Worker bindings: generated `Env` plus the secrets. */
export type Bindings = Env & Secrets;

/** Per-request values set by middleware. */
export interface Variables {
  requestId: string;
  lang: Lang;
  /** The instant the request started: the one "now" its use cases see. */
  now: Date;
  /** The signed-in staff member, set by `requireActor`. */
  actor: Actor;
  /** The report whose receipt the reporter presented, set by `requireReceipt`. */
  report: ReportRow;
  /** The `Idempotency-Key` of a report being filed, hashed with its body, set by `reportIntake`. */
  idempotency?: IdempotencyRef;
}

/** Languages the API answers in. Vietnamese is the default. */
export type Lang = "vi" | "en";

/** The Hono environment used by every sub-app. */
export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
