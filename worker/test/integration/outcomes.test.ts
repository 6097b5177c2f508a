import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { insertUnits } from "../support/fixtures";
import { concludedWith, contest, followPage, referredLead } from "../support/inspections";
import { auditRows, createUnit, expectProblem, getLead, listAllLeads, type Session, signIn } from "../support/leads";
import type { FiledReport } from "../support/reports";

let supervisor: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await signIn("supervisor");
});

const REASON = "Tôi không đồng ý: cán bộ vẫn đòi tiền sau khi đoàn kiểm tra làm việc.";

describe("the reporter and the outcome", () => {
  let report: FiledReport;
  let leadId: string;

  beforeAll(async () => {
    const unitId = (await createUnit()).id;
    ({ report, leadId } = await concludedWith(supervisor, unitId, [
      { responsibleUnitId: unitId, description: "Chấn chỉnh việc tiếp nhận hồ sơ", deadline: "2099-12-31" },
    ]));
  });

  it("sees concluded with the outcome and its public summary, nothing internal", async () => {
    const view = await followPage(report);
    expect(view).toMatchObject({ status: "concluded", outcome: "substantiated" });
    expect(view.outcomeSummary).toMatch(/có căn cứ/);
    expect(view.contestedAt).toBeUndefined();
    expect(JSON.stringify(view)).not.toMatch(/đối chiếu sổ/); // the reasoning stays internal
  });

  it("contests once with a reason; review reopens in the supervisors' queue", async () => {
    await expectProblem(await contest(report, "ngắn"), 422);
    const res = await contest(report, REASON);
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await followPage(report)).contestedAt).toBeDefined();
    const events = await auditRows(leadId);
    const contested = events.find((e) => e.action === "lead.outcome_contested");
    expect(contested?.actor_kind).toBe("reporter");
    expect(JSON.parse(contested?.summary ?? "{}")).toMatchObject({ reason: REASON, outcome: "substantiated" });
    expect((await listAllLeads(supervisor.cookie, { overdue: true })).map((l) => l.id)).toContain(leadId);
    expect((await getLead(supervisor.cookie, leadId)).events.map((e) => e.action)).toContain("lead.outcome_contested");
    const again = await expectProblem(await contest(report, REASON), 409);
    expect(again.code).toBe("limit_reached");
  });

  it("a report not yet concluded cannot be contested (409); a wrong secret is 404", async () => {
    const { report: open } = await referredLead(supervisor, (await createUnit()).id);
    expect((await followPage(open)).outcome).toBeUndefined();
    const res = await expectProblem(await contest(open, REASON), 409);
    expect(res.code).toBe("conflict");
    await expectProblem(await contest({ ...open, secret: "wrong-secret" }, REASON), 404);
  });
});
