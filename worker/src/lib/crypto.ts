/**
 * Small WebCrypto helpers shared by the routes: hashing, constant-time
 * comparison, random tokens and AES-GCM for contact details.
 */

const encoder = new TextEncoder();

/** Lower-case hex of bytes. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = "";
  for (const byte of view) out += byte.toString(16).padStart(2, "0");
  return out;
}

/** Standard base64 of bytes. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Bytes of standard base64. */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * SHA-256 as hex.
 *
 * @example
 * await sha256Hex("abc") // "ba7816bf…"
 */
export async function sha256Hex(data: string | ArrayBuffer | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  return toHex(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
}

/** HMAC-SHA-256 of `message` under `secret`, as hex. */
export async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return toHex(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
}

/**
 * Compares two strings in time that depends only on their length, so a
 * secret cannot be guessed byte by byte from response times.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  if (left.byteLength !== right.byteLength) return false;
  return crypto.subtle.timingSafeEqual(left, right);
}

/** `count` cryptographically random bytes. */
export function randomBytes(count: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(count));
}

async function contactKey(base64Key: string): Promise<CryptoKey> {
  const raw = fromBase64(base64Key);
  if (raw.byteLength !== 32) throw new Error("CONTACT_KEY must be 32 bytes, base64");
  return crypto.subtle.importKey("raw", raw as BufferSource, "AES-GCM", false, ["encrypt", "decrypt"]);
}

/** Ciphertext and its 96-bit IV, both base64. */
export interface Sealed {
  iv: string;
  ciphertext: string;
}

/**
 * Encrypts text with AES-GCM under the base64 `CONTACT_KEY`. `context` (the
 * report id) is bound as additional data, so a ciphertext cannot be moved to
 * another report.
 */
export async function seal(base64Key: string, plaintext: string, context: string): Promise<Sealed> {
  const iv = randomBytes(12);
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv: iv as BufferSource, additionalData: encoder.encode(context) },
    await contactKey(base64Key),
    encoder.encode(plaintext),
  );
  return { iv: toBase64(iv), ciphertext: toBase64(new Uint8Array(ciphertext)) };
}

/** Decrypts what `seal` produced with the same key and context. */
export async function unseal(base64Key: string, sealed: Sealed, context: string): Promise<string> {
  const plaintext = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64(sealed.iv) as BufferSource, additionalData: encoder.encode(context) },
    await contactKey(base64Key),
    fromBase64(sealed.ciphertext) as BufferSource,
  );
  return new TextDecoder().decode(plaintext);
}
