import { describe, expect, it } from "vitest";
import {
  isTrackingCode,
  newSecret,
  newTrackingCode,
  normalizeTrackingCode,
  TRACKING_ALPHABET,
  toBase32,
} from "../../src/domain/receipt";

/** A random source that replays fixed bytes, then zeros. */
function replay(bytes: number[]) {
  let offset = 0;
  return (count: number) => {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) out[i] = bytes[offset++] ?? 0;
    return out;
  };
}

describe("tracking codes", () => {
  it("look like PA-XXXX-XXXX and use only characters that cannot be misread", () => {
    for (let i = 0; i < 200; i++) {
      const code = newTrackingCode();
      expect(code).toMatch(/^PA-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      expect(isTrackingCode(code)).toBe(true);
      expect(code.slice(3).replace("-", "")).not.toMatch(/[0O1IL2Z5S8B]/);
    }
  });

  it("leave out the confusable characters from the alphabet", () => {
    expect(TRACKING_ALPHABET).toBe("ACDEFGHJKMNPQRTUVWXY34679");
    expect(new Set(TRACKING_ALPHABET).size).toBe(25);
  });

  it("map bytes onto the alphabet and skip bytes that would bias the draw", () => {
    // 250..255 are rejected (256 is not a multiple of 25); 0 → A, 24 → 9, 25 → A again.
    const code = newTrackingCode(replay([255, 0, 24, 25, 250, 1, 2, 3, 4, 5]));
    expect(code).toBe("PA-A9AC-DEFG");
  });

  it("are all different in practice", () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newTrackingCode()));
    expect(codes.size).toBe(1000);
  });

  it("are matched however the person typed them", () => {
    expect(normalizeTrackingCode("  pa-7kqm-x3tf \n")).toBe("PA-7KQM-X3TF");
    expect(isTrackingCode(normalizeTrackingCode(" pa-a9ac-defg "))).toBe(true);
    expect(isTrackingCode("PA-A0AC-DEFG")).toBe(false);
  });
});

describe("receipt secrets", () => {
  it("carry 160 random bits as 32 lower-case base32 characters", () => {
    const secret = newSecret();
    expect(secret).toMatch(/^[a-z2-7]{32}$/);
    expect(newSecret()).not.toBe(secret);
  });

  it("encode bytes as RFC 4648 base32", () => {
    // RFC 4648 test vectors, lower case and unpadded.
    const encode = (text: string) => toBase32(new TextEncoder().encode(text));
    expect(encode("")).toBe("");
    expect(encode("f")).toBe("my");
    expect(encode("fo")).toBe("mzxq");
    expect(encode("foo")).toBe("mzxw6");
    expect(encode("foob")).toBe("mzxw6yq");
    expect(encode("fooba")).toBe("mzxw6ytb");
    expect(encode("foobar")).toBe("mzxw6ytboi");
    expect(newSecret(replay(Array(20).fill(255)))).toBe("7".repeat(32));
  });
});
