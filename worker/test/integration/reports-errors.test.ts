import { env, SELF } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { type Problem, ProblemSchema } from "../../src/contracts/common";
import { hanoiDate } from "../../src/contracts/hanoi-date";
import { ReceiptSchema } from "../../src/contracts/reports";
import { solvedAltcha } from "../support/altcha";
import { insertUnits } from "../support/fixtures";
import { fileReport, postMessage, postReport, reportBody } from "../support/reports";

beforeEach(async () => {
  await insertUnits(env.DB);
  await env.DB.prepare("DELETE FROM rate_limits").run();
});

async function problem(res: Response, status: number, code: string): Promise<Problem> {
  expect(res.status).toBe(status);
  expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
  const body = ProblemSchema.parse(await res.json());
  expect(body.code).toBe(code);
  expect(body.status).toBe(status);
  return body;
}

function rawPost(body: string, headers: Record<string, string>) {
  return SELF.fetch("https://portal.test/api/reports", { method: "POST", headers, body });
}

const EN = { "Accept-Language": "en" };
const tomorrowInHanoi = () => hanoiDate(new Date(Date.now() + 24 * 3600 * 1000));

describe("POST /api/reports refuses bodies it cannot read", () => {
  it("415 for a body that is not JSON", async () => {
    const res = await rawPost("description=hello", { "Content-Type": "application/x-www-form-urlencoded" });
    await problem(res, 415, "unsupported_media_type");
  });

  it("400 for malformed JSON, in Vietnamese by default and in English on request", async () => {
    const vi = await problem(
      await rawPost('{"track": "anonymous",', { "Content-Type": "application/json" }),
      400,
      "malformed_json",
    );
    expect(vi.title).toBe("Dữ liệu gửi lên không phải JSON hợp lệ");
    const en = await problem(
      await rawPost("{oops", { "Content-Type": "application/json", ...EN }),
      400,
      "malformed_json",
    );
    expect(en.title).toBe("The request body is not valid JSON");
  });

  it("413 for a body over the size limit", async () => {
    const huge = JSON.stringify({
      ...reportBody(),
      description: "x".repeat(Number(env.MAX_JSON_BODY_BYTES)),
      altcha: "x",
    });
    await problem(await rawPost(huge, { "Content-Type": "application/json" }), 413, "payload_too_large");
  });

  it("422 for JSON that is not an object", async () => {
    await problem(await rawPost("[1, 2]", { "Content-Type": "application/json" }), 422, "validation_failed");
  });

  it("400 for an Idempotency-Key that is too long", async () => {
    const res = await postReport(reportBody(), { headers: { "Idempotency-Key": "k".repeat(300) }, altcha: "x" });
    await problem(res, 400, "bad_request");
  });
});

describe("POST /api/reports explains each invalid field", () => {
  const cases: [string, Record<string, unknown>, string, string, string][] = [
    [
      "a short description",
      { description: "quá ngắn" },
      "/description",
      "Cần ít nhất 20 ký tự",
      "Must be at least 20 characters",
    ],
    [
      "a description of spaces",
      { description: `${" ".repeat(30)}x` },
      "/description",
      "Cần ít nhất 20 ký tự",
      "Must be at least 20 characters",
    ],
    [
      "a long description",
      { description: "a".repeat(5001) },
      "/description",
      "Tối đa 5000 ký tự",
      "Must be at most 5000 characters",
    ],
    [
      "a missing description",
      { description: undefined },
      "/description",
      "Trường này là bắt buộc",
      "This field is required",
    ],
    ["a missing unit", { unitId: undefined }, "/unitId", "Trường này là bắt buộc", "This field is required"],
    [
      "an unknown category",
      { categoryCode: "gossip" },
      "/categoryCode",
      "Giá trị phải là một trong: bribery, harassment, shirking, delay, neglect, conduct, other",
      "Must be one of: bribery, harassment, shirking, delay, neglect, conduct, other",
    ],
    [
      "an unknown reporter kind",
      { reporterKind: "robot" },
      "/reporterKind",
      "Giá trị phải là một trong: citizen, business, organization",
      "Must be one of: citizen, business, organization",
    ],
    [
      "an unknown track",
      { track: "secret" },
      "/track",
      "Giá trị phải là một trong: anonymous, named",
      "Must be one of: anonymous, named",
    ],
    [
      "a date in the future",
      { occurredOn: "__tomorrow__" },
      "/occurredOn",
      "Ngày không được ở tương lai",
      "The date cannot be in the future",
    ],
    [
      "a date that does not exist",
      { occurredOn: "2025-02-30" },
      "/occurredOn",
      "Ngày phải có dạng YYYY-MM-DD và có thật",
      "The date must be a real date as YYYY-MM-DD",
    ],
    [
      "a date in another format",
      { occurredOn: "15/01/2026" },
      "/occurredOn",
      "Ngày phải có dạng YYYY-MM-DD và có thật",
      "The date must be a real date as YYYY-MM-DD",
    ],
    [
      "a long procedure",
      { procedure: "p".repeat(301) },
      "/procedure",
      "Tối đa 300 ký tự",
      "Must be at most 300 characters",
    ],
    [
      "a long official hint",
      { officialHint: "p".repeat(301) },
      "/officialHint",
      "Tối đa 300 ký tự",
      "Must be at most 300 characters",
    ],
    [
      "contact details on the anonymous track",
      { contact: { email: "an@example.vn" } },
      "/contact",
      "Phản ánh ẩn danh không được kèm thông tin liên hệ",
      "An anonymous report cannot carry contact details",
    ],
    [
      "a named report without email or phone",
      { track: "named", contact: { name: "An" } },
      "/contact",
      "Phản ánh có danh tính cần email hoặc số điện thoại",
      "A named report needs an email or a phone number",
    ],
    [
      "a named report without contact",
      { track: "named" },
      "/contact",
      "Phản ánh có danh tính cần email hoặc số điện thoại",
      "A named report needs an email or a phone number",
    ],
    [
      "a bad email",
      { track: "named", contact: { email: "an@" } },
      "/contact/email",
      "Email không hợp lệ",
      "Not a valid email address",
    ],
    [
      "a bad phone",
      { track: "named", contact: { phone: "12345" } },
      "/contact/phone",
      "Số điện thoại không hợp lệ",
      "Not a valid phone number",
    ],
    [
      "an unexpected contact field",
      { track: "named", contact: { phone: "0912345678", address: "Hà Nội" } },
      "/contact/address",
      "Trường không được phép: address",
      "Fields not allowed: address",
    ],
    [
      "an unexpected field",
      { ipAddress: "1.2.3.4" },
      "/ipAddress",
      "Trường không được phép: ipAddress",
      "Fields not allowed: ipAddress",
    ],
  ];

  it.each(cases)("%s", async (_name, change, pointer, vi, en) => {
    const body: Record<string, unknown> = { ...reportBody(), ...change };
    if (body.occurredOn === "__tomorrow__") body.occurredOn = tomorrowInHanoi();
    for (const [headers, message] of [
      [{}, vi],
      [EN, en],
    ] as const) {
      const res = await postReport(body, { headers, altcha: "unused" });
      const p = await problem(res, 422, "validation_failed");
      expect(p.errors).toContainEqual({ pointer, message });
      expect(res.headers.get("Content-Language")).toBe(Object.keys(headers).length ? "en" : "vi");
    }
  });

  it("lists every invalid field at once", async () => {
    const res = await postReport(
      { ...reportBody(), description: "ngắn", categoryCode: "x", occurredOn: tomorrowInHanoi() },
      { altcha: "unused" },
    );
    const p = await problem(res, 422, "validation_failed");
    expect(p.errors?.map((e) => e.pointer).sort()).toEqual(["/categoryCode", "/description", "/occurredOn"]);
  });

  it("accepts today's date in Hanoi", async () => {
    const res = await postReport(reportBody({ occurredOn: hanoiDate(new Date()) }));
    expect(res.status).toBe(201);
    ReceiptSchema.parse(await res.json());
  });

  it("422 for a missing ALTCHA payload", async () => {
    const { altcha: _unused, ...body } = { ...reportBody(), altcha: "" };
    const res = await SELF.fetch("https://portal.test/api/reports", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...EN },
      body: JSON.stringify(body),
    });
    const p = await problem(res, 422, "validation_failed");
    expect(p.errors).toEqual([{ pointer: "/altcha", message: "This field is required" }]);
  });

  it.each([
    ["vi", {}, "Chưa vượt qua kiểm tra chống gửi tự động, vui lòng thử lại"],
    ["en", EN, "The anti-spam check failed, please try again"],
  ])("422 for an ALTCHA payload that is not a solved challenge (%s)", async (_lang, headers, message) => {
    const fake = btoa(JSON.stringify({ challenge: null, solution: null, test: true }));
    const p = await problem(await postReport(reportBody(), { headers, altcha: fake }), 422, "validation_failed");
    expect(p.errors).toEqual([{ pointer: "/altcha", message }]);
  });

  it.each([
    ["a unit that does not exist", "so-khong-co", "This unit is not in the directory"],
    [
      "a unit retired without a successor",
      "so-giai-the",
      "This unit has ended or was divided; choose the unit that serves you now",
    ],
  ])("422 for %s, without spending the solved challenge", async (_name, unitId, message) => {
    await env.DB.prepare(
      "INSERT OR IGNORE INTO units (id, name, name_folded, kind, parent_id, valid_to) VALUES ('so-giai-the', 'Sở Giải Thể', 'so giai the', 'department', 'ha-noi', '2025-01-01')",
    ).run();
    const altcha = await solvedAltcha();
    const p = await problem(
      await postReport(reportBody({ unitId }), { altcha, headers: EN }),
      422,
      "validation_failed",
    );
    expect(p.errors).toEqual([{ pointer: "/unitId", message }]);
    // The reporter corrects the unit and sends again with the same widget payload.
    expect((await postReport(reportBody(), { altcha })).status).toBe(201);
  });

  it("files a report about a unit merged into another for its successor (issue 11: filing follows merges)", async () => {
    const res = await postReport(reportBody({ unitId: "so-quy-hoach-kien-truc" }));
    expect(res.status).toBe(201);
    const { trackingCode } = ReceiptSchema.parse(await res.json());
    const row = await env.DB.prepare("SELECT unit_id FROM reports WHERE tracking_code = ?").bind(trackingCode).first();
    expect(row).toEqual({ unit_id: "so-xay-dung" });
  });

  it("creates nothing when it refuses a report", async () => {
    const before = await env.DB.prepare("SELECT count(*) AS n FROM reports").first<{ n: number }>();
    await postReport(reportBody({ unitId: "so-khong-co" }));
    await postReport(reportBody(), { altcha: "bad" });
    const after = await env.DB.prepare("SELECT count(*) AS n FROM reports").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });
});

describe("POST /api/reports/{trackingCode}/messages refuses bad input", () => {
  it.each([
    ["an empty message", { body: "   " }, "/body", "Must be at least 1 characters"],
    ["a message that is too long", { body: "a".repeat(5001) }, "/body", "Must be at most 5000 characters"],
    ["a message without body", {}, "/body", "This field is required"],
    ["an extra field", { body: "ok", from: "inspector" }, "/from", "Fields not allowed: from"],
  ])("422 for %s", async (_name, body, pointer, message) => {
    const receipt = await fileReport();
    const p = await problem(
      await postMessage(receipt.trackingCode, receipt.secret, body, EN),
      422,
      "validation_failed",
    );
    expect(p.errors).toContainEqual({ pointer, message });
  });

  it("400 for malformed JSON and 415 for another content type", async () => {
    const receipt = await fileReport();
    await problem(await postMessage(receipt.trackingCode, receipt.secret, "{nope"), 400, "malformed_json");
    await problem(
      await postMessage(receipt.trackingCode, receipt.secret, "body=hi", { "Content-Type": "text/plain" }),
      415,
      "unsupported_media_type",
    );
  });

  it("413 for a message over the size limit", async () => {
    const receipt = await fileReport();
    const huge = { body: "a".repeat(Number(env.MAX_JSON_BODY_BYTES)) };
    await problem(await postMessage(receipt.trackingCode, receipt.secret, huge), 413, "payload_too_large");
  });
});
