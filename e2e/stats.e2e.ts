// The public statistics pages on the seeded sample, as a reader sees them on
// a 360 px screen: the dashboard's headline figures, four SVG charts each
// with its data table, filters that change the figures and the address, the
// unit table's links to working unit pages, a unit with three reports shown
// suppressed, the CSV matching the page, the English page, the methodology
// page, axe-core (WCAG 2.2 AA) with no violations, no sideways page scroll
// and no request leaving the machine.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import type { StatsResponse } from "../worker/src/contracts/stats.ts";
import { assertAccessible } from "./lib/axe.ts";
import { defined, type E2eContext, type E2eTest } from "./lib/context.ts";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost"]);
const GROUP_BYS = ["month", "category", "sector", "unit"];
const MEASURES = [
  "reports",
  "leads",
  "referred",
  "dismissed",
  "inspections",
  "substantiated",
  "onTimeRate",
  "medianDaysToFirstResponse",
];
/** The seed gives Xã Bát Tràng exactly three reports: fewer than K = 5. */
const SMALL_UNIT = "xa-bat-trang";

/** Records requests to other hosts and page errors on every page of the context, once. */
function watch(ctx: E2eContext) {
  if (ctx.state.statsWatching) return;
  ctx.state.statsWatching = true;
  const foreign: string[] = [];
  const errors: string[] = [];
  ctx.state.statsForeign = foreign;
  ctx.state.statsErrors = errors;
  ctx.context.on("request", (request) => {
    const url = new URL(request.url());
    if ((url.protocol === "http:" || url.protocol === "https:") && !LOCAL_HOSTS.has(url.hostname)) {
      foreign.push(request.url());
    }
  });
  const onPage = (page: Page) => {
    page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to |CSP violation/i.test(message.text())) {
        errors.push(`console: ${message.text()}`);
      }
    });
  };
  ctx.context.on("page", onPage);
  for (const page of ctx.context.pages()) onPage(page);
}

async function statsPage(ctx: E2eContext): Promise<Page> {
  watch(ctx);
  if (!ctx.state.statsPage) ctx.state.statsPage = await ctx.context.newPage();
  return ctx.state.statsPage;
}

/** Opens a statistics page and waits until its figures are drawn (or its message shown). */
async function open(p: Page, url: string): Promise<void> {
  await p.goto(url);
  await loaded(p);
}

async function loaded(p: Page): Promise<void> {
  await p.waitForFunction(() => {
    const status = document.getElementById("stats-status")?.textContent ?? "";
    const unit = document.getElementById("stats-unit-message");
    const error = document.getElementById("stats-error")?.textContent ?? "";
    return /\d{2}\/\d{2}\/\d{4}/.test(status) || (unit && !unit.hidden) || error !== "";
  });
  assert.equal(await p.locator("#stats-error").textContent(), "", `no error on ${p.url()}`);
}

async function getJson(ctx: E2eContext, path: string): Promise<StatsResponse> {
  const response = await fetch(`${ctx.baseUrl}${path}`);
  assert.equal(response.status, 200, `GET ${path}`);
  return response.json();
}

/** RFC 4180 rows of a CSV text (quoted fields, doubled quotes, CRLF), without the BOM. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  const [header = [], ...data] = rows;
  return data.map((values) => Object.fromEntries(header.map((name, i) => [name, values[i] ?? ""])));
}

/** Every row of a chart's data table: key, label, suppressed, and each figure's raw value (`data-value`). */
function tableRows(p: Page, groupBy: string) {
  return p.locator(`#chart-${groupBy} table tbody tr`).evaluateAll((rows: HTMLTableRowElement[], measures) => {
    return rows.map((tr) => {
      const cells = [...tr.querySelectorAll("td")].slice(-measures.length);
      return {
        key: tr.dataset.key,
        label: tr.querySelector("th")?.textContent?.trim(),
        suppressed: tr.classList.contains("is-suppressed"),
        texts: cells.map((td) => td.textContent?.trim()),
        values: Object.fromEntries(measures.map((m, i) => [m, cells[i]?.dataset.value ?? null])),
      };
    });
  }, MEASURES);
}

/** The number shown by a headline figure, or null for "—". */
async function figure(p: Page, key: string): Promise<number | null> {
  const text = (await p.locator(`[data-figure="${key}"] .figure-value`).textContent())?.trim() ?? "";
  if (text === "—") return null;
  return Number(text.replace(/[^\d]/g, ""));
}

async function assertNoSideScroll(p: Page, url: string): Promise<void> {
  const { scrollWidth, innerWidth } = await p.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${url}: the page scrolls sideways (${scrollWidth} > ${innerWidth})`);
}

export const tests: E2eTest[] = [
  {
    name: "/thong-ke/ shows the seeded city's headline figures and four SVG charts, each with a data table of every group",
    async run(ctx) {
      const p = await statsPage(ctx);
      await open(p, `${ctx.baseUrl}/thong-ke/`);
      const api = await getJson(ctx, "/api/public/stats?groupBy=month&lang=vi");
      assert.equal(api.totalsSuppressed, false);
      for (const key of ["reports", "leads", "referred", "dismissed", "inspections", "substantiated"] as const) {
        const shown = await figure(p, key);
        assert.equal(shown, api.totals[key], `headline ${key}`);
      }
      assert.ok(((await figure(p, "reports")) as number) > 0, "reports received are not zero");
      assert.ok(((await figure(p, "measuresVerified")) as number) > 0, "measures verified are not zero");
      const dismissed = await p.locator('[data-figure="dismissed"] .breakdown dt').allTextContents();
      assert.ok(dismissed.includes("Không có căn cứ"), `dismissal reasons listed: ${dismissed.join(", ")}`);
      const period = await p.locator("#stats-period").textContent();
      assert.match(period ?? "", /\d{2}\/\d{2}\/\d{4}.+\d{2}\/\d{2}\/\d{4}.+12 tháng/, "the period in dd/mm/yyyy");

      for (const groupBy of GROUP_BYS) {
        const block = p.locator(`#chart-${groupBy}`);
        const svg = block.locator('svg[role="img"]');
        assert.equal(await svg.count(), 1, `${groupBy}: one SVG chart`);
        assert.ok(
          ((await svg.locator("title").first().textContent())?.length as number) > 10,
          `${groupBy}: the chart has a summary`,
        );
        assert.ok(
          ((await block.locator("table caption").textContent())?.length as number) > 10,
          `${groupBy}: the table has a caption`,
        );
        assert.equal(await block.locator('table thead th[scope="col"]').count(), groupBy === "unit" ? 10 : 9);
        const region = block.locator('.table-scroll[role="region"][tabindex="0"]');
        assert.equal(await region.count(), 1, `${groupBy}: the table scrolls inside a focusable region`);
        assert.ok(await region.getAttribute("aria-labelledby"), `${groupBy}: the region has a name`);

        const data = await getJson(ctx, `/api/public/stats?groupBy=${groupBy}&lang=vi`);
        const rows = await tableRows(p, groupBy);
        assert.deepEqual(
          rows.map((r) => r.key).sort(),
          data.groups.map((g) => g.key).sort(),
          `${groupBy}: every group is a row, suppressed ones included`,
        );
        for (const row of rows.filter((r) => r.suppressed)) {
          assert.ok(
            row.texts.every((t) => t === `Ẩn (< ${data.minCell})`),
            `${groupBy} ${row.key}: shown as suppressed`,
          );
        }
      }
      const suppressedUnits = (await tableRows(p, "unit")).filter((r) => r.suppressed);
      assert.ok(suppressedUnits.length > 0, "some units are suppressed, and they are still rows");
      const rankedBars = await p.locator("#chart-unit svg > g").count();
      const units = await getJson(ctx, "/api/public/stats?groupBy=unit&lang=vi");
      const eligible = units.groups.filter(
        (g) => !g.suppressed && (g.reports as number) >= units.minRankedCases,
      ).length;
      assert.equal(rankedBars, eligible, "the ranking draws exactly the units with at least N reports");
      assert.ok(eligible > 0, "some units are ranked");
    },
  },
  {
    name: "the CSV of the default view (the noscript link and the download links) has the page's numbers",
    async run(ctx) {
      const p = await statsPage(ctx);
      const noscript = await p.locator("noscript").first().innerHTML();
      assert.match(noscript, /href="\/api\/public\/stats\.csv\?groupBy=month&amp;lang=vi"/, "noscript links the CSV");
      for (const groupBy of GROUP_BYS) {
        const link = p.locator(`a[data-download="${groupBy}"][data-format="csv"]`);
        const href = await link.getAttribute("href");
        assert.match(href ?? "", new RegExp(`^/api/public/stats\\.csv\\?.*groupBy=${groupBy}`));
        let csvText: string;
        if (groupBy === "month") {
          // A real download, as a reader gets it.
          const [download] = await Promise.all([p.waitForEvent("download"), link.click()]);
          csvText = readFileSync(await download.path(), "utf8");
        } else {
          csvText = await (await fetch(`${ctx.baseUrl}${href}`)).text();
        }
        const csv = parseCsv(csvText);
        const rows = await tableRows(p, groupBy);
        const byKey = new Map(csv.map((r) => [r.key, r]));
        assert.equal(csv.length, rows.length + 1, `${groupBy}: one CSV row per table row, plus the total`);
        for (const row of rows) {
          const line = byKey.get(row.key);
          assert.ok(line, `${groupBy}: ${row.key} is in the CSV`);
          assert.equal(line.suppressed, String(row.suppressed), `${groupBy} ${row.key}: suppressed`);
          for (const m of MEASURES) {
            const page = row.values[m];
            const file: string | null | undefined = line[m] === "" ? null : line[m];
            assert.equal(
              page === null ? null : Number(page),
              file === null ? null : Number(file),
              `${groupBy} ${row.key} ${m}`,
            );
          }
        }
        const total = defined(byKey.get("_total"), "the CSV's total row");
        assert.equal(Number(total.reports), await figure(p, "reports"), `${groupBy}: the CSV total is the headline`);
      }
    },
  },
  {
    name: "choosing a category and a shorter period updates the figures and the address, and Back restores them",
    async run(ctx) {
      const p = await statsPage(ctx);
      const before = await figure(p, "reports");
      const category = await getJson(ctx, "/api/public/stats?groupBy=category&lang=vi");
      const bribery = category.groups.find((g) => g.key === "bribery");
      assert.ok(bribery && !bribery.suppressed && (bribery.reports as number) > 0);
      await p.selectOption("#f-category", "bribery");
      await p.locator("#stats-filters button[type=submit]").click();
      await p.waitForURL(/categoryCode=bribery/);
      await p.waitForFunction(
        (n) =>
          document.querySelector('[data-figure="reports"] .figure-value')?.textContent?.replace(/\D/g, "") ===
          String(n),
        bribery.reports,
      );
      assert.notEqual(bribery.reports, before);
      assert.equal(await p.locator("#stats-category-note").isVisible(), true, "explains inspections are not split");
      assert.equal(await figure(p, "inspections"), null, "no false zero for inspections under a category");
      assert.match(
        (await p.locator('[data-figure="inspections"] .figure-note').textContent()) ?? "",
        /Không chia theo nhóm hành vi/,
      );
      const csvHref = await p.locator('a[data-download="month"][data-format="csv"]').getAttribute("href");
      assert.match(csvHref ?? "", /categoryCode=bribery/, "the download follows the filters");

      // Three months ending with the current one.
      const to = await p.inputValue("#f-to");
      const [y, m] = to.split("-").map(Number) as [number, number];
      const index = y * 12 + m - 1 - 2;
      const from = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
      await p.fill("#f-from", from);
      await p.locator("#stats-filters button[type=submit]").click();
      await p.waitForURL(new RegExp(`from=${from}`));
      await p.waitForFunction(() => /\(3 tháng\)/.test(document.getElementById("stats-period")?.textContent ?? ""));
      assert.equal(await p.locator("#chart-month tbody tr").count(), 3, "three months in the trend table");
      const short = await getJson(
        ctx,
        `/api/public/stats?groupBy=month&categoryCode=bribery&from=${from}-01&to=${to}-01&lang=vi`,
      );
      assert.equal(await figure(p, "reports"), short.totals.reports);

      // A shared address opens the same view.
      const shared = await ctx.context.newPage();
      await open(shared, p.url());
      assert.equal(await shared.inputValue("#f-category"), "bribery");
      assert.equal(await figure(shared, "reports"), short.totals.reports);
      await shared.close();

      await p.goBack();
      await p.waitForFunction(() => /\(12 tháng\)/.test(document.getElementById("stats-period")?.textContent ?? ""));
      await p.goBack();
      await p.waitForFunction(
        (n) =>
          document.querySelector('[data-figure="reports"] .figure-value')?.textContent?.replace(/\D/g, "") ===
          String(n),
        before,
      );
      assert.equal(await p.inputValue("#f-category"), "");
    },
  },
  {
    name: "every unit in the unit table links to its page, and a sample of them open with the unit's figures",
    async run(ctx) {
      const p = await statsPage(ctx);
      await open(p, `${ctx.baseUrl}/thong-ke/`);
      const units = await getJson(ctx, "/api/public/stats?groupBy=unit&lang=vi");
      const links = await p
        .locator("#chart-unit tbody th a")
        .evaluateAll((as: HTMLAnchorElement[]) =>
          as.map((a) => ({ href: a.getAttribute("href") as string, label: a.textContent?.trim() })),
        );
      assert.equal(links.length, units.groups.length, "one link per unit, none left out");
      for (const link of links) assert.match(link.href, /^\/thong-ke\/don-vi\/\?id=[a-z0-9-]+$/);
      const ids = links.map((l) => new URL(l.href, ctx.baseUrl).searchParams.get("id"));
      assert.deepEqual([...ids].sort(), units.groups.map((g) => g.key).sort());

      const ranked = units.groups
        .filter((g) => !g.suppressed)
        .sort((a, b) => (b.reports as number) - (a.reports as number));
      const hidden = units.groups.filter((g) => g.suppressed);
      const sample = [...ranked.slice(0, 3), ...ranked.slice(-1), ...hidden.slice(0, 2)];
      assert.ok(sample.length >= 5, "a sample of at least five units");
      for (const unit of sample) {
        const link = p.locator(`#chart-unit tbody th a[href="/thong-ke/don-vi/?id=${unit.key}"]`);
        await link.click();
        await p.waitForURL(new RegExp(`/thong-ke/don-vi/\\?id=${unit.key}$`));
        await loaded(p);
        assert.equal(await p.locator("h1").textContent(), `Thống kê: ${unit.label}`);
        assert.equal(await p.locator('#chart-month svg[role="img"]').count(), 1, `${unit.key}: a monthly chart`);
        assert.equal(await p.locator('#chart-category svg[role="img"]').count(), 1, `${unit.key}: a category chart`);
        const data = await getJson(ctx, `/api/public/stats?groupBy=month&unit=${unit.key}&lang=vi`);
        assert.equal(await figure(p, "reports"), data.totals.reports, `${unit.key}: reports`);
        assert.equal(await p.locator("#stats-suppressed").isVisible(), data.totalsSuppressed);
        await p.goBack();
        await p.waitForFunction(() => document.querySelectorAll("#chart-unit tbody tr").length > 0);
      }
    },
  },
  {
    name: "a unit with three reports shows its figures suppressed; an unknown unit gets a friendly message",
    async run(ctx) {
      const p = await statsPage(ctx);
      const units = await getJson(ctx, "/api/public/stats?groupBy=unit&lang=vi");
      const small = units.groups.find((g) => g.key === SMALL_UNIT);
      assert.ok(small, `${SMALL_UNIT} is a row of the unit table`);
      assert.equal(small.suppressed, true, `${SMALL_UNIT} is suppressed in the unit table`);
      await open(p, `${ctx.baseUrl}/thong-ke/don-vi/?id=${SMALL_UNIT}`);
      assert.equal(await p.locator("h1").textContent(), "Thống kê: Xã Bát Tràng");
      const notice = p.locator("#stats-suppressed");
      assert.equal(await notice.isVisible(), true, "the suppressed notice is shown");
      assert.match((await notice.textContent()) ?? "", /ít hơn 5 phản ánh/);
      assert.equal(await figure(p, "reports"), null, "no count is shown");
      assert.match(
        (await p.locator('[data-figure="reports"] .figure-note').textContent()) ?? "",
        /bảo vệ người phản ánh/,
      );
      await assertNoSideScroll(p, "the suppressed unit page");
      await assertAccessible(p, "the suppressed unit page");

      await open(p, `${ctx.baseUrl}/thong-ke/don-vi/?id=khong-co-don-vi-nay`);
      assert.match((await p.locator("#stats-unit-message").textContent()) ?? "", /Không tìm thấy đơn vị/);
    },
  },
  {
    name: "the English dashboard works (en-GB numbers, English labels), the language switch keeps the unit, and the English pages pass axe-core",
    async run(ctx) {
      const p = await statsPage(ctx);
      await open(p, `${ctx.baseUrl}/en/statistics/`);
      const api = await getJson(ctx, "/api/public/stats?groupBy=month&lang=en");
      assert.equal(await p.locator("h1").textContent(), "Public statistics");
      assert.equal(
        (await p.locator('[data-figure="reports"] .figure-value').textContent())?.trim(),
        new Intl.NumberFormat("en-GB").format(api.totals.reports as number),
      );
      assert.match((await p.locator('[data-figure="reports"] .figure-label').textContent()) ?? "", /Reports received/);
      assert.match(
        (await p.locator("#stats-period").textContent()) ?? "",
        /\d{2}\/\d{2}\/\d{4} to \d{2}\/\d{2}\/\d{4}/,
      );
      const sectorLabels = await p.locator("#chart-sector tbody th").allTextContents();
      assert.ok(sectorLabels.includes("Ward and commune government"), "sector labels in English");
      const unitHref = await p.locator("#chart-unit tbody th a").first().getAttribute("href");
      assert.match(unitHref ?? "", /^\/en\/statistics\/unit\/\?id=[a-z0-9-]+$/);
      await assertNoSideScroll(p, "/en/statistics/");
      await assertAccessible(p, "/en/statistics/");

      // The language switch keeps the unit.
      await open(p, `${ctx.baseUrl}/thong-ke/don-vi/?id=so-y-te`);
      await p.locator("a.lang-switch").click();
      await p.waitForURL(/\/en\/statistics\/unit\/\?id=so-y-te$/);
      await loaded(p);
      assert.equal(await p.locator("h1").textContent(), "Statistics: Sở Y tế");
      for (const path of [
        "/en/statistics/unit/?id=so-y-te",
        "/en/statistics/methodology/",
        "/en/statistics/open-data/",
      ]) {
        await p.goto(`${ctx.baseUrl}${path}`);
        if (path.includes("/unit/")) await loaded(p);
        await assertNoSideScroll(p, path);
        await assertAccessible(p, path);
      }
    },
  },
  {
    name: "axe-core finds no WCAG 2.2 AA violation and nothing scrolls sideways at 360 px on the statistics pages",
    async run(ctx) {
      const p = await statsPage(ctx);
      for (const path of [
        "/thong-ke/",
        "/thong-ke/don-vi/?id=so-y-te",
        "/thong-ke/phuong-phap/",
        "/thong-ke/du-lieu-mo/",
      ]) {
        await p.goto(`${ctx.baseUrl}${path}`);
        if (path.startsWith("/thong-ke/don-vi/") || path === "/thong-ke/") await loaded(p);
        await assertNoSideScroll(p, path);
        await assertAccessible(p, path);
      }
      // The methodology defines every headline figure.
      await p.goto(`${ctx.baseUrl}/thong-ke/phuong-phap/`);
      const terms = await p.locator("table tbody th").allTextContents();
      for (const term of ["Phản ánh tiếp nhận", "Đầu mối không xử lý", "Trung vị thời gian đến khi có kết luận"]) {
        assert.ok(terms.includes(term), `the methodology defines ${term}`);
      }
      const links = await p
        .locator("main a")
        .evaluateAll((as: HTMLAnchorElement[]) => as.map((a) => a.getAttribute("href")));
      assert.ok(links.includes("/thong-ke/du-lieu-mo/"));
      await p.goto(`${ctx.baseUrl}/thong-ke/du-lieu-mo/`);
      const columns = await p.locator("#dictionary-csv tbody th").allTextContents();
      const header = (await (await fetch(`${ctx.baseUrl}/api/public/stats.csv`)).text())
        .replace(/^\uFEFF/, "")
        .split("\r\n")[0] as string;
      assert.deepEqual(columns, header.split(","), "the data dictionary lists every CSV column, in order");
      assert.ok((await p.locator("main").textContent())?.includes("CC BY 4.0"));
    },
  },
  {
    name: "no request left the machine and no script or style was blocked on the statistics pages",
    async run(ctx) {
      assert.deepEqual(ctx.state.statsForeign, [], "requests to other hosts");
      assert.deepEqual(ctx.state.statsErrors, [], "page errors and CSP reports");
      await ctx.state.statsPage?.close();
    },
  },
];
