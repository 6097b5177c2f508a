// From an empty start (issue 11, part 4), in the browser at 360 px, against a
// database that got only what `npm start -- --empty` prepares (migrations and
// the official directory) and a first administrator created by the real CLI
// (`node scripts/create-admin.ts`; scripts/e2e.ts hands its one-time password
// over in `ctx.empty`):
// a. the administrator signs in with the one-time password, is sent to the
//    account page and cannot work until the password is changed;
// b. creates an inspector in the console and reads its one-time password;
// c. a citizen, in a browser of their own, finds Phường Ba Đình by its
//    pre-2025 name "Trúc Bạch", files an anonymous report, solving the ALTCHA,
//    and gets a receipt;
// d. the inspector signs in, changes the password and finds the report's lead
//    in the queue;
// e. the inspector enters a hotline report and prints its receipt.
// axe-core checks every page on the way.
import assert from "node:assert/strict";
import type { BrowserContext, Page } from "playwright-core";
import type { LeadDetail, LeadList } from "../worker/src/contracts/leads.ts";
import { assertAccessible } from "./lib/axe.ts";
import { defined, type E2eContext, type E2eTest, type EmptyWorld } from "./lib/context.ts";

const LOGIN = "/kiem-tra/dang-nhap/";
const ACCOUNT = "/kiem-tra/tai-khoan/";
const ADMIN = "/kiem-tra/quan-tri/";
const QUEUE = "/kiem-tra/";
const INTAKE = "/kiem-tra/tiep-nhan/";
const REPORT = "/phan-anh/";

const INSPECTOR = { email: "thanh.tra.vien@e2e.example.org", name: "Trần Văn Minh (thanh tra viên, e2e)" };
const ADMIN_NEW_PASSWORD = "mat-khau-moi-cua-quan-tri-vien";
const INSPECTOR_NEW_PASSWORD = "mat-khau-moi-cua-thanh-tra-vien";
const CITIZEN_REPORT =
  "Cán bộ một cửa của phường yêu cầu tôi nộp thêm bản sao công chứng sổ hộ khẩu, giấy tờ đã bỏ từ 2023, rồi hẹn lại tuần sau.";
const HOTLINE_REPORT =
  "Người dân gọi đường dây nóng 1022: cán bộ Sở Xây dựng hẹn nộp hồ sơ cấp phép xây dựng quá hạn ba tuần mà không giải thích.";

/** What the tests of this file pass on. */
const state: {
  admin?: Page;
  inspectorPassword?: string;
  receipt?: { code: string; unitId: string };
  inspectorContext?: BrowserContext;
  inspector?: Page;
} = {};

function world(ctx: E2eContext): EmptyWorld {
  return defined(ctx.empty, "the empty world (ctx.empty, from scripts/e2e.ts)");
}

/** Today in Hà Nội, YYYY-MM-DD, as the intake form's date field holds it. */
function hanoiToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
}

/** The page does not scroll sideways at 360 px. */
async function assertFits(p: Page, label: string): Promise<void> {
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label} scrolls sideways by ${overflow} px at 360 px`);
}

/**
 * Signs in on the console's login page with a one-time password: the console
 * sends the account to the account page, says why, and sends it back there
 * from any other page until the password is changed; then changes it.
 */
async function signInAndChangePassword(
  ctx: E2eContext,
  p: Page,
  account: { email: string; oneTime: string; newPassword: string },
  next: string,
): Promise<void> {
  const { email, oneTime, newPassword } = account;
  await p.goto(`${ctx.baseUrl}${LOGIN}`);
  const form = p.locator("#login-form");
  await form.locator('button[type="submit"]:enabled').waitFor();
  await form.locator('[name="email"]').fill(email);
  await form.locator('[name="password"]').fill(oneTime);
  await form.locator('button[type="submit"]').click();
  await p.waitForURL(`${ctx.baseUrl}${ACCOUNT}`);
  await p.locator("#account-alert", { hasText: "mật khẩu tạm" }).waitFor({ state: "visible" });
  await assertAccessible(p, `${ACCOUNT} (temporary password)`);
  await assertFits(p, ACCOUNT);

  // Not a step further with a temporary password.
  await p.goto(`${ctx.baseUrl}${next}`);
  await p.waitForURL(`${ctx.baseUrl}${ACCOUNT}`);
  await p.locator("#account-alert", { hasText: "mật khẩu tạm" }).waitFor({ state: "visible" });

  const change = p.locator("#password-form");
  await change.locator("#current-password").fill(oneTime);
  await change.locator("#new-password").fill(newPassword);
  await change.locator("#confirm-password").fill(newPassword);
  await change.locator('button[type="submit"]').click();
  await change.locator("[role=status]", { hasText: /\S/ }).waitFor();
  assert.equal(await change.locator("[role=alert]").textContent(), "", "no error changing the password");

  await p.goto(`${ctx.baseUrl}${next}`);
  await p.waitForURL(`${ctx.baseUrl}${next}`);
}

export const tests: E2eTest[] = [
  {
    name: "the empty database has the directory and no account but the CLI's administrator",
    async run(ctx) {
      const found = await fetch(`${ctx.baseUrl}/api/units?q=${encodeURIComponent("Trúc Bạch")}`);
      assert.equal(found.status, 200);
      const units: { items: { name: string }[] } = await found.json();
      assert.ok(
        units.items.some((u) => u.name === "Phường Ba Đình"),
        `"Trúc Bạch" finds Phường Ba Đình: ${JSON.stringify(units.items.map((u) => u.name))}`,
      );
      const demo = await fetch(`${ctx.baseUrl}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ctx.baseUrl },
        body: JSON.stringify({ email: "admin@demo.local", password: "demo-password" }),
      });
      assert.equal(demo.status, 401, "no demo account");
    },
  },
  {
    name: "a. the first administrator signs in with the CLI's one-time password and must change it",
    async run(ctx) {
      const { adminEmail, adminPassword } = world(ctx);
      const p = await ctx.context.newPage();
      state.admin = p;
      await p.goto(`${ctx.baseUrl}${LOGIN}`);
      await p.locator("#login-form").waitFor();
      await assertAccessible(p, LOGIN);
      await assertFits(p, LOGIN);

      await signInAndChangePassword(
        ctx,
        p,
        { email: adminEmail, oneTime: adminPassword, newPassword: ADMIN_NEW_PASSWORD },
        ADMIN,
      );
      // The old password no longer works; the new one does.
      const login = (password: string) =>
        p.request.post(`${ctx.baseUrl}/api/auth/login`, {
          headers: { origin: ctx.baseUrl },
          data: { email: adminEmail, password },
        });
      assert.equal((await login(adminPassword)).status(), 401, "the one-time password is spent");
    },
  },
  {
    name: "b. the administrator creates an inspector in the console and reads its one-time password",
    async run(ctx) {
      const p = defined(state.admin, "the administrator's page");
      await p.locator("#create-user-form").waitFor();
      // The list shows the administrator, the only account so far.
      await p.locator("#users-table tbody tr", { hasText: world(ctx).adminEmail }).waitFor();
      assert.equal(await p.locator("#users-table tbody tr").count(), 1, "one account");
      await assertAccessible(p, ADMIN);
      await assertFits(p, ADMIN);

      await p.fill("#create-email", INSPECTOR.email);
      await p.fill("#create-name", INSPECTOR.name);
      await p.selectOption("#create-role", "inspector");
      await p.click('#create-user-form button[type="submit"]');
      await p.locator("#one-time-password").waitFor({ state: "visible" });
      assert.ok(
        ((await p.textContent("#otp-email")) ?? "").includes(INSPECTOR.email),
        "the password names its account",
      );
      const password = ((await p.textContent("#otp-value")) ?? "").trim();
      assert.ok(password.length >= 12, `a one-time password: "${password}"`);
      state.inspectorPassword = password;
      await p.locator("#users-table tbody tr", { hasText: INSPECTOR.email }).waitFor();
      await assertAccessible(p, `${ADMIN} (one-time password shown)`);
    },
  },
  {
    name: 'c. a citizen finds Phường Ba Đình by its former name "Trúc Bạch" and files an anonymous report',
    async run(ctx) {
      const citizen = await world(ctx).newContext();
      try {
        assert.deepEqual(await citizen.cookies(), [], "the citizen's browser has no cookies");
        const p = await citizen.newPage();
        await p.goto(`${ctx.baseUrl}${REPORT}`);
        const form = p.locator("#report-form");
        await form.waitFor();
        await assertAccessible(p, REPORT);
        await assertFits(p, REPORT);

        const unit = p.locator("#unit-search");
        await unit.click();
        await unit.pressSequentially("Trúc Bạch", { delay: 30 });
        const option = p.locator("#unit-options [role=option]", { hasText: "Phường Ba Đình" });
        await option.first().waitFor({ state: "visible" });
        const label = ((await option.first().textContent()) ?? "").trim();
        assert.match(label, /trước đây là (một phần )?Phường Trúc Bạch/, `the option says why it matched: ${label}`);
        await option.first().click();
        const unitId = await p.locator('input[name="unitId"]').inputValue();
        assert.ok(unitId, "a unit is chosen");
        assert.equal(await unit.inputValue(), "Phường Ba Đình");

        await p.locator('select[name="categoryCode"]').selectOption("harassment");
        await p.locator('textarea[name="description"]').fill(CITIZEN_REPORT);
        await form.locator('button[type="submit"]').click();
        // The ALTCHA proof of work runs in the browser before the report is sent.
        await p.locator("#receipt").waitFor({ state: "visible", timeout: 120_000 });
        const code = ((await p.locator("#receipt-code").textContent()) ?? "").trim();
        const secret = ((await p.locator("#receipt-secret").textContent()) ?? "").trim();
        assert.match(code, /^PA-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
        assert.match(secret, /^[a-z2-7]{32}$/);
        await assertAccessible(p, `${REPORT} (receipt)`);
        state.receipt = { code, unitId };
      } finally {
        await citizen.close();
      }
    },
  },
  {
    name: "d. the inspector signs in with the one-time password, changes it, and sees the report's lead in the queue",
    async run(ctx) {
      const password = defined(state.inspectorPassword, "the inspector's one-time password");
      const receipt = defined(state.receipt, "the citizen's receipt");
      const admin = defined(state.admin, "the administrator's page");
      await admin.locator("#logout").click();
      await admin.waitForURL(`${ctx.baseUrl}${LOGIN}`);

      // The inspector works in a browser of their own.
      state.inspectorContext = await world(ctx).newContext();
      const p = await state.inspectorContext.newPage();
      state.inspector = p;
      await signInAndChangePassword(
        ctx,
        p,
        { email: INSPECTOR.email, oneTime: password, newPassword: INSPECTOR_NEW_PASSWORD },
        QUEUE,
      );

      // A new inspector's queue opens on "my work", empty here: the citizen's report waits among the unassigned.
      const filters = p.locator("#queue-filters");
      assert.equal(await filters.locator('[name="assignee"]').inputValue(), "me", "the queue opens on my work");
      await filters.locator('[name="assignee"]').selectOption("none");
      await Promise.all([
        p.waitForResponse((r) => r.url().includes("/api/leads?") && r.url().includes("assignee=none")),
        filters.locator('button[type="submit"]').click(),
      ]);
      await p.waitForFunction(() => !document.getElementById("queue-app")?.hasAttribute("aria-busy"));
      const row = p.locator("#lead-queue tbody tr", { hasText: "Phường Ba Đình" });
      await row.first().waitFor();
      assert.equal(await p.locator("#lead-queue tbody tr").count(), 1, "the only lead of a new deployment");
      await assertAccessible(p, QUEUE);
      await assertFits(p, QUEUE);

      await row.first().locator("a").first().click();
      await p.waitForURL(/\/kiem-tra\/dau-moi\/\?id=/);
      await p.locator("#lead-detail").waitFor({ state: "visible" });
      await p.locator("#lead-detail", { hasText: receipt.code }).waitFor();
      await assertAccessible(p, "/kiem-tra/dau-moi/");

      // The same through the API, with the inspector's session.
      const leads = await p.request.get(`${ctx.baseUrl}/api/leads?unitId=${encodeURIComponent(receipt.unitId)}`);
      assert.equal(leads.status(), 200);
      const list: LeadList = await leads.json();
      const id = new URL(p.url()).searchParams.get("id");
      assert.deepEqual(
        list.items.map((lead) => lead.id),
        [id],
      );
      const detail: LeadDetail = await (await p.request.get(`${ctx.baseUrl}/api/leads/${id}`)).json();
      assert.deepEqual(
        detail.reports.map((r) => [r.trackingCode, r.channel]),
        [[receipt.code, "web"]],
      );
    },
  },
  {
    name: "e. the inspector enters a hotline report received today and prints its receipt",
    async run(ctx) {
      const p = defined(state.inspector, "the inspector's page");
      try {
        await p.goto(`${ctx.baseUrl}${INTAKE}`);
        await p.locator("#intake-form").waitFor();
        assert.equal(await p.inputValue("#intake-received"), hanoiToday(), "received today by default");
        await assertAccessible(p, INTAKE);
        await assertFits(p, INTAKE);

        await p.selectOption("#intake-channel", "hotline");
        await p.fill("#intake-received", hanoiToday());
        await p.fill("#intake-unit-q", "so xay dung");
        await p.click("unit-search [data-ref=go]");
        await p.locator("#intake-unit-select option[value='so-xay-dung']").waitFor({ state: "attached" });
        await p.selectOption("#intake-unit-select", "so-xay-dung");
        await p.selectOption("#intake-category", "harassment");
        await p.fill("#intake-description", HOTLINE_REPORT);
        await p.click("#intake-form button[type=submit]");
        await p.locator("#intake-done").waitFor();

        const receipt = p.locator("#intake-receipt");
        const code = ((await receipt.locator("[data-ref=code]").textContent()) ?? "").trim();
        const secret = ((await receipt.locator("[data-ref=secret]").textContent()) ?? "").trim();
        assert.match(code, /^PA-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
        assert.match(secret, /^[a-z2-7]{32}$/);
        const text = (await receipt.textContent()) ?? "";
        assert.ok(text.includes("Đường dây nóng 1022"), `the receipt names the channel: ${text}`);
        assert.ok(text.includes("/theo-doi/"), "the receipt says where to follow the report");
        await assertAccessible(p, `${INTAKE} (receipt)`);

        await p.emulateMedia({ media: "print" });
        try {
          assert.ok(await receipt.isVisible(), "the receipt prints");
          assert.ok(await receipt.locator("[data-ref=code]").isVisible(), "with the tracking code");
          assert.ok(await receipt.locator("[data-ref=secret]").isVisible(), "and the secret");
          assert.equal(await p.locator(".site-header nav").isVisible(), false, "the console navigation does not print");
          assert.equal(await p.locator("#logout").isVisible(), false, "nor the sign-out button");
          assert.equal(await p.locator("#intake-form").isVisible(), false, "nor the intake form");
        } finally {
          await p.emulateMedia({ media: "screen" });
        }

        // The receipt opens the report like a citizen's.
        const view = await fetch(`${ctx.baseUrl}/api/reports/${code}`, {
          headers: { authorization: `Bearer ${secret}` },
        });
        assert.equal(view.status, 200);
        const report: { unitId: string } = await view.json();
        assert.equal(report.unitId, "so-xay-dung");
      } finally {
        await state.inspectorContext?.close();
      }
    },
  },
];
