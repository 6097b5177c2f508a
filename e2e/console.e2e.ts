// The inspection team's side, on the seeded sample (see scripts/seed/):
// - through the API: three anonymous reports about one bribe demand at a ward
//   office become one lead ranked above a lone rudeness report there, and
//   inspector2@demo.local, tied to Phường Đống Đa, cannot reach its leads;
// - in Chromium: the supervisor signs in, sees the queue ranked by priority,
//   opens the top lead, reviews it and proposes its dismissal, cannot approve
//   it, and a second supervisor (created by the admin) approves it.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, RECUSED_WARD_ID } from "../scripts/seed/accounts.ts";
import { UNITS } from "../scripts/seed/units.ts";
import type { CategoryCode } from "../worker/src/contracts/categories.ts";
import type { LeadDetail, LeadSummary } from "../worker/src/contracts/leads.ts";
import type { Receipt, ReportCreateInput } from "../worker/src/contracts/reports.ts";
import type { UserWithPassword } from "../worker/src/contracts/users.ts";
import { allLeads, api, login, OPEN, quietUnit, solvedAltcha } from "./lib/api.ts";
import { defined, type E2eContext, type E2eTest } from "./lib/context.ts";

/** What a test files: the rest of the report (track, reporter, ALTCHA) is added by `fileReport`. */
type ReportFields = Pick<ReportCreateInput, "unitId" | "description" | "procedure"> & { categoryCode: CategoryCode };

/** Wards the bribe reports may be filed about: the first with no open lead is used. */
const CANDIDATE_WARDS = ["phuong-kim-lien", "phuong-lang", "phuong-khuong-dinh", "phuong-dinh-cong", "xa-bat-trang"];
const PROCEDURE = "Đăng ký biến động đất đai";
const BRIBE_REPORTS: Omit<ReportFields, "unitId">[] = [
  {
    categoryCode: "bribery",
    description:
      'Cán bộ địa chính ở bộ phận một cửa của phường đòi 5 triệu đồng "phí bôi trơn" mới nhận hồ sơ đăng ký biến động đất đai của tôi.',
  },
  {
    categoryCode: "bribery",
    description:
      "Tôi nộp hồ sơ đăng ký biến động đất đai ở phường, cán bộ địa chính gợi ý gửi 5 triệu thì xong nhanh, không thì chờ dài. Không có biên lai.",
  },
  {
    categoryCode: "harassment",
    description:
      "Hồ sơ sang tên đất của hàng xóm tôi bị trả về ba lần; cuối cùng cán bộ địa chính phường nói thẳng phải bồi dưỡng 5 triệu đồng thì mới giải quyết.",
  },
];
const RUDENESS: Omit<ReportFields, "unitId"> = {
  categoryCode: "conduct",
  description:
    "Cán bộ tiếp dân ở phường quát tháo, nói năng thiếu tôn trọng khi tôi hỏi về thủ tục, rồi bỏ đi giữa chừng.",
};
const RECUSED_UNITS = new Set([
  RECUSED_WARD_ID,
  ...UNITS.filter((u) => u.parentId === RECUSED_WARD_ID).map((u) => u.id),
]);

async function fileReport(ctx: E2eContext, report: ReportFields): Promise<string> {
  const body = { track: "anonymous", reporterKind: "citizen", ...report, altcha: await solvedAltcha(ctx) };
  const response = await api<Receipt>(ctx, "/api/reports", { method: "POST", body });
  assert.equal(response.status, 201, `POST /api/reports: ${JSON.stringify(response.body)}`);
  return response.body.trackingCode;
}

async function consolePage(ctx: E2eContext): Promise<Page> {
  if (!ctx.state.consolePage) ctx.state.consolePage = await ctx.context.newPage();
  return ctx.state.consolePage;
}

/** Signs in on the console's login page and waits for the queue. */
async function signIn(ctx: E2eContext, email: string, password: string): Promise<Page> {
  const p = await consolePage(ctx);
  await p.goto(`${ctx.baseUrl}/kiem-tra/dang-nhap/`);
  const form = p.locator("#login-form");
  await form.locator('button[type="submit"]:enabled').waitFor();
  await form.locator('[name="email"]').fill(email);
  await form.locator('[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
  await p.waitForURL(`${ctx.baseUrl}/kiem-tra/`);
  // An inspector's queue opens on "my work", which may be empty: wait for the first page, not for a lead.
  await p.locator("#lead-queue tbody tr").first().waitFor();
  await p.waitForFunction(() => !document.getElementById("queue-app")?.hasAttribute("aria-busy"));
  return p;
}

/** A priority as the queue prints it in Vietnamese ("91,94"). */
function parsePriority(text: string): number {
  return Number(text.trim().replaceAll(".", "").replace(",", "."));
}

export const tests: E2eTest[] = [
  {
    name: "API: three reports about one bribe demand make one lead, ranked above a lone rudeness report",
    async run(ctx) {
      const supervisor = await login(ctx, DEMO_ACCOUNTS.supervisor.email);
      ctx.state.supervisorCookie = supervisor;
      const unitId = await quietUnit(ctx, supervisor, CANDIDATE_WARDS);

      const codes = [];
      for (const report of BRIBE_REPORTS)
        codes.push(await fileReport(ctx, { ...report, unitId, procedure: PROCEDURE }));
      const rudeness = await fileReport(ctx, { ...RUDENESS, unitId });

      const open = (await allLeads(ctx, supervisor, `&unitId=${unitId}`)).filter((lead) => OPEN.has(lead.status));
      assert.equal(open.length, 2, `two open leads at ${unitId}: ${JSON.stringify(open)}`);
      const [bribe, rude] = open as [LeadSummary, LeadSummary]; // two, asserted above
      assert.equal(bribe.reportCount, 3, "the three bribe reports are one lead");
      assert.equal(bribe.categoryCode, "bribery");
      assert.equal(rude.reportCount, 1);
      assert.equal(rude.categoryCode, "conduct");
      assert.ok(bribe.priority > rude.priority, `bribe ${bribe.priority} ranks above rudeness ${rude.priority}`);

      const queue = await allLeads(ctx, supervisor);
      const rank = (id: string) => queue.findIndex((lead) => lead.id === id);
      assert.ok(rank(bribe.id) >= 0 && rank(bribe.id) < rank(rude.id), "the queue lists the bribe lead first");
      for (let i = 1; i < queue.length; i++) {
        assert.ok(
          (queue[i - 1] as LeadSummary).priority >= (queue[i] as LeadSummary).priority,
          `queue sorted by priority at ${i}`,
        );
      }

      const detail = await api<LeadDetail>(ctx, `/api/leads/${bribe.id}`, { cookie: supervisor });
      assert.equal(detail.status, 200);
      assert.deepEqual(detail.body.reports.map((r) => r.trackingCode).sort(), [...codes].sort());
      assert.ok(!detail.body.reports.some((r) => r.trackingCode === rudeness), "rudeness is not in the bribe lead");
      const joined = detail.body.events.filter((e) => e.action === "lead.report_joined");
      assert.equal(joined.length, 2, "two reports joined the first one");
    },
  },
  {
    name: "API: inspector2@demo.local sees no lead about Phường Đống Đa, in lists or by id",
    async run(ctx) {
      const supervisor = defined(ctx.state.supervisorCookie, "the supervisor's session");
      const wardLeads = [
        ...(await allLeads(ctx, supervisor, `&unitId=${RECUSED_WARD_ID}`)),
        ...(await allLeads(ctx, supervisor, "&unitQ=Đống Đa")),
      ];
      assert.ok(wardLeads.length >= 3, `the sample has leads about the ward (${wardLeads.length})`);

      const inspector2 = await login(ctx, DEMO_ACCOUNTS.inspector2.email);
      const seen = await allLeads(ctx, inspector2);
      assert.ok(seen.length > 0, "inspector2 does see other leads");
      assert.deepEqual(
        seen.filter((lead) => RECUSED_UNITS.has(lead.unitId)),
        [],
        "no lead about the ward or its one-stop shop in inspector2's queue",
      );
      assert.deepEqual(await allLeads(ctx, inspector2, `&unitId=${RECUSED_WARD_ID}`), []);
      assert.deepEqual(await allLeads(ctx, inspector2, "&unitQ=dong da"), []);
      assert.deepEqual(await allLeads(ctx, inspector2, "&overdue=true&unitQ=Đống Đa"), []);
      for (const lead of wardLeads) {
        const detail = await api(ctx, `/api/leads/${lead.id}`, { cookie: inspector2 });
        assert.equal(detail.status, 404, `GET /api/leads/${lead.id} as inspector2`);
        const move = await api(ctx, `/api/leads/${lead.id}/transitions`, {
          method: "POST",
          cookie: inspector2,
          body: { to: "in_review" },
        });
        assert.equal(move.status, 404, `POST transitions on ${lead.id} as inspector2`);
      }
      ctx.state.recusedLeadId = (wardLeads[0] as LeadSummary).id; // at least three, asserted above
    },
  },
  {
    name: "console: the supervisor signs in and sees the queue ranked by priority",
    async run(ctx) {
      const p = await signIn(ctx, DEMO_ACCOUNTS.supervisor.email, DEMO_PASSWORD);
      const rows = p.locator("#lead-queue tbody tr");
      const count = await rows.count();
      assert.ok(count >= 10, `a full first page (${count} rows)`);
      const priorities: number[] = [];
      for (let i = 0; i < count; i++)
        priorities.push(parsePriority((await rows.nth(i).locator("td").first().textContent()) ?? ""));
      assert.ok(
        priorities.every((value) => Number.isFinite(value)),
        `priorities read: ${priorities.join(" ")}`,
      );
      for (let i = 1; i < priorities.length; i++) {
        assert.ok(
          (priorities[i - 1] as number) >= (priorities[i] as number),
          `rows ranked by priority: ${priorities.join(" ≥ ")}`,
        );
      }
      await p.locator("#queue-filters").waitFor();
    },
  },
  {
    name: "console: the top new lead is reviewed and proposed for dismissal; its proposer cannot approve it",
    async run(ctx) {
      const p = await consolePage(ctx);
      // Which lead tops the whole queue depends on the day the sample was seeded; the top `new` one is reviewable.
      const filters = p.locator("#queue-filters");
      await filters.locator('[name="status"]').selectOption("new");
      await Promise.all([
        p.waitForResponse((r) => r.url().includes("/api/leads?") && r.url().includes("status=new")),
        filters.locator('button[type="submit"]').click(),
      ]);
      await p.waitForURL(/[?&]status=new/);
      await p.waitForFunction(() => !document.getElementById("queue-app")?.hasAttribute("aria-busy"));
      const rows = p.locator("#lead-queue tbody tr");
      await rows.first().locator("a").waitFor();
      const statuses = new Set(await rows.locator("td:nth-of-type(3)").allTextContents());
      assert.equal(statuses.size, 1, `one status in the filtered queue: ${[...statuses].join(", ")}`);
      const priorities: number[] = [];
      for (let i = 0; i < (await rows.count()); i++) {
        priorities.push(parsePriority((await rows.nth(i).locator("td").first().textContent()) ?? ""));
      }
      for (let i = 1; i < priorities.length; i++) {
        assert.ok(
          (priorities[i - 1] as number) >= (priorities[i] as number),
          `new leads ranked by priority: ${priorities.join(" ≥ ")}`,
        );
      }
      await rows.first().locator("a").click();
      await p.waitForURL(/\/kiem-tra\/dau-moi\/\?id=/);
      const id = new URL(p.url()).searchParams.get("id");
      ctx.state.dismissedLeadId = id;
      await p.locator("#lead-detail").waitFor({ state: "visible" });
      const factors = p.locator("#score-factors tbody tr");
      assert.equal(await factors.count(), 6, "six score factors");
      assert.ok((await p.locator("#lead-events li").count()) >= 1, "a timeline");

      const actions = p.locator("#lead-actions");
      await actions.locator('button[data-to="in_review"]').click();
      await actions.locator('button[data-to="dismissal_proposed"]').waitFor();

      await actions.locator('button[data-to="dismissal_proposed"]').click();
      const dialog = p.locator("#transition-dialog");
      await dialog.waitFor({ state: "visible" });
      await dialog.locator("#transition-reason").fill("Kiểm thử: nội dung chưa đủ căn cứ để xác minh (e2e).");
      await dialog.locator("#transition-reason-code").selectOption("insufficient_information");
      await dialog.locator("#transition-submit").click();
      await dialog.waitFor({ state: "hidden" });
      // A proposal can be sent back, but not approved by the one who made it.
      await actions.locator('button[data-to="in_review"]').waitFor();
      assert.equal(
        await actions.locator('button[data-to="dismissed"]').count(),
        0,
        "no approve button for the proposer",
      );

      const lead = await api<LeadDetail>(ctx, `/api/leads/${id}`, { cookie: ctx.state.supervisorCookie });
      assert.equal(lead.body.status, "dismissal_proposed");
      assert.equal(lead.body.proposedBy, DEMO_ACCOUNTS.supervisor.id);
      assert.equal(lead.body.dismissalReasonCode, "insufficient_information");
      const self = await api(ctx, `/api/leads/${id}/transitions`, {
        method: "POST",
        cookie: ctx.state.supervisorCookie,
        body: { to: "dismissed" },
      });
      assert.equal(self.status, 403, "the API refuses self-approval too");
    },
  },
  {
    name: "console: a second supervisor, created by the admin, approves the dismissal",
    async run(ctx) {
      const admin = await login(ctx, DEMO_ACCOUNTS.admin.email);
      const created = await api<UserWithPassword>(ctx, "/api/admin/users", {
        method: "POST",
        cookie: admin,
        body: {
          email: "supervisor2@demo.local",
          displayName: "Phạm Ngọc Lan (trưởng đoàn 2, e2e)",
          role: "supervisor",
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      // The temporary password must be changed before the console lets one work.
      const password = "mat-khau-moi-cua-truong-doan-2";
      const first = await login(ctx, "supervisor2@demo.local", created.body.temporaryPassword);
      const changed = await api(ctx, "/api/auth/password", {
        method: "POST",
        cookie: first,
        body: { currentPassword: created.body.temporaryPassword, newPassword: password },
      });
      assert.equal(changed.status, 204, JSON.stringify(changed.body));

      const p = await consolePage(ctx);
      await p.locator("#logout").click();
      await p.waitForURL(`${ctx.baseUrl}/kiem-tra/dang-nhap/`);
      await signIn(ctx, "supervisor2@demo.local", password);
      await p.goto(
        `${ctx.baseUrl}/kiem-tra/dau-moi/?id=${encodeURIComponent(defined(ctx.state.dismissedLeadId, "the dismissed lead"))}`,
      );
      const actions = p.locator("#lead-actions");
      await actions.locator('button[data-to="dismissed"]').click();
      const dialog = p.locator("#transition-dialog");
      await dialog.waitFor({ state: "visible" });
      await dialog.locator("#transition-submit").click();
      await dialog.waitFor({ state: "hidden" });
      await p.locator("#lead-actions button[data-to='in_review']").waitFor(); // reopen
      const lead = await api<LeadDetail>(ctx, `/api/leads/${ctx.state.dismissedLeadId}`, {
        cookie: ctx.state.supervisorCookie,
      });
      assert.equal(lead.body.status, "dismissed");
      const approval = lead.body.events.find((e) => e.action === "lead.approve_dismissal");
      assert.equal(approval?.actor, "Phạm Ngọc Lan (trưởng đoàn 2, e2e)", "the approval is audited with its author");
    },
  },
  {
    name: "console: inspector2 opening a Đống Đa lead by its address learns nothing",
    async run(ctx) {
      const p = await consolePage(ctx);
      await p.locator("#logout").click();
      await p.waitForURL(`${ctx.baseUrl}/kiem-tra/dang-nhap/`);
      await signIn(ctx, DEMO_ACCOUNTS.inspector2.email, DEMO_PASSWORD);
      // The inspector's queue opens on "my work"; switch to every lead they may see.
      const filters = p.locator("#queue-filters");
      assert.equal(
        await filters.locator('[name="assignee"]').inputValue(),
        "me",
        "an inspector's queue opens on my work",
      );
      await filters.locator('[name="assignee"]').selectOption("all");
      await Promise.all([
        p.waitForResponse((r) => r.url().includes("/api/leads?") && !r.url().includes("assignee=")),
        filters.locator('button[type="submit"]').click(),
      ]);
      await p.waitForFunction(() => !document.getElementById("queue-app")?.hasAttribute("aria-busy"));
      await p.locator("#lead-queue tbody tr a").first().waitFor();
      const units = await p.locator("#lead-queue tbody th").allInnerTexts();
      assert.ok(!units.some((name) => /Đống Đa/.test(name)), `no Đống Đa lead on the first page: ${units.join(", ")}`);
      await p.goto(
        `${ctx.baseUrl}/kiem-tra/dau-moi/?id=${encodeURIComponent(defined(ctx.state.recusedLeadId, "the recused lead"))}`,
      );
      await p.locator("#lead-alert").filter({ hasText: /\S/ }).waitFor();
      assert.equal(await p.locator("#lead-detail").isVisible(), false, "no lead shown");
      if (ctx.state.problems) assert.deepEqual(ctx.state.problems, [], "console CSP violations or page errors");
      if (ctx.state.foreign) assert.deepEqual(ctx.state.foreign, [], "requests to other hosts");
    },
  },
];
