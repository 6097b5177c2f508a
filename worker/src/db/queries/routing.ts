import { asc, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { CategoryCode } from "../../contracts/categories";
import type { LeadState } from "../../domain/lead-plan";
import type { RoutableReport } from "../../domain/routing";
import type { Db } from "../client";
import { leadRecord } from "../rows/records";
import { attachments, inspectionLeads, leads, reports } from "../schema";

/** The reports of a lead as re-triage reads them, oldest first, with their tracking codes, statuses and file counts. */
export async function routableReports(
  db: Db,
  leadId: string,
): Promise<(RoutableReport & { trackingCode: string; status: string })[]> {
  const rows = await db
    .select({
      id: reports.id,
      trackingCode: reports.trackingCode,
      status: reports.status,
      unitId: reports.unitId,
      categoryCode: reports.categoryCode,
      description: reports.description,
      procedure: reports.procedure,
      officialHint: reports.officialHint,
      occurredOn: reports.occurredOn,
      reporterKind: reports.reporterKind,
      receivedAt: reports.receivedAt,
      witnessKey: reports.witnessKey,
      evidenceCount: sql<number>`(select count(*) from ${attachments} where ${attachments.reportId} = ${reports.id})`,
    })
    .from(reports)
    .where(eq(reports.leadId, leadId))
    .orderBy(asc(reports.receivedAt), asc(reports.id));
  return rows.map((r) => ({
    ...r,
    categoryCode: r.categoryCode as CategoryCode,
    evidenceCount: Number(r.evidenceCount),
  }));
}

/** Whether a lead was ever attached to an inspection (planned, live or past). */
export async function leadEverInspected(db: Db, leadId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(inspectionLeads)
    .where(eq(inspectionLeads.leadId, leadId));
  return (row?.n ?? 0) > 0;
}

/** The statement that re-files a report (its lead, unit, category and triage columns), for a batch. */
export function updateReportRouting(
  db: Db,
  reportId: string,
  columns: Partial<
    Pick<
      typeof reports.$inferInsert,
      "leadId" | "unitId" | "categoryCode" | "suggestedCategory" | "severity" | "eligible"
    >
  >,
  at: string,
): BatchItem<"sqlite"> {
  return db
    .update(reports)
    .set({ ...columns, updatedAt: at })
    .where(eq(reports.id, reportId));
}

/** The insert of a lead a report moved into, with the acknowledgement of the lead it came from, for a batch. */
export function insertRoutedLead(
  db: Db,
  state: LeadState,
  acknowledgedAt: string | null,
  at: string,
): BatchItem<"sqlite"> {
  return db.insert(leads).values({ ...leadRecord(state, at), acknowledgedAt });
}
