import { describe, expect, it } from "vitest";
import { sniffType } from "../../src/domain/evidence";
import { fixture } from "../fixtures";

describe("sniffType", () => {
  it.each([
    ["gps.jpg", "image/jpeg"],
    ["progressive.jpg", "image/jpeg"],
    ["photo.png", "image/png"],
    ["photo.webp", "image/webp"],
    ["document.pdf", "application/pdf"],
  ] as const)("recognises %s as %s from its content", (name, type) => {
    expect(sniffType(fixture(name))).toBe(type);
  });

  it("ignores a photo-like name on a text file", () => {
    expect(sniffType(fixture("not-an-image.jpg"))).toBeUndefined();
  });

  it.each([
    ["a ZIP archive", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00])],
    ["a Windows program", new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00])],
    ["a WAV file (RIFF but not WebP)", new TextEncoder().encode("RIFF\x24\x00\x00\x00WAVEfmt ")],
    ["an SVG", new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ["an empty file", new Uint8Array()],
    ["two JPEG bytes", new Uint8Array([0xff, 0xd8])],
    ["a PNG signature cut short", new Uint8Array([0x89, 0x50, 0x4e, 0x47])],
  ])("refuses %s", (_label, bytes) => {
    expect(sniffType(bytes)).toBeUndefined();
  });
});
