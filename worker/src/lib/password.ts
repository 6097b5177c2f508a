import { argon2id } from "@noble/hashes/argon2.js";
import { fromBase64, randomBytes, timingSafeEqual, toBase64 } from "./crypto";

/**
 * Password hashing: argon2id, OWASP's second recommended profile (19 MiB,
 * 2 passes, 1 lane). Workers' WebCrypto caps PBKDF2 at 100 000 iterations and
 * Workers refuse to compile WebAssembly at run time, so this is the audited
 * pure-JS @noble/hashes implementation: about 0.25 s of CPU per hash in
 * workerd, acceptable for a login behind rate limits and back-off.
 */
export const ARGON2_PARAMS = { m: 19_456, t: 2, p: 1 } as const;

/**
 * Hashes a password into a PHC string.
 *
 * @example
 * await hashPassword("demo-password") // "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>"
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = argon2id(password.normalize("NFC"), salt, { ...ARGON2_PARAMS, dkLen: 32 });
  const { m, t, p } = ARGON2_PARAMS;
  return `$argon2id$v=19$m=${m},t=${t},p=${p}$${b64(salt)}$${b64(hash)}`;
}

/** Checks a password against a PHC string from `hashPassword` (any argon2id parameters). */
export async function verifyPassword(password: string, phc: string): Promise<boolean> {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc);
  if (!match) return false;
  const [, m, t, p, salt, expected] = match as unknown as [string, string, string, string, string, string];
  const hash = argon2id(password.normalize("NFC"), unb64(salt), {
    m: Number(m),
    t: Number(t),
    p: Number(p),
    dkLen: 32,
  });
  return timingSafeEqual(b64(hash), expected);
}

/** A PHC hash of a random password, compared against when the account does not exist (same work either way). */
export const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

function b64(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/=+$/, "");
}

function unb64(text: string): Uint8Array {
  return fromBase64(text + "=".repeat((4 - (text.length % 4)) % 4));
}
