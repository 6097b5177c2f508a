import { concatBytes, hasAscii, MALFORMED, type StripResult } from "./types";

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;

/** SOF0–SOF15, leaving out DHT (C4), JPG (C8) and DAC (CC) which share the range. */
function isFrameMarker(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers that stand alone, without a length: TEM and RST0–RST7. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

/**
 * What to write for one marker segment (`segment` starts at its 0xFF), or
 * undefined to drop it. Only the APPn segments a decoder needs survive: JFIF
 * (APP0), the ICC colour profile (APP2) and Adobe's colour transform (APP14).
 * Exif and XMP (APP1), IPTC/Photoshop (APP13), MPF, maker notes and comments
 * go, since that is where cameras put GPS, device serials and names.
 */
function keptSegment(marker: number, segment: Uint8Array): Uint8Array | undefined {
  if (marker === COM) return undefined;
  if (marker < APP0 || marker > APP0 + 15) return segment;
  if (marker === APP0 && hasAscii(segment, 4, "JFIF\0")) return withoutJfifThumbnail(segment);
  if (marker === APP2 && hasAscii(segment, 4, "ICC_PROFILE\0")) return segment;
  if (marker === APP14 && hasAscii(segment, 4, "Adobe")) return segment;
  return undefined;
}

/**
 * A JFIF header may embed a thumbnail. A thumbnail can show what an edit
 * (a crop, a blur) removed from the main image, so it is cut and its size set
 * to 0×0.
 */
function withoutJfifThumbnail(segment: Uint8Array): Uint8Array {
  // FF E0, length (2), "JFIF\0" (5), version (2), units (1), densities (4), thumbnail size (2).
  const headerLength = 18;
  if (segment.byteLength <= headerLength) return segment;
  const out = segment.slice(0, headerLength);
  out[2] = 0;
  out[3] = headerLength - 2;
  out[16] = 0;
  out[17] = 0;
  return out;
}

/**
 * Skips entropy-coded data from `offset`: returns the index of the 0xFF that
 * starts the next real marker, or -1 if the data runs to the end of the file.
 * Inside the data 0xFF is followed by 0x00 (a stuffed byte) or RST0–RST7.
 */
function endOfEntropyData(bytes: Uint8Array, offset: number): number {
  let i = offset;
  while (i < bytes.byteLength) {
    if (bytes[i] !== 0xff) {
      i++;
      continue;
    }
    let next = i + 1;
    while (bytes[next] === 0xff) next++;
    if (next >= bytes.byteLength) return -1;
    const marker = bytes[next] as number;
    if (marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7)) {
      i = next + 1;
      continue;
    }
    return i;
  }
  return -1;
}

/**
 * Removes metadata from a JPEG without re-encoding it: walks the marker
 * segments, drops the ones `keptSegment` refuses, and copies each scan (the
 * compressed pixels) byte for byte. Anything after the end-of-image marker is
 * dropped too: phones append secondary images (MPF), videos or vendor trailers
 * there, each able to carry its own metadata.
 *
 * A file whose segment lengths run past its end, or that has no frame, no scan
 * or no end-of-image marker, is refused as malformed.
 */
export function stripJpeg(bytes: Uint8Array): StripResult {
  if (bytes.byteLength < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) return MALFORMED;
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let offset = 2;
  let frames = 0;
  let scans = 0;
  while (offset < bytes.byteLength) {
    if (bytes[offset] !== 0xff) return MALFORMED;
    while (bytes[offset] === 0xff) offset++;
    if (offset >= bytes.byteLength) return MALFORMED;
    const marker = bytes[offset] as number;
    const start = offset - 1;
    offset++;
    if (marker === EOI) {
      if (frames === 0 || scans === 0) return MALFORMED;
      parts.push(bytes.subarray(start, offset));
      return { ok: true, bytes: concatBytes(parts) };
    }
    if (marker === 0x00 || marker === SOI) return MALFORMED;
    if (isStandalone(marker)) {
      parts.push(bytes.subarray(start, offset));
      continue;
    }
    if (offset + 2 > bytes.byteLength) return MALFORMED;
    const length = ((bytes[offset] as number) << 8) | (bytes[offset + 1] as number);
    const end = offset + length;
    if (length < 2 || end > bytes.byteLength) return MALFORMED;
    if (isFrameMarker(marker)) frames++;
    const kept = keptSegment(marker, bytes.subarray(start, end));
    if (kept) parts.push(kept);
    offset = end;
    if (marker === SOS) {
      if (frames === 0) return MALFORMED;
      scans++;
      const dataEnd = endOfEntropyData(bytes, offset);
      if (dataEnd < 0) return MALFORMED;
      parts.push(bytes.subarray(offset, dataEnd));
      offset = dataEnd;
    }
  }
  return MALFORMED;
}
