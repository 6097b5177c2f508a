import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { LeadDetailSchema } from "../../src/contracts/leads";
import { insertUnits } from "../support/fixtures";
import { concludedWith, contest, followPage } from "../support/inspections";
import {
  auditRows,
  call,
  createUnit,
  expectProblem,
  getLead,
  listAllLeads,
  type Session,
  signIn,
} from "../support/leads";
import type { FiledReport } from "../support/reports";

const REASON = "Tôi không đồng ý: cán bộ vẫn đòi tiền sau khi đoàn kiểm tra làm việc.";
const UPHOLD = "Đã đối chiếu lại hồ sơ; phản ánh mới không có chứng cứ khác với lần xác minh.";
const REOPEN = "Người phản ánh cung cấp tình tiết mới cần xác minh lại.";

let supervisor: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await signIn("supervisor");
});

/** A concluded lead about a fresh unit, its outcome contested (unless `contested` is false). */
async function concludedLead(contested = true): Promise<{ leadId: string; report: FiledReport; unitId: string }> {
  const unitId = (await createUnit()).id;
  const { leadId, report } = await concludedWith(supervisor, unitId, [
    { responsibleUnitId: unitId, description: "Chấn chỉnh việc tiếp nhận hồ sơ", deadline: "2099-12-31" },
  ]);
  if (contested) expect((await contest(report, REASON)).status).toBe(201);
  return { leadId, report, unitId };
}

function resolve(cookie: string, leadId: string, body: unknown): Promise<Response> {
  return call(cookie, `/api/leads/${leadId}/contest-resolution`, { method: "POST", body });
}

async function expectLead(res: Response) {
  expect(res.status, await res.clone().text()).toBe(200);
  return LeadDetailSchema.parse(await res.json());
}

async function contestRow(reportTrackingCode: string) {
  return env.DB.prepare(
    "SELECT c.resolved_at, c.resolved_by FROM outcome_contests c JOIN reports r ON r.id = c.report_id WHERE r.tracking_code = ?",
  )
    .bind(reportTrackingCode)
    .first<{ resolved_at: string | null; resolved_by: string | null }>();
}

describe("POST /api/leads/{id}/contest-resolution", () => {
  it("uphold: the outcome stays, the contest is resolved, the lead leaves the overdue queue", async () => {
    const { leadId, report } = await concludedLead();
    const before = await getLead(supervisor.cookie, leadId);
    expect(before.contest).toMatchObject({ reason: REASON, resolvedAt: null });
    expect(before.overdue).toBe(true);

    await expectProblem(await resolve(supervisor.cookie, leadId, { decision: "uphold", reason: "ngắn" }), 422);
    await expectProblem(await resolve(supervisor.cookie, leadId, { decision: "maybe", reason: UPHOLD }), 422);

    const lead = await expectLead(await resolve(supervisor.cookie, leadId, { decision: "uphold", reason: UPHOLD }));
    expect(lead).toMatchObject({ status: "concluded", overdue: false });
    expect(lead.contest?.resolvedAt).toEqual(expect.any(String));
    expect(lead.events.map((e) => e.action)).toContain("lead.contest_upheld");
    const row = await contestRow(report.trackingCode);
    expect(row?.resolved_by).toBe(supervisor.user.id);
    expect((await listAllLeads(supervisor.cookie, { overdue: true })).map((l) => l.id)).not.toContain(leadId);
    expect(await followPage(report)).toMatchObject({ status: "concluded", outcome: "substantiated" });
    const audit = (await auditRows(leadId)).find((e) => e.action === "lead.contest_upheld");
    expect(audit?.actor_id).toBe(supervisor.user.id);
    expect(JSON.parse(audit?.summary ?? "{}")).toMatchObject({ after: { status: "concluded", reason: UPHOLD } });
  });

  it("reopen: the lead and its reports go back to in_review, with a timeline row for the reporter", async () => {
    const { leadId, report } = await concludedLead();
    const lead = await expectLead(await resolve(supervisor.cookie, leadId, { decision: "reopen", reason: REOPEN }));
    expect(lead).toMatchObject({ status: "in_review", overdue: false });
    expect(lead.allowedTransitions).toContain("referred");
    expect(lead.events.map((e) => e.action)).toContain("lead.contest_reopened");
    const view = await followPage(report);
    expect(view.status).toBe("in_review");
    expect(view.outcome).toBeUndefined();
    const events = await env.DB.prepare(
      "SELECT e.status FROM report_events e JOIN reports r ON r.id = e.report_id WHERE r.tracking_code = ? ORDER BY e.at, e.rowid",
    )
      .bind(report.trackingCode)
      .all<{ status: string }>();
    expect(events.results.at(-1)?.status).toBe("in_review");
    // The inspection that concluded it stays linked (the finding is part of its record).
    const link = await env.DB.prepare("SELECT count(*) AS n FROM inspection_leads WHERE lead_id = ?")
      .bind(leadId)
      .first<{ n: number }>();
    expect(link?.n).toBe(1);
  });

  it("is for supervisors only: an inspector and an admin get 403", async () => {
    const { leadId } = await concludedLead();
    const inspector = await signIn("inspector");
    const admin = await signIn("admin");
    await expectProblem(await resolve(inspector.cookie, leadId, { decision: "uphold", reason: UPHOLD }), 403);
    await expectProblem(await resolve(admin.cookie, leadId, { decision: "uphold", reason: UPHOLD }), 403);
    expect((await getLead(supervisor.cookie, leadId)).contest?.resolvedAt).toBeNull();
  });

  it("is 404 when the outcome was never contested, and contest is null on the lead", async () => {
    const { leadId } = await concludedLead(false);
    expect((await getLead(supervisor.cookie, leadId)).contest).toBeNull();
    await expectProblem(await resolve(supervisor.cookie, leadId, { decision: "uphold", reason: UPHOLD }), 404);
  });

  it("is 409 the second time, whatever the decision", async () => {
    const { leadId } = await concludedLead();
    await expectLead(await resolve(supervisor.cookie, leadId, { decision: "uphold", reason: UPHOLD }));
    await expectProblem(await resolve(supervisor.cookie, leadId, { decision: "uphold", reason: UPHOLD }), 409);
    await expectProblem(await resolve(supervisor.cookie, leadId, { decision: "reopen", reason: REOPEN }), 409);
  });

  it("is 404 for a supervisor recused from the unit", async () => {
    const { leadId, unitId } = await concludedLead();
    const recused = await signIn("supervisor", { ties: [unitId] });
    await expectProblem(await resolve(recused.cookie, leadId, { decision: "reopen", reason: REOPEN }), 404);
    expect((await getLead(supervisor.cookie, leadId)).status).toBe("concluded");
  });
});
