// Routing and forwarding (issue 12), on the seeded sample:
// - through the API: two reports about quiet wards, one filed as "other" though its text is about money;
// - in Chromium, as the demo supervisor: the first lead's category suggestion is applied, then the lead
//   is re-categorised with the re-route form; the second lead is forwarded to Sở Xây dựng found in the
//   directory;
// - the reporter's follow page then says "forwarded" and to whom.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../scripts/seed/accounts.ts";
import type { LeadDetail } from "../worker/src/contracts/leads.ts";
import type { Receipt } from "../worker/src/contracts/reports.ts";
import { api, login, solvedAltcha } from "./lib/api.ts";
import { assertAccessible } from "./lib/axe.ts";
import { defined, type E2eContext, type E2eTest } from "./lib/context.ts";

/**
 * Wards the reports are filed about. Their texts name no procedure or official and are unlike the sample's, so
 * each opens a lead of its own; the wards the other browser tests need quiet (`SCRIPTED_ONLY_UNITS`) are left alone.
 */
const WARDS = ["phuong-lang", "phuong-dinh-cong"] as const;
/** Its text is about money (the suggestion is bribery, checked in worker/test/unit/routing.test.ts). */
const MONEY =
  "Cán bộ phường đòi 3 triệu đồng tiền bồi dưỡng mới chịu ký xác nhận hồ sơ cho tôi, không đưa thì hẹn mãi.";
const ELSEWHERE =
  "Công trình xây dựng trái phép cạnh nhà tôi kéo dài nhiều tháng, tôi đã báo nhiều lần nhưng chưa thấy cơ quan nào xử lý.";

interface Filed {
  leadId: string;
  receipt: { code: string; secret: string };
}

let supervisorCookie = "";
let moneyLead: Filed | undefined;
let forwardedLead: Filed | undefined;
let page: Page | undefined;
/** Page errors and CSP violations seen on the test's page. */
const problems: string[] = [];

async function file(ctx: E2eContext, unitId: string, categoryCode: string, description: string): Promise<Filed> {
  const body = {
    track: "anonymous",
    reporterKind: "citizen",
    unitId,
    categoryCode,
    description,
    altcha: await solvedAltcha(ctx),
  };
  const receipt = await api<Receipt>(ctx, "/api/reports", { method: "POST", body });
  assert.equal(receipt.status, 201, `POST /api/reports: ${JSON.stringify(receipt.body)}`);
  const found = await api<{ items: { id: string }[] }>(ctx, `/api/leads?q=${receipt.body.trackingCode}`, {
    cookie: supervisorCookie,
  });
  const leadId = defined(found.body.items[0]?.id, "the lead of the report filed");
  return { leadId, receipt: { code: receipt.body.trackingCode, secret: receipt.body.secret } };
}

async function lead(ctx: E2eContext, id: string): Promise<LeadDetail> {
  return (await api<LeadDetail>(ctx, `/api/leads/${id}`, { cookie: supervisorCookie })).body;
}

/** The lead page, signed in as the demo supervisor. */
async function leadPage(ctx: E2eContext, leadId: string): Promise<Page> {
  if (!page) {
    page = await ctx.context.newPage();
    page.on("pageerror", (error) => problems.push(String(error)));
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    await page.goto(`${ctx.baseUrl}/kiem-tra/dang-nhap/`);
    const form = page.locator("#login-form");
    await form.locator('button[type="submit"]:enabled').waitFor();
    await form.locator('[name="email"]').fill(DEMO_ACCOUNTS.supervisor.email);
    await form.locator('[name="password"]').fill(DEMO_PASSWORD);
    await form.locator('button[type="submit"]').click();
    await page.waitForURL(`${ctx.baseUrl}/kiem-tra/`);
  }
  const p = page;
  await p.goto(`${ctx.baseUrl}/kiem-tra/dau-moi/?id=${encodeURIComponent(leadId)}`);
  await p.locator("#lead-detail").waitFor({ state: "visible" });
  return p;
}

export const tests: E2eTest[] = [
  {
    name: "files a report about money as 'other', and one for another agency",
    async run(ctx) {
      supervisorCookie = await login(ctx, DEMO_ACCOUNTS.supervisor.email);
      moneyLead = await file(ctx, WARDS[0], "other", MONEY);
      forwardedLead = await file(ctx, WARDS[1], "conduct", ELSEWHERE);
    },
  },
  {
    name: "applies the category suggestion, then re-categorises the lead with the re-route form",
    async run(ctx) {
      const { leadId } = defined(moneyLead, "the money lead");
      const p = await leadPage(ctx, leadId);
      const apply = p.locator("#routing-apply");
      await apply.waitFor({ state: "visible" });
      await assertAccessible(p, "the lead page with its routing section");
      await apply.click();
      await p.locator("#routing-status", { hasText: /\S/ }).waitFor();
      assert.equal((await lead(ctx, leadId)).categoryCode, "bribery");

      const form = p.locator("#routing-form");
      await form.locator('[name="categoryCode"]').selectOption("harassment");
      await form
        .locator('[name="reason"]')
        .fill("Người phản ánh mô tả việc gây phiền hà để đòi tiền; xếp vào nhũng nhiễu.");
      await form.locator('button[type="submit"]').click();
      await p.locator("#routing-status", { hasText: /^Đã chuyển đầu mối\.$/ }).waitFor();
      const after = await lead(ctx, leadId);
      assert.equal(after.categoryCode, "harassment");
      assert.ok(
        after.reports.every((r) => r.categoryCode === "harassment"),
        "the lead's reports are re-categorised with it",
      );
      assert.ok(
        after.events.some((e) => e.action === "lead.routed"),
        "the routing is on the lead's timeline",
      );
    },
  },
  {
    name: "forwards the other lead to Sở Xây dựng found in the directory",
    async run(ctx) {
      const { leadId } = defined(forwardedLead, "the lead to forward");
      const p = await leadPage(ctx, leadId);
      await p.locator("#lead-actions button[data-to='forwarded']").click();
      const dialog = p.locator("#transition-dialog");
      await dialog.waitFor({ state: "visible" });
      await dialog.locator("#forward-unit-q").fill("so xay dung");
      await dialog.locator("#forward-unit-q").press("Enter");
      await dialog.locator("#forward-unit-select option[value='so-xay-dung']").waitFor({ state: "attached" });
      await dialog.locator("#forward-unit-select").selectOption("so-xay-dung");
      await dialog.locator('[name="reason"]').fill("Việc xây dựng trái phép thuộc thẩm quyền của Sở Xây dựng.");
      await dialog.locator("#transition-submit").click();
      await dialog.waitFor({ state: "hidden" });
      await p.locator("#lead-status", { hasText: /\S/ }).waitFor();
      const after = await lead(ctx, leadId);
      assert.equal(after.status, "forwarded");
      assert.equal(after.forwardedTo?.unitId, "so-xay-dung");
    },
  },
  {
    name: "the reporter's follow page says forwarded, and to whom",
    async run(ctx) {
      const { receipt } = defined(forwardedLead, "the forwarded lead");
      const p = defined(page, "the browser page");
      await p.goto(`${ctx.baseUrl}/theo-doi/`);
      const follow = p.locator("#follow-form");
      await follow.locator('[name="trackingCode"]').fill(receipt.code);
      await follow.locator('[name="secret"]').fill(receipt.secret);
      await follow.locator('[name="secret"]').press("Enter");
      await p.locator("#report-status").waitFor({ state: "visible" });
      assert.equal((await p.locator("#report-status").textContent())?.trim(), "Đã chuyển đến cơ quan có thẩm quyền");
      await p.locator("#forwarded-section").waitFor({ state: "visible" });
      assert.equal((await p.locator("#report-forwarded-to").textContent())?.trim(), "Sở Xây dựng");
    },
  },
  {
    name: "no page error and no CSP violation",
    stopOnFailure: false,
    async run() {
      assert.deepEqual(problems, []);
    },
  },
];
