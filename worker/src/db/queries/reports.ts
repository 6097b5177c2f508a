import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { ReportStatus, ReportView } from "../../contracts/reports";
import type { Db } from "../client";
import { inList } from "../in-list";
import { filingEventStatuses, messageRecord, type NewReport, reportEventRecord, reportRecord } from "../rows/records";
import { attachments, leads, outcomeContests, reportEvents, reportMessages, reports } from "../schema";
import { reportStatusEvent } from "./notifications";

/** A row of `reports`. */
export type ReportRow = typeof reports.$inferSelect;

export type { NewReport } from "../rows/records";

/**
 * The inserts of a report and its first timeline event ("received", plus the
 * status of the lead it joined when that is further along), for the batch
 * that files it with its lead, the spent challenge and the idempotency record.
 */
export function insertReport(db: Db, report: NewReport): BatchItem<"sqlite">[] {
  return [
    db.insert(reports).values(reportRecord(report)),
    ...filingEventStatuses(report).map((status) =>
      db.insert(reportEvents).values(reportEventRecord(crypto.randomUUID(), report.id, status, report.receivedAt)),
    ),
  ];
}

/**
 * The table and column of a UNIQUE or PRIMARY KEY violation somewhere in an
 * error's cause chain (D1 reports it as "UNIQUE constraint failed: t.c"), or
 * undefined for any other error.
 */
export function uniqueViolation(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const match = /UNIQUE constraint failed: ([\w.]+)/.exec(current.message);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * What the reporter sees of their report: timeline, messages and evidence
 * list, oldest first (insertion order breaks ties within a millisecond).
 */
export async function reportView(db: Db, report: typeof reports.$inferSelect): Promise<ReportView> {
  const [events, messages, files, [contest], [forwarded]] = await Promise.all([
    db
      .select()
      .from(reportEvents)
      .where(eq(reportEvents.reportId, report.id))
      .orderBy(asc(reportEvents.at), asc(sql`rowid`)),
    db
      .select()
      .from(reportMessages)
      .where(eq(reportMessages.reportId, report.id))
      .orderBy(asc(reportMessages.at), asc(sql`rowid`)),
    db
      .select()
      .from(attachments)
      .where(eq(attachments.reportId, report.id))
      .orderBy(asc(attachments.createdAt), asc(sql`rowid`)),
    db.select().from(outcomeContests).where(eq(outcomeContests.reportId, report.id)).limit(1),
    report.status === "forwarded" && report.leadId
      ? db
          .select({ name: leads.forwardedToName, unitId: leads.forwardedToUnitId })
          .from(leads)
          .where(eq(leads.id, report.leadId))
          .limit(1)
      : [],
  ]);
  return {
    trackingCode: report.trackingCode,
    status: report.status as ReportStatus,
    categoryCode: report.categoryCode as ReportView["categoryCode"],
    unitId: report.unitId,
    receivedAt: report.receivedAt,
    updatedAt: report.updatedAt,
    events: events.map((event) => ({
      at: event.at,
      status: event.status as ReportStatus,
      ...(event.note ? { note: event.note } : {}),
    })),
    messages: messages.map((message) => ({
      id: message.id,
      from: message.sender,
      body: message.body,
      at: message.at,
    })),
    attachments: files.map((file) => ({
      id: file.id,
      sha256: file.sha256,
      contentType: file.contentType as ReportView["attachments"][number]["contentType"],
      size: file.size,
    })),
    ...(report.status === "concluded" && report.outcome
      ? { outcome: report.outcome as NonNullable<ReportView["outcome"]>, outcomeSummary: report.outcomeSummary ?? "" }
      : {}),
    ...(contest ? { contestedAt: contest.createdAt } : {}),
    ...(forwarded?.name ? { forwardedTo: { name: forwarded.name, unitId: forwarded.unitId } } : {}),
  };
}

/** A report by its tracking code (any case, surrounding spaces ignored). */
export async function findReportByTrackingCode(db: Db, trackingCode: string): Promise<ReportRow | undefined> {
  const [row] = await db
    .select()
    .from(reports)
    .where(eq(reports.trackingCode, trackingCode.trim().toUpperCase()))
    .limit(1);
  return row;
}

/** A report of a lead by its tracking code (any case). */
export async function findLeadReport(db: Db, leadId: string, trackingCode: string): Promise<ReportRow | undefined> {
  const [row] = await db
    .select()
    .from(reports)
    .where(and(eq(reports.leadId, leadId), eq(reports.trackingCode, trackingCode.toUpperCase())))
    .limit(1);
  return row;
}

/** The reports of a lead with their reporter-visible status. */
export async function reportsOfLead(
  db: Db,
  leadId: string,
): Promise<{ id: string; trackingCode: string; status: string }[]> {
  return db
    .select({ id: reports.id, trackingCode: reports.trackingCode, status: reports.status })
    .from(reports)
    .where(eq(reports.leadId, leadId));
}

/**
 * The statements that show reporters a new status: for each report not
 * already at `status`, the status and a timeline event, for a batch.
 */
export function reporterStatusChanges(
  db: Db,
  leadReports: readonly { id: string; status: string }[],
  status: ReportStatus,
  at: string,
): BatchItem<"sqlite">[] {
  return leadReports
    .filter((report) => report.status !== status)
    .flatMap((report) => [
      db.update(reports).set({ status, updatedAt: at }).where(eq(reports.id, report.id)),
      db.insert(reportEvents).values(reportEventRecord(crypto.randomUUID(), report.id, status, at)),
      reportStatusEvent(db, report.id, status, at),
    ]);
}

/** A row on a report's public timeline (a fixed note, never a name), for a batch. */
export function insertReportEvent(
  db: Db,
  event: { reportId: string; status: string; note: string | null; at: string },
): BatchItem<"sqlite"> {
  return db.insert(reportEvents).values({ id: crypto.randomUUID(), ...event });
}

/** The statement that moves reports to another lead (a merge), for a batch. */
export function moveReports(db: Db, reportIds: readonly string[], leadId: string): BatchItem<"sqlite"> {
  return db.update(reports).set({ leadId }).where(inList(reports.id, reportIds));
}

/** A message on a report's thread, from the reporter or an inspector. */
export interface NewMessage {
  id: string;
  reportId: string;
  sender: "reporter" | "inspector";
  authorUserId?: string;
  body: string;
  at: string;
}

/** The insert of a message, for a batch. */
export function insertMessage(db: Db, message: NewMessage): BatchItem<"sqlite"> {
  return db.insert(reportMessages).values(messageRecord(message));
}

/** The statement that records a change to a report at `at` (its `updatedAt`), for a batch. */
export function touchReport(db: Db, reportId: string, at: string): BatchItem<"sqlite"> {
  return db.update(reports).set({ updatedAt: at }).where(eq(reports.id, reportId));
}

/** The statement that records whether a report is specific enough to verify, for a batch; `when` adds a condition. */
export function setReportEligible(db: Db, reportId: string, eligible: boolean, when?: SQL): BatchItem<"sqlite"> {
  return db
    .update(reports)
    .set({ eligible })
    .where(and(eq(reports.id, reportId), when));
}
