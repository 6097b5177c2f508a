import { env, SELF } from "cloudflare:test";
import { expect } from "vitest";
import {
  type ConclusionInputRaw,
  type InspectionCreateInput,
  type InspectionDetail,
  InspectionDetailSchema,
  type Measure,
  MeasureSchema,
} from "../../src/contracts/inspections";
import { type ReportView, ReportViewSchema } from "../../src/contracts/reports";
import { fixture } from "../fixtures";
import { ORIGIN } from "./accounts";
import { call, fileBribe, leadIdOf, moveLead, type Session } from "./leads";
import { type FiledReport, getReport } from "./reports";

/**
 * Helpers for the inspection tests. Each scenario makes its own unit (see
 * `createUnit`), so the one-scheduled-visit-per-year rule and the plan never
 * see another scenario's visits.
 */

/** A bribery report about the unit, its lead taken to `referred` by a supervisor. */
export async function referredLead(
  supervisor: Session,
  unitId: string,
): Promise<{ leadId: string; report: FiledReport }> {
  const report = await fileBribe(unitId);
  const leadId = await leadIdOf(report.trackingCode);
  await moveLead(supervisor.cookie, leadId, { to: "in_review" });
  await moveLead(supervisor.cookie, leadId, { to: "referred" });
  return { leadId, report };
}

/** A valid creation body for a unit; override what the test is about. */
export function inspectionBody(unitId: string, overrides: Partial<InspectionCreateInput> = {}): InspectionCreateInput {
  return {
    type: "verification",
    unitId,
    plannedStart: "2027-03-01",
    plannedEnd: "2027-03-05",
    scope: "Xác minh việc tiếp nhận hồ sơ cấp giấy chứng nhận quyền sử dụng đất",
    leadIds: [],
    team: [],
    ...overrides,
  };
}

/** A JSON request expected to answer `status`; the body parsed as an inspection. */
export async function expectInspection(res: Response, status = 200): Promise<InspectionDetail> {
  expect(res.status, await res.clone().text()).toBe(status);
  return InspectionDetailSchema.parse(await res.json());
}

/** `POST /api/inspections`, expected to succeed. */
export async function createInspection(cookie: string, body: InspectionCreateInput): Promise<InspectionDetail> {
  return expectInspection(await call(cookie, "/api/inspections", { method: "POST", body }), 201);
}

/** `GET /api/inspections/{id}`, expected to succeed. */
export async function getInspection(cookie: string, id: string): Promise<InspectionDetail> {
  return expectInspection(await call(cookie, `/api/inspections/${id}`));
}

/** A finding body. */
export function findingBody(outcome = "substantiated", position?: string) {
  return {
    outcome,
    reasoning: "Đã đối chiếu sổ theo dõi hồ sơ và lời khai của 3 công dân; hành vi được xác nhận.",
    publicSummary: "Phản ánh có căn cứ; đơn vị đã được yêu cầu chấn chỉnh việc tiếp nhận hồ sơ.",
    ...(position ? { position } : {}),
  };
}

/** A conclusion body with the given measures. */
export function conclusionBody(measures: ConclusionInputRaw["measures"] = []): ConclusionInputRaw {
  return {
    conclusion: "Kết luận: có sai phạm trong tiếp nhận hồ sơ tại bộ phận một cửa.",
    recommendations: "Kiểm điểm trách nhiệm cán bộ liên quan; niêm yết công khai thủ tục.",
    guidance: "Hướng dẫn đơn vị rà soát quy trình tiếp nhận, trả kết quả theo đúng thời hạn.",
    measures,
  };
}

/**
 * A verification inspection of a unit with one referred lead, the supervisor
 * on the team (plus `team`), started, its finding recorded: ready to conclude.
 */
export async function inspectionReadyToConclude(
  supervisor: Session,
  unitId: string,
  options: { team?: InspectionCreateInput["team"]; outcome?: string; position?: string } = {},
): Promise<{ inspection: InspectionDetail; leadId: string; report: FiledReport }> {
  const { leadId, report } = await referredLead(supervisor, unitId);
  const created = await createInspection(
    supervisor.cookie,
    inspectionBody(unitId, { leadIds: [leadId], team: options.team ?? [] }),
  );
  await expectInspection(await call(supervisor.cookie, `/api/inspections/${created.id}/start`, { method: "POST" }));
  const inspection = await expectInspection(
    await call(supervisor.cookie, `/api/inspections/${created.id}/findings/${leadId}`, {
      method: "PUT",
      body: findingBody(options.outcome, options.position),
    }),
  );
  return { inspection, leadId, report };
}

/** An inspection concluded with the given measures (deadlines as given). */
export async function concludedWith(
  supervisor: Session,
  unitId: string,
  measures: ConclusionInputRaw["measures"],
): Promise<{ inspection: InspectionDetail; leadId: string; report: FiledReport }> {
  const ready = await inspectionReadyToConclude(supervisor, unitId);
  const inspection = await expectInspection(
    await call(supervisor.cookie, `/api/inspections/${ready.inspection.id}/conclusion`, {
      method: "POST",
      body: conclusionBody(measures),
    }),
  );
  return { ...ready, inspection };
}

/** `POST /api/measures/{id}/<action>`. */
export function measureAction(cookie: string, id: string, action: "response" | "verify" | "reject", body?: unknown) {
  return call(cookie, `/api/measures/${id}/${action}`, { method: "POST", ...(body === undefined ? {} : { body }) });
}

/** A measure action expected to succeed. */
export async function expectMeasure(res: Response): Promise<Measure> {
  expect(res.status, await res.clone().text()).toBe(200);
  return MeasureSchema.parse(await res.json());
}

/** The reporter's follow page. */
export async function followPage(report: FiledReport): Promise<ReportView> {
  const res = await getReport(report.trackingCode, report.secret);
  expect(res.status).toBe(200);
  return ReportViewSchema.parse(await res.json());
}

/** `POST /api/reports/{code}/contest` with the bearer secret. */
export function contest(report: FiledReport, reason: string): Promise<Response> {
  return SELF.fetch(`${ORIGIN}/api/reports/${report.trackingCode}/contest`, {
    method: "POST",
    headers: { Authorization: `Bearer ${report.secret}`, "Content-Type": "application/json" },
    body: JSON.stringify({ reason }),
  });
}

/** Uploads a fixture as an inspection document. */
export function uploadDocument(
  cookie: string,
  id: string,
  name: "document.pdf" | "photo.png" | "encrypted.pdf" = "document.pdf",
): Promise<Response> {
  const form = new FormData();
  form.append("file", new File([fixture(name) as Uint8Array<ArrayBuffer>], name));
  form.append("title", "Biên bản làm việc");
  return SELF.fetch(`${ORIGIN}/api/inspections/${id}/documents`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: ORIGIN },
    body: form,
  });
}

/** `POST /api/measures/{id}/documents` with a fixture file, as a unit liaison would send it. */
export function uploadMeasureDocument(
  cookie: string,
  id: string,
  name: "document.pdf" | "photo.png" | "encrypted.pdf" | "progressive.jpg" = "document.pdf",
  headers: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  form.append("file", new File([fixture(name) as Uint8Array<ArrayBuffer>], name));
  form.append("title", "Báo cáo khắc phục");
  return SELF.fetch(`${ORIGIN}/api/measures/${id}/documents`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: ORIGIN, ...headers },
    body: form,
  });
}

/** Audit rows by action, newest last. */
export async function auditByAction(action: string) {
  const { results } = await env.DB.prepare(
    "SELECT target_id, actor_id, actor_kind, summary FROM audit_log WHERE action = ? ORDER BY at, rowid",
  )
    .bind(action)
    .all<{ target_id: string; actor_id: string | null; actor_kind: string; summary: string }>();
  return results;
}
