// A reporter contests a conclusion and a supervisor resolves the contest, in
// Chromium, on the seeded sample. Through the API (setup), a citizen files a
// report about a unit with no open lead and the supervisor takes its lead to a
// substantiated conclusion (a verification inspection, started, a finding,
// concluded). Then:
// - the reporter opens the follow page with the receipt, sees the outcome and
//   its summary, is refused a too short reason, contests with a proper one and
//   is told the contest was sent (the form is gone: a contest is once only);
// - the supervisor finds the contested lead in the overdue queue, opens it,
//   reads the contest, is refused without a decision, and reopens the lead
//   with a reason: the contest is resolved, the lead is in review again and
//   out of the overdue queue, the decision is on its timeline;
// - the reporter's page, reloaded, shows the report in review again, without
//   the outcome.
// Only a concluded outcome can be contested (a dismissal cannot: the domain's
// `contestOutcome` refuses any report that is not concluded); that is checked
// through the API on a dismissed report. axe-core on every page visited.
import assert from "node:assert/strict";
import { DEMO_ACCOUNTS } from "../scripts/seed/accounts.ts";
import type { ReportView } from "../worker/src/contracts/reports.ts";
import { api } from "./lib/api.ts";
import {
  checkPage,
  concludeCase,
  consoleAs,
  type FiledCase,
  fileCase,
  followAs,
  leadOf,
  moveLead,
  newSupervisor,
  openLead,
  queueLeadIds,
  queueLoaded,
  sessionOf,
  textOf,
} from "./lib/casework.ts";
import { defined, type E2eTest } from "./lib/context.ts";

const REPORT = {
  categoryCode: "bribery",
  procedure: "Cấp giấy chứng nhận quyền sử dụng đất",
  description:
    "Cán bộ địa chính phường gợi ý tôi đưa 3 triệu đồng thì hồ sơ cấp giấy chứng nhận quyền sử dụng đất sẽ được giải quyết trong tuần.",
} as const;
const SUMMARY =
  "Đoàn kiểm tra xác định cán bộ địa chính đã gợi ý khoản tiền ngoài quy định; đơn vị đã được chấn chỉnh.";
const CONTEST = "Tôi không đồng ý: sau khi đoàn kiểm tra làm việc, cán bộ vẫn tiếp tục gợi ý khoản tiền đó.";
const DECISION = "Người phản ánh cung cấp tình tiết mới sau kết luận; cần xác minh lại tại phường (e2e).";
/** The follow page's labels (site/src/i18n/vi.ts). */
const CONCLUDED = "Đã có kết luận";
const IN_REVIEW = "Đang xem xét";
const SUBSTANTIATED = "Có cơ sở";

let filed: FiledCase | undefined;

export const tests: E2eTest[] = [
  {
    name: "API: a report's lead is taken to a substantiated conclusion",
    async run(ctx) {
      filed = await fileCase(ctx, REPORT);
      await concludeCase(ctx, filed, SUMMARY);
    },
  },
  {
    name: "follow page: the reporter contests the conclusion, once, with a reason",
    async run(ctx) {
      const current = defined(filed, "the concluded report");
      const p = await followAs(ctx, current);
      assert.equal(await textOf(p, "#report-status"), CONCLUDED);
      assert.equal(await textOf(p, "#report-outcome"), SUBSTANTIATED);
      assert.equal(await textOf(p, "#report-outcome-summary"), SUMMARY);
      const form = p.locator("#contest-form");
      assert.ok(await form.isVisible(), "the contest form is offered");
      await checkPage(p, "/theo-doi/ (concluded)");

      await form.locator("#contest-reason").fill("sai");
      await form.locator('button[type="submit"]').click();
      await p.locator("#reason-error").filter({ hasText: /\S/ }).waitFor();
      assert.equal(await p.locator("#contest-reason").getAttribute("aria-invalid"), "true");
      await checkPage(p, "/theo-doi/ (contest reason too short)");

      await form.locator("#contest-reason").fill(CONTEST);
      await form.locator('button[type="submit"]').click();
      await p.locator("#contested").waitFor({ state: "visible" });
      assert.ok(await form.isHidden(), "no second contest");
      assert.notEqual(await textOf(p, "#contest-status"), "", "the contest is announced");
      await checkPage(p, "/theo-doi/ (contested)");

      await p.reload();
      await p.locator("#report-view").waitFor({ state: "visible" });
      await p.locator("#contested").waitFor({ state: "visible" });
      assert.ok(await p.locator("#contest-form").isHidden(), "still no second contest after a reload");
      const again = await api(ctx, `/api/reports/${current.trackingCode}/contest`, {
        method: "POST",
        bearer: current.secret,
        body: { reason: CONTEST },
      });
      assert.equal(again.status, 409, "the API refuses a second contest too");
      await p.close();
    },
  },
  {
    name: "console: the supervisor finds the contested lead among the overdue, reads it and reopens the lead",
    async run(ctx) {
      const { leadId } = defined(filed, "the contested report");
      const p = await consoleAs(ctx, DEMO_ACCOUNTS.supervisor);
      await p.goto(`${ctx.baseUrl}/kiem-tra/?overdue=true&status=concluded`);
      await queueLoaded(p);
      assert.ok((await queueLeadIds(p)).includes(leadId), "the contested lead is in the overdue queue");
      await checkPage(p, "/kiem-tra/?overdue=true&status=concluded");

      await openLead(ctx, p, leadId);
      const section = p.locator("#lead-contest");
      await section.waitFor({ state: "visible" });
      assert.equal(await textOf(p, "#contest-reason"), CONTEST);
      const form = p.locator("#contest-resolution-form");
      assert.ok(await form.isVisible(), "the supervisor may decide it");
      await checkPage(p, "/kiem-tra/dau-moi/ (contested)");

      // Without a decision: refused in the page, nothing sent.
      await form.locator("#contest-resolution-reason").fill(DECISION);
      await form.locator('button[type="submit"]').click();
      await p.locator("#contest-alert").filter({ hasText: /\S/ }).waitFor();
      assert.equal((await leadOf(ctx, await sessionOf(ctx, DEMO_ACCOUNTS.supervisor), leadId)).status, "concluded");

      await form.locator("#contest-reopen").check();
      await form.locator('button[type="submit"]').click();
      await p.locator("#lead-contest #contest-state", { hasText: /\d{2}\/\d{2}\/\d{4}/ }).waitFor();
      assert.ok(await form.isHidden(), "a decided contest cannot be decided again");
      assert.equal(await textOf(p, "#contest-alert"), "");
      await checkPage(p, "/kiem-tra/dau-moi/ (contest resolved)");

      const lead = await leadOf(ctx, await sessionOf(ctx, DEMO_ACCOUNTS.supervisor), leadId);
      assert.equal(lead.status, "in_review", "reopened");
      assert.equal(lead.overdue, false, "out of the overdue queue");
      assert.ok(lead.contest?.resolvedAt, "the contest is resolved");
      const reopened = lead.events.find((e) => e.action === "lead.contest_reopened");
      assert.equal(reopened?.actor, DEMO_ACCOUNTS.supervisor.displayName, "the decision is audited with its author");
      await p.close();
    },
  },
  {
    name: "follow page: after the reopening the reporter sees the report in review, without the outcome",
    async run(ctx) {
      const current = defined(filed, "the contested report");
      const p = await followAs(ctx, current);
      assert.equal(await textOf(p, "#report-status"), IN_REVIEW);
      assert.ok(await p.locator("#outcome-section").isHidden(), "no outcome while it is reviewed again");
      await checkPage(p, "/theo-doi/ (reopened)");
      const view = await api<ReportView>(ctx, `/api/reports/${current.trackingCode}`, { bearer: current.secret });
      assert.equal(view.body.status, "in_review");
      await p.close();
    },
  },
  {
    name: "API and follow page: a dismissal cannot be contested (only a concluded outcome can)",
    async run(ctx) {
      const dismissed = await fileCase(ctx, {
        categoryCode: "conduct",
        description: "Cán bộ tiếp dân nói năng thiếu tôn trọng khi tôi hỏi về thủ tục chứng thực bản sao (e2e).",
      });
      const supervisor = await sessionOf(ctx, DEMO_ACCOUNTS.supervisor);
      await moveLead(ctx, supervisor, dismissed.leadId, "in_review");
      const proposed = await api(ctx, `/api/leads/${dismissed.leadId}/transitions`, {
        method: "POST",
        cookie: supervisor,
        body: {
          to: "dismissal_proposed",
          reason: "Nội dung chưa đủ căn cứ để xác minh (e2e).",
          reasonCode: "insufficient_information",
        },
      });
      assert.equal(proposed.status, 200, JSON.stringify(proposed.body));
      const second = await newSupervisor(ctx, "Đỗ Hải Yến (trưởng đoàn, e2e khiếu nại)");
      await moveLead(ctx, second, dismissed.leadId, "dismissed");
      const view = await api<ReportView>(ctx, `/api/reports/${dismissed.trackingCode}`, { bearer: dismissed.secret });
      assert.equal(view.body.status, "not_actionable");
      const p = await followAs(ctx, dismissed);
      assert.ok(await p.locator("#contest-form").isHidden(), "the follow page offers no contest of a dismissal");
      await p.close();
      const refused = await api(ctx, `/api/reports/${dismissed.trackingCode}/contest`, {
        method: "POST",
        bearer: dismissed.secret,
        body: { reason: CONTEST },
      });
      assert.equal(refused.status, 409, `no contest before a conclusion: ${JSON.stringify(refused.body)}`);
    },
  },
];
