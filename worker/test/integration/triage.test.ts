import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { LeadDetail } from "../../src/contracts/leads";
import { ReportViewSchema } from "../../src/contracts/reports";
import { ORIGIN } from "../support/accounts";
import { insertUnits } from "../support/fixtures";
import {
  auditRows,
  BRIBE_TEXTS,
  createUnit,
  fileAbout,
  fileBribe,
  getLead,
  LAND_PROCEDURE,
  leadIdOf,
  listLeads,
  RUDENESS_TEXT,
  reportRow,
  type Session,
  signIn,
  uploadEvidence,
} from "../support/leads";
import type { FiledReport } from "../support/reports";

let supervisor: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await signIn("supervisor");
});

function expectFactorsSumToTotal(lead: LeadDetail) {
  const sum = lead.score.factors.reduce((total, factor) => total + factor.value, 0);
  expect(lead.score.total).toBeCloseTo(sum, 2);
  expect(lead.priority).toBeCloseTo(lead.score.total, 2);
  expect(lead.score.factors.map((f) => f.name)).toEqual([
    "severity",
    "reports",
    "evidence",
    "business_harm",
    "repeat_unit",
    "age",
  ]);
}

describe("triage on filing: the same bribe demand, three reporters", () => {
  let ward: { id: string };
  let bribes: FiledReport[];
  let rudeness: FiledReport;
  let elsewhere: FiledReport;

  beforeAll(async () => {
    ward = await createUnit();
    const other = await createUnit({ name: "Phường Hoàn Kiếm" });
    bribes = [
      await fileBribe(ward.id, { description: BRIBE_TEXTS[0] }),
      // The second reporter calls it harassment: a compatible category, same procedure.
      await fileBribe(ward.id, { description: BRIBE_TEXTS[1], categoryCode: "harassment", occurredOn: "2026-01-13" }),
      await fileBribe(ward.id, { description: BRIBE_TEXTS[2], occurredOn: undefined }),
    ];
    rudeness = await fileAbout(ward.id, {
      categoryCode: "conduct",
      description: RUDENESS_TEXT,
      procedure: undefined,
      occurredOn: "2026-01-14",
    });
    elsewhere = await fileBribe(other.id, { description: BRIBE_TEXTS[0] });
  });

  it("places the three reports in one lead with reportCount 3", async () => {
    const ids = await Promise.all(bribes.map((r) => leadIdOf(r.trackingCode)));
    expect(new Set(ids).size).toBe(1);
    const lead = await getLead(supervisor.cookie, ids[0] as string);
    expect(lead.reportCount).toBe(3);
    expect(lead.unitId).toBe(ward.id);
    expect(lead.unitName).toBe("Phường Đống Đa");
    expect(lead.categoryCode).toBe("bribery");
    expect(lead.status).toBe("new");
    expect(lead.reports.map((r) => r.trackingCode)).toEqual(bribes.map((r) => r.trackingCode));
    expect(lead.reports.map((r) => r.description)).toEqual([...BRIBE_TEXTS]);
  });

  it("ranks the bribe lead above a lone rudeness report at the same ward", async () => {
    const bribeLead = await leadIdOf(bribes[0]?.trackingCode ?? "");
    const rudenessLead = await leadIdOf(rudeness.trackingCode);
    expect(rudenessLead).not.toBe(bribeLead);
    const { items } = await listLeads(supervisor.cookie, { unitId: ward.id });
    expect(items.map((l) => l.id)).toEqual([bribeLead, rudenessLead]);
    const [first, second] = items;
    expect(first?.priority).toBeGreaterThan(second?.priority ?? Number.POSITIVE_INFINITY);
    expect(second).toMatchObject({ categoryCode: "conduct", reportCount: 1 });
  });

  it("never lets the same text about another unit join", async () => {
    const bribeLead = await leadIdOf(bribes[0]?.trackingCode ?? "");
    const otherLead = await leadIdOf(elsewhere.trackingCode);
    expect(otherLead).not.toBe(bribeLead);
    const lead = await getLead(supervisor.cookie, otherLead);
    expect(lead.reportCount).toBe(1);
    expect(lead.reports.map((r) => r.trackingCode)).toEqual([elsewhere.trackingCode]);
  });

  it("shows score factors that add up to the total, on both leads", async () => {
    for (const report of [bribes[0], rudeness]) {
      const lead = await getLead(supervisor.cookie, await leadIdOf(report?.trackingCode ?? ""));
      expectFactorsSumToTotal(lead);
    }
    const bribeLead = await getLead(supervisor.cookie, await leadIdOf(bribes[0]?.trackingCode ?? ""));
    const reports = bribeLead.score.factors.find((f) => f.name === "reports");
    expect(reports?.value).toBeGreaterThan(0);
  });

  it("records lead.opened for the first report and lead.report_joined for the others", async () => {
    const leadId = await leadIdOf(bribes[0]?.trackingCode ?? "");
    const rows = await auditRows(leadId);
    expect(rows.map((r) => r.action)).toEqual(["lead.opened", "lead.report_joined", "lead.report_joined"]);
    expect(rows.every((r) => r.actor_kind === "system" && r.actor_id === null)).toBe(true);
    const summaries = rows.map((r) => JSON.parse(r.summary) as Record<string, unknown>);
    expect(summaries.map((s) => s.trackingCode)).toEqual(bribes.map((r) => r.trackingCode));
    expect(summaries[2]).toMatchObject({
      before: { reportCount: 2 },
      after: { reportCount: 3 },
    });
    expect(summaries[1]?.matchedOn).toContain("procedure");
    const lead = await getLead(supervisor.cookie, leadId);
    expect(lead.events.map((e) => e.action)).toEqual(["lead.opened", "lead.report_joined", "lead.report_joined"]);
  });

  it("stores lead_id, severity and the category suggestion on each report row", async () => {
    const leadId = await leadIdOf(bribes[0]?.trackingCode ?? "");
    const first = await reportRow(bribes[0]?.trackingCode ?? "");
    expect(first).toMatchObject({ lead_id: leadId, category_code: "bribery", suggested_category: "bribery" });
    // Bribery (4) plus an amount of money (2 triệu).
    expect(first.severity).toBe(5);
    const rude = await reportRow(rudeness.trackingCode);
    expect(rude.severity).toBeLessThan(first.severity as number);
    expect(rude.lead_id).not.toBe(leadId);
  });
});

describe("triage on filing: suggestion, specificity and evidence", () => {
  it("suggests bribery when the text says bribery but the reporter chose 'other'", async () => {
    const ward = await createUnit();
    const report = await fileBribe(ward.id, { categoryCode: "other" });
    const row = await reportRow(report.trackingCode);
    expect(row.category_code).toBe("other");
    expect(row.suggested_category).toBe("bribery");
    const leadId = await leadIdOf(report.trackingCode);
    const [opened] = await auditRows(leadId);
    expect(opened?.action).toBe("lead.opened");
    expect(JSON.parse(opened?.summary ?? "{}")).toMatchObject({ suggestion: "bribery" });
    const lead = await getLead(supervisor.cookie, leadId);
    expect(lead.reports[0]).toMatchObject({ categoryCode: "other", suggestedCategory: "bribery" });
  });

  it("flags no difference when the reporter's choice matches the text", async () => {
    const ward = await createUnit();
    const report = await fileBribe(ward.id);
    const [opened] = await auditRows(await leadIdOf(report.trackingCode));
    expect(JSON.parse(opened?.summary ?? "{}")).toMatchObject({ suggestion: null });
  });

  it("makes a report with a procedure eligible for verification once evidence is added", async () => {
    const ward = await createUnit();
    const report = await fileBribe(ward.id, { occurredOn: undefined });
    const leadId = await leadIdOf(report.trackingCode);
    expect((await reportRow(report.trackingCode)).eligible).toBe(0);
    const before = await getLead(supervisor.cookie, leadId);
    expect(before.eligible).toBe(false);
    expect(before.reports[0]?.eligible).toBe(false);
    expect(before.score.factors.find((f) => f.name === "evidence")?.value).toBe(0);
    const [opened] = await auditRows(leadId);
    expect(JSON.parse(opened?.summary ?? "{}")).toMatchObject({ eligible: false, missing: ["evidence"] });

    const attachmentId = await uploadEvidence(report);

    expect((await reportRow(report.trackingCode)).eligible).toBe(1);
    const after = await getLead(supervisor.cookie, leadId);
    expect(after.eligible).toBe(true);
    expect(after.reports[0]?.eligible).toBe(true);
    expect(after.reports[0]?.attachments.map((a) => a.id)).toEqual([attachmentId]);
    expect(after.reports[0]?.attachments[0]?.contentType).toBe("image/jpeg");
    expectFactorsSumToTotal(after);
  });

  // Regression: the evidence count once came from a subquery that always counted 0.
  it("gives the lead evidence points once a file is attached", async () => {
    const ward = await createUnit();
    const report = await fileBribe(ward.id);
    const leadId = await leadIdOf(report.trackingCode);
    const before = await getLead(supervisor.cookie, leadId);
    await uploadEvidence(report);
    const after = await getLead(supervisor.cookie, leadId);
    expect(after.score.factors.find((f) => f.name === "evidence")?.value).toBeGreaterThan(0);
    expect(after.priority).toBeGreaterThan(before.priority);
  });

  it("keeps a report without procedure, official or date ineligible even with evidence", async () => {
    const ward = await createUnit();
    const report = await fileAbout(ward.id, {
      categoryCode: "delay",
      description: "Hồ sơ của tôi nộp đã hơn hai tháng mà phường vẫn chưa trả kết quả, hỏi thì bảo chờ.",
      procedure: undefined,
      occurredOn: undefined,
    });
    await uploadEvidence(report);
    expect((await reportRow(report.trackingCode)).eligible).toBe(0);
  });

  it("answers the reporter's follow page with received while the lead is new", async () => {
    const ward = await createUnit();
    const report = await fileBribe(ward.id, { procedure: LAND_PROCEDURE });
    const res = await SELF.fetch(`${ORIGIN}/api/reports/${report.trackingCode}`, {
      headers: { Authorization: `Bearer ${report.secret}` },
    });
    expect(res.status).toBe(200);
    expect(ReportViewSchema.parse(await res.json()).status).toBe("received");
  });
});
