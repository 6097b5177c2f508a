import type { Attachment } from "../../contracts/reports";

/** The evidence types the portal accepts, as MIME types. */
export type EvidenceType = Attachment["contentType"];

/**
 * Why a file of an accepted type was still refused: its structure is broken
 * (truncated, lengths that run past the end, missing end marker), or it is an
 * encrypted PDF that inspectors could not open.
 */
export type EvidenceRejection = "malformed" | "encrypted";

/** The file as it may be stored, or why it may not. */
export type StripResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: EvidenceRejection };

/** Shorthand for the malformed outcome. */
export const MALFORMED: StripResult = { ok: false, reason: "malformed" };

/** Joins byte ranges into one new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** True when `bytes` holds the ASCII text `text` at `offset`. */
export function hasAscii(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset < 0 || offset + text.length > bytes.byteLength) return false;
  for (let i = 0; i < text.length; i++) {
    if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}
