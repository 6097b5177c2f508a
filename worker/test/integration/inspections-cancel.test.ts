import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { InspectionDetailSchema } from "../../src/contracts/inspections";
import { insertUnits } from "../support/fixtures";
import { createInspection, getInspection, inspectionBody, referredLead } from "../support/inspections";
import { auditRows, call, createUnit, expectProblem, type Session, signIn } from "../support/leads";

/**
 * `POST /api/inspections/{id}/cancel`: a supervisor takes a planned visit off
 * the plan with a reason; its leads return to the referred pool and can be
 * attached to another visit; a visit under way cannot be cancelled.
 */

let supervisor: Session;
let inspector: Session;
let unitId: string;

beforeAll(async () => {
  await insertUnits(env.DB);
  unitId = (await createUnit({ name: "Phường Hủy Lịch" })).id;
  supervisor = await signIn("supervisor");
  inspector = await signIn("inspector");
});

const REASON = "Đơn vị đã sáp nhập từ 01/7, chuyển sang kế hoạch mới";

function cancel(cookie: string, id: string, reason: unknown, headers: Record<string, string> = {}) {
  return call(cookie, `/api/inspections/${id}/cancel`, { method: "POST", body: { reason }, headers });
}

describe("cancelling an inspection", () => {
  it("cancels a planned visit with its reason, detaches its leads so another visit can take them, and audits it", async () => {
    const { leadId } = await referredLead(supervisor, unitId);
    const created = await createInspection(supervisor.cookie, inspectionBody(unitId, { leadIds: [leadId] }));
    expect(created.leads.map((l) => l.id)).toEqual([leadId]);

    const res = await cancel(supervisor.cookie, created.id, `  ${REASON}  `);
    expect(res.status).toBe(200);
    const cancelled = InspectionDetailSchema.parse(await res.json());
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.leads).toEqual([]);

    const row = await env.DB.prepare("SELECT cancelled_reason FROM inspections WHERE id = ?")
      .bind(created.id)
      .first<{ cancelled_reason: string }>();
    expect(row?.cancelled_reason).toBe(REASON);
    const audit = await auditRows(created.id);
    expect(audit.map((a) => a.action)).toContain("inspection.cancelled");
    expect(JSON.parse(audit.find((a) => a.action === "inspection.cancelled")?.summary ?? "{}")).toMatchObject({
      detachedLeadIds: [leadId],
    });

    const again = await createInspection(
      supervisor.cookie,
      inspectionBody(unitId, { leadIds: [leadId], plannedStart: "2027-04-01", plannedEnd: "2027-04-02" }),
    );
    expect(again.leads.map((l) => l.id)).toEqual([leadId]);
  });

  it("refuses a missing or too short reason with a clear problem in the reader's language, changing nothing", async () => {
    const created = await createInspection(supervisor.cookie, inspectionBody(unitId, { type: "surprise" }));
    const vi = await expectProblem(await cancel(supervisor.cookie, created.id, "vì"), 422);
    expect(vi.errors?.[0]).toEqual({ pointer: "/reason", message: expect.stringContaining("lý do hủy") });
    const en = await expectProblem(await cancel(supervisor.cookie, created.id, "", { "Accept-Language": "en" }), 422);
    expect(en.errors?.[0]?.message).toContain("reason for cancelling");
    await expectProblem(await cancel(supervisor.cookie, created.id, 42), 422);
    expect((await getInspection(supervisor.cookie, created.id)).status).toBe("planned");
  });

  it("refuses to cancel a visit under way, and refuses inspectors", async () => {
    const created = await createInspection(supervisor.cookie, inspectionBody(unitId, { type: "surprise" }));
    await expectProblem(await cancel(inspector.cookie, created.id, REASON), 403);
    const started = await call(supervisor.cookie, `/api/inspections/${created.id}/start`, { method: "POST" });
    expect(started.status).toBe(200);
    await expectProblem(await cancel(supervisor.cookie, created.id, REASON), 409);
    expect((await getInspection(supervisor.cookie, created.id)).status).toBe("in_progress");
  });
});
