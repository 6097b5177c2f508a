import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { PlanSchema } from "../../src/contracts/inspections";
import { insertUnits } from "../support/fixtures";
import {
  concludedWith,
  conclusionBody,
  contest,
  createInspection,
  expectInspection,
  findingBody,
  followPage,
  inspectionBody,
} from "../support/inspections";
import { call, createUnit, expectProblem, getLead, moveLead, type Session, signIn } from "../support/leads";

const CONTEST = "Tôi không đồng ý: cán bộ vẫn đòi tiền sau khi đoàn kiểm tra làm việc.";
const REOPEN = "Người phản ánh cung cấp tình tiết mới cần xác minh lại.";

let supervisor: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await signIn("supervisor");
});

async function plannable(year: number): Promise<string[]> {
  const res = await call(supervisor.cookie, `/api/plan?year=${year}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return PlanSchema.parse(await res.json()).unattached.flatMap((u) => u.leads.map((l) => l.id));
}

describe("re-inspection of a lead reopened by a contest", () => {
  it("contest → reopen → referred again → a new inspection → a second finding; history keeps both, the reporter sees the latest", async () => {
    const unitId = (await createUnit()).id;
    const first = await concludedWith(supervisor, unitId, [
      { responsibleUnitId: unitId, description: "Chấn chỉnh việc tiếp nhận hồ sơ", deadline: "2099-12-31" },
    ]);
    const { leadId, report } = first;
    expect((await followPage(report)).outcome).toBe("substantiated");
    expect((await contest(report, CONTEST)).status).toBe(201);
    const reopened = await call(supervisor.cookie, `/api/leads/${leadId}/contest-resolution`, {
      method: "POST",
      body: { decision: "reopen", reason: REOPEN },
    });
    expect(reopened.status, await reopened.clone().text()).toBe(200);
    await moveLead(supervisor.cookie, leadId, { to: "referred" });

    // the plan lists it again, as waiting for a visit
    expect(await plannable(2027)).toContain(leadId);

    const second = await createInspection(supervisor.cookie, inspectionBody(unitId, { leadIds: [leadId] }));
    expect(second.leads.map((l) => l.id)).toEqual([leadId]);
    expect(await plannable(2027)).not.toContain(leadId);
    // while that inspection is live, the lead cannot join a third one
    const third = await call(supervisor.cookie, "/api/inspections", {
      method: "POST",
      body: inspectionBody(unitId, { type: "surprise", leadIds: [leadId] }),
    });
    expect((await expectProblem(third, 422)).errors?.map((e) => e.pointer)).toEqual(["/leadIds/0"]);

    await expectInspection(await call(supervisor.cookie, `/api/inspections/${second.id}/start`, { method: "POST" }));
    // the first inspection's finding does not count for the second one
    const early = await call(supervisor.cookie, `/api/inspections/${second.id}/conclusion`, {
      method: "POST",
      body: conclusionBody([]),
    });
    expect((await expectProblem(early, 422)).errors?.map((e) => e.pointer)).toEqual([`/findings/${leadId}`]);
    await expectInspection(
      await call(supervisor.cookie, `/api/inspections/${second.id}/findings/${leadId}`, {
        method: "PUT",
        body: { ...findingBody("not_substantiated"), publicSummary: "Xác minh lại: chưa đủ căn cứ kết luận." },
      }),
    );
    await expectInspection(
      await call(supervisor.cookie, `/api/inspections/${second.id}/conclusion`, {
        method: "POST",
        body: conclusionBody([]),
      }),
    );

    const lead = await getLead(supervisor.cookie, leadId);
    expect(lead.status).toBe("concluded");
    expect(lead.inspections?.map((i) => [i.inspectionId, i.finding?.outcome])).toEqual([
      [second.id, "not_substantiated"],
      [first.inspection.id, "substantiated"],
    ]);
    const view = await followPage(report);
    expect(view).toMatchObject({
      status: "concluded",
      outcome: "not_substantiated",
      outcomeSummary: "Xác minh lại: chưa đủ căn cứ kết luận.",
    });
    const rows = await env.DB.prepare(
      "SELECT inspection_id, outcome FROM findings WHERE lead_id = ? ORDER BY recorded_at",
    )
      .bind(leadId)
      .all<{ inspection_id: string; outcome: string }>();
    expect(rows.results).toEqual([
      { inspection_id: first.inspection.id, outcome: "substantiated" },
      { inspection_id: second.id, outcome: "not_substantiated" },
    ]);
    // the first inspection's record is unchanged
    const firstAgain = await expectInspection(await call(supervisor.cookie, `/api/inspections/${first.inspection.id}`));
    expect(firstAgain.leads.map((l) => [l.id, l.finding?.outcome])).toEqual([[leadId, "substantiated"]]);
  });
});
