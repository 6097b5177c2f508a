import { describe, expect, it } from "vitest";
import {
  API_KEY_PATTERN,
  apiKeyOf,
  type ClientState,
  checkRevoke,
  keyPrefixOf,
  planClientUpdate,
} from "../../src/domain/api-clients";

const client = (extra: Partial<ClientState> = {}): ClientState => ({
  name: "Ứng dụng Hà Nội",
  requestsPerHour: 100,
  publicApp: false,
  revokedAt: null,
  ...extra,
});

describe("apiKeyOf", () => {
  it("makes a recognisable key of 32 bytes in base64url", () => {
    const key = apiKeyOf(new Uint8Array(32).fill(0xfb));
    expect(key).toMatch(API_KEY_PATTERN);
    expect(key).toBe(`pacv_${"-_v7".repeat(10)}-_s`);
    expect(key).toHaveLength(48);
  });

  it("refuses any other number of bytes", () => {
    expect(() => apiKeyOf(new Uint8Array(16))).toThrow(RangeError);
  });

  it("keeps the first eight characters in clear", () => {
    expect(keyPrefixOf("pacv_abcdefgh")).toBe("pacv_abc");
  });
});

describe("planClientUpdate", () => {
  it("names only the fields that change, before and after", () => {
    const plan = planClientUpdate(client(), { name: "Ứng dụng Hà Nội", requestsPerHour: 20, publicApp: true });
    expect(plan).toEqual({
      ok: true,
      change: { before: { requestsPerHour: 100, publicApp: false }, after: { requestsPerHour: 20, publicApp: true } },
    });
  });

  it("changes nothing when every value is already in force", () => {
    expect(planClientUpdate(client(), { publicApp: false })).toEqual({ ok: true, change: { before: {}, after: {} } });
  });

  it("refuses to edit a revoked client", () => {
    expect(planClientUpdate(client({ revokedAt: "2026-06-15T01:00:00.000Z" }), { name: "Khác" })).toMatchObject({
      ok: false,
      error: "illegal",
      detail: "already_revoked",
    });
  });
});

describe("checkRevoke", () => {
  it("revokes a working key once", () => {
    expect(checkRevoke(client())).toEqual({ ok: true });
    expect(checkRevoke(client({ revokedAt: "2026-06-15T01:00:00.000Z" }))).toMatchObject({
      error: "illegal",
      detail: "already_revoked",
    });
  });
});
