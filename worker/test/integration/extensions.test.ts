import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { type Measure, MeasureListSchema } from "../../src/contracts/inspections";
import { type LeadDetail, LeadDetailSchema } from "../../src/contracts/leads";
import { runScheduled } from "../../src/jobs/scheduled";
import { insertUnits } from "../support/fixtures";
import { concludedWith, expectMeasure, followPage, referredLead } from "../support/inspections";
import {
  auditRows,
  call,
  createUnit,
  expectProblem,
  fileBribe,
  leadIdOf,
  listAllLeads,
  type Session,
  signIn,
} from "../support/leads";
import type { FiledReport } from "../support/reports";

const REASON = "Cần thêm thời gian xác minh với bộ phận một cửa và người phản ánh.";
const EN = { "Accept-Language": "en" };

let supervisor: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await signIn("supervisor");
});

function extendLead(cookie: string, id: string, body: unknown, headers: Record<string, string> = {}) {
  return call(cookie, `/api/leads/${id}/extension`, { method: "POST", body, headers });
}

function extendMeasure(cookie: string, id: string, body: unknown, headers: Record<string, string> = {}) {
  return call(cookie, `/api/measures/${id}/extension`, { method: "POST", body, headers });
}

async function expectLead(res: Response): Promise<LeadDetail> {
  expect(res.status, await res.clone().text()).toBe(200);
  return LeadDetailSchema.parse(await res.json());
}

/** A new lead about a fresh unit, with its report. */
async function newLead(): Promise<{ leadId: string; report: FiledReport; unitId: string }> {
  const unitId = (await createUnit()).id;
  const report = await fileBribe(unitId);
  return { leadId: await leadIdOf(report.trackingCode), report, unitId };
}

/** A Hanoi calendar date `days` from now. */
function inDays(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

describe("POST /api/leads/{id}/extension", () => {
  it("moves the deadline to a date, then by working days across Tết; audited, shown to the reporter, off the overdue queue", async () => {
    const { leadId, report } = await newLead();
    // acknowledged, then its decision deadline passes and the cron marks it overdue
    await call(supervisor.cookie, `/api/leads/${leadId}/transitions`, { method: "POST", body: { to: "in_review" } });
    await env.DB.prepare("UPDATE leads SET due_at = ? WHERE id = ?").bind("2026-06-12T17:00:00.000Z", leadId).run();
    await runScheduled(env, new Date());
    expect((await listAllLeads(supervisor.cookie, { overdue: true })).map((l) => l.id)).toContain(leadId);

    const dated = await expectLead(
      await extendLead(supervisor.cookie, leadId, { dueOn: "2027-02-04", reason: REASON }),
    );
    expect(dated).toMatchObject({ dueAt: "2027-02-04T17:00:00.000Z", overdue: false });
    expect((await listAllLeads(supervisor.cookie, { overdue: true })).map((l) => l.id)).not.toContain(leadId);

    // Thursday 4/2/2027, then Tết (Friday 5 to Thursday 11 February): two working days are 12 and 15 February
    const counted = await expectLead(await extendLead(supervisor.cookie, leadId, { workingDays: 2, reason: REASON }));
    expect(counted.dueAt).toBe("2027-02-15T17:00:00.000Z");
    expect(counted.extensions).toEqual([
      expect.objectContaining({ previousDueOn: "2027-02-04", newDueOn: "2027-02-15", workingDays: 2, reason: REASON }),
      expect.objectContaining({ previousDueOn: "2026-06-12", newDueOn: "2027-02-04", workingDays: null }),
    ]);
    expect(counted.extensions?.[0]?.grantedBy).toEqual(expect.any(String));

    const audit = (await auditRows(leadId)).filter((e) => e.action === "lead.deadline_extended");
    expect(audit).toHaveLength(2);
    expect(audit[1]?.actor_id).toBe(supervisor.user.id);
    expect(JSON.parse(audit[1]?.summary ?? "{}")).toMatchObject({
      before: { dueOn: "2027-02-04", dueAt: "2027-02-04T17:00:00.000Z" },
      after: { dueOn: "2027-02-15", dueAt: "2027-02-15T17:00:00.000Z" },
      workingDays: 2,
      reason: REASON,
    });

    // the reporter sees the new date, without the reason or a name, and the status is unchanged
    const view = await followPage(report);
    expect(view.status).toBe("in_review");
    const notes = view.events.flatMap((e) => (e.note ? [e.note] : []));
    expect(notes.slice(-2)).toEqual([
      "Thời hạn xử lý được gia hạn đến 04/02/2027",
      "Thời hạn xử lý được gia hạn đến 15/02/2027",
    ]);
    expect(JSON.stringify(view)).not.toContain(REASON);

    // the cron no longer finds it late
    await runScheduled(env, new Date());
    expect((await listAllLeads(supervisor.cookie, { overdue: true })).map((l) => l.id)).not.toContain(leadId);
  });

  it("refuses a weekend or holiday, a date not after the deadline, neither or both, and a missing reason (vi and en)", async () => {
    const { leadId } = await newLead();
    const saturday = await expectProblem(
      await extendLead(supervisor.cookie, leadId, { dueOn: "2026-06-27", reason: REASON }),
      422,
    );
    expect(saturday.errors).toEqual([
      {
        pointer: "/dueOn",
        message: "Ngày hạn mới phải là ngày làm việc (không phải thứ Bảy, Chủ nhật hay ngày nghỉ lễ)",
      },
    ]);
    const tet = await expectProblem(
      await extendLead(supervisor.cookie, leadId, { dueOn: "2027-02-08", reason: REASON }, EN),
      422,
    );
    expect(tet.errors).toEqual([
      { pointer: "/dueOn", message: "The new due date must be a working day (not a weekend or a public holiday)" },
    ]);
    const earlier = await expectProblem(
      await extendLead(supervisor.cookie, leadId, { dueOn: "2026-06-16", reason: REASON }, EN),
      422,
    );
    expect(earlier.errors?.[0]).toMatchObject({
      pointer: "/dueOn",
      message: expect.stringMatching(/after the current/),
    });
    const neither = await expectProblem(await extendLead(supervisor.cookie, leadId, { reason: REASON }), 422);
    expect(neither.errors?.[0]).toMatchObject({ pointer: "/dueOn", message: expect.stringMatching(/một trong hai/) });
    await expectProblem(
      await extendLead(supervisor.cookie, leadId, { dueOn: "2026-07-01", workingDays: 2, reason: REASON }),
      422,
    );
    const noReason = await expectProblem(await extendLead(supervisor.cookie, leadId, { workingDays: 2 }), 422);
    expect(noReason.errors?.map((e) => e.pointer)).toEqual(["/reason"]);
    await expectProblem(await extendLead(supervisor.cookie, leadId, { workingDays: 2, reason: "   " }), 422);
    await expectProblem(await extendLead(supervisor.cookie, leadId, { workingDays: 0, reason: REASON }), 422);
    await expectProblem(await extendLead(supervisor.cookie, leadId, { dueOn: "2026-02-30", reason: REASON }), 422);
    const row = await env.DB.prepare("SELECT count(*) AS n FROM deadline_extensions WHERE target_id = ?")
      .bind(leadId)
      .first<{ n: number }>();
    expect(row?.n).toBe(0);
  });

  it("is for supervisors only, 404 when recused, 409 once the lead is decided", async () => {
    const { leadId, unitId } = await newLead();
    const inspector = await signIn("inspector");
    const admin = await signIn("admin");
    const recused = await signIn("supervisor", { ties: [unitId] });
    const body = { workingDays: 2, reason: REASON };
    await expectProblem(await extendLead(inspector.cookie, leadId, body), 403);
    await expectProblem(await extendLead(admin.cookie, leadId, body), 403);
    await expectProblem(await extendLead(recused.cookie, leadId, body), 404);
    await expectProblem(await extendLead(undefined as unknown as string, leadId, body), 401);

    const referred = await referredLead(supervisor, (await createUnit()).id);
    await expectProblem(await extendLead(supervisor.cookie, referred.leadId, body), 409);
    expect((await auditRows(leadId)).map((e) => e.action)).not.toContain("lead.deadline_extended");
  });
});

describe("POST /api/measures/{id}/extension", () => {
  async function listMeasures(query: string): Promise<Measure[]> {
    const res = await call(supervisor.cookie, `/api/measures?${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return MeasureListSchema.parse(await res.json()).items;
  }

  it("moves an overdue measure's deadline from today, opens it again and records it in its history", async () => {
    const unitId = (await createUnit()).id;
    const { inspection } = await concludedWith(supervisor, unitId, [
      { responsibleUnitId: unitId, description: "Niêm yết công khai thủ tục", deadline: inDays(10) },
    ]);
    const id = inspection.measures[0]?.id as string;
    await env.DB.prepare("UPDATE measures SET deadline = ? WHERE id = ?").bind(inDays(-3), id).run();
    await runScheduled(env, new Date());
    expect((await listMeasures("due=overdue")).map((m) => m.id)).toContain(id);

    // Monday 15/6/2026: three working days from today (the deadline has passed) is Thursday 18/6
    const measure = await expectMeasure(await extendMeasure(supervisor.cookie, id, { workingDays: 3, reason: REASON }));
    expect(measure).toMatchObject({ deadline: "2026-06-18", status: "open", overdueSince: null });
    expect(measure.history.map((h) => h.action)).toContain("measure.deadline_extended");
    expect((await listMeasures("due=overdue")).map((m) => m.id)).not.toContain(id);
    expect((await listMeasures("due=soon")).map((m) => m.id)).toContain(id);

    const dated = await expectMeasure(
      await extendMeasure(supervisor.cookie, id, { dueOn: "2026-07-01", reason: REASON }),
    );
    expect(dated.deadline).toBe("2026-07-01");
    await expectProblem(await extendMeasure(supervisor.cookie, id, { dueOn: "2026-07-04", reason: REASON }), 422);
    const inspector = await signIn("inspector");
    await expectProblem(await extendMeasure(inspector.cookie, id, { workingDays: 1, reason: REASON }), 403);
    const recused = await signIn("supervisor", { ties: [unitId] });
    await expectProblem(await extendMeasure(recused.cookie, id, { workingDays: 1, reason: REASON }), 404);
    const { results } = await env.DB.prepare(
      "SELECT previous_due_on, new_due_on FROM deadline_extensions WHERE target_type = 'measure' AND target_id = ? ORDER BY granted_at, rowid",
    )
      .bind(id)
      .all<{ previous_due_on: string; new_due_on: string }>();
    expect(results).toEqual([
      { previous_due_on: inDays(-3), new_due_on: "2026-06-18" },
      { previous_due_on: "2026-06-18", new_due_on: "2026-07-01" },
    ]);
  });
});
