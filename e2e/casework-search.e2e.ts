// Searching the queue, in Chromium, on the seeded sample, as the demo
// inspector (whose queue opens on "my work", so every search here is over
// everyone's leads). Through the API (setup), a citizen files a report whose
// words carry diacritics ("phường", "tiền", "biên lai", "Nguyễn Văn Tuấn")
// about a unit with no open lead. Then in the queue:
// - the tracking code, typed in lower case into "my work" (the lead is
//   nobody's), finds exactly that lead: a code is looked up among every lead
//   the inspector may see, and the assignee select switches to "all" (so
//   does a link to `?q=<code>`);
// - words typed without diacritics ("phuong tien bien lai tuan") find it,
//   combined with a category filter: with the report's category it is listed
//   and every row has that category; with another category it is not;
// - the search and filters are in the address: reloading keeps them;
// - inspector2, recused from Phường Đống Đa, finds no lead by the tracking code
//   of a report about that ward, and none is counted.
// axe-core on the queue with its results.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { DEMO_ACCOUNTS, RECUSED_WARD_ID } from "../scripts/seed/accounts.ts";
import type { LeadList } from "../worker/src/contracts/leads.ts";
import { allLeads, api } from "./lib/api.ts";
import {
  checkPage,
  consoleAs,
  type FiledCase,
  fileCase,
  leadOf,
  queueLeadIds,
  queueLoaded,
  sessionOf,
  textOf,
} from "./lib/casework.ts";
import { defined, type E2eContext, type E2eTest } from "./lib/context.ts";

const REPORT = {
  categoryCode: "bribery",
  procedure: "Cấp đổi giấy phép lái xe",
  description:
    "Ông Nguyễn Văn Tuấn, cán bộ phường, thu thêm tiền 'phí dịch vụ' 500 nghìn đồng khi nhận hồ sơ cấp đổi giấy phép lái xe mà không đưa biên lai.",
} as const;
/** The words of the report, typed as a keyboard without Vietnamese input would. */
const FOLDED_WORDS = "phuong tien bien lai tuan";
/** A category the report is not filed under. */
const OTHER_CATEGORY = "delay";

let filed: FiledCase | undefined;
let page: Page | undefined;

/** The inspector's queue page, opened once. */
async function queuePage(ctx: E2eContext): Promise<Page> {
  if (page) return page;
  page = await consoleAs(ctx, DEMO_ACCOUNTS.inspector);
  await page.goto(`${ctx.baseUrl}/kiem-tra/`);
  await queueLoaded(page);
  return page;
}

/** Fills the search and the filters, submits them and waits for the answer. */
async function search(p: Page, fields: { q: string; categoryCode?: string; assignee?: string }): Promise<void> {
  const filters = p.locator("#queue-filters");
  await filters.locator("[name=q]").fill(fields.q);
  await filters.locator("[name=categoryCode]").selectOption(fields.categoryCode ?? "");
  if (fields.assignee) await filters.locator("[name=assignee]").selectOption(fields.assignee);
  await Promise.all([
    p.waitForResponse((r) => r.url().includes("/api/leads?") && r.url().includes("q=")),
    filters.locator("button[type=submit]").click(),
  ]);
  await queueLoaded(p);
}

export const tests: E2eTest[] = [
  {
    name: "API: a report with words in Vietnamese opens a lead of its own, found by the search API",
    async run(ctx) {
      filed = await fileCase(ctx, REPORT);
      const cookie = await sessionOf(ctx, DEMO_ACCOUNTS.inspector);
      const found = await api<LeadList>(ctx, `/api/leads?limit=100&q=${encodeURIComponent(FOLDED_WORDS)}`, {
        cookie,
      });
      assert.equal(found.status, 200, JSON.stringify(found.body));
      assert.ok(
        found.body.items.some((lead) => lead.id === filed?.leadId),
        "the API finds the lead by its words without diacritics",
      );
    },
  },
  {
    name: "console: the tracking code, typed in lower case into my work, finds exactly its lead",
    async run(ctx) {
      const { leadId, trackingCode } = defined(filed, "the filed report");
      const p = await queuePage(ctx);
      const assignee = p.locator("#queue-filters [name=assignee]");
      assert.equal(await assignee.inputValue(), "me", "the inspector's queue opens on my work");
      // Nobody owns the lead: a code is looked up among every lead the inspector may see, and the select says so.
      await search(p, { q: trackingCode.toLowerCase() });
      assert.deepEqual(await queueLeadIds(p), [leadId], "one lead: the one holding the report");
      assert.match(await textOf(p, "#queue-count"), /1 đầu mối khớp/, "the count says one lead matches");
      assert.equal(await assignee.inputValue(), "all");
      assert.equal(new URL(p.url()).searchParams.get("assignee"), "all");
      await checkPage(p, "/kiem-tra/?q=<tracking code>");

      // A link to the search (a colleague's, without the assignee) finds it too.
      const shared = await consoleAs(ctx, DEMO_ACCOUNTS.inspector, 360);
      await shared.goto(`${ctx.baseUrl}/kiem-tra/?q=${encodeURIComponent(trackingCode)}`);
      await queueLoaded(shared);
      assert.deepEqual(await queueLeadIds(shared), [leadId], "the shared link finds the lead");
      assert.equal(await shared.locator("#queue-filters [name=assignee]").inputValue(), "all");
      await checkPage(shared, "/kiem-tra/?q=<tracking code> (360 px)");
      await shared.close();
    },
  },
  {
    name: "console: words typed without diacritics find the lead, combined with the category filter",
    async run(ctx) {
      const { leadId } = defined(filed, "the filed report");
      const p = await queuePage(ctx);
      await search(p, { q: FOLDED_WORDS, categoryCode: REPORT.categoryCode, assignee: "all" });
      const url = new URL(p.url());
      assert.equal(url.searchParams.get("q"), FOLDED_WORDS, "the search is in the address");
      assert.equal(url.searchParams.get("categoryCode"), REPORT.categoryCode, "so is the filter");
      const ids = await queueLeadIds(p);
      assert.ok(ids.includes(leadId), `the lead is found: ${ids.join(", ")}`);
      const categories = new Set(await p.locator("#lead-queue tbody td:nth-of-type(2)").allTextContents());
      assert.equal(categories.size, 1, `one category in the results: ${[...categories].join(", ")}`);
      await checkPage(p, "/kiem-tra/?q=<words>&categoryCode=bribery");

      // The address keeps the search: a reload shows the same results, the fields filled in.
      await p.reload();
      await queueLoaded(p);
      assert.equal(await p.locator("#queue-filters [name=q]").inputValue(), FOLDED_WORDS);
      assert.equal(await p.locator("#queue-filters [name=categoryCode]").inputValue(), REPORT.categoryCode);
      assert.ok((await queueLeadIds(p)).includes(leadId), "still found after a reload");

      // Another category: the same words no longer find it.
      await search(p, { q: FOLDED_WORDS, categoryCode: OTHER_CATEGORY });
      assert.ok(!(await queueLeadIds(p)).includes(leadId), "not found under another category");

      // With the accents typed, the same lead.
      await search(p, { q: "phường tiền biên lai Tuấn", categoryCode: REPORT.categoryCode });
      assert.ok((await queueLeadIds(p)).includes(leadId), "found with the diacritics typed too");
      await p.close();
      page = undefined;
    },
  },
  {
    name: "console: inspector2 searching for the tracking code of a Phường Đống Đa report finds nothing",
    async run(ctx) {
      const supervisor = await sessionOf(ctx, DEMO_ACCOUNTS.supervisor);
      const [ward] = await allLeads(ctx, supervisor, `&unitId=${RECUSED_WARD_ID}`);
      const lead = await leadOf(ctx, supervisor, defined(ward, "a lead about Phường Đống Đa in the sample").id);
      const code = defined(lead.reports[0], "a report of that lead").trackingCode;
      const p = await consoleAs(ctx, DEMO_ACCOUNTS.inspector2);
      await p.goto(`${ctx.baseUrl}/kiem-tra/`);
      await queueLoaded(p);
      await search(p, { q: code });
      assert.deepEqual(await queueLeadIds(p), [], "no lead: inspector2 is recused from the ward");
      assert.match(await textOf(p, "#queue-count"), /0 đầu mối khớp/, "and none is counted");
      await checkPage(p, "/kiem-tra/?q=<a recused report's code>");
      await p.close();
    },
  },
];
