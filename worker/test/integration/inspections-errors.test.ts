import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { insertUnits } from "../support/fixtures";
import { createInspection, findingBody, inspectionBody, referredLead, uploadDocument } from "../support/inspections";
import {
  call,
  createUnit,
  createWardWithDesk,
  expectProblem,
  fileBribe,
  insertLead,
  leadIdOf,
  type Session,
  signIn,
} from "../support/leads";

let supervisor: Session;
let inspector: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await signIn("supervisor");
  inspector = await signIn("inspector");
});

const post = (body: unknown) => call(supervisor.cookie, "/api/inspections", { method: "POST", body });

describe("creating inspections: what is refused", () => {
  it("a second scheduled visit of a unit in the same year is 409 with a clear detail", async () => {
    const unit = await createUnit();
    await createInspection(supervisor.cookie, inspectionBody(unit.id, { type: "scheduled" }));
    const problem = await expectProblem(
      await post(inspectionBody(unit.id, { type: "scheduled", plannedStart: "2027-09-01", plannedEnd: "2027-09-03" })),
      409,
    );
    expect(problem.detail).toMatch(/tách/);
    // another year, or another type, is fine
    await createInspection(
      supervisor.cookie,
      inspectionBody(unit.id, { type: "scheduled", plannedStart: "2028-02-01", plannedEnd: "2028-02-03" }),
    );
    await createInspection(supervisor.cookie, inspectionBody(unit.id, { type: "surprise" }));
  });

  it("an inspector tied to the unit, or to a unit above it, cannot be on the team (422 at /team/i/userId)", async () => {
    const { ward, desk } = await createWardWithDesk();
    const tied = await signIn("inspector", { ties: [ward.id] });
    for (const unitId of [ward.id, desk.id]) {
      const problem = await expectProblem(
        await post(
          inspectionBody(unitId, {
            team: [
              { userId: inspector.user.id, role: "head" },
              { userId: tied.user.id, role: "member" },
            ],
          }),
        ),
        422,
      );
      expect(problem.errors?.[0]?.pointer).toBe("/team/1/userId");
    }
  });

  it("admins, unknown users, duplicates and two heads are refused on a team", async () => {
    const unit = await createUnit();
    const admin = await signIn("admin");
    const cases: [unknown[], string][] = [
      [[{ userId: admin.user.id, role: "member" }], "/team/0/userId"],
      [[{ userId: "nobody", role: "member" }], "/team/0/userId"],
      [
        [
          { userId: inspector.user.id, role: "member" },
          { userId: inspector.user.id, role: "member" },
        ],
        "/team/1/userId",
      ],
      [
        [
          { userId: inspector.user.id, role: "head" },
          { userId: supervisor.user.id, role: "head" },
        ],
        "/team/1/role",
      ],
    ];
    for (const [team, pointer] of cases) {
      const problem = await expectProblem(await post({ ...inspectionBody(unit.id), team }), 422);
      expect(problem.errors?.[0]?.pointer).toBe(pointer);
    }
  });

  it("leads must be referred, about the unit and not attached elsewhere (422 at /leadIds/i)", async () => {
    const unit = await createUnit();
    const other = await createUnit();
    const fresh = await leadIdOf((await fileBribe(unit.id)).trackingCode);
    const elsewhere = (await referredLead(supervisor, other.id)).leadId;
    const attached = (await referredLead(supervisor, unit.id)).leadId;
    await createInspection(supervisor.cookie, inspectionBody(unit.id, { leadIds: [attached] }));
    for (const leadId of [fresh, elsewhere, attached, "no-such-lead"]) {
      const problem = await expectProblem(await post(inspectionBody(unit.id, { leadIds: [leadId] })), 422);
      expect(problem.errors?.[0]?.pointer).toBe("/leadIds/0");
    }
  });

  it("bad bodies are 422; an unknown unit is 404", async () => {
    const unit = await createUnit();
    await expectProblem(await post({ ...inspectionBody(unit.id), plannedEnd: "2027-02-01" }), 422);
    await expectProblem(await post({ ...inspectionBody(unit.id), type: "raid" }), 422);
    await expectProblem(await post({ ...inspectionBody(unit.id), plannedStart: "2027-02-30" }), 422);
    await expectProblem(await post({ ...inspectionBody(unit.id), scope: "  " }), 422);
    await expectProblem(await post(inspectionBody("no-such-unit")), 404);
  });
});

describe("conducting: what is refused", () => {
  it("findings on a lead not attached are 404; by someone off the team 403; bad outcome 422", async () => {
    const unit = await createUnit();
    const { leadId } = await referredLead(supervisor, unit.id);
    const inspection = await createInspection(supervisor.cookie, inspectionBody(unit.id, { leadIds: [leadId] }));
    await call(supervisor.cookie, `/api/inspections/${inspection.id}/start`, { method: "POST" });
    const other = await insertLead({ unitId: unit.id, priority: 1, status: "referred" });
    const url = (lead: string) => `/api/inspections/${inspection.id}/findings/${lead}`;
    await expectProblem(await call(supervisor.cookie, url(other), { method: "PUT", body: findingBody() }), 404);
    await expectProblem(await call(inspector.cookie, url(leadId), { method: "PUT", body: findingBody() }), 403);
    // the status is checked before the team: starting twice is 409 for anyone
    await expectProblem(
      await call(inspector.cookie, `/api/inspections/${inspection.id}/start`, { method: "POST" }),
      409,
    );
    await expectProblem(
      await call(supervisor.cookie, url(leadId), { method: "PUT", body: { ...findingBody(), outcome: "maybe" } }),
      422,
    );
  });

  it("documents: PDF only (415), team only (403), encrypted PDF 422", async () => {
    const unit = await createUnit();
    const inspection = await createInspection(supervisor.cookie, inspectionBody(unit.id));
    await expectProblem(await uploadDocument(supervisor.cookie, inspection.id, "photo.png"), 415);
    await expectProblem(await uploadDocument(supervisor.cookie, inspection.id, "encrypted.pdf"), 422);
    await expectProblem(await uploadDocument(inspector.cookie, inspection.id), 403);
    await expectProblem(await call(supervisor.cookie, `/api/inspections/${inspection.id}/documents/nope`), 404);
  });

  it("measures need a known responsible unit and a deadline not in the past", async () => {
    const unit = await createUnit();
    const { leadId } = await referredLead(supervisor, unit.id);
    const inspection = await createInspection(supervisor.cookie, inspectionBody(unit.id, { leadIds: [leadId] }));
    await call(supervisor.cookie, `/api/inspections/${inspection.id}/start`, { method: "POST" });
    await call(supervisor.cookie, `/api/inspections/${inspection.id}/findings/${leadId}`, {
      method: "PUT",
      body: findingBody(),
    });
    const conclude = (measures: unknown[]) =>
      call(supervisor.cookie, `/api/inspections/${inspection.id}/conclusion`, {
        method: "POST",
        body: { conclusion: "Kết luận", recommendations: "Kiến nghị", guidance: "Hướng dẫn", measures },
      });
    const unknown = await expectProblem(
      await conclude([{ responsibleUnitId: "nope", description: "Chấn chỉnh", deadline: "2099-01-01" }]),
      422,
    );
    expect(unknown.errors?.[0]?.pointer).toBe("/measures/0/responsibleUnitId");
    const past = await expectProblem(
      await conclude([{ responsibleUnitId: unit.id, description: "Chấn chỉnh", deadline: "2020-01-01" }]),
      422,
    );
    expect(past.errors?.[0]?.pointer).toBe("/measures/0/deadline");
    // an inspector may not conclude
    const res = await call(inspector.cookie, `/api/inspections/${inspection.id}/conclusion`, {
      method: "POST",
      body: { conclusion: "Kết luận", recommendations: "Kiến nghị", guidance: "Hướng dẫn", measures: [] },
    });
    await expectProblem(res, 403);
  });
});
