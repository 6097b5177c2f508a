// Helpers of the casework browser tests (e2e/casework-*.e2e.ts): each file
// files its own reports through the API about a ward or commune the sample
// never files about (one the official directory added) and that has no open
// lead at that moment, so each report opens a lead of its own, a file needs
// nothing from another and leaves the units other files use alone; the
// console is opened as a given demo account by putting that account's
// session cookie into the browser (the run shares one browser profile, so a
// page opened afterwards is that account's).
//
// The seeded world is built relative to the real clock when the run starts
// (scripts/seed-local.ts takes `now = new Date()`) and the Worker reads the
// real clock too: nothing here names a calendar date; dates an API wants are
// today or later in Hà Nội (`hanoiDate`).
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { DEMO_ACCOUNTS, type DemoAccount } from "../../scripts/seed/accounts.ts";
import { UNITS } from "../../scripts/seed/units.ts";
import type { CategoryCode } from "../../worker/src/contracts/categories.ts";
import type { InspectionDetail } from "../../worker/src/contracts/inspections.ts";
import type { LeadDetail, LeadStatus } from "../../worker/src/contracts/leads.ts";
import type { Receipt } from "../../worker/src/contracts/reports.ts";
import type { UnitList } from "../../worker/src/contracts/units.ts";
import type { UserWithPassword } from "../../worker/src/contracts/users.ts";
import { allLeads, api, login, OPEN, quietUnit, solvedAltcha } from "./api.ts";
import { assertAccessible } from "./axe.ts";
import type { E2eContext } from "./context.ts";

/** A report filed by a test, the lead it opened, and the receipt the reporter keeps. */
export interface FiledCase {
  unitId: string;
  leadId: string;
  trackingCode: string;
  secret: string;
}

/** What a test files: the rest (anonymous track, citizen, ALTCHA) is added by `fileCase`. */
export interface CaseReport {
  categoryCode: CategoryCode;
  description: string;
  procedure?: string;
}

/** Today (or `days` later) in Hà Nội, YYYY-MM-DD. */
export const hanoiDate = (days = 0): string =>
  new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** A session cookie (`name=value`) for a demo account, through the API. */
export async function sessionOf(ctx: E2eContext, account: DemoAccount): Promise<string> {
  return login(ctx, account.email);
}

/**
 * A ward or commune of the official directory that the sample never files
 * about and that has no open lead now (the sample's own units are busy, and
 * other e2e files file about them).
 */
export async function freshUnit(ctx: E2eContext, cookie: string): Promise<string> {
  const sample = new Set(UNITS.map((unit) => unit.id));
  const candidates: string[] = [];
  for (const q of ["Phường", "Xã"]) {
    const found = await api<UnitList>(ctx, `/api/units?q=${encodeURIComponent(q)}&limit=100`);
    assert.equal(found.status, 200, `GET /api/units?q=${q}`);
    for (const unit of found.body.items) {
      if ((unit.kind === "ward" || unit.kind === "commune") && !unit.matchedAlias && !sample.has(unit.id)) {
        candidates.push(unit.id);
      }
    }
  }
  return quietUnit(ctx, cookie, candidates);
}

/**
 * Files an anonymous report about a fresh unit (`freshUnit`), so it opens a
 * lead of its own, and returns that lead with the receipt.
 */
export async function fileCase(ctx: E2eContext, report: CaseReport): Promise<FiledCase> {
  const supervisor = await sessionOf(ctx, DEMO_ACCOUNTS.supervisor);
  const unitId = await freshUnit(ctx, supervisor);
  const filed = await api<Receipt>(ctx, "/api/reports", {
    method: "POST",
    body: { track: "anonymous", reporterKind: "citizen", unitId, ...report, altcha: await solvedAltcha(ctx) },
  });
  assert.equal(filed.status, 201, `POST /api/reports: ${JSON.stringify(filed.body)}`);
  const { trackingCode, secret } = filed.body;
  const [lead, ...others] = await allLeads(ctx, supervisor, `&unitId=${unitId}&status=new`);
  assert.ok(lead && others.length === 0, `one new lead at ${unitId}`);
  const detail = await api<LeadDetail>(ctx, `/api/leads/${lead.id}`, { cookie: supervisor });
  assert.deepEqual(
    detail.body.reports.map((r) => r.trackingCode),
    [trackingCode],
    "the lead holds the report, alone",
  );
  return { unitId, leadId: lead.id, trackingCode, secret };
}

/**
 * An open lead about `unitId` (one of the sample's, or the one a report filed now through the API opens or
 * joins), for tests that need a given unit whatever the files before them did to its leads.
 */
export async function openLeadAbout(ctx: E2eContext, unitId: string, report: CaseReport): Promise<{ id: string }> {
  const supervisor = await sessionOf(ctx, DEMO_ACCOUNTS.supervisor);
  const open = (await allLeads(ctx, supervisor, `&unitId=${unitId}`)).find((l) => OPEN.has(l.status));
  if (open) return open;
  const filed = await api<Receipt>(ctx, "/api/reports", {
    method: "POST",
    body: { track: "anonymous", reporterKind: "citizen", unitId, ...report, altcha: await solvedAltcha(ctx) },
  });
  assert.equal(filed.status, 201, `POST /api/reports: ${JSON.stringify(filed.body)}`);
  const lead = (await allLeads(ctx, supervisor, `&unitId=${unitId}`)).find((l) => OPEN.has(l.status));
  assert.ok(lead, `an open lead about ${unitId} after filing`);
  return lead;
}

/** A lead, as `cookie`'s account sees it through the API. */
export async function leadOf(ctx: E2eContext, cookie: string, leadId: string): Promise<LeadDetail> {
  const response = await api<LeadDetail>(ctx, `/api/leads/${leadId}`, { cookie });
  assert.equal(response.status, 200, `GET /api/leads/${leadId}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A lead transition through the API, expected to succeed. */
export async function moveLead(ctx: E2eContext, cookie: string, leadId: string, to: LeadStatus): Promise<void> {
  const response = await api(ctx, `/api/leads/${leadId}/transitions`, { method: "POST", cookie, body: { to } });
  assert.ok(response.status < 300, `lead ${leadId} → ${to}: ${response.status} ${JSON.stringify(response.body)}`);
}

/**
 * A session of a new supervisor, created by the demo admin (a dismissal needs
 * a second supervisor to approve it): a fresh address each call, its
 * temporary password changed as the console requires.
 */
export async function newSupervisor(ctx: E2eContext, name: string): Promise<string> {
  const admin = await sessionOf(ctx, DEMO_ACCOUNTS.admin);
  const email = `supervisor-${crypto.randomUUID().slice(0, 8)}@e2e.example.org`;
  const created = await api<UserWithPassword>(ctx, "/api/admin/users", {
    method: "POST",
    cookie: admin,
    body: { email, displayName: name, role: "supervisor" },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const password = `mat-khau-${crypto.randomUUID()}`;
  const first = await login(ctx, email, created.body.temporaryPassword);
  const changed = await api(ctx, "/api/auth/password", {
    method: "POST",
    cookie: first,
    body: { currentPassword: created.body.temporaryPassword, newPassword: password },
  });
  assert.equal(changed.status, 204, JSON.stringify(changed.body));
  return login(ctx, email, password);
}

/**
 * Takes the case's lead to `concluded` through the API, as the supervisor:
 * reviewed, referred, a verification inspection of its unit with the lead,
 * started, a substantiated finding with `publicSummary`, concluded with the
 * one corrective measure a substantiated finding requires. The reporter then sees the outcome and may contest it.
 */
export async function concludeCase(ctx: E2eContext, filed: FiledCase, publicSummary: string): Promise<void> {
  const cookie = await sessionOf(ctx, DEMO_ACCOUNTS.supervisor);
  await moveLead(ctx, cookie, filed.leadId, "in_review");
  await moveLead(ctx, cookie, filed.leadId, "referred");
  const created = await api<InspectionDetail>(ctx, "/api/inspections", {
    method: "POST",
    cookie,
    body: {
      type: "verification",
      unitId: filed.unitId,
      plannedStart: hanoiDate(0),
      plannedEnd: hanoiDate(2),
      scope: "Xác minh phản ánh về việc tiếp nhận hồ sơ tại bộ phận một cửa (e2e).",
      leadIds: [filed.leadId],
      team: [],
    },
  });
  assert.equal(created.status, 201, `POST /api/inspections: ${JSON.stringify(created.body)}`);
  const id = created.body.id;
  const steps: [string, string, unknown][] = [
    ["POST", `/api/inspections/${id}/start`, undefined],
    [
      "PUT",
      `/api/inspections/${id}/findings/${filed.leadId}`,
      {
        outcome: "substantiated",
        reasoning: "Đối chiếu sổ theo dõi hồ sơ và lời khai của công dân: hành vi được xác nhận (e2e).",
        publicSummary,
      },
    ],
    [
      "POST",
      `/api/inspections/${id}/conclusion`,
      {
        conclusion: "Kết luận: có sai phạm trong tiếp nhận hồ sơ tại bộ phận một cửa (e2e).",
        recommendations: "Kiểm điểm trách nhiệm cán bộ liên quan; niêm yết công khai thủ tục.",
        guidance: "Hướng dẫn đơn vị rà soát quy trình tiếp nhận, trả kết quả đúng thời hạn.",
        measures: [
          {
            responsibleUnitId: filed.unitId,
            description: "Chấn chỉnh việc tiếp nhận hồ sơ; báo cáo kết quả cho đoàn kiểm tra (e2e).",
            deadline: hanoiDate(60),
          },
        ],
      },
    ],
  ];
  for (const [method, path, body] of steps) {
    const response = await api(ctx, path, { method, cookie, body });
    assert.equal(response.status, 200, `${method} ${path}: ${JSON.stringify(response.body)}`);
  }
  assert.equal((await leadOf(ctx, cookie, filed.leadId)).status, "concluded");
}

/** Page errors and Content Security Policy violations, by page (pages of these tests only). */
const troubles = new WeakMap<Page, string[]>();

/** Starts recording `p`'s page errors and CSP violations, which `checkPage` then refuses. */
function watchPage(p: Page): Page {
  const seen: string[] = [];
  troubles.set(p, seen);
  p.on("pageerror", (error) => seen.push(`page error: ${error.message}`));
  p.on("console", (message) => {
    if (/Content Security Policy|Refused to |CSP violation/i.test(message.text())) seen.push(message.text());
  });
  return p;
}

/**
 * A new page of the console signed in as `account`: its session cookie goes
 * into the browser, replacing whoever was signed in there.
 */
export async function consoleAs(ctx: E2eContext, account: DemoAccount, width = 1280): Promise<Page> {
  const cookie = await sessionOf(ctx, account);
  const [name, value] = cookie.split("=") as [string, string];
  await ctx.context.addCookies([{ name, value, url: ctx.baseUrl }]);
  const p = watchPage(await ctx.context.newPage());
  await p.setViewportSize({ width, height: 900 });
  return p;
}

/** Opens the lead page and waits until the lead is shown. */
export async function openLead(ctx: E2eContext, p: Page, leadId: string): Promise<void> {
  await p.goto(`${ctx.baseUrl}/kiem-tra/dau-moi/?id=${encodeURIComponent(leadId)}`);
  await p.locator("#lead-detail").waitFor({ state: "visible" });
}

/** Waits until the queue has loaded (no `aria-busy`) with at least one row (a lead or "no lead"). */
export async function queueLoaded(p: Page): Promise<void> {
  await p.locator("#lead-queue tbody tr").first().waitFor();
  await p.waitForFunction(() => !document.getElementById("queue-app")?.hasAttribute("aria-busy"));
}

/** The ids of the leads the queue's current page links to, in order. */
export async function queueLeadIds(p: Page): Promise<string[]> {
  const hrefs = await p
    .locator("#lead-queue tbody th a")
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  return hrefs.map((href) => new URL(href).searchParams.get("id") ?? "");
}

/** Opens the reporter's follow page with the receipt and waits for the report. */
export async function followAs(ctx: E2eContext, filed: FiledCase): Promise<Page> {
  const p = watchPage(await ctx.context.newPage());
  await p.setViewportSize({ width: 360, height: 780 });
  await p.goto(`${ctx.baseUrl}/theo-doi/`);
  const form = p.locator("#follow-form");
  await form.locator('button[type="submit"]:enabled').waitFor();
  await form.locator('[name="trackingCode"]').fill(filed.trackingCode);
  await form.locator('[name="secret"]').fill(filed.secret);
  await form.locator('button[type="submit"]').click();
  await p.locator("#report-view").waitFor({ state: "visible" });
  await p.locator("#timeline li").first().waitFor();
  return p;
}

/** axe-core on the page as it stands, nothing scrolling sideways, no page error or CSP violation so far. */
export async function checkPage(p: Page, label: string): Promise<void> {
  assert.deepEqual(troubles.get(p) ?? [], [], `${label}: page errors or CSP violations`);
  await assertAccessible(p, label);
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label}: the page scrolls sideways by ${overflow} px`);
}

/** The text of a locator's element, trimmed. */
export async function textOf(p: Page, selector: string): Promise<string> {
  return ((await p.locator(selector).textContent()) ?? "").trim();
}
