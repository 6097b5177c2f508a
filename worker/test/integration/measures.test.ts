import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { type Measure, MeasureListSchema } from "../../src/contracts/inspections";
import { runScheduled } from "../../src/jobs/scheduled";
import { insertUnits } from "../support/fixtures";
import { auditByAction, concludedWith, expectMeasure, getInspection, measureAction } from "../support/inspections";
import { call, createUnit, expectProblem, type Session, signIn } from "../support/leads";

let supervisor: Session;
let inspector: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await signIn("supervisor");
  inspector = await signIn("inspector");
});

/** A Hanoi calendar date `days` from now. */
function inDays(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

async function listMeasures(query: string): Promise<Measure[]> {
  const res = await call(supervisor.cookie, `/api/measures?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return MeasureListSchema.parse(await res.json()).items;
}

describe("a measure past its deadline", () => {
  let unitId: string;
  let inspectionId: string;
  let late: string;
  let soon: string;
  let deadline = inDays(3);

  beforeAll(async () => {
    unitId = (await createUnit()).id;
    const { inspection } = await concludedWith(supervisor, unitId, [
      { responsibleUnitId: unitId, description: "Niêm yết thủ tục", deadline },
      { responsibleUnitId: unitId, description: "Tập huấn cán bộ một cửa", deadline: inDays(200) },
    ]);
    inspectionId = inspection.id;
    late = inspection.measures.find((m) => m.deadline === deadline)?.id as string;
    soon = inspection.measures.find((m) => m.deadline !== deadline)?.id as string;
  });

  it("is due soon before its deadline, filtered by unit and status", async () => {
    expect((await listMeasures("due=soon")).map((m) => m.id)).toContain(late);
    expect((await listMeasures("due=soon")).map((m) => m.id)).not.toContain(soon);
    expect((await listMeasures(`unitId=${unitId}&status=open`)).map((m) => m.id).sort()).toEqual([late, soon].sort());
    await expectProblem(await call(supervisor.cookie, "/api/measures?due=later"), 422);
  });

  it("stays open through the last day of the deadline (Hanoi), then the cron marks it overdue and escalates", async () => {
    // the API refuses past deadlines, so the deadline is moved back in D1 to make the response late
    deadline = inDays(-2);
    await env.DB.prepare("UPDATE measures SET deadline = ? WHERE id = ?").bind(deadline, late).run();
    const lastMinute = new Date(Date.parse(`${deadline}T23:59:00+07:00`));
    await runScheduled(env, lastMinute);
    expect((await listMeasures(`inspectionId=${inspectionId}&status=overdue`)).map((m) => m.id)).toEqual([]);

    const nextDay = new Date(Date.parse(`${deadline}T00:00:00+07:00`) + 86_400_000 + 60_000);
    const result = await runScheduled(env, nextDay);
    expect(result.measuresOverdue).toBeGreaterThanOrEqual(1);
    const overdue = await listMeasures("due=overdue");
    const measure = overdue.find((m) => m.id === late);
    // overdue since the end of the deadline day, whenever the job noticed
    expect(measure).toMatchObject({
      status: "overdue",
      overdueSince: new Date(Date.parse(`${deadline}T00:00:00+07:00`) + 86_400_000).toISOString(),
    });
    expect(measure?.lastEscalatedAt).toBe(nextDay.toISOString());
    // (ordered by time, and the cron ran at a simulated past time, hence sorted here)
    expect(measure?.history.map((h) => h.action).sort()).toEqual([
      "measure.created",
      "measure.escalated",
      "measure.overdue",
    ]);
    expect(overdue.some((m) => m.id === soon)).toBe(false);
    const escalations = (await auditByAction("measure.escalated")).filter((r) => r.target_id === late);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]?.actor_kind).toBe("system");

    // not again an hour later; again after five working days
    await runScheduled(env, new Date(nextDay.getTime() + 3600_000));
    expect((await auditByAction("measure.escalated")).filter((r) => r.target_id === late)).toHaveLength(1);
    await runScheduled(env, new Date(nextDay.getTime() + 10 * 86_400_000));
    expect((await auditByAction("measure.escalated")).filter((r) => r.target_id === late)).toHaveLength(2);
  });

  it("a late response is recorded, can be rejected (back to overdue), and verified late", async () => {
    const responded = await expectMeasure(
      await measureAction(inspector.cookie, late, "response", { response: "Đơn vị báo cáo đã niêm yết" }),
    );
    expect(responded.status).toBe("responded");
    await expectProblem(await measureAction(inspector.cookie, late, "reject", { reason: "Chưa đủ" }), 403);
    await expectProblem(await measureAction(supervisor.cookie, late, "reject", {}), 422);
    const rejected = await expectMeasure(
      await measureAction(supervisor.cookie, late, "reject", { reason: "Chưa có ảnh chụp bảng niêm yết" }),
    );
    expect(rejected.status).toBe("overdue");
    await expectProblem(await measureAction(supervisor.cookie, late, "reject", { reason: "Lần nữa" }), 409);
    await measureAction(inspector.cookie, late, "response", { response: "Kèm ảnh chụp bảng niêm yết" });
    const verified = await expectMeasure(await measureAction(supervisor.cookie, late, "verify"));
    expect(verified).toMatchObject({ status: "verified", verifiedOnTime: false });
    await expectProblem(await measureAction(inspector.cookie, late, "response", { response: "Muộn" }), 409);
  });

  it("the inspection closes only when every measure is verified", async () => {
    expect((await getInspection(supervisor.cookie, inspectionId)).status).toBe("concluded");
    const rejectedOnTime = await expectMeasure(
      await measureAction(inspector.cookie, soon, "response", { response: "Đã tổ chức tập huấn" }),
    );
    expect(rejectedOnTime.status).toBe("responded");
    const reopened = await expectMeasure(
      await measureAction(supervisor.cookie, soon, "reject", { reason: "Thiếu danh sách" }),
    );
    expect(reopened.status).toBe("open");
    await measureAction(inspector.cookie, soon, "response", { response: "Kèm danh sách học viên" });
    await expectMeasure(await measureAction(supervisor.cookie, soon, "verify"));
    const inspection = await getInspection(supervisor.cookie, inspectionId);
    expect(inspection.status).toBe("closed");
    expect(inspection.conclusion?.implemented).toBe(true);
  });

  it("unknown measures are 404", async () => {
    await expectProblem(await measureAction(supervisor.cookie, "nope", "verify"), 404);
  });
});
