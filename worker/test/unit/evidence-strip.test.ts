import { describe, expect, it } from "vitest";
import { type StripResult, stripMetadata } from "../../src/domain/evidence";
import { fixture } from "../fixtures";
import { containsBytes, jpegHeader, jpegMarkers, pngChunks, webpChunks } from "../fixtures/containers";

const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP13 = 0xed;
const COM = 0xfe;
const SOS = 0xda;
const EOI = [0xff, 0xd9];

/** What a camera or editor writes into metadata, as found in the samples. */
const TRACES = [
  "Exif\0\0",
  "GPS",
  "http://ns.adobe.com/xap/1.0/",
  "x:xmpmeta",
  "Photoshop 3.0",
  "Nguyen Van A",
  "taken at the ward office",
  "TestPhone",
];

function stripped(result: StripResult): Uint8Array {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

describe("stripMetadata: JPEG", () => {
  const original = fixture("gps.jpg");

  it("starts from a sample that really carries GPS, XMP, IPTC and a comment", () => {
    const markers = jpegHeader(original).segments.map((s) => s.marker);
    expect(markers).toEqual(expect.arrayContaining([APP1, APP13, COM, APP2]));
    for (const trace of ["Exif\0\0", "x:xmpmeta", "Photoshop 3.0", "taken at the ward office", "TestPhone"]) {
      expect(containsBytes(original, trace), trace).toBe(true);
    }
  });

  it("removes Exif (with GPS), XMP, IPTC and comments", () => {
    const result = stripped(stripMetadata(original, "image/jpeg"));
    for (const trace of TRACES) expect(containsBytes(result, trace), trace).toBe(false);
    // The TIFF header that opens every Exif block, and the GPS IFD pointer tag.
    expect(containsBytes(result, new Uint8Array([0x4d, 0x4d, 0x00, 0x2a]))).toBe(false);
    expect(containsBytes(result, new Uint8Array([0x88, 0x25, 0x00, 0x04]))).toBe(false);
    const markers = jpegHeader(result).segments.map((s) => s.marker);
    expect(markers).not.toContain(APP1);
    expect(markers).not.toContain(APP13);
    expect(markers).not.toContain(COM);
  });

  it("keeps what a decoder needs: JFIF, the ICC profile, tables, frame and scan", () => {
    const result = stripped(stripMetadata(original, "image/jpeg"));
    const { segments } = jpegHeader(result);
    const app0 = segments.find((s) => s.marker === APP0);
    const app2 = segments.find((s) => s.marker === APP2);
    expect(new TextDecoder().decode(app0?.payload.subarray(0, 4))).toBe("JFIF");
    expect(new TextDecoder().decode(app2?.payload.subarray(0, 11))).toBe("ICC_PROFILE");
    const originalTables = jpegHeader(original).segments.filter((s) => s.marker >= 0xc0 && s.marker <= 0xdb);
    const keptTables = segments.filter((s) => s.marker >= 0xc0 && s.marker <= 0xdb);
    expect(keptTables.map((s) => [...s.payload])).toEqual(originalTables.map((s) => [...s.payload]));
  });

  it("still has the structure of a JPEG: SOI … SOS … EOI", () => {
    const result = stripped(stripMetadata(original, "image/jpeg"));
    expect([...result.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(jpegMarkers(result)).toContain(SOS);
    expect([...result.subarray(-2)]).toEqual(EOI);
  });

  it("leaves the compressed pixels byte for byte unchanged", () => {
    const result = stripped(stripMetadata(original, "image/jpeg"));
    const before = original.subarray(jpegHeader(original).sosOffset);
    const after = result.subarray(jpegHeader(result).sosOffset);
    expect(after.byteLength).toBe(before.byteLength);
    expect(after).toEqual(before);
    expect(result.byteLength).toBeLessThan(original.byteLength);
  });

  it("is idempotent", () => {
    const once = stripped(stripMetadata(original, "image/jpeg"));
    expect(stripped(stripMetadata(once, "image/jpeg"))).toEqual(once);
  });

  it("strips a progressive JPEG and keeps all of its scans", () => {
    const progressive = fixture("progressive.jpg");
    const result = stripped(stripMetadata(progressive, "image/jpeg"));
    const scans = (bytes: Uint8Array) => jpegMarkers(bytes).filter((m) => m === SOS).length;
    expect(scans(progressive)).toBeGreaterThan(1);
    expect(scans(result)).toBe(scans(progressive));
    expect(containsBytes(progressive, "Exif\0\0")).toBe(true);
    expect(containsBytes(result, "Exif\0\0")).toBe(false);
    expect(containsBytes(result, "progressive")).toBe(false);
    const before = progressive.subarray(jpegHeader(progressive).sosOffset);
    expect(result.subarray(jpegHeader(result).sosOffset)).toEqual(before);
  });

  it("drops data appended after the end of the image (MPF images, motion-photo videos)", () => {
    const trailer = new TextEncoder().encode("\xff\xd8\xff\xe1Exif\0\0GPS trailer");
    const result = stripped(stripMetadata(concat(original, trailer), "image/jpeg"));
    expect([...result.subarray(-2)]).toEqual(EOI);
    expect(containsBytes(result, "GPS trailer")).toBe(false);
  });

  it("cuts a JFIF thumbnail, which can show what an edit removed", () => {
    const { segments } = jpegHeader(original);
    const app0 = segments[0];
    if (!app0 || app0.marker !== APP0) throw new Error("sample has no JFIF first");
    const app0End = app0.offset + 4 + app0.payload.byteLength;
    const withThumb = new Uint8Array([
      0xff,
      0xe0,
      0x00,
      0x13,
      ...new TextEncoder().encode("JFIF\0"),
      1,
      1,
      0,
      0,
      1,
      0,
      1,
      1,
      1,
      0xaa,
      0xbb,
      0xcc,
    ]);
    const input = concat(original.subarray(0, 2), withThumb, original.subarray(app0End));
    const result = jpegHeader(stripped(stripMetadata(input, "image/jpeg")));
    const jfif = result.segments[0];
    expect(jfif?.marker).toBe(APP0);
    expect(jfif?.payload.byteLength).toBe(14);
    expect([...(jfif?.payload.subarray(12) ?? [])]).toEqual([0, 0]);
  });

  it.each([
    ["cut inside a segment", (b: Uint8Array) => b.subarray(0, 30)],
    ["cut inside the scan (no end of image)", (b: Uint8Array) => b.subarray(0, b.byteLength - 40)],
    [
      "a segment length running past the end",
      (b: Uint8Array) => concat(b.subarray(0, 2), new Uint8Array([0xff, 0xe1, 0xff, 0xff, 0x45, 0x78])),
    ],
    ["only SOI and EOI", () => new Uint8Array([0xff, 0xd8, 0xff, 0xd9])],
    ["garbage between segments", (b: Uint8Array) => concat(b.subarray(0, 2), new Uint8Array([0x00]), b.subarray(2))],
  ])("refuses a JPEG %s", (_label, damage) => {
    expect(stripMetadata(damage(original), "image/jpeg")).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("stripMetadata: PNG", () => {
  const original = fixture("photo.png");

  it("removes eXIf, tEXt, zTXt, iTXt (XMP) and tIME, and keeps the image chunks unchanged", () => {
    expect(pngChunks(original).map((c) => c.type)).toEqual(
      expect.arrayContaining(["eXIf", "tEXt", "zTXt", "iTXt", "tIME"]),
    );
    const result = stripped(stripMetadata(original, "image/png"));
    expect(pngChunks(result).map((c) => c.type)).toEqual(["IHDR", "gAMA", "cHRM", "bKGD", "IDAT", "IEND"]);
    for (const trace of TRACES) expect(containsBytes(result, trace), trace).toBe(false);
    const idat = (bytes: Uint8Array) => pngChunks(bytes).find((c) => c.type === "IDAT")?.data;
    expect(idat(result)).toEqual(idat(original));
    expect([...result.subarray(0, 8)]).toEqual([...original.subarray(0, 8)]);
  });

  it("drops bytes hidden after IEND", () => {
    const result = stripped(stripMetadata(concat(original, new TextEncoder().encode("GPS 21.02 105.85")), "image/png"));
    expect(containsBytes(result, "GPS")).toBe(false);
    expect(pngChunks(result).at(-1)?.type).toBe("IEND");
  });

  it.each([
    ["cut short", (b: Uint8Array) => b.subarray(0, b.byteLength - 20)],
    ["without IHDR first", (b: Uint8Array) => concat(b.subarray(0, 8), b.subarray(8 + 25))],
    ["with a chunk length past the end", (b: Uint8Array) => concat(b.subarray(0, 8), new Uint8Array([0x7f, 0, 0, 0]))],
  ])("refuses a PNG %s", (_label, damage) => {
    expect(stripMetadata(damage(original), "image/png")).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("stripMetadata: WebP", () => {
  const original = fixture("photo.webp");

  it("removes the EXIF and XMP chunks, clears their VP8X flags and fixes the RIFF size", () => {
    const before = webpChunks(original);
    expect(before.chunks.map((c) => c.fourcc)).toEqual(["VP8X", "VP8 ", "EXIF", "XMP "]);
    expect((before.chunks[0]?.data[0] ?? 0) & 0x0c).toBe(0x0c);
    const result = stripped(stripMetadata(original, "image/webp"));
    const after = webpChunks(result);
    expect(after.chunks.map((c) => c.fourcc)).toEqual(["VP8X", "VP8 "]);
    expect((after.chunks[0]?.data[0] ?? 0) & 0x0c).toBe(0);
    expect(after.riffSize).toBe(result.byteLength - 8);
    expect(after.chunks[1]?.data).toEqual(before.chunks[1]?.data);
    for (const trace of TRACES) expect(containsBytes(result, trace), trace).toBe(false);
  });

  it("is idempotent", () => {
    const once = stripped(stripMetadata(original, "image/webp"));
    expect(stripped(stripMetadata(once, "image/webp"))).toEqual(once);
  });

  it.each([
    ["cut short", (b: Uint8Array) => b.subarray(0, b.byteLength - 100)],
    ["with no image chunk", (b: Uint8Array) => b.subarray(0, 12 + 18)],
  ])("refuses a WebP %s", (_label, damage) => {
    expect(stripMetadata(damage(original), "image/webp")).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("stripMetadata: PDF", () => {
  it("keeps a PDF byte for byte (its metadata cannot be removed safely without a PDF library)", () => {
    const original = fixture("document.pdf");
    expect(stripped(stripMetadata(original, "application/pdf"))).toEqual(original);
  });

  it("refuses an encrypted PDF", () => {
    expect(stripMetadata(fixture("encrypted.pdf"), "application/pdf")).toEqual({ ok: false, reason: "encrypted" });
  });

  it("refuses a truncated PDF (no %%EOF)", () => {
    const original = fixture("document.pdf");
    expect(stripMetadata(original.subarray(0, original.byteLength - 10), "application/pdf")).toEqual({
      ok: false,
      reason: "malformed",
    });
  });
});
