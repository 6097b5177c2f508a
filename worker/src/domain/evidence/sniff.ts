import { type EvidenceType, hasAscii } from "./types";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The evidence type of a file, read from its first bytes. The file name and
 * the type the browser declared are never consulted: both are chosen by the
 * sender, the content is what gets stored and opened by inspectors.
 *
 * @example
 * sniffType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])) // "image/jpeg"
 * sniffType(new TextEncoder().encode("hello"))       // undefined
 */
export function sniffType(bytes: Uint8Array): EvidenceType | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.byteLength >= 8 && PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return "image/png";
  if (hasAscii(bytes, 0, "RIFF") && hasAscii(bytes, 8, "WEBP")) return "image/webp";
  if (hasAscii(bytes, 0, "%PDF-")) return "application/pdf";
  return undefined;
}
