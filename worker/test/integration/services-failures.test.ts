import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { EVIDENCE_MAX_FILES } from "../../src/contracts/reports";
import { createDb } from "../../src/db/client";
import type { Lang } from "../../src/env";
import { ApiError, type ErrorCode, problemBody } from "../../src/http/errors";
import { changePassword, confirmTotp, disableTotp } from "../../src/services/account";
import { addEvidence } from "../../src/services/attachments";
import { signIn } from "../../src/services/auth";
import { contestOutcome, resolveLeadContest } from "../../src/services/contests";
import type { ActorContext, ServiceContext } from "../../src/services/context";
import { transitionLead } from "../../src/services/lead-transitions";
import { leadView, messageReporters } from "../../src/services/leads";
import { countRequest } from "../../src/services/rate-limits";
import { fileReport, idempotencyRef } from "../../src/services/report-filing";
import { receiptHolder } from "../../src/services/reports";
import { createAccount, updateAccount } from "../../src/services/users";
import { createUser, type TestUser } from "../support/accounts";
import { solvedAltcha } from "../support/altcha";
import { insertUnits } from "../support/fixtures";
import { createUnit, fileAbout, insertLead, reportRow } from "../support/leads";
import { reportBody } from "../support/reports";

/**
 * The services called directly, as a handler, the cron job or a seed calls
 * them, with a context built from the test bindings: each failure is an
 * `ApiError` with the right code, and its texts are in the context's
 * language. The HTTP tests check the same answers through `SELF.fetch`.
 */

const LANGS = ["vi", "en"] as const satisfies readonly Lang[];

function context(lang: Lang, now: Date = new Date()): ServiceContext {
  return { db: createDb(env.DB), env, lang, now };
}

function as(user: TestUser, lang: Lang, now?: Date): ActorContext {
  return {
    ...context(lang, now),
    actor: { id: user.id, email: user.email, role: user.role, totpEnabled: false, unitId: null },
  };
}

/** The error a service call fails with; fails the test when it does not fail with an `ApiError`. */
async function failure(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** The problem a request in `lang` would get for this error. */
function problemOf(error: ApiError, lang: Lang) {
  return problemBody(error.code, lang, "test", error.options);
}

async function expectCode(call: Promise<unknown>, code: ErrorCode, status: number): Promise<ApiError> {
  const error = await failure(call);
  expect({ code: error.code, status: error.status }).toEqual({ code, status });
  return error;
}

let supervisor: TestUser;
let inspector: TestUser;
let admin: TestUser;
let unitId: string;

beforeAll(async () => {
  await insertUnits(env.DB);
  [supervisor, inspector, admin] = await Promise.all([
    createUser("supervisor"),
    createUser("inspector"),
    createUser("admin"),
  ]);
  unitId = (await createUnit()).id;
});

describe("lead services", () => {
  it.each(LANGS)("an unknown lead is not_found, titled in the context's language (%s)", async (lang) => {
    const error = await expectCode(leadView(as(supervisor, lang), "no-such-lead"), "not_found", 404);
    expect(problemOf(error, lang).title).toBe(lang === "vi" ? "Không tìm thấy" : "Not found");
  });

  it("a lead about a unit the actor is tied to is not_found too", async () => {
    const ward = await createUnit();
    const lead = await insertLead({ unitId: ward.id, priority: 1, status: "in_review" });
    const tied = await createUser("inspector", { ties: [ward.id] });
    await expectCode(leadView(as(tied, "vi"), lead), "not_found", 404);
    await expectCode(messageReporters(as(tied, "vi"), lead, { body: "Xin bổ sung thông tin" }), "not_found", 404);
  });

  it.each(LANGS)("a transition the role may not make is forbidden (%s)", async (lang) => {
    const lead = await insertLead({ unitId, priority: 1, status: "in_review" });
    const error = await expectCode(transitionLead(as(inspector, lang), lead, { to: "referred" }), "forbidden", 403);
    expect(problemOf(error, lang).title).toBe(
      lang === "vi" ? "Bạn không có quyền thực hiện thao tác này" : "You are not allowed to do this",
    );
  });

  it("a transition from a status that has none is an illegal conflict, without detail", async () => {
    const lead = await insertLead({ unitId, priority: 1, status: "in_review" });
    const error = await expectCode(transitionLead(as(supervisor, "en"), lead, { to: "dismissed" }), "conflict", 409);
    expect(error.options.detail).toBeUndefined();
  });

  it.each([
    ["vi", "Cần ghi lý do", "Cần chọn mã lý do"],
    ["en", "A reason is required", "Choose a reason code"],
  ] as const)("missing fields are invalid, one message per pointer (%s)", async (lang, reason, reasonCode) => {
    const lead = await insertLead({ unitId, priority: 1, status: "in_review" });
    const error = await expectCode(
      transitionLead(as(inspector, lang), lead, { to: "dismissal_proposed" }),
      "validation_failed",
      422,
    );
    expect(error.options.errors).toEqual([
      { pointer: "/reason", message: reason },
      { pointer: "/reasonCode", message: reasonCode },
    ]);
  });

  it.each([
    ["vi", "Cần chọn một đầu mối khác về cùng đơn vị để gộp vào"],
    ["en", "Choose another lead about the same unit to merge into"],
  ] as const)("a merge into a lead about another unit is invalid at /targetLeadId (%s)", async (lang, message) => {
    const lead = await insertLead({ unitId, priority: 1, status: "in_review" });
    const elsewhere = await insertLead({ unitId: (await createUnit()).id, priority: 1, status: "in_review" });
    const error = await expectCode(
      transitionLead(as(supervisor, lang), lead, { to: "merged", targetLeadId: elsewhere }),
      "validation_failed",
      422,
    );
    expect(error.options.errors).toEqual([{ pointer: "/targetLeadId", message }]);
  });
});

describe("contest services", () => {
  it("only a supervisor decides a contest, before the lead is even looked up", async () => {
    await expectCode(
      resolveLeadContest(as(inspector, "vi"), "no-such-lead", {
        decision: "uphold",
        reason: "Đã đối chiếu lại hồ sơ.",
      }),
      "forbidden",
      403,
    );
  });

  it("a lead whose outcome was never contested is not_found", async () => {
    const lead = await insertLead({ unitId, priority: 1, status: "concluded" });
    await expectCode(
      resolveLeadContest(as(supervisor, "en"), lead, { decision: "uphold", reason: "Checked the file again." }),
      "not_found",
      404,
    );
  });

  it("a report not yet concluded cannot be contested: conflict", async () => {
    const receipt = await fileAbout(unitId);
    const report = await receiptHolder(context("vi"), receipt.trackingCode, receipt.secret);
    await expectCode(contestOutcome(context("vi"), report, "Tôi không đồng ý với kết luận này."), "conflict", 409);
  });
});

describe("reporting services", () => {
  it("a wrong receipt secret and an unknown tracking code are the same not_found", async () => {
    const receipt = await fileAbout(unitId);
    const wrong = await expectCode(
      receiptHolder(context("vi"), receipt.trackingCode, "x".repeat(32)),
      "not_found",
      404,
    );
    const unknown = await expectCode(receiptHolder(context("vi"), "PA-AAAA-AAAA", receipt.secret), "not_found", 404);
    expect(problemOf(wrong, "vi")).toEqual(problemOf(unknown, "vi"));
  });

  it.each([
    ["vi", "Không có đơn vị này trong danh mục"],
    ["en", "This unit is not in the directory"],
  ] as const)("a report about a unit not in the directory is invalid at /unitId (%s)", async (lang, message) => {
    const input = { ...reportBody({ unitId: "so-khong-co" }), altcha: "unused" } as never;
    const error = await expectCode(fileReport(context(lang), input, undefined), "validation_failed", 422);
    expect(error.options.errors).toEqual([{ pointer: "/unitId", message }]);
  });

  it.each([
    ["vi", "Chưa vượt qua kiểm tra chống gửi tự động, vui lòng thử lại"],
    ["en", "The anti-spam check failed, please try again"],
  ] as const)("a report without a solved challenge is invalid at /altcha (%s)", async (lang, message) => {
    const input = { ...reportBody(), altcha: btoa("{}") } as never;
    const error = await expectCode(fileReport(context(lang), input, undefined), "validation_failed", 422);
    expect(error.options.errors).toEqual([{ pointer: "/altcha", message }]);
  });

  it("files the report at the context's instant, not the wall clock's", async () => {
    const now = new Date("2026-03-02T01:02:03.000Z");
    const input = { ...reportBody({ unitId }), altcha: await solvedAltcha() } as never;
    const receipt = await fileReport(context("vi", now), input, undefined);
    expect(receipt.receivedAt).toBe(now.toISOString());
    expect((await reportRow(receipt.trackingCode)).received_at).toBe(now.toISOString());
  });

  it.each(LANGS)("evidence that is no image or PDF is refused with a 415 whose detail is in %s", async (lang) => {
    const receipt = await fileAbout(unitId);
    const report = await receiptHolder(context(lang), receipt.trackingCode, receipt.secret);
    const text = new TextEncoder().encode("Đây không phải là ảnh, chỉ là một tệp văn bản.");
    const error = await expectCode(
      addEvidence(context(lang), report, async () => text),
      "unsupported_media_type",
      415,
    );
    expect(error.options.detail).toMatch(lang === "vi" ? /^Chỉ nhận ảnh JPEG/ : /^Only JPEG, PNG or WebP/);
  });

  it("a report with its files already at the limit is refused before the upload is read", async () => {
    const receipt = await fileAbout(unitId);
    const report = await receiptHolder(context("en"), receipt.trackingCode, receipt.secret);
    for (let i = 0; i < EVIDENCE_MAX_FILES; i++) {
      await env.DB.prepare(
        `INSERT INTO attachments (id, report_id, object_key, content_type, size, sha256, stored_sha256, uploaded_by, created_at)
         VALUES (?, ?, ?, 'application/pdf', 1, 'x', 'x', 'reporter', ?)`,
      )
        .bind(crypto.randomUUID(), report.id, `k-${i}`, new Date().toISOString())
        .run();
    }
    let read = false;
    const error = await expectCode(
      addEvidence(context("en"), report, async () => {
        read = true;
        return new Uint8Array();
      }),
      "limit_reached",
      409,
    );
    expect(read).toBe(false);
    expect(error.options.detail).toBe(`A report can have at most ${EVIDENCE_MAX_FILES} files`);
  });

  it("a body nested deeper than any report has no idempotency fingerprint, and is a 422, not a 500", async () => {
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    expect(await idempotencyRef("deep-key", JSON.parse(deep))).toBeUndefined();
    const flat = await idempotencyRef("flat-key", { a: [1, { b: 2, c: 3 }], altcha: "one" });
    const reordered = await idempotencyRef("flat-key", { altcha: "two", a: [1, { c: 3, b: 2 }] });
    expect(flat).toEqual(reordered);
    const res = await SELF.fetch("https://portal.test/api/reports", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
      body: `{"track":${deep},"altcha":"x"}`,
    });
    expect(res.status).toBe(422);
  });

  it("counts requests in the window of the context's instant", async () => {
    const policy = { scope: `test-${crypto.randomUUID()}`, settingKey: "no-such-setting", fallback: 1 };
    const now = new Date("2026-06-15T05:59:30.000Z");
    await countRequest(context("vi", now), policy, "192.0.2.1");
    const error = await expectCode(countRequest(context("vi", now), policy, "192.0.2.1"), "rate_limited", 429);
    expect(error.options.retryAfter).toBe(30);
    // The next window starts on the hour, whatever the wall clock says.
    await countRequest(context("vi", new Date("2026-06-15T06:00:00.000Z")), policy, "192.0.2.1");
  });
});

describe("account services", () => {
  it.each([
    ["vi", "Mã không đúng hoặc đã hết hạn"],
    ["en", "Wrong or expired code"],
  ] as const)("a TOTP code that does not match is invalid at /code (%s)", async (lang, message) => {
    const user = await createUser("inspector", { totp: true });
    const error = await expectCode(confirmTotp(as(user, lang), "000000"), "validation_failed", 422);
    expect(error.options.errors).toEqual([{ pointer: "/code", message }]);
  });

  it("turning TOTP off is forbidden for a role that requires it", async () => {
    await env.DB.prepare(
      "INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('totp_required_roles', 'admin', ?)",
    )
      .bind(new Date().toISOString())
      .run();
    try {
      await expectCode(disableTotp(as(admin, "en"), "000000"), "forbidden", 403);
    } finally {
      await env.DB.prepare("DELETE FROM settings WHERE key = 'totp_required_roles'").run();
    }
  });

  it("a wrong current password and a wrong sign-in are invalid_credentials", async () => {
    await expectCode(
      changePassword(as(inspector, "vi"), { currentPassword: "not-it", newPassword: "a-new-long-password" }),
      "invalid_credentials",
      401,
    );
    const error = await expectCode(
      signIn(context("en"), { email: "nobody@test.local", password: "whatever-it-is" }, "192.0.2.9"),
      "invalid_credentials",
      401,
    );
    expect(problemOf(error, "en").title).toBe("Wrong email or password");
  });

  it.each([
    ["vi", "Không có đơn vị: khong-co-1, khong-co-2"],
    ["en", "Unknown units: khong-co-1, khong-co-2"],
  ] as const)("unit ties naming unknown units are invalid at /unitTies (%s)", async (lang, message) => {
    const error = await expectCode(
      createAccount(as(admin, lang), {
        email: `new-${crypto.randomUUID().slice(0, 8)}@test.local`,
        displayName: "Cán bộ mới",
        role: "inspector",
        unitTies: [unitId, "khong-co-1", "khong-co-2", "khong-co-1"],
      }),
      "validation_failed",
      422,
    );
    expect(error.options.errors).toEqual([{ pointer: "/unitTies", message }]);
  });

  it("an administrator cannot demote themselves, and an unknown account is not_found", async () => {
    await expectCode(updateAccount(as(admin, "vi"), admin.id, { role: "supervisor" }), "conflict", 409);
    await expectCode(updateAccount(as(admin, "vi"), "no-such-user", { displayName: "X" }), "not_found", 404);
  });
});
