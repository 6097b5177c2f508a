/**
 * The reporter's receipt: a tracking code to read aloud over the phone and a
 * secret that proves ownership. Pure functions over random bytes, so the
 * format is testable without I/O; the caller supplies the randomness.
 */

/**
 * Letters and digits that cannot be mistaken for one another when read aloud
 * or copied by hand: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
 */
export const TRACKING_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";

/** Characters after `PA-`, split in two groups of four. */
export const TRACKING_LENGTH = 8;

/** Bytes of randomness in a receipt secret (160 bits). */
export const SECRET_BYTES = 20;

const TRACKING_PATTERN = new RegExp(`^PA-[${TRACKING_ALPHABET}]{4}-[${TRACKING_ALPHABET}]{4}$`);

/** RFC 4648 base32 alphabet, lower case: what the secret is written in. */
const BASE32_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** Largest multiple of the alphabet size below 256; bytes at or above it are skipped to avoid bias. */
const UNBIASED_LIMIT = 256 - (256 % TRACKING_ALPHABET.length);

/** Source of random bytes; `crypto.getRandomValues` in production. */
export type RandomSource = (count: number) => Uint8Array;

const cryptoRandom: RandomSource = (count) => crypto.getRandomValues(new Uint8Array(count));

/**
 * A tracking code `PA-XXXX-XXXX` drawn uniformly from `TRACKING_ALPHABET`
 * (25⁸ ≈ 1.5 × 10¹¹ codes). Bytes that would bias the draw are rejected.
 *
 * @example
 * newTrackingCode() // "PA-7KQM-X3TF"
 */
export function newTrackingCode(random: RandomSource = cryptoRandom): string {
  const chars: string[] = [];
  while (chars.length < TRACKING_LENGTH) {
    for (const byte of random(TRACKING_LENGTH * 2)) {
      if (byte >= UNBIASED_LIMIT) continue;
      chars.push(TRACKING_ALPHABET.charAt(byte % TRACKING_ALPHABET.length));
      if (chars.length === TRACKING_LENGTH) break;
    }
  }
  return `PA-${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}

/**
 * Lower-case RFC 4648 base32 without padding.
 *
 * @example
 * toBase32(new Uint8Array([0x66, 0x6f, 0x6f])) // "mzxw6"
 */
export function toBase32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32_ALPHABET.charAt((buffer >>> bits) & 31);
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET.charAt((buffer << (5 - bits)) & 31);
  return out;
}

/**
 * A receipt secret: 160 random bits as 32 lower-case base32 characters.
 * Only its SHA-256 is stored, so it is shown to the reporter once.
 */
export function newSecret(random: RandomSource = cryptoRandom): string {
  return toBase32(random(SECRET_BYTES));
}

/**
 * The tracking code as typed by a person, trimmed and upper-cased, which is
 * how codes are stored and looked up.
 *
 * @example
 * normalizeTrackingCode("  pa-7kqm-x3tf ") // "PA-7KQM-X3TF"
 */
export function normalizeTrackingCode(input: string): string {
  return input.trim().toUpperCase();
}

/** True if `code` (already normalized) has the shape of a tracking code. */
export function isTrackingCode(code: string): boolean {
  return TRACKING_PATTERN.test(code);
}

/** Bytes of randomness in a report's public id (64 bits, as the database's fallback draws). */
export const PUBLIC_ID_BYTES = 8;

/**
 * The opaque id Open311 publishes for a report (`service_request_id`): 16
 * lower-case hex digits, unrelated to the tracking code and not sequential.
 *
 * @example
 * newPublicId() // "9f2c4e01a7b3d85e"
 */
export function newPublicId(random: RandomSource = cryptoRandom): string {
  return Array.from(random(PUBLIC_ID_BYTES), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
