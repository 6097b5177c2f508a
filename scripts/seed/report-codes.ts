// The secrets of sample reports, made as the Worker makes them: tracking
// codes, ids, base32 receipt secrets and contact details sealed with
// AES-GCM under CONTACT_KEY (deterministic but for the IV).
import { webcrypto } from "node:crypto";
import type { Contact } from "../../worker/src/contracts/reports.ts";
import type { Rng } from "./sql.ts";

const CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** Lowercase RFC 4648 base32 without padding (20 bytes → 32 characters). */
export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** A tracking code in the `PA-XXXX-XXXX` shape, drawn from `rng`. */
export function trackingCode(rng: Rng): string {
  const part = () => Array.from({ length: 4 }, () => rng.pick([...CODE_ALPHABET])).join("");
  return `PA-${part()}-${part()}`;
}

/** A version-4-shaped UUID drawn from `rng`. */
export function uuid(rng: Rng): string {
  const hex = [...rng.bytes(16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Seals contact details exactly like `seal` in worker/src/lib/crypto.ts:
 * AES-GCM 256, 12-byte IV, the report id as additional data, base64 out.
 */
export async function sealContact(
  base64Key: string,
  contact: Contact,
  reportId: string,
): Promise<{ iv: string; ciphertext: string }> {
  const raw = Buffer.from(base64Key, "base64");
  if (raw.byteLength !== 32) throw new Error("CONTACT_KEY must be base64 of 32 bytes");
  const key = await webcrypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt"]);
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await webcrypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(reportId) },
    key,
    new TextEncoder().encode(JSON.stringify(contact)),
  );
  return { iv: Buffer.from(iv).toString("base64"), ciphertext: Buffer.from(ciphertext).toString("base64") };
}
