// The administrator's calendar and settings pages, in Chromium, as the demo
// admin: the holidays page lists 2029's computed days as provisional, adds a
// worked Saturday through its form and confirms the year; the settings page
// shows each setting's default, saves an acknowledgement deadline and goes
// back to the default. Both pages pass axe-core (WCAG 2.2 AA) at 360 px and on
// a desktop, and the API agrees with what the pages did.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "../scripts/lib/wrangler.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../scripts/seed/accounts.ts";
import type { HolidayList } from "../worker/src/contracts/holidays.ts";
import type { SettingList } from "../worker/src/contracts/settings.ts";
import { api, login } from "./lib/api.ts";
import type { E2eContext, E2eTest } from "./lib/context.ts";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
/** A year no other browser test touches. */
const YEAR = 2029;

async function assertAccessible(p: Page, label: string): Promise<void> {
  await p.evaluate(readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8"));
  const violations = await p.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  }, AXE_TAGS);
  assert.deepEqual(violations, [], `axe-core violations on ${label}`);
  const { scrollWidth, innerWidth } = await p.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${label}: the page scrolls sideways (${scrollWidth} > ${innerWidth})`);
}

let adminPage: Page | undefined;

async function signedInAdmin(ctx: E2eContext): Promise<Page> {
  if (adminPage) return adminPage;
  const p = await ctx.context.newPage();
  await p.setViewportSize({ width: 1280, height: 900 });
  p.on("dialog", (dialog) => dialog.accept());
  await p.goto(`${ctx.baseUrl}/kiem-tra/dang-nhap/`);
  const form = p.locator("#login-form");
  await form.locator('button[type="submit"]:enabled').waitFor();
  await form.locator('[name="email"]').fill(DEMO_ACCOUNTS.admin.email);
  await form.locator('[name="password"]').fill(DEMO_PASSWORD);
  await form.locator('button[type="submit"]').click();
  await p.waitForURL((url) => !url.pathname.startsWith("/kiem-tra/dang-nhap"));
  adminPage = p;
  return p;
}

export const tests: E2eTest[] = [
  {
    name: "the holidays page lists 2029's computed days as provisional, adds a worked Saturday and confirms the year",
    async run(ctx) {
      const p = await signedInAdmin(ctx);
      await p.goto(`${ctx.baseUrl}/kiem-tra/quan-tri/ngay-nghi/?year=${YEAR}`);
      await p.locator("#holidays-table tbody tr").first().waitFor();
      assert.equal(await p.locator("#holidays-table tbody tr").count(), 11);
      assert.equal(await p.locator("#holidays-table .badge.provisional").count(), 11);
      assert.ok(await p.getByRole("link", { name: "Ngày nghỉ lễ" }).isVisible(), "the navigation links the page");
      await assertAccessible(p, `holidays ${YEAR} (desktop)`);
      await p.setViewportSize({ width: 360, height: 800 });
      await assertAccessible(p, `holidays ${YEAR} (360 px)`);
      await p.setViewportSize({ width: 1280, height: 900 });

      await p.locator("#holiday-date").fill(`${YEAR}-03-10`);
      await p.locator("#holiday-kind").selectOption("working_day");
      await p.locator("#holiday-name-vi").fill("Làm bù");
      await p.locator("#holiday-name-en").fill("Worked Saturday");
      await p.locator('#holiday-form button[type="submit"]').click();
      await p.locator("#holidays-status", { hasText: "10/03/2029" }).waitFor();
      assert.equal(await p.locator("#holidays-table tbody tr").count(), 12);

      await p.locator("#holidays-confirm").click();
      await p.locator("#holidays-status", { hasText: "11" }).waitFor();
      assert.equal(await p.locator("#holidays-table .badge.provisional").count(), 0);

      const cookie = await login(ctx, DEMO_ACCOUNTS.admin.email);
      const list = await api<HolidayList>(ctx, `/api/admin/holidays?year=${YEAR}`, { cookie });
      assert.equal(list.status, 200);
      assert.equal(list.body.items.length, 12);
      assert.ok(list.body.items.every((h) => !h.provisional && h.stored));
      assert.ok(list.body.items.some((h) => h.date === `${YEAR}-03-10` && h.kind === "working_day"));
    },
  },
  {
    name: "the settings page shows the defaults, saves an acknowledgement deadline and goes back to the default",
    async run(ctx) {
      const p = await signedInAdmin(ctx);
      await p.goto(`${ctx.baseUrl}/en/console/admin/settings/`);
      const ack = p.locator("#setting-deadlines-ack-working-days");
      await p.locator('[data-default="deadlines.ack_working_days"]', { hasText: "Default: 1." }).waitFor();
      assert.equal(await ack.inputValue(), "");
      await assertAccessible(p, "settings (desktop)");
      await p.setViewportSize({ width: 360, height: 800 });
      await assertAccessible(p, "settings (360 px)");
      await p.setViewportSize({ width: 1280, height: 900 });

      await ack.fill("2");
      await p.locator('#settings-form button[type="submit"]').click();
      await p.locator("#settings-status", { hasText: "Settings saved." }).waitFor();
      const cookie = await login(ctx, DEMO_ACCOUNTS.admin.email);
      const saved = await api<SettingList>(ctx, "/api/admin/settings", { cookie });
      const setting = saved.body.items.find((s) => s.key === "deadlines.ack_working_days");
      assert.deepEqual([setting?.value, setting?.stored], [2, true]);

      await ack.fill("");
      await p.locator('#settings-form button[type="submit"]').click();
      await p.locator('[data-default="deadlines.ack_working_days"]', { hasText: "The default is in force." }).waitFor();
      const back = await api<SettingList>(ctx, "/api/admin/settings", { cookie });
      assert.equal(back.body.items.find((s) => s.key === "deadlines.ack_working_days")?.stored, false);
    },
  },
];
