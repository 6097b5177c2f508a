// One inspection, end to end, on the seeded sample:
// - through the API (setup): a citizen files a report about a unit with no
//   open lead; the supervisor reviews and refers its lead;
// - in Chromium, as the supervisor: the plan page offers an inspection for
//   the unit's unattached lead; a surprise inspection is created with the
//   demo inspector on the team, started, the finding recorded, the conclusion
//   issued with one corrective measure, the unit's response recorded and the
//   measure verified, which closes the inspection;
// - in Chromium, as the reporter: the follow page, opened with the receipt,
//   shows the status "concluded" with the outcome and the public summary.
// A planned visit is then cancelled from its page with a reason.
// The seeded plan, inspections and measures are checked through the API too.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../scripts/seed/accounts.ts";
import type { InspectionDetail, InspectionList, MeasureList, Plan } from "../worker/src/contracts/inspections.ts";
import type { LeadDetail, LeadStatus } from "../worker/src/contracts/leads.ts";
import type { Receipt, ReportView } from "../worker/src/contracts/reports.ts";
import { allLeads, api, login, quietUnit, solvedAltcha } from "./lib/api.ts";
import { assertAccessible } from "./lib/axe.ts";
import { defined, type E2eContext, type E2eTest } from "./lib/context.ts";

/** Units the report may be about: the first with no open lead is used (never Phường Đống Đa). */
const CANDIDATE_UNITS = ["phuong-hoang-mai", "phuong-tuong-mai", "phuong-yen-so", "phuong-vinh-hung", "xa-gia-lam"];
const REPORT = {
  categoryCode: "delay",
  procedure: "Cấp giấy phép xây dựng nhà ở riêng lẻ",
  description:
    "Tôi nộp hồ sơ cấp giấy phép xây dựng nhà ở riêng lẻ tại bộ phận một cửa từ hơn 40 ngày trước, giấy hẹn ghi 15 ngày, đến nay cán bộ vẫn hẹn lần hẹn lữa và không có văn bản giải thích.",
};
const FINDING = {
  reasoning: "Đối chiếu sổ theo dõi: hồ sơ quá hạn 27 ngày, không có phiếu xin lỗi và hẹn lại theo quy định.",
  publicSummary: "Đoàn kiểm tra xác định hồ sơ của anh/chị bị chậm không có lý do; đơn vị đã được yêu cầu khắc phục.",
  position: "Công chức địa chính - xây dựng",
};
const OUTCOME_LABEL = "Có cơ sở";
const CONCLUDED_LABEL = "Đã có kết luận";

/** Today and later dates in Hanoi, YYYY-MM-DD. */
const hanoiDate = (days = 0) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

async function transition(ctx: E2eContext, cookie: string, leadId: string, to: LeadStatus): Promise<void> {
  const response = await api(ctx, `/api/leads/${leadId}/transitions`, { method: "POST", cookie, body: { to } });
  assert.ok(response.status < 300, `lead ${leadId} → ${to}: ${response.status} ${JSON.stringify(response.body)}`);
}

async function supervisorPage(ctx: E2eContext): Promise<Page> {
  if (ctx.state.inspectionPage) return ctx.state.inspectionPage;
  const p = await ctx.context.newPage();
  await p.setViewportSize({ width: 1280, height: 900 });
  p.on("dialog", (dialog) => dialog.accept());
  await p.goto(`${ctx.baseUrl}/kiem-tra/dang-nhap/`);
  const form = p.locator("#login-form");
  await form.locator('button[type="submit"]:enabled').waitFor();
  await form.locator('[name="email"]').fill(DEMO_ACCOUNTS.supervisor.email);
  await form.locator('[name="password"]').fill(DEMO_PASSWORD);
  await form.locator('button[type="submit"]').click();
  await p.waitForURL(`${ctx.baseUrl}/kiem-tra/`);
  ctx.state.inspectionPage = p;
  return p;
}

export const tests: E2eTest[] = [
  {
    name: "API: the seeded sample has this year's plan, inspections of each type and status, and measures in every state",
    async run(ctx) {
      const cookie = await login(ctx, DEMO_ACCOUNTS.supervisor.email);
      ctx.state.inspectionCookie = cookie;
      const year = hanoiDate().slice(0, 4);
      const plan = await api<Plan>(ctx, `/api/plan?year=${year}`, { cookie });
      assert.equal(plan.status, 200, `GET /api/plan: ${JSON.stringify(plan.body)}`);
      const scheduled = plan.body.units.flatMap((u) => u.visits.filter((v) => v.type === "scheduled"));
      assert.ok(scheduled.length >= 50, `a framework plan of ${scheduled.length} scheduled visits`);
      assert.deepEqual(
        plan.body.units.filter((u) => u.plannedTwice).map((u) => u.unitId),
        [],
        "one scheduled visit per unit",
      );
      for (const type of ["scheduled", "surprise", "verification"]) {
        for (const status of ["planned", "in_progress", "concluded", "closed"]) {
          const found = await api<InspectionList>(ctx, `/api/inspections?type=${type}&status=${status}`, { cookie });
          assert.equal(found.status, 200, `GET /api/inspections: ${JSON.stringify(found.body)}`);
          assert.ok(found.body.items.length > 0, `a seeded ${type} inspection that is ${status}`);
        }
      }
      for (const status of ["open", "responded", "verified", "overdue"]) {
        const measures = await api<MeasureList>(ctx, `/api/measures?status=${status}`, { cookie });
        assert.equal(measures.status, 200, `GET /api/measures?status=${status}`);
        const rows = measures.body.items;
        assert.ok(rows.length > 0, `a seeded measure that is ${status}`);
        if (status === "overdue") assert.ok(rows.every((m) => m.overdueSince && m.lastEscalatedAt));
        if (status === "verified") {
          assert.ok(rows.some((m) => m.verifiedOnTime === true) && rows.some((m) => m.verifiedOnTime === false));
        }
      }
    },
  },
  {
    name: "API: a citizen files a report and the supervisor reviews and refers its lead",
    async run(ctx) {
      const cookie = defined(ctx.state.inspectionCookie, "the supervisor's session");
      const unitId = await quietUnit(ctx, cookie, CANDIDATE_UNITS);
      const filed = await api<Receipt>(ctx, "/api/reports", {
        method: "POST",
        body: { track: "anonymous", reporterKind: "citizen", unitId, ...REPORT, altcha: await solvedAltcha(ctx) },
      });
      assert.equal(filed.status, 201, `POST /api/reports: ${JSON.stringify(filed.body)}`);
      const { trackingCode, secret } = filed.body;
      const [lead] = (await allLeads(ctx, cookie, `&unitId=${unitId}&status=new`)).filter((l) => l.reportCount === 1);
      assert.ok(lead, "the report opened a new lead");
      const detail = await api<LeadDetail>(ctx, `/api/leads/${lead.id}`, { cookie });
      assert.ok(
        detail.body.reports.some((r) => r.trackingCode === trackingCode),
        "the lead holds the report",
      );
      await transition(ctx, cookie, lead.id, "in_review");
      await transition(ctx, cookie, lead.id, "referred");
      ctx.state.inspection = { unitId, leadId: lead.id, trackingCode, secret };
    },
  },
  {
    name: "console: the supervisor creates a surprise inspection from the plan page for the referred lead, with a team",
    async run(ctx) {
      const inspection = defined(ctx.state.inspection, "the referred lead");
      const { unitId, leadId } = inspection;
      const p = await supervisorPage(ctx);
      await p.goto(`${ctx.baseUrl}/kiem-tra/ke-hoach/?year=${hanoiDate().slice(0, 4)}`);
      const group = p.locator(`.unattached-unit[data-unit-id="${unitId}"]`);
      await group.locator("button").click();
      await p.locator(`#create-leads-list input[value="${leadId}"]:checked`).waitFor();
      await p.selectOption("#create-type", "surprise");
      await p.fill("#create-start", hanoiDate(0));
      await p.fill("#create-end", hanoiDate(4));
      await p.fill("#create-scope", "Kiểm tra đột xuất việc giải quyết hồ sơ cấp phép xây dựng theo phản ánh.");
      await p.locator(`#member-${DEMO_ACCOUNTS.inspector.id}`).check();
      await p.selectOption("#create-head", DEMO_ACCOUNTS.supervisor.id);
      await p.click("#inspection-create-form button[type=submit]");
      await p.waitForURL(/\/kiem-tra\/cuoc-kiem-tra\/\?id=/);
      await p.locator("#inspection-detail:not([hidden])").waitFor();
      inspection.url = p.url();
      inspection.id = new URL(p.url()).searchParams.get("id");
      const team = (await p.locator("#inspection-team").textContent()) as string; // the element exists
      assert.match(team, /Nguyễn Minh Khoa/, `the inspector is on the team: ${team}`);
    },
  },
  {
    name: "console: the inspection is started and the finding recorded",
    async run(ctx) {
      const p = await supervisorPage(ctx);
      await p.click("#inspection-start");
      const inspection = defined(ctx.state.inspection, "the inspection");
      const form = p.locator(`.finding-form[data-lead-id="${inspection.leadId}"]`);
      await form.waitFor();
      await form.locator("select[name=outcome]").selectOption("substantiated");
      await form.locator("textarea[name=reasoning]").fill(FINDING.reasoning);
      // The redaction review: a name and a phone number are suggested, a mark toggles, the result follows.
      const summary = form.locator("textarea[name=publicSummary]");
      const review = form.locator("redaction-review");
      await summary.fill("Chị Lan ở bộ phận một cửa gọi 0912 345 678 đòi tiền.");
      await review.getByRole("button", { name: "Kiểm tra thông tin cá nhân" }).click();
      const result = review.locator(".redaction-result");
      await p.waitForFunction(() => (document.querySelector(".redaction-result")?.textContent ?? "") !== "");
      assert.equal(await result.textContent(), "Chị [họ tên] ở bộ phận một cửa gọi [số điện thoại] đòi tiền.");
      const nameMark = review.locator(".redaction-mark", { hasText: "Lan" });
      await nameMark.click();
      assert.equal(await review.locator(".redaction-mark", { hasText: "Lan" }).getAttribute("aria-pressed"), "false");
      assert.equal(await result.textContent(), "Chị Lan ở bộ phận một cửa gọi [số điện thoại] đòi tiền.");
      await assertAccessible(p, "the inspection page with a redaction review open");
      // Another text makes the review stale; checked again, it has nothing to hide.
      await summary.fill(FINDING.publicSummary);
      await review.getByRole("button", { name: "Kiểm tra thông tin cá nhân" }).click();
      await p.waitForFunction(
        (text) => document.querySelector(".redaction-result")?.textContent === text,
        FINDING.publicSummary,
      );
      await form.locator("input[name=position]").fill(FINDING.position);
      await form.locator("button[type=submit]").click();
      await p.waitForFunction(() => document.querySelectorAll(".finding dl").length > 0);
      const detail = await api<InspectionDetail>(ctx, `/api/inspections/${inspection.id}`, {
        cookie: ctx.state.inspectionCookie,
      });
      assert.equal(detail.body.status, "in_progress");
    },
  },
  {
    name: "console: the conclusion is issued with one corrective measure",
    async run(ctx) {
      const p = await supervisorPage(ctx);
      await p.locator("#conclusion-form:not([hidden])").waitFor();
      await p.fill("#conclusion-text", "Có cơ sở kết luận bộ phận một cửa chậm giải quyết hồ sơ cấp phép xây dựng.");
      await p.fill("#conclusion-recommendations", "Kiểm điểm trách nhiệm công chức liên quan; xin lỗi công dân.");
      await p.fill(
        "#conclusion-guidance",
        "Niêm yết công khai quy trình, thời hạn giải quyết; theo dõi hồ sơ điện tử.",
      );
      await p.click("#add-measure");
      const row = p.locator(".measure-row").first();
      await p.waitForFunction(() => document.querySelector<HTMLSelectElement>(".measure-row select")?.value);
      await row.locator("textarea").fill("Gửi văn bản xin lỗi công dân và báo cáo kết quả giải quyết hồ sơ.");
      await row.locator("input[type=date]").fill(hanoiDate(30));
      await p.click("#conclusion-form button[type=submit]");
      await p.locator("#inspection-conclusion dl").waitFor();
      await p.locator("#inspection-measures .measure[data-status=open]").waitFor();
      const detail = await api<InspectionDetail>(ctx, `/api/inspections/${ctx.state.inspection?.id}`, {
        cookie: ctx.state.inspectionCookie,
      });
      assert.equal(detail.body.status, "concluded");
    },
  },
  {
    name: "console: the unit's response is recorded and the measure verified, closing the inspection",
    async run(ctx) {
      const p = await supervisorPage(ctx);
      const measure = p.locator("#inspection-measures .measure").first();
      await measure
        .locator(".measure-response-form textarea")
        .fill("Đơn vị đã gửi văn bản xin lỗi số 12/UBND ngày hôm nay.");
      await measure.locator(".measure-response-form button").click();
      const responded = p.locator("#inspection-measures .measure[data-status=responded]");
      await responded.waitFor();
      await responded.locator("[data-action=verify]").click();
      await p.locator("#inspection-measures .measure[data-status=verified]").waitFor();
      const detail = await api<InspectionDetail>(ctx, `/api/inspections/${ctx.state.inspection?.id}`, {
        cookie: ctx.state.inspectionCookie,
      });
      assert.equal(detail.body.status, "closed", "all measures verified: the conclusion is implemented");
    },
  },
  {
    name: "follow page: the reporter sees the status concluded with the outcome and its summary",
    async run(ctx) {
      const { trackingCode, secret } = defined(ctx.state.inspection, "the report's receipt");
      const p = await ctx.context.newPage();
      await p.goto(`${ctx.baseUrl}/theo-doi/`);
      await p.fill("#trackingCode", trackingCode);
      await p.fill("#secret", secret);
      await p.click("#follow-form button[type=submit]");
      await p.locator("#report-view:not([hidden])").waitFor();
      assert.equal(((await p.locator("#report-status").textContent()) ?? "").trim(), CONCLUDED_LABEL);
      assert.equal(((await p.locator("#report-outcome").textContent()) ?? "").trim(), OUTCOME_LABEL);
      assert.equal(((await p.locator("#report-outcome-summary").textContent()) ?? "").trim(), FINDING.publicSummary);
      assert.ok(await p.locator("#contest-form").isVisible(), "the reporter may contest the outcome once");
      const api1 = await api<ReportView>(ctx, `/api/reports/${trackingCode}`, { bearer: secret });
      assert.equal(api1.body.status, "concluded");
      assert.equal(api1.body.outcome, "substantiated");
      await p.close();
    },
  },
  {
    name: "console: the supervisor cancels a planned visit, refused without a proper reason, then with one",
    async run(ctx) {
      const { unitId } = defined(ctx.state.inspection, "the unit");
      const created = await api<InspectionDetail>(ctx, "/api/inspections", {
        method: "POST",
        cookie: ctx.state.inspectionCookie,
        body: {
          type: "verification",
          unitId,
          plannedStart: hanoiDate(30),
          plannedEnd: hanoiDate(32),
          scope: "Xác minh việc khắc phục sau kết luận kiểm tra.",
          leadIds: [],
          team: [],
        },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const p = await supervisorPage(ctx);
      await p.goto(`${ctx.baseUrl}/kiem-tra/cuoc-kiem-tra/?id=${created.body.id}`);
      await p.locator("#inspection-detail:not([hidden])").waitFor();
      await p.locator(".cancel-inspection summary").click();
      await p.fill("#inspection-cancel-reason", "vì");
      await p.click("#inspection-cancel");
      await p.waitForFunction(() =>
        (document.getElementById("inspection-alert")?.textContent ?? "").includes("10 ký tự"),
      );
      await p.fill("#inspection-cancel-reason", "Đơn vị đã khắc phục xong, không cần xác minh tại chỗ.");
      await p.click("#inspection-cancel");
      await p.locator("#inspection-facts .badge.i-cancelled").waitFor();
      assert.equal(await p.locator("#inspection-cancel").count(), 0, "a cancelled visit offers no cancel button");
      const detail = await api<InspectionDetail>(ctx, `/api/inspections/${created.body.id}`, {
        cookie: ctx.state.inspectionCookie,
      });
      assert.equal(detail.body.status, "cancelled");
    },
  },
];
