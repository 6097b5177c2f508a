import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import { timingSafeEqual } from "./crypto";

/** RFC 6238 defaults every authenticator app understands. */
export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;

/** Base32 (RFC 4648, no padding) for the manual-entry key. */
export function base32(bytes: Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

/** The otpauth:// URI for QR codes. */
export function totpUri(email: string, key: Uint8Array): string {
  return createTOTPKeyURI("Phản ánh Công vụ", email, key, TOTP_PERIOD, TOTP_DIGITS);
}

/**
 * The time step a code matches (current step ± 1 for clock drift), or
 * undefined. Callers refuse steps at or below the last one used, so a code
 * cannot be replayed.
 */
export function matchTotp(key: Uint8Array, code: string, now: Date): number | undefined {
  const step = Math.floor(now.getTime() / 1000 / TOTP_PERIOD);
  for (const candidate of [step - 1, step, step + 1]) {
    if (timingSafeEqual(generateHOTP(key, BigInt(candidate), TOTP_DIGITS), code)) return candidate;
  }
  return undefined;
}
