// Staff intake (issue 11): an inspector enters a hotline report in the
// console, prints its receipt (tracking code and secret, in Vietnamese),
// uploads the scan of a letter with the receipt's secret, and the report is
// then followed with that receipt like any other. The page passes axe-core
// before and after filing.
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "../scripts/lib/wrangler.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../scripts/seed/accounts.ts";
import type { LeadDetail } from "../worker/src/contracts/leads.ts";
import type { ReportView } from "../worker/src/contracts/reports.ts";
import { api, login } from "./lib/api.ts";
import { assertAccessible } from "./lib/axe.ts";
import type { E2eContext, E2eTest } from "./lib/context.ts";

const INTAKE = "/kiem-tra/tiep-nhan/";

let page: Page | undefined;
let receipt: { code: string; secret: string } | undefined;

async function signedInPage(ctx: E2eContext): Promise<Page> {
  if (page) return page;
  const p = await ctx.context.newPage();
  await p.goto(`${ctx.baseUrl}/kiem-tra/dang-nhap/?next=${encodeURIComponent(INTAKE)}`);
  const form = p.locator("#login-form");
  await form.locator('button[type="submit"]:enabled').waitFor();
  await form.locator('[name="email"]').fill(DEMO_ACCOUNTS.inspector.email);
  await form.locator('[name="password"]').fill(DEMO_PASSWORD);
  await form.locator('button[type="submit"]').click();
  await p.waitForURL(`${ctx.baseUrl}${INTAKE}`);
  page = p;
  return p;
}

export const tests: E2eTest[] = [
  {
    name: "console: the inspector finds the intake page in the navigation, and it passes axe-core",
    async run(ctx) {
      const p = await signedInPage(ctx);
      await p.locator("#intake-form").waitFor();
      assert.ok(await p.locator(`nav a[href="${INTAKE}"]`).isVisible(), "the navigation links the intake page");
      await assertAccessible(p, INTAKE);
    },
  },
  {
    name: "console: a hotline report is entered, its printable receipt shows the code and secret once",
    async run(ctx) {
      const p = await signedInPage(ctx);
      await p.selectOption("#intake-channel", "hotline");
      await p.fill("#intake-unit-q", "xay dung");
      await p.click("unit-search [data-ref=go]");
      await p.locator("#intake-unit-select option[value='so-xay-dung']").waitFor({ state: "attached" });
      await p.selectOption("#intake-unit-select", "so-xay-dung");
      await p.selectOption("#intake-category", "harassment");
      await p.fill(
        "#intake-description",
        "Người dân gọi đường dây nóng 1022 phản ánh cán bộ yêu cầu nộp thêm giấy tờ không có trong quy định khi xin cấp phép xây dựng.",
      );
      await p.click("#intake-form button[type=submit]");
      await p.locator("#intake-done").waitFor();
      const code = (await p.locator("#intake-receipt [data-ref=code]").textContent()) ?? "";
      const secret = (await p.locator("#intake-receipt [data-ref=secret]").textContent()) ?? "";
      assert.match(code, /^PA-/);
      assert.ok(secret.length >= 20, "the secret is shown");
      const body = (await p.locator("#intake-receipt").textContent()) ?? "";
      assert.ok(body.includes("Đường dây nóng 1022"), `the receipt names the channel: ${body}`);
      assert.ok(body.includes("/theo-doi/"), "the receipt says where to follow the report");
      const stored = await p.evaluate(
        () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
      );
      assert.ok(!stored.includes(secret), "the secret is not kept in the browser's storage");
      assert.ok(!p.url().includes(secret) && !p.url().includes(code), "nor in the address");
      await p.emulateMedia({ media: "print" });
      assert.ok(await p.locator("#intake-receipt").isVisible(), "the receipt prints");
      assert.ok(!(await p.locator("#intake-scan").isVisible()), "the upload form does not print");
      await p.emulateMedia({ media: "screen" });
      await assertAccessible(p, `${INTAKE} (receipt)`);
      receipt = { code, secret };
    },
  },
  {
    name: "console: the scan of the letter uploads with the receipt's secret, and the lead shows the channel",
    async run(ctx) {
      const p = await signedInPage(ctx);
      const filed = receipt;
      assert.ok(filed, "a receipt from the previous test");
      await p.setInputFiles("#intake-scan-file", join(ROOT, "worker/test/fixtures/document.pdf"));
      await p.click("#intake-scan button[type=submit]");
      await p.locator("#intake-scan li.ok").waitFor();
      const view = await api<ReportView>(ctx, `/api/reports/${filed.code}`, { bearer: filed.secret });
      assert.equal(view.status, 200);
      assert.equal(view.body.attachments.length, 1);
      const cookie = await login(ctx, DEMO_ACCOUNTS.inspector.email);
      const row = await api<{ items: { id: string }[] }>(ctx, `/api/leads?unitId=so-xay-dung&limit=100`, { cookie });
      let found: LeadDetail["reports"][number] | undefined;
      for (const item of row.body.items) {
        const lead = await api<LeadDetail>(ctx, `/api/leads/${item.id}`, { cookie });
        found ??= lead.body.reports.find((r) => r.trackingCode === filed.code);
      }
      assert.equal(found?.channel, "hotline");
    },
  },
];
