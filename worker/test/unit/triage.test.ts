import { describe, expect, it } from "vitest";
import {
  type ClusterLead,
  computePriority,
  SUGGESTION_CLUSTER_CONFIDENCE,
  type TriageInput,
  triageReport,
} from "../../src/domain/triage";

const filed = (overrides: Partial<TriageInput>): TriageInput => ({
  unitId: "phuong-dong-da",
  categoryCode: "bribery",
  description: "",
  reporterKind: "citizen",
  evidenceCount: 0,
  receivedAt: "2025-06-02T02:00:00.000Z",
  ...overrides,
});

describe("triageReport", () => {
  it("composes normalisation, suggestion, signals, severity, specificity and keys", () => {
    const t = triageReport(
      filed({
        categoryCode: "harassment",
        description: "Tôi đi lại 4 lần, ông Nguyễn Văn Hùng đòi 2 triệu mới nhận hồ sơ.",
        procedure: "Cấp sổ đỏ",
        evidenceCount: 1,
      }),
    );
    expect(t.text.plain).toBe("toi di lai 4 lan ong nguyen van hung doi 2 trieu moi nhan ho so");
    expect(t.suggestion).toMatchObject({ code: "bribery", differs: true });
    expect(t.signals.namedOfficial).toBe("Nguyễn Văn Hùng");
    expect(t.severity.value).toBe(5);
    expect(t.specificity).toEqual({ eligible: true, missing: [] });
    expect(t.procedureKey).toBe("cap so do");
    expect(t.officialKey).toBe("nguyen van hung");
    expect(t.lead).toEqual({ kind: "new" });
  });

  it("scores severity on the reporter's category, not the suggestion", () => {
    const t = triageReport(filed({ categoryCode: "conduct", description: "Cán bộ đòi 2 triệu mới làm." }));
    expect(t.suggestion.code).toBe("bribery");
    expect(t.severity.reasons[0]).toEqual({ reason: "category", points: 1, detail: "conduct" });
  });

  it("lets a confident suggestion join a lead the reporter's category would not", () => {
    const bribeLead: ClusterLead = {
      id: "L1",
      unitId: "phuong-dong-da",
      categoryCode: "bribery",
      status: "in_review",
      lastReportAt: "2025-06-01T02:00:00.000Z",
      descriptions: ["Cán bộ địa chính phường Đống Đa đòi tôi phải đưa 2 triệu đồng thì mới nhận hồ sơ cấp sổ đỏ."],
      procedureKeys: [],
      officialKeys: [],
    };
    const text = "Cán bộ địa chính phường Đống Đa đòi 2 triệu đồng mới nhận hồ sơ cấp sổ đỏ, thật là tiêu cực.";
    const t = triageReport(filed({ categoryCode: "delay", description: text, openLeads: [bribeLead] }));
    expect(t.suggestion.confidence).toBeGreaterThanOrEqual(SUGGESTION_CLUSTER_CONFIDENCE);
    expect(t.lead).toMatchObject({ kind: "join", leadId: "L1" });
  });

  it("turns three anonymous reports of one bribe demand into one lead ranked above a rudeness report", () => {
    const bribes = [
      "Cán bộ địa chính phường Đống Đa đòi tôi phải đưa 2 triệu đồng thì mới nhận hồ sơ cấp sổ đỏ.",
      "Khi nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất ở UBND phường Đống Đa, cán bộ địa chính gợi ý tôi phải bồi dưỡng 2 triệu mới giải quyết.",
      "toi len phuong Dong Da lam so do, anh can bo dia chinh noi muon nhanh thi chi ngoai 2tr, khong thi cu cho",
    ];
    const rudeness = "Cán bộ một cửa phường Đống Đa quát nạt, thái độ thô lỗ khi tôi hỏi về thủ tục khai sinh.";
    const leads: (ClusterLead & { severity: number; reports: number })[] = [];
    const file = (description: string, categoryCode: TriageInput["categoryCode"], day: number) => {
      const receivedAt = new Date(Date.UTC(2025, 5, 2 + day, 2)).toISOString();
      const t = triageReport(filed({ description, categoryCode, receivedAt, openLeads: leads }));
      if (t.lead.kind === "join") {
        const joined = leads.find((l) => l.id === (t.lead.kind === "join" ? t.lead.leadId : ""));
        if (!joined) throw new Error("joined an unknown lead");
        joined.descriptions = [...joined.descriptions, description];
        joined.reports += 1;
        joined.severity = Math.max(joined.severity, t.severity.value);
        joined.lastReportAt = receivedAt;
      } else {
        leads.push({
          id: `L${leads.length + 1}`,
          unitId: "phuong-dong-da",
          categoryCode,
          status: "new",
          lastReportAt: receivedAt,
          descriptions: [description],
          procedureKeys: [t.procedureKey],
          officialKeys: [t.officialKey],
          severity: t.severity.value,
          reports: 1,
        });
      }
    };
    file(bribes[0] ?? "", "bribery", 0);
    file(rudeness, "conduct", 1);
    file(bribes[1] ?? "", "bribery", 2);
    file(bribes[2] ?? "", "harassment", 3);

    expect(leads.map((l) => [l.categoryCode, l.reports])).toEqual([
      ["bribery", 3],
      ["conduct", 1],
    ]);
    const now = new Date("2025-06-06T00:00:00Z");
    const score = (l: (typeof leads)[number]) =>
      computePriority(
        {
          severity: l.severity,
          reportCount: l.reports,
          independentReports: l.reports,
          evidenceCount: 0,
          businessHarm: false,
          unitFindingsLast12Months: 0,
          openedAt: "2025-06-02T02:00:00.000Z",
          dueAt: "2025-06-09T17:00:00.000Z",
        },
        now,
      ).total;
    const [bribeLead, rudeLead] = leads;
    if (!bribeLead || !rudeLead) throw new Error("expected two leads");
    expect(score(bribeLead)).toBeGreaterThan(score(rudeLead));
  });
});
