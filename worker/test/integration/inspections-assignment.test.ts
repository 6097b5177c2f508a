import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { InspectionListSchema } from "../../src/contracts/inspections";
import { insertUnits } from "../support/fixtures";
import { createInspection, expectInspection, getInspection, inspectionBody } from "../support/inspections";
import { auditRows, call, createUnit, expectProblem, type Session, signIn } from "../support/leads";

/**
 * `POST /api/inspections/{id}/assignment` and `GET /api/inspections?assignee=`
 * (issue 12): supervisors put an inspector who is not recused from the unit
 * in charge of an inspection; an inspector takes an unassigned one; every
 * change is audited; the detail and the list show who is in charge.
 */

const EN = { "Accept-Language": "en" };

let supervisor: Session;
let inspector: Session;
let colleague: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  [supervisor, inspector, colleague] = await Promise.all([
    signIn("supervisor"),
    signIn("inspector"),
    signIn("inspector"),
  ]);
});

async function visit(unitId?: string, overrides: Parameters<typeof inspectionBody>[1] = {}): Promise<string> {
  const unit = unitId ?? (await createUnit()).id;
  return (await createInspection(supervisor.cookie, inspectionBody(unit, overrides))).id;
}

function assign(session: Session, id: string, assigneeId: string | null, headers: Record<string, string> = {}) {
  return call(session.cookie, `/api/inspections/${id}/assignment`, {
    method: "POST",
    body: { assigneeId },
    headers,
  });
}

async function list(session: Session, query: string) {
  const res = await call(session.cookie, `/api/inspections?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return InspectionListSchema.parse(await res.json()).items;
}

describe("assigning an inspection", () => {
  it("lets a supervisor assign and reassign; shows the assignee on the detail and the list; audits each change", async () => {
    const id = await visit();
    expect((await getInspection(supervisor.cookie, id)).assignee).toBeNull();
    const assigned = await expectInspection(await assign(supervisor, id, inspector.user.id));
    const name = await env.DB.prepare("SELECT display_name FROM users WHERE id = ?")
      .bind(inspector.user.id)
      .first<string>("display_name");
    expect(assigned.assignee).toEqual({ id: inspector.user.id, name });
    const reassigned = await expectInspection(await assign(supervisor, id, colleague.user.id));
    expect(reassigned.assignee?.id).toBe(colleague.user.id);
    expect(reassigned.events.filter((e) => e.action === "inspection.assigned").map((e) => e.summary)).toEqual([
      { from: null, to: inspector.user.id },
      { from: inspector.user.id, to: colleague.user.id },
    ]);
    const rows = await auditRows(id);
    expect(rows.filter((r) => r.action === "inspection.assigned").map((r) => r.actor_id)).toEqual([
      supervisor.user.id,
      supervisor.user.id,
    ]);
    const listed = (await list(colleague, "assignee=me")).find((i) => i.id === id);
    expect(listed?.assignee?.id).toBe(colleague.user.id);
  });

  it("lets an inspector take an unassigned inspection and release it, but not take someone else's", async () => {
    const id = await visit();
    expect((await list(inspector, "assignee=none")).map((i) => i.id)).toContain(id);
    const taken = await expectInspection(await assign(inspector, id, inspector.user.id));
    expect(taken.assignee?.id).toBe(inspector.user.id);
    expect((await list(inspector, "assignee=me")).map((i) => i.id)).toContain(id);
    expect((await list(inspector, "assignee=none")).map((i) => i.id)).not.toContain(id);

    const vi = await expectProblem(await assign(colleague, id, colleague.user.id), 409);
    expect(vi.detail).toBe("Cuộc kiểm tra đã được giao cho cán bộ khác; chỉ lãnh đạo mới giao lại được");
    const en = await expectProblem(await assign(colleague, id, colleague.user.id, EN), 409);
    expect(en.detail).toBe("The inspection is already assigned to someone else; only a supervisor can reassign it");

    const released = await expectInspection(await assign(inspector, id, null));
    expect(released.assignee).toBeNull();
    expect((await auditRows(id)).map((r) => r.action)).toContain("inspection.unassigned");
  });

  it("writes nothing when the assignee does not change", async () => {
    const id = await visit();
    await expectInspection(await assign(supervisor, id, inspector.user.id));
    const before = (await auditRows(id)).length;
    await expectInspection(await assign(supervisor, id, inspector.user.id));
    expect(await auditRows(id)).toHaveLength(before);
  });
});

describe("refusals, in Vietnamese or English", () => {
  it("refuses an inspector assigning someone else (403)", async () => {
    const id = await visit();
    const vi = await expectProblem(await assign(inspector, id, colleague.user.id), 403);
    expect(vi.detail).toContain("Cán bộ kiểm tra chỉ tự nhận cuộc kiểm tra chưa giao");
    const en = await expectProblem(await assign(inspector, id, colleague.user.id, EN), 403);
    expect(en.detail).toBe(
      "An inspector may only take an unassigned inspection or release their own; supervisors assign others",
    );
  });

  it("refuses a recused assignee, an unknown account and an administrator (422 at /assigneeId)", async () => {
    const unit = await createUnit();
    const id = await visit(unit.id);
    const tied = await signIn("inspector", { ties: [unit.id] });
    const recused = await expectProblem(await assign(supervisor, id, tied.user.id, EN), 422);
    expect(recused.errors?.map((e) => e.pointer)).toEqual(["/assigneeId"]);
    expect(recused.detail).toBe("This person is recused: they are tied to the inspected unit");
    const vi = await expectProblem(await assign(supervisor, id, tied.user.id), 422);
    expect(vi.detail).toBe("Cán bộ này phải tránh: có liên hệ với đơn vị được kiểm tra");
    await expectProblem(await assign(supervisor, id, "no-such-user"), 422);
    const admin = await signIn("admin");
    await expectProblem(await assign(supervisor, id, admin.user.id), 422);
    await expectProblem(
      await call(supervisor.cookie, `/api/inspections/${id}/assignment`, { method: "POST", body: {} }),
      422,
    );
  });

  it("refuses a cancelled inspection (409) and an unknown one (404)", async () => {
    const id = await visit();
    const cancelled = await call(supervisor.cookie, `/api/inspections/${id}/cancel`, {
      method: "POST",
      body: { reason: "Đơn vị đang sáp nhập, chuyển sang đợt sau." },
    });
    expect(cancelled.status, await cancelled.clone().text()).toBe(200);
    const problem = await expectProblem(await assign(supervisor, id, inspector.user.id, EN), 409);
    expect(problem.detail).toBe("The inspection is closed or cancelled and cannot be assigned");
    await expectProblem(await assign(supervisor, "no-such-inspection", inspector.user.id), 404);
  });

  it("assigns a surprise inspection only to a member of its team", async () => {
    const id = await visit(undefined, { type: "surprise", team: [{ userId: inspector.user.id, role: "member" }] });
    const problem = await expectProblem(await assign(supervisor, id, colleague.user.id, EN), 422);
    expect(problem.detail).toBe("A surprise inspection can only be assigned to a member of its team");
    expect((await expectInspection(await assign(supervisor, id, inspector.user.id))).assignee?.id).toBe(
      inspector.user.id,
    );
  });
});

describe("who may see and filter", () => {
  it("hides the inspection from a recused inspector (404), refuses the signed-out (401)", async () => {
    const unit = await createUnit();
    const id = await visit(unit.id);
    const tied = await signIn("inspector", { ties: [unit.id] });
    await expectProblem(await assign(tied, id, tied.user.id), 404);
    expect((await list(tied, "assignee=none")).map((i) => i.id)).not.toContain(id);
    await expectProblem(
      await call(undefined, `/api/inspections/${id}/assignment`, { method: "POST", body: { assigneeId: null } }),
      401,
    );
  });

  it("lets a supervisor filter by anyone's id, and refuses an inspector another person's id (403)", async () => {
    const id = await visit();
    await expectInspection(await assign(supervisor, id, colleague.user.id));
    expect((await list(supervisor, `assignee=${colleague.user.id}`)).map((i) => i.id)).toContain(id);
    await expectProblem(await call(inspector.cookie, `/api/inspections?assignee=${colleague.user.id}`), 403);
  });
});
