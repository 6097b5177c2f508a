import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { InspectionListSchema, MeasureListSchema, PlanSchema } from "../../src/contracts/inspections";
import { insertUnits } from "../support/fixtures";
import { concludedWith, createInspection, inspectionBody } from "../support/inspections";
import { call, createUnit, createWardWithDesk, expectProblem, type Session, signIn } from "../support/leads";

/**
 * The role matrix over the inspection endpoints: no session, inspector,
 * supervisor, admin, and an inspector recused from the inspected unit (tied
 * to the ward above the inspected desk). Surprise inspections are seen by
 * their team only.
 */

type Who = "none" | "inspector" | "supervisor" | "admin" | "recused";

let sessions: Record<Exclude<Who, "none">, Session>;
let inspectionId: string;
let measureId: string;
let unitId: string;

beforeAll(async () => {
  await insertUnits(env.DB);
  const { ward, desk } = await createWardWithDesk();
  unitId = desk.id;
  sessions = {
    inspector: await signIn("inspector"),
    supervisor: await signIn("supervisor"),
    admin: await signIn("admin"),
    recused: await signIn("inspector", { ties: [ward.id] }),
  };
  const { inspection } = await concludedWith(sessions.supervisor, unitId, [
    { responsibleUnitId: unitId, description: "Chấn chỉnh tiếp nhận hồ sơ", deadline: "2099-06-30" },
  ]);
  inspectionId = inspection.id;
  measureId = inspection.measures[0]?.id as string;
  const responded = await call(sessions.supervisor.cookie, `/api/measures/${measureId}/response`, {
    method: "POST",
    body: { response: "Đơn vị đã gửi báo cáo khắc phục" },
  });
  expect(responded.status).toBe(200);
});

const cookieOf = (who: Who) => (who === "none" ? undefined : sessions[who].cookie);

describe.each<[Who, { read: boolean; visible: boolean; manage: boolean; status: number }]>([
  ["none", { read: false, visible: false, manage: false, status: 401 }],
  ["inspector", { read: true, visible: true, manage: false, status: 403 }],
  ["supervisor", { read: true, visible: true, manage: true, status: 0 }],
  ["admin", { read: false, visible: false, manage: false, status: 403 }],
  ["recused", { read: true, visible: false, manage: false, status: 403 }],
])("as %s", (who, can) => {
  it("lists inspections, the plan and measures (recused units invisible)", async () => {
    const urls = ["/api/inspections?year=2027", "/api/plan?year=2027", "/api/measures"];
    for (const url of urls) {
      const res = await call(cookieOf(who), url);
      if (!can.read) {
        await expectProblem(res, can.status);
        continue;
      }
      expect(res.status, url).toBe(200);
      const body = await res.json();
      const seen = url.startsWith("/api/inspections")
        ? InspectionListSchema.parse(body).items.some((i) => i.id === inspectionId)
        : url.startsWith("/api/plan")
          ? PlanSchema.parse(body).units.some((u) => u.unitId === unitId)
          : MeasureListSchema.parse(body).items.some((m) => m.id === measureId);
      expect(seen, url).toBe(can.visible);
    }
  });

  it("reads an inspection: 200, or 404 when recused", async () => {
    const res = await call(cookieOf(who), `/api/inspections/${inspectionId}`);
    if (!can.read) await expectProblem(res, can.status);
    else if (!can.visible) await expectProblem(res, 404);
    else expect(res.status).toBe(200);
  });

  it("creates inspections, builds the plan and exports only as a supervisor", async () => {
    const unit = await createUnit();
    const requests: [string, string, unknown?][] = [
      ["POST", "/api/inspections", inspectionBody(unit.id, { type: "surprise" })],
      ["POST", "/api/plan/2099/build"],
      ["GET", "/api/exports/personnel.csv?from=2026-01-01&to=2026-12-31"],
    ];
    for (const [method, url, body] of requests) {
      const res = await call(cookieOf(who), url, { method, ...(body ? { body } : {}) });
      if (can.manage) expect(res.status, url).toBeLessThan(300);
      else await expectProblem(res, can.status);
    }
  });

  it("judges a measure's response only on the team (reject)", async () => {
    const res = await call(cookieOf(who), `/api/measures/${measureId}/reject`, {
      method: "POST",
      body: { reason: "Báo cáo chưa kèm tài liệu chứng minh" },
    });
    if (!can.read) await expectProblem(res, can.status);
    else if (!can.visible) await expectProblem(res, 404);
    else if (who === "supervisor")
      expect(res.status).toBe(200); // the creator is on the team
    else await expectProblem(res, 403); // the inspector is not on the team
  });
});

describe("surprise inspections are seen by their team only", () => {
  let surpriseId: string;
  let member: Session;
  let otherSupervisor: Session;
  let surpriseUnit: string;

  beforeAll(async () => {
    member = await signIn("inspector");
    otherSupervisor = await signIn("supervisor");
    surpriseUnit = (await createUnit()).id;
    const created = await createInspection(
      sessions.supervisor.cookie,
      inspectionBody(surpriseUnit, { type: "surprise", team: [{ userId: member.user.id, role: "head" }] }),
    );
    surpriseId = created.id;
  });

  it.each<["member" | "creator" | "other inspector" | "other supervisor", boolean]>([
    ["member", true],
    ["creator", true],
    ["other inspector", false],
    ["other supervisor", false],
  ])("%s: sees it = %s (detail, list, plan)", async (who, sees) => {
    const cookie = {
      member: member.cookie,
      creator: sessions.supervisor.cookie,
      "other inspector": sessions.inspector.cookie,
      "other supervisor": otherSupervisor.cookie,
    }[who];
    const detail = await call(cookie, `/api/inspections/${surpriseId}`);
    expect(detail.status).toBe(sees ? 200 : 404);
    const list = InspectionListSchema.parse(await (await call(cookie, "/api/inspections?type=surprise")).json());
    expect(list.items.some((i) => i.id === surpriseId)).toBe(sees);
    const plan = PlanSchema.parse(await (await call(cookie, "/api/plan?year=2027")).json());
    expect(plan.units.some((u) => u.visits.some((v) => v.inspectionId === surpriseId))).toBe(sees);
    const patch = await call(cookie, `/api/inspections/${surpriseId}`, {
      method: "PATCH",
      body: { scope: "Phạm vi mới" },
    });
    // moving needs a supervisor; one outside the team does not learn it exists
    const expected = { member: 403, creator: 200, "other inspector": 403, "other supervisor": 404 }[who];
    expect(patch.status).toBe(expected);
  });
});
