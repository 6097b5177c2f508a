import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { insertUnits } from "../support/fixtures";
import {
  auditByAction,
  conclusionBody,
  createInspection,
  expectInspection,
  expectMeasure,
  findingBody,
  followPage,
  getInspection,
  inspectionBody,
  measureAction,
  referredLead,
  uploadDocument,
} from "../support/inspections";
import { auditRows, call, createUnit, expectProblem, getLead, type Session, signIn } from "../support/leads";
import type { FiledReport } from "../support/reports";

let supervisor: Session;
let inspector: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await signIn("supervisor");
  inspector = await signIn("inspector");
});

describe("one inspection from a referred lead to a verified measure", () => {
  let unitId: string;
  let leadId: string;
  let report: FiledReport;
  let id: string;

  beforeAll(async () => {
    unitId = (await createUnit()).id;
    ({ leadId, report } = await referredLead(supervisor, unitId));
  });

  it("a supervisor creates it with the lead and an inspector; the creator joins the team", async () => {
    const inspection = await createInspection(
      supervisor.cookie,
      inspectionBody(unitId, { leadIds: [leadId], team: [{ userId: inspector.user.id, role: "head" }] }),
    );
    id = inspection.id;
    expect(inspection).toMatchObject({ status: "planned", type: "verification", year: 2027, leadCount: 1 });
    expect(inspection.team.map((m) => [m.userId, m.role])).toEqual(
      expect.arrayContaining([
        [inspector.user.id, "head"],
        [supervisor.user.id, "member"],
      ]),
    );
    expect(inspection.leads[0]?.reports[0]?.trackingCode).toBe(report.trackingCode);
    expect(inspection.leads[0]?.reports[0]?.description).toContain("bồi dưỡng");
    expect(inspection.allowedActions).toEqual(expect.arrayContaining(["move", "start", "edit_team"]));
    expect((await getLead(supervisor.cookie, leadId)).status).toBe("referred");
    expect((await auditRows(leadId)).map((r) => r.action)).toContain("lead.attached");
    expect((await auditRows(id)).map((r) => r.action)).toEqual(["inspection.created"]);
  });

  it("findings wait until it starts (409); a team member starts it", async () => {
    const early = await call(inspector.cookie, `/api/inspections/${id}/findings/${leadId}`, {
      method: "PUT",
      body: findingBody(),
    });
    await expectProblem(early, 409);
    const started = await expectInspection(
      await call(inspector.cookie, `/api/inspections/${id}/start`, { method: "POST" }),
    );
    expect(started.status).toBe("in_progress");
    expect(started.startedAt).not.toBeNull();
    await expectProblem(await call(inspector.cookie, `/api/inspections/${id}/start`, { method: "POST" }), 409);
  });

  it("concluding without a finding for every lead is 422", async () => {
    const res = await call(supervisor.cookie, `/api/inspections/${id}/conclusion`, {
      method: "POST",
      body: conclusionBody(),
    });
    const problem = await expectProblem(res, 422);
    expect(problem.errors?.[0]?.pointer).toBe(`/findings/${leadId}`);
  });

  it("the team records the finding (replaceable) and a PDF document", async () => {
    await expectInspection(
      await call(inspector.cookie, `/api/inspections/${id}/findings/${leadId}`, {
        method: "PUT",
        body: findingBody("partly_substantiated"),
      }),
    );
    const inspection = await expectInspection(
      await call(inspector.cookie, `/api/inspections/${id}/findings/${leadId}`, {
        method: "PUT",
        body: findingBody("substantiated", "Cán bộ địa chính"),
      }),
    );
    expect(inspection.leads[0]?.finding).toMatchObject({ outcome: "substantiated", position: "Cán bộ địa chính" });
    const upload = await uploadDocument(inspector.cookie, id);
    expect(upload.status, await upload.clone().text()).toBe(201);
    const doc = (await upload.json()) as { id: string; size: number };
    const download = await call(supervisor.cookie, `/api/inspections/${id}/documents/${doc.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    expect((await download.arrayBuffer()).byteLength).toBe(doc.size);
    expect((await getInspection(inspector.cookie, id)).documents).toHaveLength(1);
  });

  it("the conclusion sets the lead and its reports concluded with the outcome; the reporter sees it", async () => {
    const inspection = await expectInspection(
      await call(supervisor.cookie, `/api/inspections/${id}/conclusion`, {
        method: "POST",
        body: conclusionBody([
          { responsibleUnitId: unitId, description: "Niêm yết công khai thủ tục", deadline: "2099-12-31" },
        ]),
      }),
    );
    expect(inspection.status).toBe("concluded");
    expect(inspection.conclusion).toMatchObject({ implemented: false });
    expect(inspection.measures).toHaveLength(1);
    expect(inspection.measures[0]?.history.map((h) => h.action)).toEqual(["measure.created"]);
    expect((await getLead(supervisor.cookie, leadId)).status).toBe("concluded");
    const view = await followPage(report);
    expect(view.status).toBe("concluded");
    expect(view.outcome).toBe("substantiated");
    expect(view.outcomeSummary).toBe(findingBody().publicSummary);
    expect(view.events.at(-1)?.status).toBe("concluded");
    await expectProblem(
      await call(supervisor.cookie, `/api/inspections/${id}/conclusion`, { method: "POST", body: conclusionBody() }),
      409,
    );
  });

  it("the unit's response is recorded, verified by a team member, and the inspection closes", async () => {
    const measureId = (await getInspection(supervisor.cookie, id)).measures[0]?.id as string;
    await expectProblem(await measureAction(inspector.cookie, measureId, "verify"), 409);
    const responded = await expectMeasure(
      await measureAction(inspector.cookie, measureId, "response", { response: "Đã niêm yết tại bộ phận một cửa" }),
    );
    expect(responded.status).toBe("responded");
    const verified = await expectMeasure(await measureAction(inspector.cookie, measureId, "verify"));
    expect(verified).toMatchObject({ status: "verified", verifiedOnTime: true, verifiedBy: inspector.user.id });
    expect(verified.history.map((h) => h.action)).toEqual(["measure.created", "measure.responded", "measure.verified"]);
    const closed = await getInspection(supervisor.cookie, id);
    expect(closed.status).toBe("closed");
    expect(closed.conclusion?.implemented).toBe(true);
    expect((await auditByAction("inspection.closed")).some((r) => r.target_id === id)).toBe(true);
  });
});
