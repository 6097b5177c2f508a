// A reporter's path through the site, in Vietnamese, on a 360 px screen:
// file an anonymous report with a photo (choosing the unit with the keyboard),
// keep the receipt, then follow the report and reply. Along the way, no request
// may leave the site's origin and the CSP must not block anything.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { ROOT } from "../scripts/lib/wrangler.ts";
import type { ReportView } from "../worker/src/contracts/reports.ts";
import { defined, type E2eContext, type E2eTest } from "./lib/context.ts";

/** B's real camera-like JPEG: Exif with GPS (Hà Nội), XMP, IPTC, ICC. */
const PHOTO = join(ROOT, "worker/test/fixtures/gps.jpg");
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost"]);
const DESCRIPTION =
  "Tôi nộp hồ sơ xin cấp giấy phép xây dựng nhà ở riêng lẻ. Cán bộ tiếp nhận bắt đi lại 4 lần, mỗi lần chỉ nói thiếu một giấy, không có phiếu hướng dẫn bằng văn bản.";
const REPLY = "Tôi đã nộp hồ sơ lúc 9 giờ sáng, tại bàn số 3 của bộ phận một cửa.";

/** Records every request's host and every console complaint on every page. */
function watch(ctx: E2eContext) {
  if (ctx.state.watching) return;
  ctx.state.watching = true;
  const foreign: string[] = [];
  const problems: string[] = [];
  ctx.state.foreign = foreign;
  ctx.state.problems = problems;
  const onPage = (page: Page) => {
    page.on("console", (message) => {
      const text = message.text();
      if (/Content Security Policy|Refused to |CSP violation/i.test(text)) {
        problems.push(`console: ${text}`);
      }
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  };
  ctx.context.on("page", onPage);
  for (const page of ctx.context.pages()) onPage(page);
  ctx.context.on("request", (request) => {
    const url = new URL(request.url());
    if ((url.protocol === "http:" || url.protocol === "https:") && !LOCAL_HOSTS.has(url.hostname)) {
      foreign.push(request.url());
    }
  });
  // Reports violations even where the browser would only print a warning.
  return ctx.context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(
        `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
}

/** The page, opened once and shared by the tests. */
async function page(ctx: E2eContext): Promise<Page> {
  if (!ctx.state.page) ctx.state.page = await ctx.context.newPage();
  return ctx.state.page;
}

/**
 * Moves through the combobox options with ArrowDown until the active one reads
 * `label`, then presses Enter, as a keyboard user would.
 */
async function chooseOptionWithKeyboard(p: Page, input: Locator, label: string): Promise<void> {
  await p.locator("#unit-options [role=option]", { hasText: label }).first().waitFor({ state: "visible" });
  const count = await p.locator("#unit-options [role=option]").count();
  for (let step = 0; step < count + 1; step++) {
    await input.press("ArrowDown");
    const active = await p.evaluate(() => {
      const input = document.getElementById("unit-search");
      const id = input?.getAttribute("aria-activedescendant");
      const option = id
        ? document.getElementById(id)
        : document.querySelector("#unit-options [role=option][aria-selected=true]");
      return option?.textContent?.trim() ?? "";
    });
    if (active.startsWith(label)) {
      await input.press("Enter");
      return;
    }
  }
  throw new Error(`No option "${label}" became active with ArrowDown`);
}

export const tests: E2eTest[] = [
  {
    name: "home page is Vietnamese, fits 360 px and links to English",
    async run(ctx) {
      await watch(ctx);
      const p = await page(ctx);
      const response = await p.goto(`${ctx.baseUrl}/`);
      assert.equal(response?.status(), 200);
      assert.equal(await p.getAttribute("html", "lang"), "vi");
      assert.ok((await p.locator('a[href="/en/"]').count()) > 0, "the home page links to /en/");
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 360 px`);
      const headers = response?.headers() ?? {};
      assert.ok(headers["content-security-policy"], "the page has a Content-Security-Policy");
      assert.equal(headers["referrer-policy"], "no-referrer");
    },
  },
  {
    name: "files an anonymous report with a photo, the unit chosen with the keyboard",
    async run(ctx) {
      const p = await page(ctx);
      await p.goto(`${ctx.baseUrl}/phan-anh/`);
      const form = p.locator("#report-form");
      await form.waitFor();
      assert.equal(await p.locator('input[name="track"][value="anonymous"]').isChecked(), true, "anonymous by default");
      assert.equal(await p.locator("#contact-fields").isVisible(), false, "no contact fields on the anonymous track");

      const unit = p.locator("#unit-search");
      await unit.click();
      await unit.pressSequentially("so xay dung", { delay: 30 });
      await chooseOptionWithKeyboard(p, unit, "Sở Xây dựng");
      assert.equal(await p.locator('input[name="unitId"]').inputValue(), "so-xay-dung");

      await p.locator('select[name="categoryCode"]').selectOption("harassment");
      await p.locator('textarea[name="description"]').fill(DESCRIPTION);
      await p.locator("#evidence").setInputFiles(PHOTO);
      await form.locator('button[type="submit"]').click();

      // The ALTCHA proof of work runs in the browser before the report is sent.
      await p.locator("#receipt").waitFor({ state: "visible", timeout: 120_000 });
      const code = ((await p.locator("#receipt-code").textContent()) ?? "").trim();
      const secret = ((await p.locator("#receipt-secret").textContent()) ?? "").trim();
      assert.match(code, /^PA-[ACDEFGHJKMNPQRTUVWXY34679]{4}-[ACDEFGHJKMNPQRTUVWXY34679]{4}$/);
      assert.match(secret, /^[a-z2-7]{32}$/);
      assert.ok(await p.locator("#copy-receipt").isVisible(), "a copy button");
      assert.ok(await p.locator("#download-receipt").isVisible(), "a download button");

      await p.waitForFunction(
        () => {
          const bar = document.getElementById("upload-progress");
          return bar instanceof HTMLProgressElement && bar.max > 0 && bar.value >= bar.max;
        },
        undefined,
        { timeout: 60_000 },
      );
      ctx.state.receipt = { code, secret };
    },
  },
  {
    name: "the photo is stored (hash of the original kept) for that report",
    async run(ctx) {
      const { code, secret } = defined(ctx.state.receipt, "the receipt");
      const response = await fetch(`${ctx.baseUrl}/api/reports/${code}`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      assert.equal(response.status, 200);
      const view: ReportView = await response.json();
      assert.equal(view.status, "received");
      assert.equal(view.unitId, "so-xay-dung");
      const original = createHash("sha256").update(readFileSync(PHOTO)).digest("hex");
      assert.deepEqual(
        view.attachments?.map((a) => [a.sha256, a.contentType]),
        [[original, "image/jpeg"]],
      );
      assert.ok(
        defined(view.attachments[0], "an attachment").size < readFileSync(PHOTO).byteLength,
        "metadata was stripped",
      );
    },
  },
  {
    name: "follows the report with the receipt and replies",
    async run(ctx) {
      const { code, secret } = defined(ctx.state.receipt, "the receipt");
      const p = await page(ctx);
      await p.goto(`${ctx.baseUrl}/theo-doi/`);
      const follow = p.locator("#follow-form");
      await follow.locator('[name="trackingCode"]').fill(code.toLowerCase());
      await follow.locator('[name="secret"]').fill(secret);
      assert.equal(await follow.locator('[name="secret"]').getAttribute("type"), "password");
      await follow.locator('[name="secret"]').press("Enter");

      await p.locator("#report-status").waitFor({ state: "visible" });
      assert.ok(((await p.locator("#report-status").textContent()) ?? "").trim().length > 0, "a status label");
      await p.locator("#timeline li").first().waitFor();

      const reply = p.locator("#reply-form");
      await reply.locator('textarea[name="body"]').fill(REPLY);
      await reply.locator('button[type="submit"]').click();
      await p.locator("#messages li", { hasText: REPLY }).waitFor({ state: "visible" });
    },
  },
  {
    name: "no request left the origin and the CSP blocked nothing",
    stopOnFailure: false,
    async run(ctx) {
      assert.deepEqual(ctx.state.foreign, [], "requests to other hosts");
      assert.deepEqual(ctx.state.problems, [], "console CSP violations or page errors");
    },
  },
];
