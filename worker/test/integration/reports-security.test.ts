import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { ProblemSchema } from "../../src/contracts/common";
import { ReceiptSchema, ReportViewSchema } from "../../src/contracts/reports";
import { unseal } from "../../src/lib/crypto";
import { solvedAltcha } from "../support/altcha";
import { insertUnits } from "../support/fixtures";
import { fileReport, getReport, postMessage, postReport, reportBody } from "../support/reports";

beforeEach(async () => {
  await insertUnits(env.DB);
  await env.DB.batch([env.DB.prepare("DELETE FROM rate_limits"), env.DB.prepare("DELETE FROM settings")]);
});

async function count(table: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>();
  return row?.n ?? 0;
}

/** Rows added to `table` since the call (test files share one database across their tests). */
async function rowsAdded(table: string): Promise<() => Promise<number>> {
  const start = await count(table);
  return async () => (await count(table)) - start;
}

/** A 404 problem without its per-request id, to compare two answers. */
async function notFoundBody(res: Response) {
  expect(res.status).toBe(404);
  const { requestId, ...rest } = ProblemSchema.parse(await res.json());
  expect(requestId).toEqual(expect.any(String));
  return { contentType: res.headers.get("Content-Type"), ...rest };
}

describe("following a report needs its secret", () => {
  it("answers a wrong secret, a missing secret and an unknown code with the same 404", async () => {
    const receipt = await fileReport();
    const other = await fileReport();
    const answers = await Promise.all([
      notFoundBody(await getReport(receipt.trackingCode, "a".repeat(32))),
      notFoundBody(await getReport(receipt.trackingCode, undefined)),
      notFoundBody(await getReport(receipt.trackingCode, other.secret)),
      notFoundBody(await getReport("PA-AAAA-AAAA", receipt.secret)),
      notFoundBody(await getReport(receipt.trackingCode, receipt.secret.toUpperCase())),
      notFoundBody(
        await getReport(receipt.trackingCode, `${receipt.secret} `, { Authorization: `Basic ${receipt.secret}` }),
      ),
    ]);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ code: "not_found", status: 404 });
    expect(JSON.stringify(answers[0])).not.toContain(receipt.trackingCode);
  });

  it("does not let a wrong secret post a message", async () => {
    const receipt = await fileReport();
    const other = await fileReport();
    const messages = await rowsAdded("report_messages");
    const wrong = await postMessage(receipt.trackingCode, other.secret, { body: "Tin nhắn giả mạo" });
    const unknown = await postMessage("PA-AAAA-AAAA", receipt.secret, { body: "Tin nhắn giả mạo" });
    expect(await notFoundBody(wrong)).toEqual(await notFoundBody(unknown));
    expect(await messages()).toBe(0);
  });
});

describe("ALTCHA", () => {
  it("refuses a solved challenge used a second time", async () => {
    const altcha = await solvedAltcha();
    const reports = await rowsAdded("reports");
    expect((await postReport(reportBody(), { altcha })).status).toBe(201);
    const replay = await postReport(reportBody({ categoryCode: "delay" }), {
      altcha,
      headers: { "Accept-Language": "en" },
    });
    expect(replay.status).toBe(422);
    expect(ProblemSchema.parse(await replay.json()).errors).toEqual([
      { pointer: "/altcha", message: "The anti-spam check failed, please try again" },
    ]);
    expect(await reports()).toBe(1);
  });

  it("lets only one of two simultaneous submissions of the same solution through", async () => {
    const altcha = await solvedAltcha();
    const reports = await rowsAdded("reports");
    const answers = await Promise.all([
      postReport(reportBody(), { altcha }),
      postReport(reportBody({ categoryCode: "conduct" }), { altcha }),
    ]);
    expect(answers.map((res) => res.status).sort()).toEqual([201, 422]);
    expect(await reports()).toBe(1);
  });
});

describe("Idempotency-Key", () => {
  it("returns the same receipt for a retry of the same body, even with the spent challenge, and files one report", async () => {
    const altcha = await solvedAltcha();
    const headers = { "Idempotency-Key": "3f1c2b9e-retry-test" };
    const [reports, events, keys] = await Promise.all([
      rowsAdded("reports"),
      rowsAdded("report_events"),
      rowsAdded("idempotency_keys"),
    ]);
    const first = await postReport(reportBody(), { altcha, headers });
    expect(first.status).toBe(201);
    const receipt = ReceiptSchema.parse(await first.json());
    const retry = await postReport(reportBody(), { altcha, headers });
    expect(retry.status).toBe(201);
    expect(ReceiptSchema.parse(await retry.json())).toEqual(receipt);
    const withFreshChallenge = await postReport(reportBody(), { headers });
    expect(ReceiptSchema.parse(await withFreshChallenge.json())).toEqual(receipt);
    expect(await reports()).toBe(1);
    expect(await events()).toBe(1);
    // The remembered receipt holds the secret, so it is stored encrypted.
    expect(await keys()).toBe(1);
    const stored = await env.DB.prepare("SELECT * FROM idempotency_keys").all();
    expect(JSON.stringify(stored.results)).not.toContain(receipt.secret);
    expect(JSON.stringify(stored.results)).not.toContain(receipt.trackingCode);
    // And the receipt works.
    expect((await getReport(receipt.trackingCode, receipt.secret)).status).toBe(200);
  });

  it("gives two simultaneous requests with the same key and body one receipt", async () => {
    const headers = { "Idempotency-Key": "simultaneous-test" };
    const reports = await rowsAdded("reports");
    const answers = await Promise.all([postReport(reportBody(), { headers }), postReport(reportBody(), { headers })]);
    expect(answers.map((res) => res.status)).toEqual([201, 201]);
    const [a, b] = await Promise.all(answers.map(async (res) => ReceiptSchema.parse(await res.json())));
    expect(a).toEqual(b);
    expect(await reports()).toBe(1);
  });

  it("treats the same fields in another order as the same body", async () => {
    const headers = { "Idempotency-Key": "order-test" };
    const body = reportBody();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const first = ReceiptSchema.parse(await (await postReport(body, { headers })).json());
    const second = await postReport(reordered, { headers });
    expect(second.status).toBe(201);
    expect(ReceiptSchema.parse(await second.json())).toEqual(first);
  });

  it("answers 409 when the key comes back with another body", async () => {
    const headers = { "Idempotency-Key": "conflict-test" };
    const reports = await rowsAdded("reports");
    expect((await postReport(reportBody(), { headers })).status).toBe(201);
    const res = await postReport(reportBody({ categoryCode: "bribery" }), { headers });
    expect(res.status).toBe(409);
    expect(ProblemSchema.parse(await res.json()).code).toBe("idempotency_conflict");
    expect(await reports()).toBe(1);
  });

  it("files separate reports under different keys", async () => {
    const reports = await rowsAdded("reports");
    const a = await fileReport({}, { headers: { "Idempotency-Key": "key-a" } });
    const b = await fileReport({}, { headers: { "Idempotency-Key": "key-b" } });
    expect(a.trackingCode).not.toBe(b.trackingCode);
    expect(await reports()).toBe(2);
  });

  it("forgets a key after 24 hours", async () => {
    const headers = { "Idempotency-Key": "old-key" };
    const keys = await rowsAdded("idempotency_keys");
    const first = await fileReport({}, { headers });
    await env.DB.prepare("UPDATE idempotency_keys SET expires_at = ? WHERE expires_at > ?")
      .bind(new Date(Date.now() - 1000).toISOString(), new Date().toISOString())
      .run();
    const second = await fileReport({ categoryCode: "bribery" }, { headers });
    expect(second.trackingCode).not.toBe(first.trackingCode);
    expect(await keys()).toBe(1);
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After once a client passes the hourly limit set in settings", async () => {
    await env.DB.prepare("INSERT INTO settings (key, value) VALUES ('reports_per_client_per_hour', '2')").run();
    const ip = { "CF-Connecting-IP": "198.51.100.20" };
    const reports = await rowsAdded("reports");
    expect((await postReport(reportBody(), { headers: ip })).status).toBe(201);
    expect((await postReport(reportBody(), { headers: ip })).status).toBe(201);
    const limited = await postReport(reportBody(), { headers: { ...ip, "Accept-Language": "en" } });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("Retry-After"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    const body = ProblemSchema.parse(await limited.json());
    expect(body).toMatchObject({ code: "rate_limited", status: 429, title: "Too many requests, try again later" });
    expect(await reports()).toBe(2);
    // Another client is not affected.
    expect((await postReport(reportBody(), { headers: { "CF-Connecting-IP": "198.51.100.21" } })).status).toBe(201);
  });

  it("uses the default of 30 reports per client per hour without a setting", async () => {
    const ip = { "CF-Connecting-IP": "198.51.100.30" };
    // Invalid bodies count too: the limit protects the server, not only the database.
    for (let i = 0; i < 30; i++) {
      expect((await postReport({ description: "x" }, { headers: ip, altcha: "x" })).status).toBe(422);
    }
    expect((await postReport(reportBody(), { headers: ip })).status).toBe(429);
  });

  it("limits replies in their own bucket", async () => {
    await env.DB.batch([
      env.DB.prepare("INSERT INTO settings (key, value) VALUES ('reports_per_client_per_hour', '1')"),
      env.DB.prepare("INSERT INTO settings (key, value) VALUES ('messages_per_client_per_hour', '2')"),
    ]);
    const ip = { "CF-Connecting-IP": "198.51.100.40" };
    const messages = await rowsAdded("report_messages");
    const receipt = await fileReport({}, { headers: ip });
    expect((await postReport(reportBody(), { headers: ip })).status).toBe(429);
    expect((await postMessage(receipt.trackingCode, receipt.secret, { body: "Một" }, ip)).status).toBe(201);
    expect((await postMessage(receipt.trackingCode, receipt.secret, { body: "Hai" }, ip)).status).toBe(201);
    const limited = await postMessage(receipt.trackingCode, receipt.secret, { body: "Ba" }, ip);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await messages()).toBe(2);
  });
});

describe("privacy of stored data", () => {
  it("keeps contact details only encrypted, bound to their report", async () => {
    const contact = { name: "Trần Thị Bích Ngọc", email: "ngoc.tran@example.vn", phone: "+84 912 345 678" };
    const receipt = await fileReport({ track: "named", contact });
    const row = await env.DB.prepare("SELECT * FROM reports WHERE tracking_code = ?")
      .bind(receipt.trackingCode)
      .first<Record<string, string | null>>();
    const raw = JSON.stringify(row);
    for (const text of [
      "Trần Thị Bích Ngọc",
      "Ngọc",
      "ngoc.tran@example.vn",
      "example.vn",
      "912 345 678",
      "912345678",
    ]) {
      expect(raw).not.toContain(text);
    }
    const sealed = { iv: row?.contact_iv ?? "", ciphertext: row?.contact_ciphertext ?? "" };
    const opened = JSON.parse(await unseal(env.CONTACT_KEY, sealed, String(row?.id)));
    expect(opened).toEqual({ name: "Trần Thị Bích Ngọc", email: "ngoc.tran@example.vn", phone: "+84912345678" });
    await expect(unseal(env.CONTACT_KEY, sealed, "another-report-id")).rejects.toThrow();
  });

  it("never stores the client's IP address", async () => {
    const ip = "203.0.113.7";
    const headers = { "CF-Connecting-IP": ip, "Idempotency-Key": "ip-test" };
    const receipt = await fileReport({ track: "named", contact: { email: "ip@example.vn" } }, { headers });
    await postMessage(receipt.trackingCode, receipt.secret, { body: "Bổ sung thông tin" }, headers);
    ReportViewSchema.parse(await (await getReport(receipt.trackingCode, receipt.secret, headers)).json());
    await postReport(reportBody({ description: "ngắn" }), { headers: { "CF-Connecting-IP": ip } });

    const tables = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
    ).all<{ name: string }>();
    expect(tables.results.map((t) => t.name)).toEqual(expect.arrayContaining(["reports", "rate_limits"]));
    for (const { name } of tables.results) {
      const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
      const dump = JSON.stringify(rows.results);
      expect(dump, name).not.toContain(ip);
      expect(dump, name).not.toContain("203.0.113");
    }
    expect(await count("rate_limits")).toBeGreaterThan(0);
  });
});
