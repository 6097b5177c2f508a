import { hasAscii, MALFORMED, type StripResult } from "./types";

const encoder = new TextEncoder();

/** Index of `needle` in `haystack` at or after `from`, or -1. */
function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  outer: for (let i = Math.max(0, from); i <= haystack.byteLength - needle.byteLength; i++) {
    if (haystack[i] !== first) continue;
    for (let j = 1; j < needle.byteLength; j++) {
      if (haystack[i + j] !== needle[j]) continue outer;
    }
    return i;
  }
  return -1;
}

/** True for bytes that may continue a PDF name (so `/EncryptFoo` is not `/Encrypt`). */
function isNameCharacter(byte: number | undefined): boolean {
  if (byte === undefined) return false;
  return (
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x23
  );
}

/**
 * PDFs are stored as uploaded: **their metadata is not removed.** The Info
 * dictionary (author, creator tool, dates) and XMP streams can sit in any
 * object, inside compressed object streams, and be repeated by incremental
 * updates; rewriting them safely needs a full PDF parser and writer, and a
 * hand-made edit risks corrupting the very document that is the evidence. Reporters
 * need to be told this before they upload a PDF.
 *
 * What is cheap to check is checked: the file must end with `%%EOF` (within
 * the last 1024 bytes, as readers allow), which catches truncated uploads, and
 * an encrypted file (an `/Encrypt` entry) is refused because inspectors could
 * not open it.
 */
export function checkPdf(bytes: Uint8Array): StripResult {
  if (!hasAscii(bytes, 0, "%PDF-")) return MALFORMED;
  const tailStart = Math.max(0, bytes.byteLength - 1024);
  if (indexOfBytes(bytes, encoder.encode("%%EOF"), tailStart) < 0) return MALFORMED;
  const encrypt = encoder.encode("/Encrypt");
  for (let at = indexOfBytes(bytes, encrypt); at >= 0; at = indexOfBytes(bytes, encrypt, at + 1)) {
    if (!isNameCharacter(bytes[at + encrypt.byteLength])) return { ok: false, reason: "encrypted" };
  }
  return { ok: true, bytes };
}
