// The conversation with a reporter and the team's internal notes, in
// Chromium, on the seeded sample. A citizen files an anonymous report
// through the API (a lead of its own, about a unit with no open lead); then:
// - the demo inspector opens the lead page, writes to that report and sees
//   the message in the lead's conversation;
// - the reporter opens the follow page with the receipt (tracking code and
//   secret), reads the inspector's message and replies;
// - the inspector, reloading the lead, reads the reply;
// - the inspector adds an internal note: the lead page shows it with its
//   author, the supervisor sees it too, and neither the reporter's page nor
//   the reporter's API view ever carries it.
// axe-core (WCAG 2.2 A/AA) on every page visited, with what it shows filled in.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { DEMO_ACCOUNTS } from "../scripts/seed/accounts.ts";
import type { ReportView } from "../worker/src/contracts/reports.ts";
import { api } from "./lib/api.ts";
import {
  checkPage,
  consoleAs,
  type FiledCase,
  fileCase,
  followAs,
  leadOf,
  openLead,
  sessionOf,
} from "./lib/casework.ts";
import { defined, type E2eTest } from "./lib/context.ts";

const REPORT = {
  categoryCode: "delay",
  procedure: "Đăng ký khai sinh",
  description:
    "Tôi nộp hồ sơ đăng ký khai sinh cho con tại bộ phận một cửa từ ba tuần trước, giấy hẹn ghi ba ngày, đến nay vẫn chưa có kết quả và không ai giải thích lý do.",
} as const;
const MESSAGE =
  "Chào anh/chị, đoàn kiểm tra đã nhận phản ánh. Anh/chị vui lòng cho biết số giấy hẹn và ngày hẹn trả kết quả.";
const REPLY = "Giấy hẹn số 2417, hẹn trả kết quả sau ba ngày làm việc; tôi đã đến hỏi hai lần.";
const NOTE = "Ghi chú nội bộ: đã gọi điện cho bộ phận một cửa, cán bộ phụ trách hộ tịch đang nghỉ phép (e2e).";

let filed: FiledCase | undefined;
let inspectorPage: Page | undefined;
let reporterPage: Page | undefined;

export const tests: E2eTest[] = [
  {
    name: "API: a citizen files an anonymous report, which opens a lead of its own",
    async run(ctx) {
      filed = await fileCase(ctx, REPORT);
    },
  },
  {
    name: "console: the inspector writes to the reporter from the lead page and sees the message there",
    async run(ctx) {
      const { leadId, trackingCode } = defined(filed, "the filed report");
      const p = await consoleAs(ctx, DEMO_ACCOUNTS.inspector);
      inspectorPage = p;
      await openLead(ctx, p, leadId);
      assert.ok(await p.locator("#no-messages").isVisible(), "no message yet");
      await checkPage(p, "/kiem-tra/dau-moi/ (no message yet)");

      const form = p.locator("#message-form");
      await form.locator(`#message-to option[value="${trackingCode}"]`).waitFor({ state: "attached" });
      await form.locator("#message-to").selectOption(trackingCode);
      await form.locator("#message-body").fill(MESSAGE);
      await form.locator('button[type="submit"]').click();
      const sent = p.locator("#lead-messages li", { hasText: MESSAGE });
      await sent.waitFor();
      assert.match((await sent.locator(".meta").textContent()) ?? "", new RegExp(trackingCode));
      assert.equal(await form.locator("#message-body").inputValue(), "", "the form is emptied");
      assert.notEqual((await p.locator("#message-status").textContent())?.trim(), "", "the sending is announced");
      assert.ok(await p.locator("#no-messages").isHidden());
      await checkPage(p, "/kiem-tra/dau-moi/ (message sent)");

      const lead = await leadOf(ctx, await sessionOf(ctx, DEMO_ACCOUNTS.supervisor), leadId);
      assert.deepEqual(
        lead.messages.map((m) => [m.from, m.trackingCode, m.body]),
        [["inspector", trackingCode, MESSAGE]],
      );
      assert.ok(
        lead.events.some((e) => e.action === "lead.message_sent"),
        "the message is on the lead's timeline",
      );
    },
  },
  {
    name: "follow page: the reporter reads the inspector's message with the receipt and replies",
    async run(ctx) {
      const p = await followAs(ctx, defined(filed, "the filed report"));
      reporterPage = p;
      const received = p.locator("#messages li", { hasText: MESSAGE });
      await received.waitFor();
      assert.ok(await p.locator("#no-messages").isHidden());
      await checkPage(p, "/theo-doi/ (a message from the inspectors)");

      const reply = p.locator("#reply-form");
      await reply.locator('textarea[name="body"]').fill(REPLY);
      await reply.locator('button[type="submit"]').click();
      await p.locator("#messages li", { hasText: REPLY }).waitFor();
      assert.equal(await p.locator("#messages li").count(), 2, "the message and the reply");
      await checkPage(p, "/theo-doi/ (replied)");
    },
  },
  {
    name: "console: the inspector reloads the lead and reads the reporter's reply",
    async run(ctx) {
      const { leadId, trackingCode } = defined(filed, "the filed report");
      const p = defined(inspectorPage, "the inspector's page");
      await openLead(ctx, p, leadId);
      const reply = p.locator("#lead-messages li", { hasText: REPLY });
      await reply.waitFor();
      assert.match((await reply.getAttribute("class")) ?? "", /from-reporter/, "marked as the reporter's");
      assert.match((await reply.locator(".meta").textContent()) ?? "", new RegExp(trackingCode));
      assert.equal(await p.locator("#lead-messages li").count(), 2);
      await checkPage(p, "/kiem-tra/dau-moi/ (the reporter replied)");
    },
  },
  {
    name: "console: an internal note is added, the staff see it, the reporter never does",
    async run(ctx) {
      const { leadId, trackingCode, secret } = defined(filed, "the filed report");
      const p = defined(inspectorPage, "the inspector's page");
      assert.ok(await p.locator("#no-notes").isVisible(), "no note yet");
      const form = p.locator("#note-form");
      await form.locator("#note-body").fill(NOTE);
      await form.locator('button[type="submit"]').click();
      const note = p.locator("#lead-notes li", { hasText: NOTE });
      await note.waitFor();
      assert.match(
        (await note.locator(".meta").textContent()) ?? "",
        new RegExp(DEMO_ACCOUNTS.inspector.displayName.replace(/[()]/g, "\\$&")),
        "the note names its author",
      );
      assert.ok(await p.locator("#no-notes").isHidden());
      assert.equal(
        await p.locator("#lead-messages li", { hasText: NOTE }).count(),
        0,
        "a note is not a message to the reporter",
      );
      await checkPage(p, "/kiem-tra/dau-moi/ (a note added)");

      // The supervisor sees the note, in the API and on the lead page.
      const lead = await leadOf(ctx, await sessionOf(ctx, DEMO_ACCOUNTS.supervisor), leadId);
      assert.deepEqual(
        lead.notes.map((n) => [n.author, n.body]),
        [[DEMO_ACCOUNTS.inspector.displayName, NOTE]],
      );
      assert.ok(
        lead.events.some((e) => e.action === "lead.note_added"),
        "the note is audited",
      );
      assert.equal(lead.messages.length, 2, "still two messages");
      const supervisor = await consoleAs(ctx, DEMO_ACCOUNTS.supervisor);
      await openLead(ctx, supervisor, leadId);
      await supervisor.locator("#lead-notes li", { hasText: NOTE }).waitFor();
      await supervisor.close();

      // The reporter's page, reloaded, and the reporter's API view: no note anywhere.
      const reporter = defined(reporterPage, "the reporter's page");
      await reporter.reload();
      await reporter.locator("#messages li", { hasText: REPLY }).waitFor();
      const shown = (await reporter.locator("main").textContent()) ?? "";
      assert.ok(!shown.includes(NOTE), "the note is not on the follow page");
      assert.ok(!shown.includes("Ghi chú nội bộ"), "nor any trace of it");
      const view = await api<ReportView>(ctx, `/api/reports/${trackingCode}`, { bearer: secret });
      assert.equal(view.status, 200);
      assert.ok(!JSON.stringify(view.body).includes(NOTE), "the reporter's API view does not carry the note");
      assert.deepEqual(
        view.body.messages.map((m) => m.body),
        [MESSAGE, REPLY],
      );
      await reporter.close();
      await p.close();
    },
  },
];
