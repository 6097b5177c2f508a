import { type Challenge, createChallenge, verifySolution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";
import { eq, lt } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { usedChallenges } from "../db/schema";
import { hmacHex } from "./crypto";

/**
 * ALTCHA proof of work (altcha-lib v2), self-hosted. PBKDF2 runs on WebCrypto,
 * which workerd provides natively; the `node:crypto` variants of altcha-lib
 * would need `nodejs_compat`.
 *
 * Challenges are deterministic: the server picks the counter and signs the
 * derived key, so the browser must search up to that counter while the server
 * verifies with one HMAC instead of re-deriving the key.
 */
export const ALTCHA_ALGORITHM = "PBKDF2/SHA-256";

/** How long a challenge can be solved and submitted. */
export const CHALLENGE_TTL_SECONDS = 10 * 60;

/** Range of the secret counter: the number of PBKDF2 runs the browser needs (split over its workers). */
const COUNTER_MIN = 500;
const COUNTER_MAX = 1_500;

/** Secrets and cost of the challenge, from the Worker's bindings. */
export interface AltchaConfig {
  ALTCHA_HMAC_SECRET: string;
  /** PBKDF2 iterations per attempt, as a decimal string. */
  ALTCHA_COST: string;
}

/** A challenge whose solution was accepted; record it so it cannot be used twice. */
export interface SpentChallenge {
  signature: string;
  /** Unix seconds; after this the challenge is refused anyway, so the record may go. */
  expiresAt: number;
}

/** The derived-key signature uses its own secret, derived from the main one. */
function keySignatureSecret(config: AltchaConfig): Promise<string> {
  return hmacHex(config.ALTCHA_HMAC_SECRET, "altcha-key-signature");
}

/** The cost the Worker's `ALTCHA_COST` variable sets (5 000 when unset), the default of the `altcha.cost` setting. */
export function altchaCost(config: Pick<AltchaConfig, "ALTCHA_COST">): number {
  const value = Number.parseInt(config.ALTCHA_COST, 10);
  return Number.isInteger(value) && value > 0 ? value : 5_000;
}

function randomCounter(): number {
  const [value = 0] = crypto.getRandomValues(new Uint32Array(1));
  return COUNTER_MIN + (value % (COUNTER_MAX - COUNTER_MIN + 1));
}

/**
 * A new signed challenge for the `<altcha-widget>`, valid for ten minutes,
 * at `cost` PBKDF2 iterations per attempt (by default the Worker's variable).
 *
 * @example
 * const challenge = await createAltchaChallenge(env, now, 5_000);
 * return c.json(challenge);
 */
export async function createAltchaChallenge(
  config: AltchaConfig,
  now: Date,
  cost: number = altchaCost(config),
): Promise<Challenge> {
  return createChallenge({
    algorithm: ALTCHA_ALGORITHM,
    cost,
    counter: randomCounter(),
    deriveKey,
    expiresAt: Math.floor(now.getTime() / 1000) + CHALLENGE_TTL_SECONDS,
    hmacSignatureSecret: config.ALTCHA_HMAC_SECRET,
    hmacKeySignatureSecret: await keySignatureSecret(config),
  });
}

/**
 * What the widget (altcha v3) submits for a v2 challenge: base64 of
 * `{"challenge":{"parameters","signature"},"solution":{"counter","derivedKey","time"}}`.
 * Its test mode sends `{"challenge":null,…}`, which this refuses.
 */
const PayloadSchema = z.object({
  challenge: z.object({
    parameters: z.looseObject({
      algorithm: z.literal(ALTCHA_ALGORITHM),
      nonce: z.string().regex(/^[0-9a-f]+$/),
      salt: z.string().regex(/^[0-9a-f]+$/),
      cost: z.number().int().positive(),
      keyLength: z.number().int().positive(),
      keyPrefix: z.string(),
      keySignature: z.string().optional(),
      expiresAt: z.number().int().positive(),
    }),
    signature: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  solution: z.object({
    counter: z.number(),
    derivedKey: z.string(),
    time: z.number().optional(),
  }),
});

/** Decodes the widget's base64 JSON payload, or undefined if it is not one. */
export function parseAltchaPayload(payload: string) {
  let decoded: unknown;
  try {
    decoded = JSON.parse(atob(payload));
  } catch {
    return undefined;
  }
  const result = PayloadSchema.safeParse(decoded);
  return result.success ? result.data : undefined;
}

/**
 * Checks a widget payload: signed by us, not expired, solved, and not spent
 * before. Returns the challenge to record as spent, or undefined if the
 * payload must be refused. Recording is left to the caller
 * (`spendChallenge`) so it joins the same batch as the write it protects.
 */
export async function verifyAltcha(
  db: Db,
  config: AltchaConfig,
  payload: string,
  now: Date,
): Promise<SpentChallenge | undefined> {
  const parsed = parseAltchaPayload(payload);
  if (!parsed) return undefined;
  const { challenge, solution } = parsed;
  if (challenge.parameters.expiresAt * 1000 < now.getTime()) return undefined;
  let verified = false;
  try {
    const result = await verifySolution({
      challenge,
      solution,
      deriveKey,
      hmacSignatureSecret: config.ALTCHA_HMAC_SECRET,
      hmacKeySignatureSecret: await keySignatureSecret(config),
    });
    verified = result.verified;
  } catch {
    verified = false;
  }
  if (!verified) return undefined;
  const [spent] = await db
    .select({ signature: usedChallenges.signature })
    .from(usedChallenges)
    .where(eq(usedChallenges.signature, challenge.signature))
    .limit(1);
  if (spent) return undefined;
  return { signature: challenge.signature, expiresAt: challenge.parameters.expiresAt };
}

/**
 * The insert that marks a challenge as spent. Its primary key makes a
 * concurrent replay fail the whole batch it belongs to.
 */
export function spendChallenge(db: Db, spent: SpentChallenge) {
  return db.insert(usedChallenges).values({ signature: spent.signature, expiresAt: spent.expiresAt });
}

/** The statement that forgets spent challenges past their expiry at `now` (refused anyway), for the cron job. */
export function forgetExpiredChallenges(db: Db, now: Date) {
  return db.delete(usedChallenges).where(lt(usedChallenges.expiresAt, Math.floor(now.getTime() / 1000)));
}
