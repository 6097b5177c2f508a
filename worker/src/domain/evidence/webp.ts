import { concatBytes, hasAscii, MALFORMED, type StripResult } from "./types";

/**
 * Chunks a WebP decoder uses. EXIF and "XMP " are dropped, and so is any
 * unknown chunk: the container specification tells readers to ignore them.
 */
const KEPT_CHUNKS = new Set(["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"]);
const IMAGE_CHUNKS = new Set(["VP8 ", "VP8L", "ANMF"]);

/** VP8X flag bits announcing EXIF and XMP chunks. */
const EXIF_FLAG = 0x08;
const XMP_FLAG = 0x04;

function readUint32Le(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset] as number) |
      ((bytes[offset + 1] as number) << 8) |
      ((bytes[offset + 2] as number) << 16) |
      ((bytes[offset + 3] as number) << 24)) >>>
    0
  );
}

function writeUint32Le(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value & 0xff;
  bytes[offset + 1] = (value >>> 8) & 0xff;
  bytes[offset + 2] = (value >>> 16) & 0xff;
  bytes[offset + 3] = (value >>> 24) & 0xff;
}

/**
 * Removes EXIF and XMP from a WebP: drops those chunks, clears their flags in
 * the VP8X header so decoders do not look for them, and rewrites the RIFF
 * size. Image chunks are copied unchanged. Bytes after the RIFF container are
 * dropped. A file whose sizes run past its end, or with no image chunk, is
 * refused as malformed.
 */
export function stripWebp(bytes: Uint8Array): StripResult {
  if (bytes.byteLength < 20 || !hasAscii(bytes, 0, "RIFF") || !hasAscii(bytes, 8, "WEBP")) return MALFORMED;
  const riffEnd = 8 + readUint32Le(bytes, 4);
  if (riffEnd > bytes.byteLength) return MALFORMED;
  const chunks: Uint8Array[] = [];
  let offset = 12;
  let sawImage = false;
  while (offset < riffEnd) {
    if (offset + 8 > riffEnd) return MALFORMED;
    const fourcc = String.fromCharCode(...bytes.subarray(offset, offset + 4));
    const size = readUint32Le(bytes, offset + 4);
    const end = offset + 8 + size + (size & 1);
    if (end > riffEnd) return MALFORMED;
    if (offset === 12 && fourcc !== "VP8 " && fourcc !== "VP8L" && fourcc !== "VP8X") return MALFORMED;
    if (IMAGE_CHUNKS.has(fourcc)) sawImage = true;
    if (fourcc === "VP8X") {
      if (size < 10) return MALFORMED;
      const header = bytes.slice(offset, end);
      header[8] = (header[8] as number) & ~(EXIF_FLAG | XMP_FLAG);
      chunks.push(header);
    } else if (KEPT_CHUNKS.has(fourcc)) {
      chunks.push(bytes.subarray(offset, end));
    }
    offset = end;
  }
  if (!sawImage) return MALFORMED;
  const head = bytes.slice(0, 12);
  const out = concatBytes([head, ...chunks]);
  writeUint32Le(out, 4, out.byteLength - 8);
  return { ok: true, bytes: out };
}
