import { stripJpeg } from "./jpeg";
import { checkPdf } from "./pdf";
import { stripPng } from "./png";
import type { EvidenceType, StripResult } from "./types";
import { stripWebp } from "./webp";

export { sniffType } from "./sniff";
export type { EvidenceRejection, EvidenceType, StripResult } from "./types";

/**
 * The file as it may be stored: image metadata (EXIF with GPS, XMP, IPTC,
 * comments, text chunks) removed without re-encoding, so the pixels stay
 * byte for byte what the reporter sent. PDFs are kept as they are (see
 * `checkPdf` for why). Broken files are refused rather than stored half-read.
 *
 * `type` must come from `sniffType`, never from the upload's name or header.
 *
 * @example
 * const type = sniffType(bytes);
 * if (type) {
 *   const result = stripMetadata(bytes, type);
 *   if (result.ok) await bucket.put(key, result.bytes);
 * }
 */
export function stripMetadata(bytes: Uint8Array, type: EvidenceType): StripResult {
  switch (type) {
    case "image/jpeg":
      return stripJpeg(bytes);
    case "image/png":
      return stripPng(bytes);
    case "image/webp":
      return stripWebp(bytes);
    case "application/pdf":
      return checkPdf(bytes);
  }
}
