import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { InspectionDetailSchema } from "../../src/contracts/inspections";
import { RedactionPreviewSchema } from "../../src/contracts/redactions";
import { ORIGIN } from "../support/accounts";
import { insertUnits } from "../support/fixtures";
import {
  conclusionBody,
  createInspection,
  expectInspection,
  followPage,
  inspectionBody,
  referredLead,
} from "../support/inspections";
import { call, createUnit, expectProblem, type Session, signIn } from "../support/leads";
import type { FiledReport } from "../support/reports";

/**
 * Redaction before text leaves the team: the preview route, and the one path
 * where free text leaves today, a finding's public summary (what the
 * reporter reads on the follow page once the inspection is concluded).
 */

const EN = { "Accept-Language": "en" };
const PHONE = "0912 345 678";
const CCCD = "001089012345";
const SUMMARY = `Có căn cứ: anh Tuấn ở bộ phận một cửa (SĐT ${PHONE}, CCCD ${CCCD}) đã thu tiền trái quy định.`;
const REASONING = "Đã đối chiếu sổ theo dõi hồ sơ và lời khai của 3 công dân; hành vi được xác nhận.";

let supervisor: Session;
let inspector: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await signIn("supervisor");
  inspector = await signIn("inspector");
});

function preview(cookie: string | undefined, body: unknown, headers: Record<string, string> = {}) {
  return call(cookie, "/api/redactions/preview", { method: "POST", body, headers });
}

/** An inspection in progress with one referred lead, the supervisor on the team. */
async function inProgress(): Promise<{ inspectionId: string; leadId: string; report: FiledReport; unitId: string }> {
  const unitId = (await createUnit()).id;
  const { leadId, report } = await referredLead(supervisor, unitId);
  const created = await createInspection(supervisor.cookie, inspectionBody(unitId, { leadIds: [leadId] }));
  await expectInspection(await call(supervisor.cookie, `/api/inspections/${created.id}/start`, { method: "POST" }));
  return { inspectionId: created.id, leadId, report, unitId };
}

function putFinding(inspectionId: string, leadId: string, body: unknown, headers: Record<string, string> = {}) {
  return call(supervisor.cookie, `/api/inspections/${inspectionId}/findings/${leadId}`, {
    method: "PUT",
    body,
    headers,
  });
}

function findingOf(detail: unknown, leadId: string) {
  const lead = InspectionDetailSchema.parse(detail).leads.find((l) => l.id === leadId);
  if (!lead?.finding) throw new Error("no finding");
  return lead.finding;
}

describe("POST /api/redactions/preview", () => {
  it("gives an inspector the suggested marks on the trimmed NFC text and the redacted result", async () => {
    const text = `  ${SUMMARY.normalize("NFD")}  `;
    const res = await preview(inspector.cookie, { text });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = RedactionPreviewSchema.parse(await res.json());
    expect(body.text).toBe(SUMMARY);
    expect(body.marks.map((m) => [m.kind, body.text.slice(m.start, m.end)])).toEqual([
      ["name", "Tuấn"],
      ["phone", PHONE],
      ["id_number", CCCD],
    ]);
    expect(body.redacted).toBe(
      "Có căn cứ: anh [họ tên] ở bộ phận một cửa (SĐT [số điện thoại], CCCD [số giấy tờ tùy thân]) đã thu tiền trái quy định.",
    );
  });

  it("suggests nothing on ordinary text, titles, amounts and dates", async () => {
    const text = "Ông chủ tịch phường đã thu 500.000 đồng ngày 12/03/2024 theo Quyết định số 1234/QĐ-UBND.";
    const body = RedactionPreviewSchema.parse(await (await preview(supervisor.cookie, { text })).json());
    expect(body).toMatchObject({ text, marks: [], redacted: text });
  });

  it("refuses an empty or overlong text with a 422 in Vietnamese, or English on request", async () => {
    const vi = await expectProblem(await preview(inspector.cookie, { text: "   " }), 422);
    expect(vi.errors?.[0]).toMatchObject({ pointer: "/text", message: "Cần ít nhất 1 ký tự" });
    const en = await expectProblem(await preview(inspector.cookie, { text: "x".repeat(20_001) }, EN), 422);
    expect(en.errors?.[0]?.pointer).toBe("/text");
    expect(en.detail).toBe("Some fields are not valid");
    await expectProblem(await preview(inspector.cookie, { text: "x", extra: 1 }), 422);
  });

  it("is for caseworkers: 401 without a session, 403 for an administrator or without the Origin check", async () => {
    await expectProblem(await preview(undefined, { text: SUMMARY }), 401);
    const admin = await signIn("admin");
    await expectProblem(await preview(admin.cookie, { text: SUMMARY }), 403);
    const res = await SELF.fetch(`${ORIGIN}/api/redactions/preview`, {
      method: "POST",
      headers: { Cookie: inspector.cookie, "Content-Type": "application/json" },
      body: JSON.stringify({ text: SUMMARY }),
    });
    await expectProblem(res, 403);
  });
});

describe("a finding's public summary leaves the team redacted", () => {
  it("without confirmed marks the server applies the detector's suggestions; the team keeps the original", async () => {
    const { inspectionId, leadId, report, unitId } = await inProgress();
    const res = await putFinding(inspectionId, leadId, {
      outcome: "substantiated",
      reasoning: REASONING,
      publicSummary: SUMMARY,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const finding = findingOf(await res.json(), leadId);
    expect(finding.publicSummary).not.toMatch(/Tuấn|0912|345 678|001089012345/);
    expect(finding.publicSummaryRedaction).toMatchObject({ original: SUMMARY, confirmed: false });
    expect(finding.publicSummaryRedaction?.marks.map((m) => m.kind)).toEqual(["name", "phone", "id_number"]);

    const audit = await env.DB.prepare(
      "SELECT summary FROM audit_log WHERE action = 'inspection.finding_recorded' AND target_id = ?",
    )
      .bind(inspectionId)
      .first<{ summary: string }>();
    expect(JSON.parse(audit?.summary ?? "{}")).toMatchObject({
      redaction: { confirmed: false, marks: { name: 1, phone: 1, id_number: 1 } },
    });
    expect(audit?.summary).not.toMatch(/Tuấn|0912|001089012345/);

    await expectInspection(
      await call(supervisor.cookie, `/api/inspections/${inspectionId}/conclusion`, {
        method: "POST",
        body: conclusionBody([
          { responsibleUnitId: unitId, description: "Chấn chỉnh việc tiếp nhận hồ sơ", deadline: "2099-12-31" },
        ]),
      }),
    );
    const view = await followPage(report);
    expect(view.outcomeSummary).toBe(finding.publicSummary);
    expect(JSON.stringify(view)).not.toMatch(/Tuấn|0912|345 678|001089012345/);
  });

  it("with confirmed marks the inspector's choice is applied: a name kept on purpose, a mark added", async () => {
    const { inspectionId, leadId } = await inProgress();
    const suggested = RedactionPreviewSchema.parse(await (await preview(supervisor.cookie, { text: SUMMARY })).json());
    const kept = suggested.marks.filter((m) => m.kind !== "name");
    const office = SUMMARY.indexOf("bộ phận một cửa");
    const marks = [...kept, { start: office, end: office + "bộ phận một cửa".length, kind: "address" as const }];
    const res = await putFinding(inspectionId, leadId, {
      outcome: "substantiated",
      reasoning: REASONING,
      publicSummary: SUMMARY,
      publicSummaryMarks: marks,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const finding = findingOf(await res.json(), leadId);
    expect(finding.publicSummary).toBe(
      "Có căn cứ: anh Tuấn ở [địa chỉ] (SĐT [số điện thoại], CCCD [số giấy tờ tùy thân]) đã thu tiền trái quy định.",
    );
    expect(finding.publicSummaryRedaction).toMatchObject({ original: SUMMARY, confirmed: true });
  });

  it("an empty confirmed list releases the text as written, but never a phone number or an e-mail", async () => {
    const { inspectionId, leadId } = await inProgress();
    const plain = "Có căn cứ: cán bộ bộ phận một cửa đã thu tiền trái quy định.";
    const ok = await putFinding(inspectionId, leadId, {
      outcome: "substantiated",
      reasoning: REASONING,
      publicSummary: plain,
      publicSummaryMarks: [],
    });
    expect(findingOf(await ok.json(), leadId)).toMatchObject({ publicSummary: plain });
    const leak = await expectProblem(
      await putFinding(inspectionId, leadId, {
        outcome: "substantiated",
        reasoning: REASONING,
        publicSummary: SUMMARY,
        publicSummaryMarks: [],
      }),
      422,
    );
    expect(leak.errors?.map((e) => e.pointer)).toEqual(["/publicSummary"]);
  });

  it("refuses marks outside the text or overlapping, at /publicSummaryMarks, in Vietnamese or English", async () => {
    const { inspectionId, leadId } = await inProgress();
    const body = (marks: unknown) => ({
      outcome: "substantiated",
      reasoning: REASONING,
      publicSummary: SUMMARY,
      publicSummaryMarks: marks,
    });
    const vi = await expectProblem(
      await putFinding(inspectionId, leadId, body([{ start: 0, end: 5_000, kind: "name" }])),
      422,
    );
    expect(vi.errors).toEqual([
      { pointer: "/publicSummaryMarks", message: "Vùng che nằm ngoài văn bản hoặc chồng lên nhau; hãy rà soát lại" },
    ]);
    const overlapping = [
      { start: 0, end: 10, kind: "name" },
      { start: 5, end: 12, kind: "phone" },
    ];
    const en = await expectProblem(await putFinding(inspectionId, leadId, body(overlapping), EN), 422);
    expect(en.errors?.[0]?.message).toBe(
      "A redaction mark lies outside the text or overlaps another; review the marks again",
    );
    const reversed = await expectProblem(
      await putFinding(inspectionId, leadId, body([{ start: 9, end: 3, kind: "name" }]), EN),
      422,
    );
    expect(reversed.errors?.[0]).toMatchObject({ message: "A redaction mark must end after it starts" });
    const unknown = await expectProblem(
      await putFinding(inspectionId, leadId, body([{ start: 0, end: 3, kind: "secret" }])),
      422,
    );
    expect(unknown.errors?.[0]?.pointer).toBe("/publicSummaryMarks/0/kind");
  });
});
