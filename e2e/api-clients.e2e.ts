// The Open311 client apps page (/kiem-tra/quan-tri/ung-dung/) as the demo
// admin: the local demo app "Ứng dụng thử nghiệm" is listed, a new app gets a
// key shown once (then gone after a reload) with a copy button, its limit is
// changed in the edit dialog and its key revoked after the confirmation
// dialog, by keyboard, focus coming back to the table; the page passes
// axe-core (WCAG 2.2 AA) with nothing scrolling sideways at 360 px and on a
// desktop, in Vietnamese and English, and the admin API agrees.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { DEMO_ACCOUNTS } from "../scripts/seed/accounts.ts";
import { DEMO_CLIENT } from "../scripts/seed/api-clients.ts";
import type { ApiClientList } from "../worker/src/contracts/api-clients.ts";
import { api, login } from "./lib/api.ts";
import { assertAccessible } from "./lib/axe.ts";
import type { E2eContext, E2eTest } from "./lib/context.ts";

const PAGE = "/kiem-tra/quan-tri/ung-dung/";
const APP = "Ứng dụng tổng đài 1022 (e2e)";

async function noSidewaysScroll(p: Page, label: string): Promise<void> {
  const { scrollWidth, innerWidth } = await p.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${label}: the page scrolls sideways (${scrollWidth} > ${innerWidth})`);
}

async function checked(p: Page, label: string): Promise<void> {
  for (const [width, height] of [
    [360, 800],
    [1280, 900],
  ] as const) {
    await p.setViewportSize({ width, height });
    await assertAccessible(p, `${label} at ${width} px`);
    await noSidewaysScroll(p, `${label} at ${width} px`);
  }
  await p.setViewportSize({ width: 360, height: 800 });
}

let session: { p: Page; cookie: string } | undefined;

async function adminPage(ctx: E2eContext): Promise<{ p: Page; cookie: string }> {
  if (session) return session;
  const cookie = await login(ctx, DEMO_ACCOUNTS.admin.email);
  const [name, value] = cookie.split("=") as [string, string];
  await ctx.context.addCookies([{ name, value, url: ctx.baseUrl }]);
  const p = await ctx.context.newPage();
  await p.setViewportSize({ width: 360, height: 800 });
  session = { p, cookie };
  return session;
}

async function apps(ctx: E2eContext, cookie: string) {
  const list = await api<ApiClientList>(ctx, "/api/admin/api-clients", { cookie });
  assert.equal(list.status, 200, JSON.stringify(list.body));
  return list.body.items;
}

/** The table row of the app named `name`. */
const row = (p: Page, name: string) => p.locator("#api-clients-table tbody tr", { hasText: name });

export const tests: E2eTest[] = [
  {
    name: "client apps: the demo app is listed, the page is in the admin's navigation and passes axe-core",
    async run(ctx) {
      const { p } = await adminPage(ctx);
      await p.goto(`${ctx.baseUrl}/kiem-tra/quan-tri/`);
      await p.getByRole("link", { name: "Ứng dụng kết nối" }).click();
      await p.waitForURL((url) => url.pathname === PAGE);
      await row(p, DEMO_CLIENT.name).waitFor();
      assert.match((await p.locator("#api-clients-discovery").textContent()) ?? "", /\/open311\/v2\/discovery\.json$/);
      await checked(p, "client apps");
      await p.goto(`${ctx.baseUrl}/en/console/admin/api-clients/`);
      await p.locator("#api-clients-heading", { hasText: "Applications" }).waitFor();
      await row(p, DEMO_CLIENT.name).waitFor();
      await checked(p, "client apps (English)");
    },
  },
  {
    name: "client apps: a new key is shown once with a copy button, the limit edited and the key revoked by keyboard",
    async run(ctx) {
      const { p, cookie } = await adminPage(ctx);
      await p.goto(`${ctx.baseUrl}${PAGE}`);
      await row(p, DEMO_CLIENT.name).waitFor();

      await p.locator("#api-client-create-name").fill(APP);
      await p.locator("#api-client-create-limit").fill("40");
      await p.locator('#api-client-create-form button[type="submit"]').click();
      await p.locator("#issued-key").waitFor({ state: "visible" });
      assert.equal(await p.evaluate(() => document.activeElement?.id), "issued-key-heading", "focus on the new key");
      const key = await p.locator("#issued-key-value").inputValue();
      assert.match(key, /^pacv_[A-Za-z0-9_-]{43}$/);
      await row(p, APP).waitFor();
      await checked(p, "client apps with a new key");
      await p.locator("#issued-key-copy").click();
      await p
        .locator("#api-clients-status, #api-clients-alert", { hasText: /sao chép/i })
        .first()
        .waitFor();

      const created = (await apps(ctx, cookie)).find((a) => a.name === APP);
      assert.ok(created, "the API lists the new app");
      assert.equal(created.keyPrefix, key.slice(0, 8));
      assert.equal(created.requestsPerHour, 40);

      // The edit dialog, by keyboard: the limit goes to 80, focus comes back to the row.
      await row(p, APP)
        .getByRole("button", { name: `Sửa ứng dụng ${APP}` })
        .focus();
      await p.keyboard.press("Enter");
      await p.locator("#api-client-edit-dialog").waitFor({ state: "visible" });
      await p.locator("#api-client-edit-limit").fill("80");
      await p.keyboard.press("Enter");
      await p.locator("#api-clients-status", { hasText: APP }).waitFor();
      await row(p, APP).locator("td", { hasText: "80" }).first().waitFor();

      // Revoking asks first; Escape cancels and changes nothing.
      const revoke = row(p, APP).getByRole("button", { name: `Thu hồi khóa của ${APP}` });
      await revoke.focus();
      await p.keyboard.press("Enter");
      await p.locator("#api-client-revoke-dialog").waitFor({ state: "visible" });
      await p.keyboard.press("Escape");
      await p.locator("#api-client-revoke-dialog").waitFor({ state: "hidden" });
      assert.equal((await apps(ctx, cookie)).find((a) => a.id === created.id)?.revokedAt, null);

      await revoke.focus();
      await p.keyboard.press("Enter");
      await p.locator("#api-client-revoke-dialog").waitFor({ state: "visible" });
      await p.locator('#api-client-revoke-form button[type="submit"]').focus();
      await p.keyboard.press("Enter");
      await p.locator("#api-clients-status", { hasText: "Đã thu hồi" }).waitFor();
      await row(p, APP).locator("td", { hasText: "Đã thu hồi" }).waitFor();
      assert.equal(await row(p, APP).getByRole("button").count(), 0, "a revoked app has no buttons");
      const after = (await apps(ctx, cookie)).find((a) => a.id === created.id);
      assert.equal(after?.requestsPerHour, 80);
      assert.ok(after?.revokedAt, "the API shows the key revoked");

      // The key was shown once: a reload no longer has it anywhere.
      await p.reload();
      await row(p, APP).waitFor();
      assert.ok(!(await p.content()).includes(key), "the key is gone after a reload");
      assert.equal(await p.locator("#issued-key").isVisible(), false);
    },
  },
];
