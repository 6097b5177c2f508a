import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { CategoryCode } from "../../src/contracts/categories";
import type { ReporterKind } from "../../src/contracts/reports";
import {
  auditRecord,
  leadOpenedEvent,
  leadTransitionColumns,
  leadTransitionEvent,
  reportEventRecord,
} from "../../src/db/rows";
import { triageReport } from "../../src/domain/triage";
import { insertUnits } from "../support/fixtures";
import { createUnit, fileBribe, leadIdOf, moveLead, type Session, signIn } from "../support/leads";
import type { FiledReport } from "../support/reports";

// The seeds (scripts/seed/) write the rows of worker/src/db/rows' builders
// under the SQL column names, from the domain's decisions. These tests check
// that the rows the services leave in D1 are exactly those: the builder's
// record, with camelCase keys turned into the column names as the seed turns
// them (`sqlRow` in scripts/seed/sql.ts), given the same decision.

type SqlRow = Record<string, unknown>;

/** A builder's record under its column names, as the seed writes it. */
const asColumns = (record: object): SqlRow =>
  Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), value]),
  );

async function rowsOf(sql: string, ...params: string[]): Promise<SqlRow[]> {
  return (
    await env.DB.prepare(sql)
      .bind(...params)
      .all<SqlRow>()
  ).results;
}

let inspector: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  inspector = await signIn("inspector");
});

describe("the rows a service writes are the row builders' (the seeds' rows)", () => {
  let report: FiledReport;
  let leadId: string;
  let reportRow: SqlRow;

  beforeAll(async () => {
    const ward = await createUnit();
    report = await fileBribe(ward.id);
    leadId = await leadIdOf(report.trackingCode);
    [reportRow = {}] = await rowsOf("SELECT * FROM reports WHERE tracking_code = ?", report.trackingCode);
  });

  it("filing: lead.opened is leadOpenedEvent of the domain's triage", async () => {
    const [audit] = await rowsOf("SELECT * FROM audit_log WHERE target_id = ? AND action = 'lead.opened'", leadId);
    const [lead] = await rowsOf("SELECT * FROM leads WHERE id = ?", leadId);
    const triage = triageReport({
      unitId: String(reportRow.unit_id),
      categoryCode: reportRow.category_code as CategoryCode,
      description: String(reportRow.description),
      procedure: reportRow.procedure as string | null,
      officialHint: reportRow.official_hint as string | null,
      occurredOn: reportRow.occurred_on as string | null,
      reporterKind: reportRow.reporter_kind as ReporterKind,
      evidenceCount: 0,
      receivedAt: String(reportRow.received_at),
      openLeads: [],
    });
    const built = leadOpenedEvent({
      leadId,
      trackingCode: report.trackingCode,
      triage,
      priority: Number(lead?.priority),
      at: String(audit?.at),
    });
    expect(audit).toEqual(asColumns(auditRecord(String(audit?.id), built)));
  });

  it("a transition: the lead's columns, the reporter's timeline entry and the audit row", async () => {
    await moveLead(inspector.cookie, leadId, { to: "in_review" });
    const [audit] = await rowsOf("SELECT * FROM audit_log WHERE target_id = ? AND action = 'lead.review'", leadId);
    const at = String(audit?.at);
    expect(audit).toEqual(
      asColumns(
        auditRecord(
          String(audit?.id),
          leadTransitionEvent(
            inspector.user.id,
            leadId,
            { action: "review", before: { status: "new" }, after: { status: "in_review" } },
            at,
          ),
        ),
      ),
    );
    const [lead] = await rowsOf("SELECT * FROM leads WHERE id = ?", leadId);
    expect(lead).toMatchObject(
      asColumns(leadTransitionColumns({ status: "new", acknowledgedAt: null }, { status: "in_review" }, at)),
    );
    const [event] = await rowsOf(
      "SELECT * FROM report_events WHERE report_id = ? AND status = 'in_review'",
      String(reportRow.id),
    );
    expect(event).toEqual(asColumns(reportEventRecord(String(event?.id), String(reportRow.id), "in_review", at)));
  });
});
