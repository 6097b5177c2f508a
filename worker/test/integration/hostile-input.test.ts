import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { type Problem, ProblemSchema } from "../../src/contracts/common";
import { ReceiptSchema } from "../../src/contracts/reports";
import { MAX_URL_LENGTH } from "../../src/middleware/request-limits";
import { asUser, createUser, login, ORIGIN } from "../support/accounts";
import { insertUnits } from "../support/fixtures";
import { fileReport, getReport, postReport, reportBody } from "../support/reports";

/**
 * The findings of issue 9 that are not about D1 list sizes: each request here
 * answered 500 (or, for the receipt, 429) before the fix.
 */

beforeAll(async () => {
  await insertUnits(env.DB);
});

async function expectProblem(res: Response, status: number, code?: string): Promise<Problem> {
  expect(res.status).toBe(status);
  expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
  const body = ProblemSchema.parse(await res.json());
  expect(body.status).toBe(status);
  if (code) expect(body.code).toBe(code);
  return body;
}

describe("a JSON route called with another Content-Type answers 415, not 500", () => {
  const bodies: [string, Record<string, string>, string][] = [
    ["text/plain", { "Content-Type": "text/plain" }, '{"email":"a@b.c","password":"x"}'],
    ["a form", { "Content-Type": "application/x-www-form-urlencoded" }, "email=a%40b.c&password=x"],
    ["multipart", { "Content-Type": "multipart/form-data; boundary=x" }, "--x\r\n\r\nhi\r\n--x--\r\n"],
    ["XML", { "Content-Type": "application/xml" }, "<login><email>a@b.c</email></login>"],
    ["no type", {}, '{"email":"a@b.c","password":"x"}'],
  ];

  it.each(bodies)("POST /api/auth/login with %s", async (_name, headers, body) => {
    const res = await SELF.fetch(`${ORIGIN}/api/auth/login`, {
      method: "POST",
      headers: { Origin: ORIGIN, ...headers },
      body,
    });
    await expectProblem(res, 415, "unsupported_media_type");
  });

  it("a signed-in write with a form body is a 415 in English on request", async () => {
    const cookie = await login(await createUser("supervisor"));
    const res = await SELF.fetch(
      `${ORIGIN}/api/inspections`,
      asUser(cookie, {
        method: "POST",
        headers: { "Content-Type": "text/plain", "Accept-Language": "en" },
        body: "type=surprise",
      }),
    );
    const problem = await expectProblem(res, 415, "unsupported_media_type");
    expect(problem.title).toBe("Unsupported content type");
  });
});

describe("the JSON size limit holds on every staff write", () => {
  it.each([
    ["POST", "/api/inspections"],
    ["POST", "/api/plan/2026/build"],
    ["POST", "/api/measures/m-1/response"],
    ["POST", "/api/leads/l-1/contest-resolution"],
  ])("%s %s with a body over 64 KiB is a 413", async (method, path) => {
    const cookie = await login(await createUser("supervisor"));
    const body = JSON.stringify({ padding: "x".repeat(70_000) });
    const res = await SELF.fetch(`${ORIGIN}${path}`, asUser(cookie, { method, body }));
    await expectProblem(res, 413, "payload_too_large");
  });
});

describe("other framework errors are problems too", () => {
  it("405 with Allow for a known path and an unknown method", async () => {
    const res = await SELF.fetch(`${ORIGIN}/api/units`, { method: "DELETE" });
    await expectProblem(res, 405, "method_not_allowed");
    expect(res.headers.get("Allow")).toBe("GET, HEAD");
  });

  it("405 for a parameterised path", async () => {
    const res = await SELF.fetch(`${ORIGIN}/api/reports/PA-AAAA-AAAA`, { method: "PUT" });
    await expectProblem(res, 405, "method_not_allowed");
    expect(res.headers.get("Allow")).toContain("GET");
  });

  it("404 stays 404 for an unknown path", async () => {
    await expectProblem(await SELF.fetch(`${ORIGIN}/api/nothing-here`, { method: "DELETE" }), 404, "not_found");
  });

  it("414 for an address longer than the API reads", async () => {
    const res = await SELF.fetch(`${ORIGIN}/api/units?q=${"a".repeat(MAX_URL_LENGTH)}`);
    await expectProblem(res, 414, "uri_too_long");
  });
});

describe("statistics periods are validated and bounded", () => {
  it.each(["/api/public/stats", "/api/public/stats.csv"])("%s?to=0000-01-01 is a 422 on /to", async (path) => {
    const res = await SELF.fetch(`${ORIGIN}${path}?to=0000-01-01`);
    const problem = await expectProblem(res, 422, "validation_failed");
    expect(problem.errors?.[0]?.pointer).toBe("/to");
  });

  it("from 0001 to 9999 is a 422 in the asked language, not 25 MB of JSON", async () => {
    const res = await SELF.fetch(`${ORIGIN}/api/public/stats?from=0001-01-01&to=9999-12-31&lang=en`);
    const problem = await expectProblem(res, 422, "validation_failed");
    expect(problem.errors?.map((e) => e.pointer).sort()).toEqual(["/from", "/to"]);
    expect(problem.errors?.[0]?.message).toBe("The date must be YYYY-MM-DD, from 2000 to 2099");
  });

  it("ten years is the longest period: 120 months answer, 121 are a 422", async () => {
    const ok = await SELF.fetch(`${ORIGIN}/api/public/stats?from=2016-01-01&to=2025-12-31`);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { groups: unknown[] };
    expect(body.groups).toHaveLength(120);
    const tooLong = await SELF.fetch(`${ORIGIN}/api/public/stats?from=2015-12-01&to=2025-12-31`);
    const problem = await expectProblem(tooLong, 422, "validation_failed");
    expect(problem.errors?.[0]).toEqual({
      pointer: "/from",
      message: "Khoảng thời gian tối đa là 10 năm (120 tháng)",
    });
  });
});

describe("search words longer than D1's 50-byte LIKE pattern", () => {
  const longWord = "x".repeat(49);

  it("GET /api/units?q= with one 49-character word answers an empty list", async () => {
    const res = await SELF.fetch(`${ORIGIN}/api/units?q=${longWord}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [] });
  });

  it("GET /api/units?q= with a long query still finds and ranks the unit", async () => {
    const q = "sở xây dựng".padEnd(60, " ");
    const res = await SELF.fetch(`${ORIGIN}/api/units?q=${encodeURIComponent(`${q} xây`)}`);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { id: string }[] };
    expect(items.map((u) => u.id)).toContain("so-xay-dung");
  });

  it("GET /api/units?q= treats % and _ as letters", async () => {
    const res = await SELF.fetch(`${ORIGIN}/api/units?q=${encodeURIComponent("%_")}`);
    expect(await res.json()).toEqual({ items: [] });
  });

  it("GET /api/leads?unitQ= with a 49-character word answers an empty page", async () => {
    // SQLite checks a pattern only against rows, so the queue must hold a lead.
    await fileReport({}, { headers: { "CF-Connecting-IP": "198.51.100.12" } });
    const cookie = await login(await createUser("supervisor"));
    const res = await SELF.fetch(`${ORIGIN}/api/leads?unitQ=${longWord}`, asUser(cookie));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
  });
});

describe("a stored receipt is answered before the rate limit", () => {
  it("a retry from an address over its hourly budget still gets the receipt", async () => {
    await env.DB.prepare(
      "INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('reports_per_client_per_hour', '1', ?)",
    )
      .bind(new Date().toISOString())
      .run();
    try {
      const headers = { "CF-Connecting-IP": "198.51.100.77", "Idempotency-Key": crypto.randomUUID() };
      const first = await postReport(reportBody(), { headers });
      expect(first.status).toBe(201);
      const receipt = ReceiptSchema.parse(await first.json());

      // The budget of one is spent: a new report from that address is refused…
      const other = await postReport(reportBody(), {
        headers: { ...headers, "Idempotency-Key": crypto.randomUUID() },
      });
      await expectProblem(other, 429, "rate_limited");

      // …but the lost answer to the first one comes back, with its secret.
      const retry = await postReport(reportBody(), { headers });
      expect(retry.status).toBe(201);
      expect(ReceiptSchema.parse(await retry.json())).toEqual(receipt);
      expect((await getReport(receipt.trackingCode, receipt.secret)).status).toBe(200);
    } finally {
      await env.DB.prepare("DELETE FROM settings WHERE key = 'reports_per_client_per_hour'").run();
    }
  });
});

describe("the OpenAPI document declares how callers authenticate", () => {
  interface Operation {
    security?: Record<string, string[]>[];
    responses: Record<string, unknown>;
  }
  interface Document {
    servers?: { url: string }[];
    components: { securitySchemes?: Record<string, { type: string; in?: string; name?: string; scheme?: string }> };
    paths: Record<string, Record<string, Operation>>;
  }

  async function document(): Promise<Document> {
    return (await (await SELF.fetch(`${ORIGIN}/api/openapi.json`)).json()) as Document;
  }

  it("declares the staff session cookie and the receipt secret, and its paths are relative to /api", async () => {
    const doc = await document();
    expect(doc.servers).toEqual([expect.objectContaining({ url: "/api" })]);
    expect(doc.components.securitySchemes).toEqual({
      staffSession: expect.objectContaining({ type: "apiKey", in: "cookie", name: "pacv_session" }),
      receiptSecret: expect.objectContaining({ type: "http", scheme: "bearer" }),
    });
  });

  it("every operation that can answer 401 names its scheme, and every secured one lists 401", async () => {
    const doc = await document();
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );
    const staff = operations.filter(({ op }) => op.security?.some((s) => "staffSession" in s));
    expect(staff.length).toBeGreaterThan(30);
    for (const { name, op } of staff)
      expect({ name, lists401: "401" in op.responses }).toEqual({ name, lists401: true });
    // POST /auth/login answers 401 for a wrong password, before any session exists.
    const unsecured401 = operations.filter(({ op }) => "401" in op.responses && !(op.security ?? []).length);
    expect(unsecured401.map(({ name }) => name)).toEqual(["POST /auth/login"]);
  });

  it("the TOTP routes are behind the session and list 401", async () => {
    const doc = await document();
    for (const path of ["/auth/totp/setup", "/auth/totp/confirm", "/auth/totp/disable"]) {
      const op = doc.paths[path]?.post;
      expect(op?.security).toEqual([{ staffSession: [] }]);
      expect(Object.keys(op?.responses ?? {})).toContain("401");
    }
  });
});
