import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { LeadDetailSchema } from "../../src/contracts/leads";
import { insertUnits } from "../support/fixtures";
import { followPage } from "../support/inspections";
import {
  auditRows,
  BRIBE_TEXTS,
  call,
  createUnit,
  createWardWithDesk,
  expectProblem,
  fileAbout,
  fileBribe,
  getLead,
  insertLead,
  leadIdOf,
  moveLead,
  postTransition,
  RUDENESS_TEXT,
  reportRow,
  type Session,
  signIn,
} from "../support/leads";
import { insertLeadWithReports } from "../support/routing";

/**
 * Issue 12, routing: a lead or one report moved to another unit or category,
 * a report split out into a lead of its own, and forwarding a lead to the
 * competent agency (chuyển đơn). Each scenario files about its own units.
 */

const EN = { "Accept-Language": "en" };
const REASON = "Nội dung phản ánh về thái độ của cán bộ, không phải đòi tiền.";

let supervisor: Session;
let otherSupervisor: Session;
let inspector: Session;
let admin: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await signIn("supervisor");
  otherSupervisor = await signIn("supervisor");
  inspector = await signIn("inspector");
  admin = await signIn("admin");
});

function route(session: Session, leadId: string, body: unknown, headers: Record<string, string> = {}) {
  return call(session.cookie, `/api/leads/${leadId}/routing`, { method: "POST", body, headers });
}

function routeReport(
  session: Session,
  leadId: string,
  code: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return call(session.cookie, `/api/leads/${leadId}/reports/${code}/routing`, { method: "POST", body, headers });
}

function split(session: Session, leadId: string, code: string, body: unknown, headers: Record<string, string> = {}) {
  return call(session.cookie, `/api/leads/${leadId}/reports/${code}/split`, { method: "POST", body, headers });
}

/** Reports counted in the rollups for a unit, whatever the month and category. */
async function rolledUpReports(unitId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT COALESCE(SUM(reports), 0) AS n FROM stats_cells WHERE unit_id = ?")
    .bind(unitId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Three bribe reports about a fresh ward, clustered into one lead. */
async function bribeLead(unitId?: string) {
  const ward = unitId ?? (await createUnit()).id;
  const reports = [
    await fileBribe(ward),
    await fileBribe(ward, { description: BRIBE_TEXTS[1] }),
    await fileBribe(ward, { description: BRIBE_TEXTS[2] }),
  ];
  const leadId = await leadIdOf(reports[0]?.trackingCode as string);
  for (const r of reports) expect(await leadIdOf(r.trackingCode)).toBe(leadId);
  return { ward, reports, leadId };
}

describe("POST /api/leads/{id}/routing", () => {
  it("moves the lead and its reports to the new unit and category, re-scores it, audits the reason, and the statistics follow", async () => {
    const { ward, reports, leadId } = await bribeLead();
    const department = (await createUnit({ name: "Sở Tài nguyên và Môi trường", kind: "department" })).id;
    const before = await getLead(inspector.cookie, leadId);
    expect(await rolledUpReports(ward)).toBe(3);

    const res = await route(inspector, leadId, { unitId: department, categoryCode: "conduct", reason: REASON });
    expect(res.status, await res.clone().text()).toBe(200);
    const lead = LeadDetailSchema.parse(await res.json());
    expect(lead).toMatchObject({ id: leadId, unitId: department, categoryCode: "conduct", reportCount: 3 });
    expect(lead.reports.map((r) => r.categoryCode)).toEqual(["conduct", "conduct", "conduct"]);
    // conduct is the least severe category: the lead ranks lower than as a bribe demand
    expect(lead.severity).toBeLessThan(before.severity);
    expect(lead.priority).toBeLessThan(before.priority);
    for (const r of reports) {
      expect(await reportRow(r.trackingCode)).toMatchObject({ unit_id: department, category_code: "conduct" });
    }
    expect(await rolledUpReports(ward)).toBe(0);
    expect(await rolledUpReports(department)).toBe(3);
    const audit = (await auditRows(leadId)).filter((r) => r.action === "lead.routed");
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_id).toBe(inspector.user.id);
    expect(JSON.parse(audit[0]?.summary ?? "{}")).toMatchObject({
      reason: REASON,
      before: { unitId: ward, categoryCode: "bribery", priority: before.priority },
      after: { unitId: department, categoryCode: "conduct", priority: lead.priority },
    });
    expect(lead.events.some((e) => e.action === "lead.routed")).toBe(true);
  });

  it("changes the category alone, and routes to the successor of a unit merged into another", async () => {
    const { leadId } = await bribeLead();
    const recategorised = LeadDetailSchema.parse(
      await (await route(inspector, leadId, { categoryCode: "harassment", reason: REASON })).json(),
    );
    expect(recategorised.categoryCode).toBe("harassment");
    const successor = (await createUnit({ name: "Phường Văn Miếu - Quốc Tử Giám" })).id;
    const merged = (await createUnit({ name: "Phường Văn Miếu" })).id;
    await env.DB.prepare("UPDATE units SET valid_to = '2025-07-01', successor_id = ? WHERE id = ?")
      .bind(successor, merged)
      .run();
    const res = await route(inspector, leadId, { unitId: merged, reason: REASON });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(LeadDetailSchema.parse(await res.json()).unitId).toBe(successor);
  });

  it("answers 422 problems in Vietnamese or English: no reason, nothing to change, the same place, an ended unit", async () => {
    const { ward, leadId } = await bribeLead();
    const noReason = await expectProblem(await route(inspector, leadId, { categoryCode: "delay" }), 422);
    expect(noReason.errors?.map((e) => e.pointer)).toEqual(["/reason"]);
    const nothing = await expectProblem(await route(inspector, leadId, { reason: REASON }), 422);
    expect(nothing.detail).toBe("Cần chọn đơn vị mới hoặc nhóm hành vi mới");
    const nothingEn = await expectProblem(await route(inspector, leadId, { reason: REASON }, EN), 422);
    expect(nothingEn.detail).toBe("Choose a new unit or a new category");
    const same = await expectProblem(
      await route(inspector, leadId, { unitId: ward, categoryCode: "bribery", reason: REASON }, EN),
      422,
    );
    expect(same.errors?.[0]?.pointer).toBe("/unitId");
    const ended = (await createUnit({ name: "Phường đã giải thể" })).id;
    await env.DB.prepare("UPDATE units SET valid_to = '2025-07-01' WHERE id = ?").bind(ended).run();
    const endedVi = await expectProblem(await route(inspector, leadId, { unitId: ended, reason: REASON }), 422);
    expect(endedVi.errors).toEqual([
      { pointer: "/unitId", message: "Đơn vị này đã ngừng hoạt động hoặc được chia tách; hãy chọn đơn vị hiện nay" },
    ]);
    const unknown = await expectProblem(
      await route(inspector, leadId, { unitId: "khong-co", reason: REASON }, EN),
      422,
    );
    expect(unknown.errors).toEqual([{ pointer: "/unitId", message: "This unit is not in the directory" }]);
    expect((await auditRows(leadId)).some((r) => r.action === "lead.routed")).toBe(false);
  });

  it("refuses a lead past triage or ever inspected with a 409 problem", async () => {
    const ward = (await createUnit()).id;
    const referred = await insertLead({ unitId: ward, priority: 5, status: "referred" });
    const problem = await expectProblem(
      await route(supervisor, referred, { categoryCode: "delay", reason: REASON }),
      409,
    );
    expect(problem.detail).toMatch(/^Đầu mối đã qua bước phân loại/);
    const en = await expectProblem(
      await route(supervisor, referred, { categoryCode: "delay", reason: REASON }, EN),
      409,
    );
    expect(en.detail).toMatch(/^The lead is past triage/);
  });

  it("is hidden (404) from an inspector recused from the lead's unit, refuses routing into a unit one is recused from (422), and admins (403)", async () => {
    const { ward, desk } = await createWardWithDesk();
    const recused = await signIn("inspector", { ties: [ward.id] });
    const { leadId } = await bribeLead(desk.id);
    await expectProblem(await route(recused, leadId, { categoryCode: "delay", reason: REASON }), 404);
    await expectProblem(await route(admin, leadId, { categoryCode: "delay", reason: REASON }), 403);
    const elsewhere = await bribeLead();
    const into = await expectProblem(await route(recused, elsewhere.leadId, { unitId: desk.id, reason: REASON }), 422);
    expect(into.errors?.[0]?.pointer).toBe("/unitId");
    expect((await getLead(supervisor.cookie, leadId)).unitId).toBe(desk.id);
    expect((await getLead(supervisor.cookie, elsewhere.leadId)).categoryCode).toBe("bribery");
  });
});

describe("POST /api/leads/{id}/reports/{trackingCode}/routing", () => {
  it("re-files one report: it joins a matching open lead of the new unit, and both leads are rebuilt", async () => {
    const { leadId, reports } = await bribeLead();
    const other = await bribeLead();
    const moving = reports[2]?.trackingCode as string;
    const res = await routeReport(inspector, leadId, moving, { unitId: other.ward, reason: REASON });
    expect(res.status, await res.clone().text()).toBe(200);
    const source = LeadDetailSchema.parse(await res.json());
    expect(source.reportCount).toBe(2);
    expect(source.reports.map((r) => r.trackingCode)).not.toContain(moving);
    expect(await leadIdOf(moving)).toBe(other.leadId);
    const target = await getLead(inspector.cookie, other.leadId);
    expect(target.reportCount).toBe(4);
    expect((await reportRow(moving)).unit_id).toBe(other.ward);
    const audit = (await auditRows(leadId)).find((r) => r.action === "report.routed");
    expect(JSON.parse(audit?.summary ?? "{}")).toMatchObject({
      trackingCode: moving,
      reason: REASON,
      after: { leadId: other.leadId, unitId: other.ward, joined: true },
    });
    expect((await auditRows(other.leadId)).some((r) => r.action === "report.routed_in")).toBe(true);
  });

  it("opens a new lead in the report's new category when none matches, keeping the old lead's status", async () => {
    const ward = (await createUnit()).id;
    const rude = await fileAbout(ward, { categoryCode: "bribery", description: RUDENESS_TEXT });
    const { leadId } = await bribeLead(ward);
    // the rude report is its own lead; put it with the bribes by hand, as a wrong clustering would
    const rudeLead = await leadIdOf(rude.trackingCode);
    await moveLead(inspector.cookie, rudeLead, { to: "merged", targetLeadId: leadId });
    await moveLead(inspector.cookie, leadId, { to: "in_review" });
    const res = await routeReport(inspector, leadId, rude.trackingCode, { categoryCode: "conduct", reason: REASON });
    expect(res.status, await res.clone().text()).toBe(200);
    const newLead = await getLead(inspector.cookie, await leadIdOf(rude.trackingCode));
    expect(newLead.id).not.toBe(leadId);
    expect(newLead).toMatchObject({ unitId: ward, categoryCode: "conduct", status: "in_review", reportCount: 1 });
    expect((await followPage(rude)).status).toBe("in_review");
  });

  it("refuses the lead's only report (409), a missing reason (422), a recused inspector (404)", async () => {
    const lone = await fileBribe((await createUnit()).id);
    const loneLead = await leadIdOf(lone.trackingCode);
    const only = await expectProblem(
      await routeReport(inspector, loneLead, lone.trackingCode, { categoryCode: "delay", reason: REASON }, EN),
      409,
    );
    expect(only.detail).toBe("This is the lead's only report; route the lead itself instead");
    const { ward, desk } = await createWardWithDesk();
    const { leadId, trackingCodes } = await insertLeadWithReports({ unitId: desk.id });
    const code = trackingCodes[1] as string;
    await expectProblem(await routeReport(inspector, leadId, code, { categoryCode: "delay" }), 422);
    const recused = await signIn("inspector", { ties: [ward.id] });
    await expectProblem(await routeReport(recused, leadId, code, { categoryCode: "delay", reason: REASON }), 404);
    await expectProblem(
      await routeReport(inspector, leadId, "PA-ZZZZ-ZZZZ", { categoryCode: "delay", reason: REASON }),
      404,
    );
    expect(await leadIdOf(code)).toBe(leadId);
  });
});

describe("POST /api/leads/{id}/reports/{trackingCode}/split", () => {
  it("moves the report to a new lead of the same unit and category (201), re-scoring both", async () => {
    const { ward, reports, leadId } = await bribeLead();
    const before = await getLead(inspector.cookie, leadId);
    const code = reports[1]?.trackingCode as string;
    const res = await split(inspector, leadId, code, { reason: "Hai lần nộp hồ sơ khác nhau." });
    expect(res.status, await res.clone().text()).toBe(201);
    const created = LeadDetailSchema.parse(await res.json());
    expect(created.id).not.toBe(leadId);
    expect(created).toMatchObject({ unitId: ward, categoryCode: "bribery", reportCount: 1, status: before.status });
    expect(created.reports.map((r) => r.trackingCode)).toEqual([code]);
    const source = await getLead(inspector.cookie, leadId);
    expect(source.reportCount).toBe(2);
    expect(source.priority).toBeLessThan(before.priority);
    expect((await auditRows(leadId)).map((r) => r.action)).toContain("report.split");
    expect((await auditRows(created.id)).map((r) => r.action)).toContain("lead.split_from");
  });

  it("refuses the only report (409), a lead past triage (409), no reason (422), recused (404) and admins (403)", async () => {
    const lone = await fileBribe((await createUnit()).id);
    const loneLead = await leadIdOf(lone.trackingCode);
    const only = await expectProblem(await split(inspector, loneLead, lone.trackingCode, { reason: REASON }), 409);
    expect(only.detail).toBe("Đây là phản ánh duy nhất của đầu mối; hãy chuyển cả đầu mối");
    const { ward, desk } = await createWardWithDesk();
    const referred = await insertLeadWithReports({ unitId: desk.id, status: "referred" });
    await expectProblem(
      await split(supervisor, referred.leadId, referred.trackingCodes[0] as string, { reason: REASON }),
      409,
    );
    const { leadId, trackingCodes } = await insertLeadWithReports({ unitId: desk.id });
    const code = trackingCodes[0] as string;
    const noReason = await expectProblem(await split(inspector, leadId, code, {}, EN), 422);
    expect(noReason.errors?.map((e) => e.pointer)).toEqual(["/reason"]);
    const recused = await signIn("inspector", { ties: [ward.id] });
    await expectProblem(await split(recused, leadId, code, { reason: REASON }), 404);
    await expectProblem(await split(admin, leadId, code, { reason: REASON }), 403);
    expect(await leadIdOf(code)).toBe(leadId);
  });
});

describe("forwarding (chuyển đơn) through POST /api/leads/{id}/transitions", () => {
  const FORWARD = { to: "forwarded", reason: "Nội dung thuộc thẩm quyền giải quyết của Sở Xây dựng." };

  it("sends a lead to a unit of the directory; the reporter sees forwarded and to whom; counted as forwarded, not dismissed", async () => {
    const ward = (await createUnit()).id;
    const report = await fileBribe(ward);
    const leadId = await leadIdOf(report.trackingCode);
    const lead = await moveLead(supervisor.cookie, leadId, { ...FORWARD, forwardedTo: { unitId: "so-xay-dung" } });
    expect(lead.status).toBe("forwarded");
    expect(lead.forwardedTo).toEqual({ unitId: "so-xay-dung", name: "Sở Xây dựng", note: FORWARD.reason });
    expect(lead.allowedTransitions).toEqual([]);
    const view = await followPage(report);
    expect(view.status).toBe("forwarded");
    expect(view.forwardedTo).toEqual({ name: "Sở Xây dựng", unitId: "so-xay-dung" });
    expect(view.events.map((e) => e.status)).toEqual(["received", "forwarded"]);
    const cells = await env.DB.prepare(
      "SELECT SUM(forwarded) AS forwarded, SUM(dismissed) AS dismissed FROM stats_cells WHERE unit_id = ?",
    )
      .bind(ward)
      .first<{ forwarded: number; dismissed: number }>();
    expect(cells).toEqual({ forwarded: 1, dismissed: 0 });
    const audit = (await auditRows(leadId)).find((r) => r.action === "lead.forward");
    expect(JSON.parse(audit?.summary ?? "{}")).toMatchObject({
      after: { status: "forwarded", forwardedTo: { unitId: "so-xay-dung", name: "Sở Xây dựng" } },
    });
  });

  it("sends a lead to an agency outside the directory by name", async () => {
    const report = await fileBribe((await createUnit()).id);
    const leadId = await leadIdOf(report.trackingCode);
    await moveLead(supervisor.cookie, leadId, { to: "in_review" });
    const lead = await moveLead(supervisor.cookie, leadId, {
      ...FORWARD,
      forwardedTo: { name: "Công an Thành phố Hà Nội" },
    });
    expect(lead.forwardedTo).toEqual({ unitId: null, name: "Công an Thành phố Hà Nội", note: FORWARD.reason });
    expect((await followPage(report)).forwardedTo).toEqual({ name: "Công an Thành phố Hà Nội", unitId: null });
  });

  it("refuses an inspector (403), a missing destination or reason (422, vi/en), an unknown unit (422), a closed lead (409), a recused supervisor (404)", async () => {
    const { ward, desk } = await createWardWithDesk();
    const leadId = await insertLead({ unitId: desk.id, priority: 5, status: "in_review" });
    await expectProblem(
      await postTransition(inspector.cookie, leadId, { ...FORWARD, forwardedTo: { name: "UBND" } }),
      403,
    );
    const missing = await expectProblem(await postTransition(supervisor.cookie, leadId, { to: "forwarded" }), 422);
    expect(missing.errors?.map((e) => e.pointer)).toEqual(["/reason", "/forwardedTo"]);
    expect(missing.errors?.[1]?.message).toBe(
      "Cần chọn cơ quan có thẩm quyền trong danh mục hoặc ghi tên cơ quan nhận đơn",
    );
    const missingEn = await expectProblem(await postTransition(supervisor.cookie, leadId, FORWARD, EN), 422);
    expect(missingEn.errors).toEqual([
      { pointer: "/forwardedTo", message: "Choose the competent agency from the directory or type its name" },
    ]);
    const unknown = await expectProblem(
      await postTransition(supervisor.cookie, leadId, { ...FORWARD, forwardedTo: { unitId: "khong-co" } }, EN),
      422,
    );
    expect(unknown.errors).toEqual([{ pointer: "/forwardedTo/unitId", message: "This unit is not in the directory" }]);
    const recused = await signIn("supervisor", { ties: [ward.id] });
    await expectProblem(
      await postTransition(recused.cookie, leadId, { ...FORWARD, forwardedTo: { name: "UBND" } }),
      404,
    );
    const dismissed = await insertLead({ unitId: desk.id, priority: 5, status: "dismissed" });
    await expectProblem(
      await postTransition(otherSupervisor.cookie, dismissed, { ...FORWARD, forwardedTo: { name: "UBND" } }),
      409,
    );
    expect((await getLead(supervisor.cookie, leadId)).status).toBe("in_review");
  });
});
