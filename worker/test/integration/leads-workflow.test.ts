import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { LeadDetailSchema } from "../../src/contracts/leads";
import { ContactSchema, type ReportView, ReportViewSchema } from "../../src/contracts/reports";
import { insertUnits } from "../support/fixtures";
import {
  auditRows,
  BRIBE_TEXTS,
  call,
  createUnit,
  expectProblem,
  fileAbout,
  fileBribe,
  getLead,
  leadIdOf,
  listAllLeads,
  moveLead,
  postTransition,
  type Session,
  signIn,
} from "../support/leads";
import { type FiledReport, getReport } from "../support/reports";

let inspector: Session;
let supervisorA: Session;
let supervisorB: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  inspector = await signIn("inspector");
  supervisorA = await signIn("supervisor");
  supervisorB = await signIn("supervisor");
});

/** What the reporter sees on their follow page. */
async function followPage(report: FiledReport): Promise<ReportView> {
  const res = await getReport(report.trackingCode, report.secret);
  expect(res.status).toBe(200);
  return ReportViewSchema.parse(await res.json());
}

const QUESTION = "Anh/chị vui lòng cho biết ngày nộp hồ sơ và tên cán bộ tiếp nhận?";

describe("a lead's life: review, question, dismissal with a second person, reopening", () => {
  let report: FiledReport;
  let id: string;

  beforeAll(async () => {
    const ward = await createUnit();
    report = await fileBribe(ward.id);
    id = await leadIdOf(report.trackingCode);
  });

  it("new → in_review by an inspector; the reporter sees in_review", async () => {
    const lead = await moveLead(inspector.cookie, id, { to: "in_review" });
    expect(lead.status).toBe("in_review");
    expect(lead.acknowledgedAt).not.toBeNull();
    expect(lead.allowedTransitions).toEqual(["info_requested", "dismissal_proposed", "merged"]);
    expect((await getLead(supervisorA.cookie, id)).allowedTransitions).toEqual([
      "info_requested",
      "referred",
      "dismissal_proposed",
      "merged",
      "forwarded",
    ]);
    expect((await followPage(report)).status).toBe("in_review");
  });

  it("in_review → info_requested with a question the reporter reads as an inspector message", async () => {
    const lead = await moveLead(inspector.cookie, id, { to: "info_requested", reason: QUESTION });
    expect(lead.status).toBe("info_requested");
    expect(lead.messages).toEqual([expect.objectContaining({ from: "inspector", body: QUESTION })]);
    const page = await followPage(report);
    expect(page.status).toBe("info_requested");
    expect(page.messages).toEqual([expect.objectContaining({ from: "inspector", body: QUESTION })]);
  });

  it("info_requested → in_review", async () => {
    expect((await moveLead(inspector.cookie, id, { to: "in_review" })).status).toBe("in_review");
    expect((await followPage(report)).status).toBe("in_review");
  });

  it("an inspector may not refer (403)", async () => {
    const problem = await expectProblem(await postTransition(inspector.cookie, id, { to: "referred" }), 403);
    expect(problem.code).toBe("forbidden");
  });

  it("a proposal without reason or code → 422 pointing at /reason and /reasonCode, in Vietnamese", async () => {
    const problem = await expectProblem(await postTransition(inspector.cookie, id, { to: "dismissal_proposed" }), 422);
    expect(problem.errors).toEqual([
      { pointer: "/reason", message: "Cần ghi lý do" },
      { pointer: "/reasonCode", message: "Cần chọn mã lý do" },
    ]);
  });

  it("… and in English when asked", async () => {
    const res = await postTransition(
      inspector.cookie,
      id,
      { to: "dismissal_proposed" },
      { "Accept-Language": "en-GB,en;q=0.9" },
    );
    const problem = await expectProblem(res, 422);
    expect(problem.title).toBe("Some fields are not valid");
    expect(problem.errors?.map((e) => e.pointer)).toEqual(["/reason", "/reasonCode"]);
    expect(problem.errors?.map((e) => e.message)).toEqual(["A reason is required", "Choose a reason code"]);
  });

  it("a blank reason counts as none (422 on /reason)", async () => {
    const res = await postTransition(inspector.cookie, id, {
      to: "dismissal_proposed",
      reason: "  \n ",
      reasonCode: "unfounded",
    });
    expect((await expectProblem(res, 422)).errors?.map((e) => e.pointer)).toEqual(["/reason"]);
  });

  it("a proposal with a reason but an unknown code → 422 on /reasonCode", async () => {
    const res = await postTransition(inspector.cookie, id, {
      to: "dismissal_proposed",
      reason: "Không đủ thông tin",
      reasonCode: "because",
    });
    expect((await expectProblem(res, 422)).errors?.map((e) => e.pointer)).toEqual(["/reasonCode"]);
  });

  it("a supervisor proposes the dismissal; the reporter still sees in_review", async () => {
    const lead = await moveLead(supervisorA.cookie, id, {
      to: "dismissal_proposed",
      reason: "Người phản ánh không bổ sung thông tin sau khi được hỏi.",
      reasonCode: "insufficient_information",
    });
    expect(lead).toMatchObject({
      status: "dismissal_proposed",
      proposedBy: supervisorA.user.id,
      dismissalReasonCode: "insufficient_information",
    });
    expect(lead.allowedTransitions).toEqual(["in_review"]);
    expect((await followPage(report)).status).toBe("in_review");
  });

  it("the proposer approving their own proposal → 403; an inspector approving → 403", async () => {
    const own = await expectProblem(await postTransition(supervisorA.cookie, id, { to: "dismissed" }), 403);
    expect(own.code).toBe("forbidden");
    await expectProblem(await postTransition(inspector.cookie, id, { to: "dismissed" }), 403);
    expect((await getLead(supervisorA.cookie, id)).status).toBe("dismissal_proposed");
  });

  it("another supervisor approves: dismissed, and the reporter sees not_actionable", async () => {
    const lead = await moveLead(supervisorB.cookie, id, { to: "dismissed" });
    expect(lead.status).toBe("dismissed");
    expect((await followPage(report)).status).toBe("not_actionable");
  });

  it("an illegal transition from dismissed → 409", async () => {
    const problem = await expectProblem(await postTransition(supervisorB.cookie, id, { to: "info_requested" }), 409);
    expect(problem.code).toBe("conflict");
  });

  it("an inspector may not reopen (403); a supervisor needs a reason (422)", async () => {
    await expectProblem(
      await postTransition(inspector.cookie, id, { to: "in_review", reason: "Có tình tiết mới" }),
      403,
    );
    const problem = await expectProblem(await postTransition(supervisorA.cookie, id, { to: "in_review" }), 422);
    expect(problem.errors?.map((e) => e.pointer)).toEqual(["/reason"]);
  });

  it("a supervisor reopens with a reason; the proposal is cleared", async () => {
    const lead = await moveLead(supervisorA.cookie, id, {
      to: "in_review",
      reason: "Có thêm phản ánh cùng nội dung, cần xem lại.",
    });
    expect(lead).toMatchObject({
      status: "in_review",
      proposedBy: null,
      dismissalReason: null,
      dismissalReasonCode: null,
    });
    expect((await followPage(report)).status).toBe("in_review");
  });

  it("wrote one audit row per transition, with actor and before/after, and none for refusals", async () => {
    const rows = await auditRows(id);
    expect(rows.map((r) => r.action)).toEqual([
      "lead.opened",
      "lead.review",
      "lead.request_info",
      "lead.resume",
      "lead.propose_dismissal",
      "lead.approve_dismissal",
      "lead.reopen",
    ]);
    expect(rows.map((r) => r.actor_id)).toEqual([
      null,
      inspector.user.id,
      inspector.user.id,
      inspector.user.id,
      supervisorA.user.id,
      supervisorB.user.id,
      supervisorA.user.id,
    ]);
    const summaries = rows.slice(1).map((r) => JSON.parse(r.summary));
    expect(summaries.map((s) => [s.before.status, s.after.status])).toEqual([
      ["new", "in_review"],
      ["in_review", "info_requested"],
      ["info_requested", "in_review"],
      ["in_review", "dismissal_proposed"],
      ["dismissal_proposed", "dismissed"],
      ["dismissed", "in_review"],
    ]);
    expect(summaries[1].after.reason).toBe(QUESTION);
    expect(summaries[3].after).toMatchObject({ reasonCode: "insufficient_information" });
    expect(summaries[5].after.reason).toBe("Có thêm phản ánh cùng nội dung, cần xem lại.");
    const lead = await getLead(inspector.cookie, id);
    expect(lead.events.map((e) => e.action)).toEqual(rows.map((r) => r.action));
  });

  it("gave the reporter a timeline that never mentions the proposal", async () => {
    const page = await followPage(report);
    expect(page.events.map((e) => e.status)).toEqual([
      "received",
      "in_review",
      "info_requested",
      "in_review",
      "not_actionable",
      "in_review",
    ]);
    expect(JSON.stringify(page)).not.toContain("Người phản ánh không bổ sung");
  });

  it("keeps the audit rows append-only", async () => {
    const [row] = await auditRows(id);
    await expect(
      env.DB.prepare("UPDATE audit_log SET summary = '{}' WHERE id = ?").bind(row?.id).run(),
    ).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("DELETE FROM audit_log WHERE id = ?").bind(row?.id).run()).rejects.toThrow(
      /append-only/,
    );
    await expect(env.DB.prepare("DELETE FROM audit_log WHERE target_id = ?").bind(id).run()).rejects.toThrow(
      /append-only/,
    );
    expect(await auditRows(id)).toHaveLength(7);
  });
});

describe("other transitions", () => {
  async function freshLead(): Promise<{ id: string; report: FiledReport }> {
    const ward = await createUnit();
    const report = await fileBribe(ward.id);
    return { id: await leadIdOf(report.trackingCode), report };
  }

  it.each([["dismissed"], ["referred"], ["info_requested"], ["dismissal_proposed"], ["new"]])(
    "new → %s is illegal (409), whoever asks",
    async (to) => {
      const { id } = await freshLead();
      for (const session of [inspector, supervisorA]) {
        const problem = await expectProblem(
          await postTransition(session.cookie, id, { to, reason: "Lý do", reasonCode: "unfounded" }),
          409,
        );
        expect(problem.code).toBe("conflict");
      }
      expect(await auditRows(id)).toHaveLength(1);
    },
  );

  it.each([
    [{ to: "closed" }, "/to"],
    [{ to: "in_review", extra: true }, ""],
    [{}, "/to"],
  ])("a malformed body %j → 422", async (body, pointer) => {
    const { id } = await freshLead();
    const problem = await expectProblem(await postTransition(supervisorA.cookie, id, body), 422);
    if (pointer) expect(problem.errors?.map((e) => e.pointer)).toContain(pointer);
  });

  it("a supervisor sends a proposal back with a reason; the proposer learns why", async () => {
    const { id } = await freshLead();
    await moveLead(inspector.cookie, id, { to: "in_review" });
    await moveLead(inspector.cookie, id, { to: "dismissal_proposed", reason: "Trùng lặp", reasonCode: "duplicate" });
    const missing = await expectProblem(await postTransition(supervisorA.cookie, id, { to: "in_review" }), 422);
    expect(missing.errors?.map((e) => e.pointer)).toEqual(["/reason"]);
    await expectProblem(await postTransition(inspector.cookie, id, { to: "in_review", reason: "Xem lại" }), 403);
    const lead = await moveLead(supervisorA.cookie, id, { to: "in_review", reason: "Chưa xác minh được trùng lặp." });
    expect(lead).toMatchObject({ status: "in_review", proposedBy: null });
    const last = (await auditRows(id)).at(-1);
    expect(last?.action).toBe("lead.send_back");
    expect(JSON.parse(last?.summary ?? "{}").after.reason).toBe("Chưa xác minh được trùng lặp.");
  });

  it("a supervisor refers a lead; the reporter sees referred and the lead is final", async () => {
    const { id, report } = await freshLead();
    await moveLead(inspector.cookie, id, { to: "in_review" });
    const lead = await moveLead(supervisorA.cookie, id, { to: "referred" });
    expect(lead.status).toBe("referred");
    expect(lead.allowedTransitions).toEqual([]);
    expect((await followPage(report)).status).toBe("referred");
    await expectProblem(await postTransition(supervisorA.cookie, id, { to: "in_review", reason: "Mở lại" }), 409);
  });
});

describe("the reporter's status follows the lead", () => {
  // Regression: a report joining a lead in review once told its reporter "received".
  it("a report joining a lead in review is shown as in_review", async () => {
    const ward = await createUnit();
    const first = await fileBribe(ward.id);
    const id = await leadIdOf(first.trackingCode);
    await moveLead(inspector.cookie, id, { to: "in_review" });
    const joining = await fileBribe(ward.id, { description: BRIBE_TEXTS[1] });
    expect(await leadIdOf(joining.trackingCode)).toBe(id);
    expect((await followPage(first)).status).toBe("in_review");
    expect((await followPage(joining)).status).toBe("in_review");
  });

  it("a lead moved after a report joined carries the new report along", async () => {
    const ward = await createUnit();
    const first = await fileBribe(ward.id);
    const id = await leadIdOf(first.trackingCode);
    const joining = await fileBribe(ward.id, { description: BRIBE_TEXTS[2] });
    expect(await leadIdOf(joining.trackingCode)).toBe(id);
    await moveLead(inspector.cookie, id, { to: "in_review" });
    await moveLead(inspector.cookie, id, { to: "info_requested", reason: QUESTION });
    for (const report of [first, joining]) {
      const page = await followPage(report);
      expect(page.status).toBe("info_requested");
      expect(page.messages.map((m) => m.body)).toEqual([QUESTION]);
    }
  });
});

describe("concurrent decisions", () => {
  // Regression: two simultaneous decisions once both succeeded; a write guard now rejects the loser.
  it("two transitions from the same state: one wins, the other gets 409", async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const ward = await createUnit();
      const id = await leadIdOf((await fileBribe(ward.id)).trackingCode);
      await moveLead(inspector.cookie, id, { to: "in_review" });
      const statuses = (
        await Promise.all([
          postTransition(inspector.cookie, id, { to: "info_requested", reason: QUESTION }),
          postTransition(supervisorA.cookie, id, { to: "referred" }),
        ])
      ).map((res) => res.status);
      expect(statuses.sort()).toEqual([200, 409]);
      const fromReview = (await auditRows(id)).filter((r) => JSON.parse(r.summary).before?.status === "in_review");
      expect(fromReview).toHaveLength(1);
    }
  });
});

describe("merging", () => {
  let target: { id: string; report: FiledReport };
  let source: { id: string; reports: FiledReport[] };
  let wardId: string;

  beforeAll(async () => {
    const ward = await createUnit();
    wardId = ward.id;
    const marriage = await fileAbout(ward.id, {
      categoryCode: "harassment",
      description:
        "Cán bộ tư pháp yêu cầu nộp thêm bản sao giấy khai sinh của bố mẹ khi đăng ký kết hôn, không có trong quy định.",
      procedure: "Đăng ký kết hôn",
      occurredOn: "2026-01-05",
    });
    target = { id: await leadIdOf(marriage.trackingCode), report: marriage };
    const bribes = [await fileBribe(ward.id), await fileBribe(ward.id, { description: BRIBE_TEXTS[1] })];
    source = { id: await leadIdOf(bribes[0]?.trackingCode ?? ""), reports: bribes };
    expect(source.id).not.toBe(target.id);
    expect(await leadIdOf(bribes[1]?.trackingCode ?? "")).toBe(source.id);
    await moveLead(inspector.cookie, target.id, { to: "in_review" });
  });

  it("refuses a missing target, itself or an unknown lead (422 on /targetLeadId)", async () => {
    for (const targetLeadId of [undefined, source.id, crypto.randomUUID()]) {
      const res = await postTransition(inspector.cookie, source.id, { to: "merged", targetLeadId });
      expect((await expectProblem(res, 422)).errors?.map((e) => e.pointer)).toEqual(["/targetLeadId"]);
    }
  });

  it("refuses a target about another unit like an unknown one (422)", async () => {
    const elsewhere = await leadIdOf((await fileBribe((await createUnit()).id)).trackingCode);
    const res = await postTransition(inspector.cookie, source.id, { to: "merged", targetLeadId: elsewhere });
    expect((await expectProblem(res, 422)).errors?.map((e) => e.pointer)).toEqual(["/targetLeadId"]);
  });

  it("refuses a dismissed target (409)", async () => {
    const rude = await fileAbout(wardId, {
      categoryCode: "conduct",
      description: "Nhân viên bộ phận một cửa quát nạt người già, nói năng thô lỗ khi tôi hỏi về lệ phí.",
    });
    const other = await leadIdOf(rude.trackingCode);
    await moveLead(inspector.cookie, other, { to: "in_review" });
    await moveLead(inspector.cookie, other, {
      to: "dismissal_proposed",
      reason: "Không có căn cứ",
      reasonCode: "unfounded",
    });
    await moveLead(supervisorA.cookie, other, { to: "dismissed" });
    const res = await postTransition(inspector.cookie, source.id, { to: "merged", targetLeadId: other });
    expect((await expectProblem(res, 409)).code).toBe("conflict");
  });

  it("moves the reports to the target, whose reportCount and score grow", async () => {
    const before = await getLead(supervisorA.cookie, target.id);
    expect(before.reportCount).toBe(1);
    const merged = await moveLead(inspector.cookie, source.id, { to: "merged", targetLeadId: target.id });
    expect(merged).toMatchObject({ status: "merged", mergedInto: target.id, reports: [] });
    const after = await getLead(supervisorA.cookie, target.id);
    expect(after.reportCount).toBe(3);
    expect(after.reports.map((r) => r.trackingCode).sort()).toEqual(
      [target.report, ...source.reports].map((r) => r.trackingCode).sort(),
    );
    expect(after.categoryCode).toBe("bribery");
    expect(after.priority).toBeGreaterThan(before.priority);
    const sum = after.score.factors.reduce((total, f) => total + f.value, 0);
    expect(after.score.total).toBeCloseTo(sum, 2);
    for (const report of source.reports) expect(await leadIdOf(report.trackingCode)).toBe(target.id);
  });

  it("shows the moved reports' reporters the target's status", async () => {
    for (const report of source.reports) expect((await followPage(report)).status).toBe("in_review");
  });

  it("drops the merged lead from the default queue; status=merged still finds it", async () => {
    const unitId = (await getLead(supervisorA.cookie, target.id)).unitId;
    const queue = (await listAllLeads(supervisorA.cookie, { unitId })).map((l) => l.id);
    expect(queue).toContain(target.id);
    expect(queue).not.toContain(source.id);
    expect((await listAllLeads(supervisorA.cookie, { unitId, status: "merged" })).map((l) => l.id)).toEqual([
      source.id,
    ]);
  });

  it("audits both sides and refuses to merge the merged lead again (409)", async () => {
    const sourceRows = await auditRows(source.id);
    expect(sourceRows.at(-1)?.action).toBe("lead.merge");
    expect(JSON.parse(sourceRows.at(-1)?.summary ?? "{}").after).toMatchObject({
      status: "merged",
      targetLeadId: target.id,
    });
    const targetRows = await auditRows(target.id);
    expect(targetRows.at(-1)?.action).toBe("lead.merged_in");
    expect(JSON.parse(targetRows.at(-1)?.summary ?? "{}")).toEqual({ from: source.id, reports: 2 });
    await expectProblem(
      await postTransition(inspector.cookie, source.id, { to: "merged", targetLeadId: target.id }),
      409,
    );
  });
});

describe("notes, messages and contact details", () => {
  const CONTACT = { name: "Trần Văn Minh", email: "minh.tran@example.vn", phone: "0987654321" };
  let named: FiledReport;
  let anonymous: FiledReport;
  let id: string;

  beforeAll(async () => {
    const ward = await createUnit();
    named = await fileBribe(ward.id, { track: "named", contact: CONTACT });
    anonymous = await fileBribe(ward.id, { description: BRIBE_TEXTS[2] });
    id = await leadIdOf(named.trackingCode);
    expect(await leadIdOf(anonymous.trackingCode)).toBe(id);
  });

  it("keeps internal notes on the lead and never on the reporter's follow page", async () => {
    const note = "GHI CHÚ NỘI BỘ: cán bộ địa chính là người nhà của phó chủ tịch phường.";
    const res = await call(inspector.cookie, `/api/leads/${id}/notes`, { method: "POST", body: { body: note } });
    expect(res.status).toBe(201);
    const lead = LeadDetailSchema.parse(await res.json());
    expect(lead.notes).toEqual([expect.objectContaining({ body: note, author: "Test inspector" })]);
    for (const report of [named, anonymous]) {
      const raw = await (await getReport(report.trackingCode, report.secret)).text();
      expect(raw).not.toContain("GHI CHÚ NỘI BỘ");
      expect(raw).not.toContain("phó chủ tịch");
    }
    expect((await auditRows(id)).at(-1)?.action).toBe("lead.note_added");
  });

  it("refuses an empty note (422 on /body)", async () => {
    const res = await call(inspector.cookie, `/api/leads/${id}/notes`, { method: "POST", body: { body: "  " } });
    expect((await expectProblem(res, 422)).errors?.map((e) => e.pointer)).toEqual(["/body"]);
  });

  it("sends a message to one reporter, or to all of the lead's reporters", async () => {
    const one = "Anh có giữ biên nhận hồ sơ không?";
    const all = "Đoàn kiểm tra đã tiếp nhận phản ánh, xin cảm ơn.";
    const toOne = await call(inspector.cookie, `/api/leads/${id}/messages`, {
      method: "POST",
      body: { body: one, trackingCode: named.trackingCode.toLowerCase() },
    });
    expect(toOne.status).toBe(201);
    const toAll = await call(inspector.cookie, `/api/leads/${id}/messages`, { method: "POST", body: { body: all } });
    expect(toAll.status).toBe(201);
    expect((await followPage(named)).messages.map((m) => [m.from, m.body])).toEqual([
      ["inspector", one],
      ["inspector", all],
    ]);
    expect((await followPage(anonymous)).messages.map((m) => m.body)).toEqual([all]);
    const sent = (await auditRows(id))
      .filter((r) => r.action === "lead.message_sent")
      .map((r) => JSON.parse(r.summary));
    expect(sent).toEqual([
      { to: [named.trackingCode] },
      { to: expect.arrayContaining([named.trackingCode, anonymous.trackingCode]) },
    ]);
  });

  it("answers 404 for a message to a report of another lead", async () => {
    const ward = await createUnit();
    const stranger = await fileBribe(ward.id);
    const res = await call(inspector.cookie, `/api/leads/${id}/messages`, {
      method: "POST",
      body: { body: "Xin chào", trackingCode: stranger.trackingCode },
    });
    await expectProblem(res, 404);
    expect((await followPage(stranger)).messages).toEqual([]);
  });

  // Changed for issue 12: only the lead's assignee and supervisors decrypt, so the inspector takes the lead
  // first, and every view carries a reason that the audit row keeps.
  it("decrypts a named reporter's contact for the assignee and a supervisor, auditing each view with its reason", async () => {
    const take = await call(inspector.cookie, `/api/leads/${id}/assignment`, {
      method: "POST",
      body: { assigneeId: inspector.user.id },
    });
    expect(take.status).toBe(200);
    const schema = z.object({ contact: ContactSchema.nullable() });
    for (const session of [inspector, supervisorA]) {
      const res = await call(session.cookie, `/api/leads/${id}/reports/${named.trackingCode}/contact`, {
        method: "POST",
        body: { reason: "Gọi lại để xác minh thời điểm" },
      });
      expect(res.status).toBe(200);
      expect(schema.parse(await res.json()).contact).toEqual(CONTACT);
    }
    const views = (await auditRows(id)).filter((r) => r.action === "report.contact_viewed");
    expect(views.map((v) => v.actor_id)).toEqual([inspector.user.id, supervisorA.user.id]);
    expect(views.map((v) => JSON.parse(v.summary))).toEqual([
      { trackingCode: named.trackingCode, reason: "Gọi lại để xác minh thời điểm" },
      { trackingCode: named.trackingCode, reason: "Gọi lại để xác minh thời điểm" },
    ]);
    expect(JSON.stringify(views)).not.toContain(CONTACT.email);
  });

  it("answers null for an anonymous report, and 404 for a report of another lead", async () => {
    const res = await call(inspector.cookie, `/api/leads/${id}/reports/${anonymous.trackingCode}/contact`, {
      method: "POST",
      body: { reason: "Gọi lại để xác minh" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ contact: null });
    const ward = await createUnit();
    const stranger = await fileBribe(ward.id, { track: "named", contact: CONTACT });
    const other = await call(inspector.cookie, `/api/leads/${id}/reports/${stranger.trackingCode}/contact`, {
      method: "POST",
      body: { reason: "Gọi lại để xác minh" },
    });
    await expectProblem(other, 404);
    expect((await auditRows(await leadIdOf(stranger.trackingCode))).map((r) => r.action)).toEqual(["lead.opened"]);
  });
});
