import { concatBytes, MALFORMED, type StripResult } from "./types";

/**
 * Ancillary chunks a viewer may need to show the image as intended (colour,
 * transparency, pixel size, animation). Every other ancillary chunk is
 * dropped: text (tEXt, zTXt, iTXt, where XMP also lives), eXIf, tIME, and
 * private chunks of unknown content. The PNG specification lets a decoder
 * ignore any ancillary chunk, so dropping one never breaks the image.
 */
const KEPT_ANCILLARY = new Set([
  "tRNS",
  "cHRM",
  "gAMA",
  "iCCP",
  "sBIT",
  "sRGB",
  "cICP",
  "mDCv",
  "cLLi",
  "bKGD",
  "hIST",
  "pHYs",
  "sPLT",
  "acTL",
  "fcTL",
  "fdAT",
]);

function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    (((bytes[offset] as number) << 24) |
      ((bytes[offset + 1] as number) << 16) |
      ((bytes[offset + 2] as number) << 8) |
      (bytes[offset + 3] as number)) >>>
    0
  );
}

function chunkType(bytes: Uint8Array, offset: number): string | undefined {
  const type = String.fromCharCode(...bytes.subarray(offset, offset + 4));
  return /^[A-Za-z]{4}$/.test(type) ? type : undefined;
}

/**
 * Removes metadata chunks from a PNG. Critical chunks (upper-case first
 * letter: IHDR, PLTE, IDAT, IEND) are copied unchanged with their CRCs, so the
 * pixels are untouched; ancillary chunks survive only if listed in
 * `KEPT_ANCILLARY`. Bytes after IEND are dropped. A file that does not start
 * with IHDR, has no IDAT or IEND, or whose chunk lengths run past its end is
 * refused as malformed.
 */
export function stripPng(bytes: Uint8Array): StripResult {
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let offset = 8;
  let sawData = false;
  while (offset + 12 <= bytes.byteLength) {
    const length = readUint32(bytes, offset);
    const type = chunkType(bytes, offset + 4);
    const end = offset + 12 + length;
    if (!type || length > 0x7fffffff || end > bytes.byteLength) return MALFORMED;
    if (offset === 8 && type !== "IHDR") return MALFORMED;
    if (type === "IDAT") sawData = true;
    const critical = type.charCodeAt(0) < 0x61;
    if (critical || KEPT_ANCILLARY.has(type)) parts.push(bytes.subarray(offset, end));
    offset = end;
    if (type === "IEND") return sawData ? { ok: true, bytes: concatBytes(parts) } : MALFORMED;
  }
  return MALFORMED;
}
