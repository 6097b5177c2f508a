import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FINDING_OUTCOMES, INSPECTION_STATUSES, type InspectionStatus } from "../../src/contracts/inspections";
import { REPORT_STATUSES } from "../../src/contracts/reports";
import {
  type ConcludedFinding,
  type ConclusionDraft,
  concludeInspection,
  contestOutcome,
  FINDING_REASONING_MIN,
  type FindingDraft,
  type InspectionActor,
  type InspectionState,
  missingFindings,
  recordFinding,
  reporterOutcome,
  resolveContest,
  validateFinding,
} from "../../src/domain/inspections";

const inspection = (status: InspectionStatus, leadIds = ["L1", "L2"]): InspectionState => ({
  id: "INS1",
  type: "verification",
  status,
  unitId: "u1",
  year: 2026,
  plannedStart: "2026-03-02",
  plannedEnd: "2026-03-06",
  team: [
    { userId: "i1", role: "member" },
    { userId: "s1", role: "head" },
  ],
  leadIds,
});

const draft: FindingDraft = {
  outcome: "partly_substantiated",
  reasoning: "Đối chiếu sổ theo dõi: 3/5 hồ sơ trả kết quả quá hạn từ 5 đến 12 ngày, không có văn bản xin lỗi.",
  publicSummary: "Có chậm trễ trả kết quả ở một số hồ sơ; đơn vị đã được yêu cầu chấn chỉnh.",
  position: "  Công chức   địa chính  ",
};
const member: InspectionActor = { id: "i1", role: "inspector" };
const now = new Date("2026-03-04T03:00:00Z");

describe("validateFinding", () => {
  it("accepts each of the four outcomes and cleans the text", () => {
    for (const outcome of FINDING_OUTCOMES) {
      const result = validateFinding({ ...draft, outcome, position: "  Phó Chủ tịch  " });
      expect(result).toEqual({
        ok: true,
        finding: { outcome, reasoning: draft.reasoning, publicSummary: draft.publicSummary, position: "Phó Chủ tịch" },
      });
    }
  });

  it("refuses an unknown outcome, thin reasoning, a bad summary and a formula-like position", () => {
    expect(validateFinding({ outcome: "true", reasoning: "Đúng.", publicSummary: "Ok", position: "=1+1" })).toEqual({
      ok: false,
      error: "invalid",
      detail: "missing_or_invalid",
      pointers: ["/outcome", "/reasoning", "/publicSummary", "/position"],
    });
    expect(validateFinding({ ...draft, reasoning: "x".repeat(FINDING_REASONING_MIN - 1) }).ok).toBe(false);
    expect(validateFinding({ ...draft, reasoning: `  ${"x".repeat(FINDING_REASONING_MIN)}  ` }).ok).toBe(true);
    expect(validateFinding({ ...draft, position: "x".repeat(201) })).toMatchObject({ pointers: ["/position"] });
  });

  it("keeps contact details out of the public summary", () => {
    for (const summary of [
      "Liên hệ cán bộ qua số 0912 345 678 để biết thêm",
      "Liên hệ cán bộ qua số +84912345678 để biết thêm",
      "Gửi thư tới nguyen.van.a@hanoi.gov.vn để biết thêm",
    ]) {
      expect(validateFinding({ ...draft, publicSummary: summary })).toMatchObject({ pointers: ["/publicSummary"] });
    }
    expect(
      validateFinding({ ...draft, publicSummary: "Đã xử lý 12 hồ sơ chậm trong năm 2025 tại bộ phận một cửa." }).ok,
    ).toBe(true);
  });

  it("treats a blank position as none", () => {
    expect(validateFinding({ ...draft, position: "   " })).toMatchObject({ finding: { position: null } });
    expect(validateFinding({ ...draft, position: undefined })).toMatchObject({ finding: { position: null } });
  });

  it("never accepts reasoning shorter than the minimum after trimming (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (reasoning) => {
        const result = validateFinding({ ...draft, reasoning });
        expect(result.ok).toBe(reasoning.normalize("NFC").trim().length >= FINDING_REASONING_MIN);
      }),
    );
  });
});

describe("recordFinding", () => {
  it("records a finding on an attached lead, by a team member, while in progress", () => {
    expect(recordFinding(inspection("in_progress"), "L1", draft, member, { outcome: "substantiated" }, now)).toEqual({
      ok: true,
      finding: {
        leadId: "L1",
        outcome: "partly_substantiated",
        reasoning: draft.reasoning,
        publicSummary: draft.publicSummary,
        position: "Công chức địa chính",
        recordedBy: "i1",
        recordedAt: "2026-03-04T03:00:00.000Z",
      },
      event: {
        action: "record_finding",
        before: { leadId: "L1", outcome: "substantiated" },
        after: { leadId: "L1", outcome: "partly_substantiated", position: "Công chức địa chính" },
      },
    });
  });

  it.each(INSPECTION_STATUSES.filter((s) => s !== "in_progress"))("is illegal while %s", (status) => {
    expect(recordFinding(inspection(status), "L1", draft, member, null, now)).toMatchObject({ error: "illegal" });
  });

  it("refuses people off the team, admins, unattached leads and bad drafts", () => {
    expect(
      recordFinding(inspection("in_progress"), "L1", draft, { id: "s9", role: "supervisor" }, null, now),
    ).toMatchObject({
      error: "forbidden",
    });
    expect(recordFinding(inspection("in_progress"), "L1", draft, { id: "a", role: "admin" }, null, now)).toMatchObject({
      error: "forbidden",
    });
    expect(recordFinding(inspection("in_progress"), "L9", draft, member, null, now)).toMatchObject({
      error: "invalid",
      detail: "lead_not_attached",
    });
    expect(recordFinding(inspection("in_progress"), "L1", { ...draft, outcome: "x" }, member, null, now)).toMatchObject(
      {
        error: "invalid",
        pointers: ["/outcome"],
      },
    );
  });
});

describe("missingFindings", () => {
  it("lists attached leads without a finding, in order", () => {
    expect(missingFindings(["L1", "L2", "L3"], ["L2", "L9"])).toEqual(["L1", "L3"]);
    expect(missingFindings([], [])).toEqual([]);
  });
});

describe("concludeInspection", () => {
  const findings: ConcludedFinding[] = [
    {
      leadId: "L1",
      outcome: "substantiated",
      publicSummary: "Có căn cứ: cán bộ yêu cầu nộp thêm giấy tờ không có trong quy định.",
    },
    { leadId: "L2", outcome: "not_substantiated", publicSummary: "Không có căn cứ: hồ sơ được giải quyết đúng hạn." },
  ];
  const conclusion: ConclusionDraft = {
    conclusion: "Đơn vị có sai phạm trong tiếp nhận hồ sơ đất đai.",
    recommendations: "Kiểm điểm trách nhiệm cá nhân liên quan.",
    guidance: "Công khai danh mục giấy tờ tại bộ phận một cửa; hướng dẫn quy trình mới.",
    measures: [{ responsibleUnitId: "u1", description: "  Niêm yết danh mục thủ tục  ", deadline: "2026-04-30" }],
  };
  const sup: InspectionActor = { id: "s1", role: "supervisor" };

  it("concludes: measures open, every lead concluded with the reporter's outcome", () => {
    const result = concludeInspection(inspection("in_progress"), conclusion, findings, sup, now, new Set(["u1"]));
    expect(result).toEqual({
      ok: true,
      patch: {
        status: "concluded",
        conclusion: conclusion.conclusion,
        recommendations: conclusion.recommendations,
        guidance: conclusion.guidance,
        concludedAt: "2026-03-04T03:00:00.000Z",
        concludedBy: "s1",
      },
      measures: [
        { responsibleUnitId: "u1", description: "Niêm yết danh mục thủ tục", deadline: "2026-04-30", status: "open" },
      ],
      leads: [
        {
          leadId: "L1",
          status: "concluded",
          reporter: { status: "concluded", outcome: "substantiated", outcomeSummary: findings[0]?.publicSummary },
        },
        {
          leadId: "L2",
          status: "concluded",
          reporter: { status: "concluded", outcome: "not_substantiated", outcomeSummary: findings[1]?.publicSummary },
        },
      ],
      event: {
        action: "conclude",
        before: { status: "in_progress" },
        after: { status: "concluded", outcomes: { L1: "substantiated", L2: "not_substantiated" }, measures: 1 },
      },
    });
  });

  it("closes at once with no measures when nothing is substantiated", () => {
    const clean = findings.map((f) => ({ ...f, outcome: "could_not_verify" as const }));
    const result = concludeInspection(inspection("in_progress"), { ...conclusion, measures: [] }, clean, sup, now);
    expect(result).toMatchObject({
      ok: true,
      patch: { status: "closed", closedAt: "2026-03-04T03:00:00.000Z" },
      measures: [],
    });
    const noLeads = concludeInspection(inspection("in_progress", []), { ...conclusion, measures: [] }, [], sup, now);
    expect(noLeads).toMatchObject({ ok: true, patch: { status: "closed" }, leads: [] });
  });

  it("requires a measure when any lead is substantiated, even partly", () => {
    for (const outcome of ["substantiated", "partly_substantiated"] as const) {
      const some = [{ ...findings[0], outcome } as ConcludedFinding, findings[1] as ConcludedFinding];
      expect(concludeInspection(inspection("in_progress"), { ...conclusion, measures: [] }, some, sup, now)).toEqual({
        ok: false,
        error: "invalid",
        detail: "measures_required",
        pointers: ["/measures"],
      });
    }
  });

  it("refuses while findings are missing", () => {
    expect(concludeInspection(inspection("in_progress"), conclusion, findings.slice(0, 1), sup, now)).toEqual({
      ok: false,
      error: "invalid",
      detail: "findings_missing",
      pointers: [],
    });
  });

  it("points at blank texts and bad measures", () => {
    const bad: ConclusionDraft = {
      conclusion: " ",
      recommendations: "",
      guidance: "\n",
      measures: [
        { responsibleUnitId: "u1", description: "Báo cáo", deadline: "2026-03-04" },
        { responsibleUnitId: "ghost", description: " ", deadline: "2026-02-30" },
      ],
    };
    expect(concludeInspection(inspection("in_progress"), bad, findings, sup, now, new Set(["u1"]))).toMatchObject({
      error: "invalid",
      pointers: [
        "/conclusion",
        "/recommendations",
        "/guidance",
        "/measures/0/deadline",
        "/measures/1/description",
        "/measures/1/responsibleUnitId",
        "/measures/1/deadline",
      ],
    });
  });

  it("is a supervisor on the team's act, in progress", () => {
    expect(concludeInspection(inspection("in_progress"), conclusion, findings, member, now)).toMatchObject({
      error: "forbidden",
    });
    expect(
      concludeInspection(inspection("in_progress"), conclusion, findings, { id: "s9", role: "supervisor" }, now),
    ).toMatchObject({
      error: "forbidden",
      detail: "not_on_team",
    });
    expect(concludeInspection(inspection("planned"), conclusion, findings, sup, now)).toMatchObject({
      error: "illegal",
    });
  });
});

describe("the reporter's outcome and contest", () => {
  it("maps each finding to the same outcome with the public summary only", () => {
    for (const outcome of FINDING_OUTCOMES) {
      expect(reporterOutcome({ outcome, publicSummary: "Tóm tắt" })).toEqual({
        status: "concluded",
        outcome,
        outcomeSummary: "Tóm tắt",
      });
    }
  });

  it.each(REPORT_STATUSES)("contesting a report that is %s", (reportStatus) => {
    const result = contestOutcome({ reportStatus, contestedAt: null }, "  Đơn vị vẫn thu tiền ngoài quy định  ", now);
    if (reportStatus === "concluded") {
      expect(result).toEqual({
        ok: true,
        contest: { reason: "Đơn vị vẫn thu tiền ngoài quy định", createdAt: "2026-03-04T03:00:00.000Z" },
        event: {
          action: "contest",
          before: { contested: false },
          after: { contested: true, reason: "Đơn vị vẫn thu tiền ngoài quy định" },
        },
      });
    } else {
      expect(result).toMatchObject({ ok: false, error: "illegal", detail: `not_concluded:${reportStatus}` });
    }
  });

  it("allows it exactly once, with a reason", () => {
    expect(
      contestOutcome({ reportStatus: "concluded", contestedAt: "2026-03-01T00:00:00Z" }, "Lý do đầy đủ ở đây", now),
    ).toMatchObject({
      error: "illegal",
      detail: "already_contested",
    });
    expect(contestOutcome({ reportStatus: "concluded", contestedAt: null }, "  ngắn  ", now)).toMatchObject({
      error: "invalid",
      pointers: ["/reason"],
    });
  });

  it("a supervisor upholds or reopens, once, with a reason", () => {
    const sup: InspectionActor = { id: "s1", role: "supervisor" };
    expect(
      resolveContest({ resolvedAt: null }, { decision: "reopen", reason: "Có chứng cứ mới cần xác minh" }, sup, now),
    ).toEqual({
      ok: true,
      contestPatch: { resolvedAt: "2026-03-04T03:00:00.000Z", resolvedBy: "s1" },
      leadPatch: { status: "in_review" },
      reporterStatus: "in_review",
      event: {
        action: "reopen",
        before: { status: "concluded" },
        after: { status: "in_review", reason: "Có chứng cứ mới cần xác minh" },
      },
    });
    expect(
      resolveContest({ resolvedAt: null }, { decision: "uphold", reason: "Kết luận đã xem xét đủ chứng cứ" }, sup, now),
    ).toMatchObject({
      ok: true,
      leadPatch: null,
      reporterStatus: "concluded",
    });
    expect(
      resolveContest({ resolvedAt: "x" }, { decision: "uphold", reason: "Kết luận đã xem xét đủ" }, sup, now),
    ).toMatchObject({
      error: "illegal",
    });
    for (const role of ["inspector", "admin"] as const) {
      expect(
        resolveContest(
          { resolvedAt: null },
          { decision: "uphold", reason: "Kết luận đã xem xét đủ" },
          { id: "x", role },
          now,
        ),
      ).toMatchObject({
        error: "forbidden",
      });
    }
    expect(
      resolveContest(
        { resolvedAt: null },
        { decision: "uphold", reason: "Kết luận đã xem xét đủ" },
        { ...sup, recused: true },
        now,
      ),
    ).toMatchObject({
      error: "forbidden",
    });
    expect(resolveContest({ resolvedAt: null }, { decision: "uphold", reason: "" }, sup, now)).toMatchObject({
      error: "invalid",
      pointers: ["/reason"],
    });
  });
});
