// The directory's administration page (/kiem-tra/quan-tri/don-vi/) as the
// demo admin: the official wards are there with their former names, a new
// department can be added, and the page passes axe-core (WCAG 2.2 AA) with
// nothing scrolling sideways at 360 px; a parent is set in the edit dialog
// and a throwaway unit is split into two existing units, by keyboard-reachable
// dialogs that give focus back. Runs after the console tests: it signs the
// browser in as the admin.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "../scripts/lib/wrangler.ts";
import { DEMO_ACCOUNTS } from "../scripts/seed/accounts.ts";
import type { AdminUnit, AdminUnitList } from "../worker/src/contracts/unit-admin.ts";
import type { UnitList } from "../worker/src/contracts/units.ts";
import { api, login } from "./lib/api.ts";
import { defined, type E2eContext, type E2eTest } from "./lib/context.ts";

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

/** The admin API's view of the units named `q` (every status). */
async function adminUnits(ctx: E2eContext, cookie: string, q: string): Promise<AdminUnit[]> {
  const found = await api<AdminUnitList>(ctx, `/api/admin/units?status=all&q=${encodeURIComponent(q)}`, { cookie });
  assert.equal(found.status, 200, JSON.stringify(found.body));
  return found.body.items;
}

/** Shows the units named `q` in the table and returns the row of the unit `id`. */
async function findRow(p: Page, q: string, id: string) {
  await p.locator("#units-q").fill(q);
  await p.locator("#units-status-filter").selectOption("all");
  await p.locator("#units-search-form button[type=submit]").click();
  const row = p.locator(`#units-table tbody tr[data-unit-id="${id}"]`);
  await row.waitFor();
  return row;
}

/** Waits until focus is on `expected` (`slot@unit`: a row's button, or `TAG@` for another element). */
async function assertFocus(p: Page, expected: string, what: string): Promise<void> {
  const focused = () =>
    p.evaluate(() => {
      const active = document.activeElement as HTMLElement | null;
      return `${active?.dataset.slot ?? active?.tagName}@${active?.closest("tr")?.dataset.unitId ?? ""}`;
    });
  for (let i = 0; i < 20 && (await focused()) !== expected; i++) await p.waitForTimeout(100);
  assert.equal(await focused(), expected, what);
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
  {
    name: "units admin: a parent set in the edit dialog, a new unit split into two existing ones (focus back on the row)",
    async run(ctx) {
      const { p, cookie } = await adminPage(ctx);
      await p.goto(`${ctx.baseUrl}/kiem-tra/quan-tri/don-vi/`);
      await p.locator("#units-table tbody tr").first().waitFor();

      // Two existing departments: the new unit's parent and the successors of its split.
      const departments = await api<AdminUnitList>(ctx, "/api/admin/units?kind=department&status=current&limit=20", {
        cookie,
      });
      const [first, second] = departments.body.items.filter((u) => !u.name.includes("e2e"));
      const parent = defined(first, "a current department");
      const other = defined(second, "a second current department");

      const name = `Ban thử chia tách ${Date.now() % 100000} e2e`;
      await p.locator("#unit-create-name").fill(name);
      await p.locator("#unit-create-form button[type=submit]").click();
      await p.locator("#units-status", { hasText: name }).waitFor();
      const created = (await adminUnits(ctx, cookie, name)).find((u) => u.name === name);
      const unit = defined(created, `the unit ${name}`);

      // The edit dialog offers its parent among current units, not itself.
      let row = await findRow(p, name, unit.id);
      await row.locator("[data-slot=edit]").click();
      const parentSelect = p.locator("#unit-edit-parent");
      await p.locator("#unit-edit-parent:enabled").waitFor();
      const offered = await parentSelect
        .locator("option")
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      assert.ok(!offered.includes(unit.id), "a unit is not offered as its own parent");
      await parentSelect.selectOption(parent.id);
      await p.locator("#unit-edit-form button[type=submit]").click();
      await p.locator("#units-status", { hasText: `Đã lưu ${name}` }).waitFor();
      await assertFocus(p, `edit@${unit.id}`, "focus back on the row's edit button");
      const moved = (await adminUnits(ctx, cookie, name)).find((u) => u.id === unit.id);
      assert.equal(moved?.parentId, parent.id, "the parent set in the dialog");

      // The parent's dialog does not offer its new sub-unit (a cycle); Escape gives focus back.
      row = await findRow(p, parent.name, parent.id);
      await row.locator("[data-slot=edit]").click();
      await p.locator("#unit-edit-parent:enabled").waitFor();
      const parentOffers = await parentSelect
        .locator("option")
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      assert.ok(!parentOffers.includes(unit.id), "a sub-unit is not offered as the parent of its parent");
      await p.keyboard.press("Escape");
      await assertFocus(p, `edit@${parent.id}`, "Escape gives focus back to the edit button");

      // Split: the same successor twice is refused in the dialog's alert; then two, after adding and removing a row.
      row = await findRow(p, name, unit.id);
      await row.locator("[data-slot=split]").click();
      const successors = p.locator("#unit-split-dialog select");
      await p.locator(`#unit-split-dialog select option[value="${other.id}"]`).first().waitFor({ state: "attached" });
      assert.equal(await successors.count(), 2, "two successor rows to start with");
      await successors.nth(0).selectOption(parent.id);
      await successors.nth(1).selectOption(parent.id);
      await p.locator("#unit-split-form button[type=submit]").click();
      const alert = p.locator("#unit-split-dialog [role=alert]");
      await p.waitForFunction(
        () => (document.querySelector("#unit-split-dialog [role=alert]")?.textContent ?? "") !== "",
      );
      assert.ok(((await alert.textContent()) ?? "").length > 0, "the API's problem in the dialog");
      await p.locator("#unit-split-dialog [data-ref=split-add]").click();
      assert.equal(await successors.count(), 3);
      await p.locator("#unit-split-dialog [data-slot=remove]").nth(2).click();
      assert.equal(await successors.count(), 2);
      await successors.nth(1).selectOption(other.id);
      await assertAccessible(p, "/kiem-tra/quan-tri/don-vi/ (split dialog)");
      await p.locator("#unit-split-form button[type=submit]").click();
      await p.locator("#units-status", { hasText: `Đã chia tách ${name}` }).waitFor();
      assert.equal(await p.locator("#unit-split-dialog").evaluate((d) => (d as HTMLDialogElement).open), false);
      // The unit has ended: its row has no split button any more, so focus goes to the table.
      await assertFocus(p, "DIV@", "focus on the table once the split unit's buttons are gone");

      const ended = (await adminUnits(ctx, cookie, name)).find((u) => u.id === unit.id);
      assert.ok(ended?.validTo && ended.successorId === null, `the split unit has ended: ${JSON.stringify(ended)}`);
      for (const successor of [parent, other]) {
        const [after] = (await adminUnits(ctx, cookie, successor.name)).filter((u) => u.id === successor.id);
        assert.ok(
          after?.aliases.some((a) => a.name === name && a.partial),
          `${successor.name} has ${name} as a partial former name: ${JSON.stringify(after?.aliases)}`,
        );
      }
      const found = await api<UnitList>(ctx, `/api/units?q=${encodeURIComponent(name)}`);
      const byId = new Map(found.body.items.map((u) => [u.id, u]));
      for (const successor of [parent, other]) {
        assert.equal(byId.get(successor.id)?.matchedAlias?.partial, true, `${successor.name} found by the former name`);
      }
      assert.ok(!byId.has(unit.id), "the split unit takes no new reports");
      await p.close();
    },
  },
];
