import { describe, expect, it } from "vitest";
import type { LeadState } from "../../src/domain/lead-plan";
import { checkRouting, leadForReport, type RoutableReport, rebuildLead, retriage } from "../../src/domain/routing";
import { normalizeText, suggestCategory } from "../../src/domain/triage";

const NOW = new Date("2026-06-02T03:00:00Z");

function report(overrides: Partial<RoutableReport> = {}): RoutableReport {
  return {
    id: "r1",
    unitId: "u1",
    categoryCode: "bribery",
    description: "Cán bộ địa chính đòi 2 triệu đồng bồi dưỡng mới nhận hồ sơ cấp sổ đỏ.",
    procedure: null,
    officialHint: null,
    occurredOn: null,
    reporterKind: "citizen",
    evidenceCount: 0,
    receivedAt: "2026-06-01T02:00:00Z",
    witnessKey: null,
    ...overrides,
  };
}

const BASE: LeadState = {
  id: "L1",
  unitId: "u1",
  categoryCode: "bribery",
  status: "in_review",
  severity: 5,
  reportCount: 2,
  independentReports: 2,
  evidenceCount: 0,
  businessHarm: false,
  eligible: false,
  openedAt: "2026-06-01T02:00:00Z",
  lastReportAt: "2026-06-01T05:00:00Z",
  ackDueAt: "2026-06-04T16:59:59Z",
  dueAt: "2026-06-12T16:59:59Z",
  procedureKey: null,
  officialKey: null,
  priority: 0,
  scoreFactors: [],
};

describe("checkRouting", () => {
  const lead = { status: "in_review", unitId: "u1", categoryCode: "bribery" };

  it("allows a new unit or a new category while the lead is in triage", () => {
    expect(checkRouting(lead, { unitId: "u2" }, false)).toEqual({ ok: true });
    expect(checkRouting(lead, { categoryCode: "delay" }, false)).toEqual({ ok: true });
  });

  it("refuses a lead past triage or inspected (illegal), nothing or the same place (invalid), in that order", () => {
    expect(checkRouting({ ...lead, status: "referred" }, { categoryCode: "delay" }, true)).toMatchObject({
      error: "illegal",
      detail: "routing_closed",
    });
    expect(checkRouting(lead, {}, true)).toMatchObject({ error: "illegal", detail: "routing_inspected" });
    expect(checkRouting(lead, {}, false)).toMatchObject({ error: "invalid", detail: "routing_nothing" });
    expect(checkRouting(lead, { unitId: "u1", categoryCode: "bribery" }, false)).toMatchObject({
      error: "invalid",
      detail: "routing_unchanged",
      pointers: ["/unitId"],
    });
  });
});

describe("rebuildLead and leadForReport", () => {
  it("re-derives counts, severity and signals from the reports held, in the new place, and re-scores", () => {
    const held = [
      retriage(report(), "u2", "conduct"),
      retriage(report({ id: "r2", evidenceCount: 2, receivedAt: "2026-06-01T05:00:00Z" }), "u2", "conduct"),
    ];
    const lead = rebuildLead(BASE, "u2", "conduct", held, 0, NOW);
    expect(lead).toMatchObject({ unitId: "u2", categoryCode: "conduct", reportCount: 2, evidenceCount: 2 });
    expect(lead.lastReportAt).toBe("2026-06-01T05:00:00Z");
    expect(lead.severity).toBeLessThan(BASE.severity);
    expect(lead.priority).toBeGreaterThan(0);
    expect(lead.ackDueAt).toBe(BASE.ackDueAt);
  });

  it("takes the gravest category of the reports when none is given, and keeps a lead without reports in place", () => {
    const held = [
      retriage(report({ categoryCode: "delay" }), "u1", "delay"),
      retriage(report({ id: "r2" }), "u1", "bribery"),
    ];
    expect(rebuildLead(BASE, "u1", null, held, 0, NOW).categoryCode).toBe("bribery");
    expect(rebuildLead(BASE, "u3", "delay", [], 0, NOW)).toMatchObject({ unitId: "u3", categoryCode: "delay" });
  });

  it("opens a lead for one report with the status and deadlines of the lead it left", () => {
    const lead = leadForReport("L2", "bribery", BASE, retriage(report(), "u1", "bribery"), 0, NOW);
    expect(lead).toMatchObject({
      id: "L2",
      status: "in_review",
      reportCount: 1,
      openedAt: "2026-06-01T02:00:00Z",
      dueAt: BASE.dueAt,
    });
  });
});

it("suggests bribery for the text the browser test files as 'other' (e2e/routing.e2e.ts)", () => {
  const text = normalizeText(
    "Cán bộ phường đòi 3 triệu đồng tiền bồi dưỡng mới chịu ký xác nhận hồ sơ cho tôi, không đưa thì hẹn mãi.",
  );
  const suggestion = suggestCategory(text.plain, "other");
  expect(suggestion).toMatchObject({ code: "bribery", differs: true });
});

describe("rebuildLead and honest corroboration", () => {
  it("counts copies from one client as one witness in the rebuilt lead, and two clients as two", () => {
    const copies = [
      report({ id: "a", witnessKey: "k1", receivedAt: "2026-06-01T02:00:00Z" }),
      report({
        id: "b",
        witnessKey: "k1",
        receivedAt: "2026-06-01T04:00:00Z",
        description: "Tôi đi lại bốn lần ở bộ phận một cửa vẫn chưa được nhận hồ sơ.",
      }),
    ].map((r) => retriage(r, "u2", "bribery"));
    expect(rebuildLead(BASE, "u2", "bribery", copies, 0, NOW)).toMatchObject({ reportCount: 2, independentReports: 1 });
    const two = [
      report({ id: "a", witnessKey: "k1" }),
      report({
        id: "b",
        witnessKey: "k2",
        description: "Tôi đi lại bốn lần ở bộ phận một cửa vẫn chưa được nhận hồ sơ.",
      }),
    ].map((r) => retriage(r, "u2", "bribery"));
    expect(rebuildLead(BASE, "u2", "bribery", two, 0, NOW)).toMatchObject({ reportCount: 2, independentReports: 2 });
  });
});
