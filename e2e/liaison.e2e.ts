// The unit liaison (issue 13), end to end on the seeded sample:
// - in Chromium, as the demo admin: a liaison account is created for a ward
//   with the unit picker, and its one-time password read;
// - through the API (setup): a citizen files a report about the ward; the
//   supervisor refers its lead, plans an inspection with the demo inspector,
//   starts it, records the finding and concludes with one corrective measure
//   for the ward (the steps inspection.e2e.ts walks in the console);
// - in Chromium, as the liaison: sign-in with the one-time password and a
//   new password, then the landing on "Biện pháp của đơn vị" (the inspectors'
//   navigation hidden), the measure page with the conclusion's public summary,
//   the answer with a PDF, an extension request; axe-core and 360 px on both;
// - through the API: the demo inspector downloads the document and verifies;
// - in Chromium, the liaison sees it verified;
// - a liaison of another ward sees nothing of it, in the console and the API.
// - e-mail (the world runs with DEV_OUTBOX=1): the liaison's "new measure" mail
//   and, after the answer, the inspector's "the unit answered" mail are read
//   from the local outbox (`/api/dev/outbox`), polled while the queue delivers.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "../scripts/lib/wrangler.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../scripts/seed/accounts.ts";
import type { InspectionDetail, Measure } from "../worker/src/contracts/inspections.ts";
import type { LeadStatus } from "../worker/src/contracts/leads.ts";
import type { UnitMeasure, UnitMeasureList } from "../worker/src/contracts/liaison.ts";
import type { Receipt } from "../worker/src/contracts/reports.ts";
import type { AdminUnit } from "../worker/src/contracts/unit-admin.ts";
import type { UserWithPassword } from "../worker/src/contracts/users.ts";
import { allLeads, api, login, OPEN, solvedAltcha } from "./lib/api.ts";
import { assertAccessible } from "./lib/axe.ts";
import { defined, type E2eContext, type E2eTest } from "./lib/context.ts";

/** Wards the report may be about (the first that exists and has no open lead); none used by other browser tests. */
const CANDIDATE_WARDS = ["phuong-ngoc-ha", "phuong-giang-vo", "phuong-tay-ho", "phuong-hong-ha", "phuong-vinh-tuy"];
/** The other ward, whose liaison must see nothing. */
const OTHER_WARD = "phuong-ba-dinh";
const LIAISON = { email: "dau-moi.phuong@e2e.example.org", name: "Trần Thị Hoa (đầu mối phường, e2e)" };
const OTHER_LIAISON = { email: "dau-moi.ba-dinh@e2e.example.org", name: "Phạm Văn Nam (đầu mối Ba Đình, e2e)" };
const NEW_PASSWORD = "mat-khau-moi-cua-dau-moi-2026";
const MEASURE_TEXT = "Niêm yết công khai quy trình và thời hạn giải quyết hồ sơ đất đai tại bộ phận một cửa.";
const PUBLIC_SUMMARY = "Phản ánh có căn cứ: hồ sơ bị giữ quá hạn; phường được yêu cầu chấn chỉnh.";
const RESPONSE =
  "Phường đã niêm yết đầy đủ quy trình, thời hạn tại bộ phận một cửa từ ngày hôm nay; ảnh và biên bản kèm theo.";
const UNIT_PAGE = "/kiem-tra/don-vi-cua-toi/";
const LOGIN = "/kiem-tra/dang-nhap/";
const ACCOUNT = "/kiem-tra/tai-khoan/";

/** Today and later dates in Hanoi, YYYY-MM-DD. */
const hanoiDate = (days = 0) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

interface LiaisonState {
  admin?: string;
  supervisor?: string;
  unitId?: string;
  unitName?: string;
  oneTime?: string;
  measureId?: string;
  inspectionId?: string;
  page?: Page;
}
const state: LiaisonState = {};

async function ok<T>(ctx: E2eContext, path: string, options: Parameters<typeof api>[2], status = 200): Promise<T> {
  const response = await api<T>(ctx, path, options);
  assert.equal(response.status, status, `${options?.method ?? "GET"} ${path}: ${JSON.stringify(response.body)}`);
  return response.body;
}

async function transition(ctx: E2eContext, cookie: string, leadId: string, to: LeadStatus): Promise<void> {
  await ok(ctx, `/api/leads/${leadId}/transitions`, { method: "POST", cookie, body: { to } });
}

/** The page does not scroll sideways at 360 px. */
async function assertFits(p: Page, label: string): Promise<void> {
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label} scrolls sideways by ${overflow} px at 360 px`);
}

/** One e-mail of the local outbox (`GET /api/dev/outbox`, JSON). */
interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

/**
 * Waits for an e-mail to `to` that `matches` in the local outbox. The queue
 * consumer runs asynchronously in `wrangler dev` (batches wait up to
 * `max_batch_timeout`, 5 s), so the outbox is polled, at most `timeoutMs`.
 */
async function awaitMail(
  ctx: E2eContext,
  to: string,
  matches: (mail: OutboxMail) => boolean,
  timeoutMs = 15_000,
): Promise<OutboxMail> {
  const until = Date.now() + timeoutMs;
  let seen: OutboxMail[] = [];
  for (;;) {
    const res = await api<{ items: OutboxMail[] }>(ctx, "/api/dev/outbox");
    assert.equal(res.status, 200, "the local outbox (DEV_OUTBOX=1)");
    seen = res.body.items.filter((m) => m.to === to);
    const mail = seen.find(matches);
    if (mail) return mail;
    if (Date.now() > until) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.fail(`no matching e-mail to ${to} within ${timeoutMs} ms; got: ${JSON.stringify(seen.map((m) => m.subject))}`);
}

/** Signs in on the console's login page; returns once the page after sign-in loaded. */
async function signIn(ctx: E2eContext, p: Page, email: string, password: string): Promise<void> {
  await p.goto(`${ctx.baseUrl}${LOGIN}`);
  const form = p.locator("#login-form");
  await form.locator('button[type="submit"]:enabled').waitFor();
  await form.locator('[name="email"]').fill(email);
  await form.locator('[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
}

export const tests: E2eTest[] = [
  {
    name: "console: the admin creates a unit liaison for a ward with the unit picker",
    async run(ctx) {
      const admin = await login(ctx, DEMO_ACCOUNTS.admin.email);
      const supervisor = await login(ctx, DEMO_ACCOUNTS.supervisor.email);
      Object.assign(state, { admin, supervisor });
      for (const id of CANDIDATE_WARDS) {
        const unit = await api<AdminUnit>(ctx, `/api/admin/units/${id}`, { cookie: admin });
        if (unit.status !== 200 || unit.body.validTo) continue;
        const leads = await allLeads(ctx, supervisor, `&unitId=${id}`);
        if (leads.some((lead) => OPEN.has(lead.status))) continue;
        Object.assign(state, { unitId: id, unitName: unit.body.name });
        break;
      }
      const unitName = defined(state.unitName, "a quiet ward of the sample");

      const p = await ctx.context.newPage();
      state.page = p;
      await signIn(ctx, p, DEMO_ACCOUNTS.admin.email, DEMO_PASSWORD);
      await p.waitForURL(`${ctx.baseUrl}/kiem-tra/quan-tri/`);
      await p.locator("#create-user-form").waitFor();
      await p.fill("#create-email", LIAISON.email);
      await p.fill("#create-name", LIAISON.name);
      await p.selectOption("#create-role", "unit_liaison");
      await p.locator("#create-unit-q").waitFor({ state: "visible" });
      await p.fill("#create-unit-q", unitName);
      await p.press("#create-unit-q", "Enter");
      await p.locator(`#create-unit-select option[value="${state.unitId}"]`).waitFor({ state: "attached" });
      await p.selectOption("#create-unit-select", defined(state.unitId, "the ward"));
      await assertAccessible(p, "/kiem-tra/quan-tri/ (a liaison being created)");
      await p.click('#create-user-form button[type="submit"]');
      await p.locator("#one-time-password").waitFor({ state: "visible" });
      state.oneTime = ((await p.textContent("#otp-value")) ?? "").trim();
      assert.ok(state.oneTime.length >= 12, "a one-time password");
      await p.locator("#users-table tbody tr", { hasText: LIAISON.email }).waitFor();
    },
  },
  {
    name: "API: an inspection of the ward concludes with a corrective measure for it",
    async run(ctx) {
      const cookie = defined(state.supervisor, "the supervisor's session");
      const unitId = defined(state.unitId, "the ward");
      const filed = await ok<Receipt>(
        ctx,
        "/api/reports",
        {
          method: "POST",
          body: {
            track: "anonymous",
            reporterKind: "citizen",
            unitId,
            categoryCode: "delay",
            procedure: "Đăng ký biến động đất đai",
            description:
              "Tôi nộp hồ sơ đăng ký biến động đất đai tại bộ phận một cửa của phường hơn 30 ngày, quá hẹn nhiều lần mà không có văn bản trả lời hay xin lỗi.",
            altcha: await solvedAltcha(ctx),
          },
        },
        201,
      );
      const [lead] = (await allLeads(ctx, cookie, `&unitId=${unitId}&status=new`)).filter((l) => l.reportCount === 1);
      const leadId = defined(lead, `the lead of report ${filed.trackingCode}`).id;
      await transition(ctx, cookie, leadId, "in_review");
      await transition(ctx, cookie, leadId, "referred");
      const created = await ok<InspectionDetail>(
        ctx,
        "/api/inspections",
        {
          method: "POST",
          cookie,
          body: {
            type: "verification",
            unitId,
            plannedStart: hanoiDate(0),
            plannedEnd: hanoiDate(3),
            scope: "Xác minh việc giải quyết hồ sơ đất đai theo phản ánh.",
            leadIds: [leadId],
            team: [
              { userId: DEMO_ACCOUNTS.supervisor.id, role: "head" },
              { userId: DEMO_ACCOUNTS.inspector.id, role: "member" },
            ],
          },
        },
        201,
      );
      const path = `/api/inspections/${created.id}`;
      await ok(ctx, `${path}/start`, { method: "POST", cookie });
      await ok(ctx, `${path}/findings/${leadId}`, {
        method: "PUT",
        cookie,
        body: {
          outcome: "substantiated",
          reasoning: "Đối chiếu sổ theo dõi: hồ sơ quá hạn 18 ngày, không có phiếu hẹn lại theo quy định.",
          publicSummary: PUBLIC_SUMMARY,
        },
      });
      const concluded = await ok<InspectionDetail>(ctx, `${path}/conclusion`, {
        method: "POST",
        cookie,
        body: {
          conclusion: "Có cơ sở kết luận bộ phận một cửa chậm giải quyết hồ sơ đất đai (nội bộ đoàn).",
          recommendations: "Kiểm điểm trách nhiệm công chức địa chính; xin lỗi công dân bằng văn bản.",
          guidance: "Theo dõi hồ sơ trên hệ thống một cửa điện tử, nhắc hạn trước 3 ngày.",
          measures: [{ responsibleUnitId: unitId, description: MEASURE_TEXT, deadline: hanoiDate(30) }],
        },
      });
      state.measureId = defined(concluded.measures[0], "the measure").id;
      state.inspectionId = concluded.id;
    },
  },
  {
    name: "e-mail: the liaison of the ward gets the new measure in the local outbox, without its text",
    async run(ctx) {
      const unitName = defined(state.unitName, "the ward");
      const [y, m, d] = hanoiDate(30).split("-");
      const mail = await awaitMail(ctx, LIAISON.email, (x) => x.subject === `Biện pháp chấn chỉnh mới cho ${unitName}`);
      assert.ok(mail.text.includes(`Hạn thực hiện: ${d}/${m}/${y}.`), `the deadline: ${mail.text}`);
      assert.ok(mail.text.includes("/kiem-tra/bien-phap/"), "a link to the console");
      assert.ok(!mail.text.includes(MEASURE_TEXT), "not the measure's text");
    },
  },
  {
    name: "console: the liaison signs in, changes the password and lands on the unit's measures",
    async run(ctx) {
      const p = defined(state.page, "the browser page");
      await p.click("#logout");
      await p.waitForURL(`${ctx.baseUrl}${LOGIN}`);
      await signIn(ctx, p, LIAISON.email, defined(state.oneTime, "the one-time password"));
      await p.waitForURL(`${ctx.baseUrl}${ACCOUNT}`);
      const change = p.locator("#password-form");
      await change.locator("#current-password").fill(defined(state.oneTime, "the one-time password"));
      await change.locator("#new-password").fill(NEW_PASSWORD);
      await change.locator("#confirm-password").fill(NEW_PASSWORD);
      await change.locator('button[type="submit"]').click();
      await change.locator("[role=status]", { hasText: /\S/ }).waitFor();
      await p.click("#logout");
      await p.waitForURL(`${ctx.baseUrl}${LOGIN}`);

      await signIn(ctx, p, LIAISON.email, NEW_PASSWORD);
      await p.waitForURL(`${ctx.baseUrl}${UNIT_PAGE}`);
      const row = p.locator(`#unit-measures-table tr[data-measure-id="${state.measureId}"]`);
      await row.waitFor();
      const cells = (await row.textContent()) ?? "";
      const [y, m, d] = hanoiDate(30).split("-");
      assert.ok(cells.includes(`${d}/${m}/${y}`), `the deadline as dd/mm/yyyy: ${cells}`);
      const nav = (await p.locator("nav .nav li:not([hidden])").allTextContents()).map((t) => t.trim());
      assert.deepEqual(nav.sort(), ["Tài khoản", "Đơn vị của tôi"].sort(), "only the liaison's links");
      await assertAccessible(p, UNIT_PAGE);
      await assertFits(p, UNIT_PAGE);
      // The inspectors' queue is not theirs: the console sends them back to their section.
      await p.goto(`${ctx.baseUrl}/kiem-tra/`);
      await p.waitForURL(`${ctx.baseUrl}${UNIT_PAGE}`);
    },
  },
  {
    name: "console: the liaison reads the conclusion, answers with a PDF and asks for an extension",
    async run() {
      const p = defined(state.page, "the browser page");
      await p.locator(`#unit-measures-table tr[data-measure-id="${state.measureId}"] a`).click();
      await p.waitForURL(/\/kiem-tra\/don-vi-cua-toi\/bien-phap\/\?id=/);
      await p.locator("#unit-measure-heading", { hasText: MEASURE_TEXT }).waitFor();
      assert.ok(((await p.textContent("#unit-measure-findings")) ?? "").includes(PUBLIC_SUMMARY), "the public summary");
      const page = (await p.textContent("main")) ?? "";
      assert.ok(!page.includes("nội bộ đoàn"), "not the team's own conclusion text");
      assert.ok(!page.includes("Đối chiếu sổ theo dõi"), "not the finding's reasoning");
      await assertAccessible(p, "the liaison's measure page");
      await assertFits(p, "the liaison's measure page");

      // Keyboard: the answer box is reached and filled without the mouse.
      await p.focus("#unit-answer-response");
      await p.keyboard.type(RESPONSE);
      await p.fill("#unit-answer-title", "Biên bản niêm yết");
      await p.setInputFiles("#unit-answer-file", {
        name: "bien-ban.pdf",
        mimeType: "application/pdf",
        buffer: readFileSync(join(ROOT, "worker/test/fixtures/document.pdf")),
      });
      await p.click("#unit-answer-form button[type=submit]");
      await p.locator("#unit-answer-status", { hasText: "Đã gửi trả lời." }).waitFor();
      await p.locator("#unit-measure-documents li", { hasText: "Biên bản niêm yết" }).waitFor();
      await p.locator("#unit-measure-status", { hasText: /\S/ }).waitFor();

      await p.fill("#unit-extension-reason", "Phường cần thêm thời gian để chỉnh lý sổ theo dõi hồ sơ điện tử.");
      await p.click("#unit-extension-form button[type=submit]");
      await p.locator("#unit-extension-status", { hasText: "Đã gửi đề nghị gia hạn." }).waitFor();
      await p.locator("#unit-measure-requests li", { hasText: "Chờ xem xét" }).waitFor();
      await assertAccessible(p, "the liaison's measure page (answered)");
    },
  },
  {
    name: "API: the inspector opens the document and verifies the answer; the liaison sees it verified",
    async run(ctx) {
      const id = defined(state.measureId, "the measure");
      const inspector = await login(ctx, DEMO_ACCOUNTS.inspector.email);
      const listed = await ok<{ items: Measure[] }>(ctx, `/api/measures?unitId=${state.unitId}`, { cookie: inspector });
      const measure = defined(
        listed.items.find((m) => m.id === id),
        "the measure in the team's list",
      );
      assert.equal(measure.status, "responded");
      assert.equal(measure.response, RESPONSE);
      const doc = defined(measure.documents[0], "the liaison's document");
      const file = await fetch(`${ctx.baseUrl}/api/measures/${id}/documents/${doc.id}`, {
        headers: { cookie: inspector },
      });
      assert.equal(file.status, 200);
      assert.equal(file.headers.get("content-type"), "application/pdf");
      await file.arrayBuffer();
      assert.equal(measure.extensionRequests[0]?.status, "pending", "the supervisor sees the request");
      // The inspector was told by e-mail that the ward answered (a link to the inspection, not the answer).
      const inspectionId = defined(state.inspectionId, "the inspection");
      const mail = await awaitMail(
        ctx,
        DEMO_ACCOUNTS.inspector.email,
        (x) => x.subject.startsWith("Đơn vị đã trả lời biện pháp") && x.text.includes(inspectionId),
      );
      assert.ok(!mail.text.includes(RESPONSE.slice(0, 40)), "not the answer's text");
      await ok(ctx, `/api/measures/${id}/verify`, { method: "POST", cookie: inspector });

      const p = defined(state.page, "the browser page");
      await p.reload();
      await p.locator("#unit-measure-state", { hasText: "đã xác nhận biện pháp hoàn thành" }).waitFor();
      assert.ok(await p.locator("#unit-answer-form").isHidden(), "no answer form once verified");
      await p.goto(`${ctx.baseUrl}${UNIT_PAGE}`);
      await p.locator(`#unit-measures-table tr[data-measure-id="${id}"] .m-verified`).waitFor();
    },
  },
  {
    name: "a liaison of another ward sees nothing of it, in the console and through the API",
    async run(ctx) {
      const id = defined(state.measureId, "the measure");
      const created = await ok<UserWithPassword>(
        ctx,
        "/api/admin/users",
        {
          method: "POST",
          cookie: defined(state.admin, "the admin's session"),
          body: {
            email: OTHER_LIAISON.email,
            displayName: OTHER_LIAISON.name,
            role: "unit_liaison",
            unitId: OTHER_WARD,
          },
        },
        201,
      );
      const other = await login(ctx, OTHER_LIAISON.email, created.temporaryPassword);
      const listed = await ok<UnitMeasureList>(ctx, "/api/measures", { cookie: other });
      assert.ok(!listed.items.some((m: UnitMeasure) => m.id === id), "not in the other ward's list");
      assert.equal((await api(ctx, `/api/unit/measures/${id}`, { cookie: other })).status, 404);
      const answer = await api(ctx, `/api/measures/${id}/response`, {
        method: "POST",
        cookie: other,
        body: { response: "Trả lời thay cho phường khác, không được phép." },
      });
      assert.equal(answer.status, 404);
      const doc = await api<UnitMeasure>(ctx, `/api/unit/measures/${id}`, { cookie: other });
      assert.equal(doc.status, 404);
      await ok(
        ctx,
        "/api/auth/password",
        {
          method: "POST",
          cookie: other,
          body: { currentPassword: created.temporaryPassword, newPassword: NEW_PASSWORD },
        },
        204,
      );

      const p = defined(state.page, "the browser page");
      await p.click("#logout");
      await p.waitForURL(`${ctx.baseUrl}${LOGIN}`);
      await signIn(ctx, p, OTHER_LIAISON.email, NEW_PASSWORD);
      await p.waitForURL(`${ctx.baseUrl}${UNIT_PAGE}`);
      await p.locator("#unit-measures-count", { hasText: /\S/ }).waitFor();
      assert.equal(await p.locator(`#unit-measures-table tr[data-measure-id="${id}"]`).count(), 0);
      assert.ok(!((await p.textContent("main")) ?? "").includes(MEASURE_TEXT), "the measure's text is not shown");
      await p.goto(`${ctx.baseUrl}/kiem-tra/don-vi-cua-toi/bien-phap/?id=${encodeURIComponent(id)}`);
      await p.locator("#unit-measure-alert", { hasText: /\S/ }).waitFor();
      assert.ok(await p.locator("#unit-answer-form").isHidden(), "no form for another ward's measure");
      await p.close();
    },
  },
];
