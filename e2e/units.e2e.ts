// The directory's administration page (/kiem-tra/quan-tri/don-vi/) as the
// demo admin: the official wards are there with their former names, a new
// department can be added, and the page passes axe-core (WCAG 2.2 AA) with
// nothing scrolling sideways at 360 px. Runs after the console tests: it
// signs the browser in as the admin.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "../scripts/lib/wrangler.ts";
import { DEMO_ACCOUNTS } from "../scripts/seed/accounts.ts";
import type { AdminUnitList } from "../worker/src/contracts/unit-admin.ts";
import { api, login } from "./lib/api.ts";
import type { E2eContext, E2eTest } from "./lib/context.ts";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

declare global {
  interface Window {
    axe: typeof import("axe-core");
  }
}

async function assertAccessible(p: Page, url: string): Promise<void> {
  await p.evaluate(readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8"));
  const violations = await p.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, AXE_TAGS);
  assert.deepEqual(violations, [], `axe-core violations on ${url}`);
  const { scrollWidth, innerWidth } = await p.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${url}: the page scrolls sideways (${scrollWidth} > ${innerWidth})`);
}

async function adminPage(ctx: E2eContext): Promise<{ p: Page; cookie: string }> {
  const cookie = await login(ctx, DEMO_ACCOUNTS.admin.email);
  const [name, value] = cookie.split("=") as [string, string];
  await ctx.context.addCookies([{ name, value, url: ctx.baseUrl }]);
  const p = await ctx.context.newPage();
  await p.setViewportSize({ width: 360, height: 800 });
  return { p, cookie };
}

export const tests: E2eTest[] = [
  {
    name: "units admin: the official wards with their former names, a department added, axe-clean at 360 px (vi and en)",
    async run(ctx) {
      const { p, cookie } = await adminPage(ctx);
      await p.goto(`${ctx.baseUrl}/kiem-tra/quan-tri/don-vi/`);
      await p.locator("#units-table tbody tr").first().waitFor();
      await p.locator("#units-q").fill("Ba Đình");
      await p.locator("#units-search-form button[type=submit]").click();
      const row = p.locator("#units-table tbody tr", { hasText: "Phường Ba Đình" });
      await row.waitFor();
      assert.match((await row.textContent()) ?? "", /Phường Trúc Bạch/);
      await assertAccessible(p, "/kiem-tra/quan-tri/don-vi/");

      const name = "Ban Quản lý dự án thử nghiệm (e2e)";
      await p.locator("#unit-create-name").fill(name);
      await p.locator("#unit-create-form button[type=submit]").click();
      await p.locator("#units-status", { hasText: name }).waitFor();
      const created = await api<AdminUnitList>(ctx, `/api/admin/units?q=${encodeURIComponent(name)}`, { cookie });
      assert.equal(created.body.items[0]?.name, name);

      await p.goto(`${ctx.baseUrl}/en/console/admin/units/`);
      await p.locator("#units-table tbody tr").first().waitFor();
      await assertAccessible(p, "/en/console/admin/units/");
      await p.close();
    },
  },
];
