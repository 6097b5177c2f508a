import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { HealthSchema, ProblemSchema } from "../../src/contracts/common";

describe("GET /api/health", () => {
  it("answers ok", async () => {
    const res = await SELF.fetch("https://portal.test/api/health");
    expect(res.status).toBe(200);
    expect(HealthSchema.parse(await res.json())).toEqual({ status: "ok" });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("answers an unknown API path with a problem in Vietnamese, or English on request", async () => {
    const vi = await SELF.fetch("https://portal.test/api/khong-co");
    expect(vi.status).toBe(404);
    expect(vi.headers.get("content-type")).toContain("application/problem+json");
    const viBody = ProblemSchema.parse(await vi.json());
    expect(viBody.title).toBe("Không tìm thấy");
    const en = await SELF.fetch("https://portal.test/api/nope", { headers: { "Accept-Language": "en" } });
    expect(ProblemSchema.parse(await en.json()).title).toBe("Not found");
  });
});
