import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { type Plan, PlanBuildResultSchema, PlanSchema } from "../../src/contracts/inspections";
import { insertUnits } from "../support/fixtures";
import { expectInspection, getInspection, referredLead } from "../support/inspections";
import { auditRows, call, createUnit, expectProblem, type Session, signIn } from "../support/leads";

let supervisor: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await signIn("supervisor");
});

async function plan(cookie: string, year: number): Promise<Plan> {
  const res = await call(cookie, `/api/plan?year=${year}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return PlanSchema.parse(await res.json());
}

async function build(cookie: string, year: number) {
  const res = await call(cookie, `/api/plan/${year}/build`, { method: "POST" });
  expect(res.status, await res.clone().text()).toBe(200);
  return PlanBuildResultSchema.parse(await res.json()).created;
}

describe("the framework plan of a year", () => {
  const YEAR = 2099;
  let unitA: string;
  let unitB: string;
  let unitC: string;
  let recusedSupervisor: Session;
  let visitA: string;

  beforeAll(async () => {
    [unitA, unitB, unitC] = [(await createUnit()).id, (await createUnit()).id, (await createUnit()).id];
    recusedSupervisor = await signIn("supervisor", { ties: [unitC] });
    await referredLead(supervisor, unitA);
    await referredLead(supervisor, unitA);
    await referredLead(supervisor, unitB);
    await referredLead(supervisor, unitC);
  });

  it("lists referred leads not yet attached, grouped by unit", async () => {
    const view = await plan(supervisor.cookie, YEAR);
    const counts = Object.fromEntries(view.unattached.map((g) => [g.unitId, g.leads.length]));
    expect(counts).toMatchObject({ [unitA]: 2, [unitB]: 1, [unitC]: 1 });
    expect(view.units.filter((u) => [unitA, unitB, unitC].includes(u.unitId))).toEqual([]);
  });

  it("a supervisor recused from a unit neither sees nor plans its leads", async () => {
    const view = await plan(recusedSupervisor.cookie, YEAR);
    expect(view.unattached.some((g) => g.unitId === unitC)).toBe(false);
    const created = await build(recusedSupervisor.cookie, YEAR);
    expect(created.some((v) => v.unitId === unitC)).toBe(false);
    expect(created.map((v) => v.unitId)).toEqual(expect.arrayContaining([unitA, unitB]));
    visitA = created.find((v) => v.unitId === unitA)?.id as string;
  });

  it("builds one scheduled visit per unit with all its leads; the next build only adds unit C", async () => {
    const created = await build(supervisor.cookie, YEAR);
    expect(created.map((v) => v.unitId)).toEqual([unitC]);
    const view = await plan(supervisor.cookie, YEAR);
    const a = view.units.find((u) => u.unitId === unitA);
    expect(a?.visits).toHaveLength(1);
    expect(a?.visits[0]).toMatchObject({ type: "scheduled", status: "planned", leadCount: 2 });
    expect(a?.plannedTwice).toBe(false);
    expect(view.unattached.filter((g) => [unitA, unitB, unitC].includes(g.unitId))).toEqual([]);
    expect(await build(supervisor.cookie, YEAR)).toEqual([]);
  });

  it("a new referred lead joins the unit's planned visit on the next build", async () => {
    await referredLead(supervisor, unitA);
    expect(await build(supervisor.cookie, YEAR)).toEqual([]);
    expect((await getInspection(supervisor.cookie, visitA)).leadCount).toBe(3);
  });

  it("splitting a visit makes a second one with the chosen leads; the plan flags the unit planned twice", async () => {
    const before = await getInspection(supervisor.cookie, visitA);
    const leadId = before.leads[0]?.id as string;
    const split = await expectInspection(
      await call(supervisor.cookie, `/api/inspections/${visitA}/split`, {
        method: "POST",
        body: { leadIds: [leadId], plannedStart: `${YEAR}-10-05`, plannedEnd: `${YEAR}-10-09` },
      }),
      201,
    );
    expect(split).toMatchObject({ type: "scheduled", unitId: unitA, leadCount: 1 });
    expect(split.team.map((m) => m.userId)).toEqual(before.team.map((m) => m.userId));
    expect((await getInspection(supervisor.cookie, visitA)).leadCount).toBe(2);
    const a = (await plan(supervisor.cookie, YEAR)).units.find((u) => u.unitId === unitA);
    expect(a?.plannedTwice).toBe(true);
    expect(a?.visits.map((v) => v.month)).toContain(10);
    expect((await auditRows(visitA)).map((r) => r.action)).toContain("inspection.split");
    // all the remaining leads cannot be split off: one stays
    const all = await call(supervisor.cookie, `/api/inspections/${visitA}/split`, {
      method: "POST",
      body: {
        leadIds: (await getInspection(supervisor.cookie, visitA)).leads.map((l) => l.id),
        plannedStart: `${YEAR}-11-01`,
        plannedEnd: `${YEAR}-11-02`,
      },
    });
    expect((await expectProblem(all, 422)).errors?.[0]?.pointer).toBe("/leadIds");
    // a lead that is not on the visit cannot be split off
    const bad = await call(supervisor.cookie, `/api/inspections/${visitA}/split`, {
      method: "POST",
      body: { leadIds: [leadId], plannedStart: `${YEAR}-11-01`, plannedEnd: `${YEAR}-11-02` },
    });
    expect((await expectProblem(bad, 422)).errors?.[0]?.pointer).toBe("/leadIds/0");
  });

  it("a visit moves within its year, not to another year; only its team starts it", async () => {
    const moved = await expectInspection(
      await call(supervisor.cookie, `/api/inspections/${visitA}`, {
        method: "PATCH",
        body: { plannedStart: `${YEAR}-07-01`, plannedEnd: `${YEAR}-07-04` },
      }),
    );
    expect(moved.plannedStart).toBe(`${YEAR}-07-01`);
    expect((await auditRows(visitA)).map((r) => r.action)).toContain("inspection.moved");
    await expectProblem(
      await call(supervisor.cookie, `/api/inspections/${visitA}`, {
        method: "PATCH",
        body: { plannedStart: `${YEAR + 1}-01-02`, plannedEnd: `${YEAR + 1}-01-03` },
      }),
      409,
    );
    await expectProblem(
      await call(supervisor.cookie, `/api/inspections/${visitA}`, {
        method: "PATCH",
        body: { plannedEnd: `${YEAR}-06-01` },
      }),
      422,
    );
    // built by the recused supervisor, who heads its team: only the team starts it
    await expectProblem(await call(supervisor.cookie, `/api/inspections/${visitA}/start`, { method: "POST" }), 403);
    await expectInspection(
      await call(recusedSupervisor.cookie, `/api/inspections/${visitA}/start`, { method: "POST" }),
    );
    // still movable while in progress (the end slips); not once concluded
    await expectInspection(
      await call(supervisor.cookie, `/api/inspections/${visitA}`, {
        method: "PATCH",
        body: { plannedEnd: `${YEAR}-07-11` },
      }),
    );
  });

  it("the plan needs a year", async () => {
    await expectProblem(await call(supervisor.cookie, "/api/plan"), 422);
    await expectProblem(await call(supervisor.cookie, "/api/plan?year=abc"), 422);
  });
});
