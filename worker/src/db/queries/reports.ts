import { asc, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Message, ReportStatus, ReportView } from "../../contracts/reports";
import type { Sealed } from "../../lib/crypto";
import type { Db } from "../client";
import { attachments, outcomeContests, reportEvents, reportMessages, reports } from "../schema";

/** A report as the create route hands it over: validated, NFC, contact already sealed. */
export interface NewReport {
  id: string;
  trackingCode: string;
  secretHash: string;
  track: "anonymous" | "named";
  unitId: string;
  categoryCode: string;
  description: string;
  occurredOn?: string;
  procedure?: string;
  officialHint?: string;
  reporterKind: "citizen" | "business" | "organization";
  contact?: Sealed;
  receivedAt: string;
  /** The reporter-visible status at filing: "received" unless it joined a lead further along. */
  status?: ReportStatus;
  /** Where triage placed it and what it found (see queries/triage.ts). */
  triage?: {
    leadId: string;
    suggestedCategory: string | null;
    severity: number;
    eligible: boolean;
    descriptionFolded: string;
    procedureKey: string | null;
    officialKey: string | null;
  };
}

/**
 * Writes a report, its first timeline event ("received") and `alongside`
 * (its lead, the spent challenge, the idempotency record) in one D1 batch: either all
 * of it exists afterwards or none of it does.
 */
export async function insertReport(db: Db, report: NewReport, alongside: BatchItem<"sqlite">[] = []): Promise<void> {
  await db.batch([
    db.insert(reports).values({
      id: report.id,
      trackingCode: report.trackingCode,
      secretHash: report.secretHash,
      track: report.track,
      unitId: report.unitId,
      categoryCode: report.categoryCode,
      description: report.description,
      occurredOn: report.occurredOn ?? null,
      procedure: report.procedure ?? null,
      officialHint: report.officialHint ?? null,
      reporterKind: report.reporterKind,
      contactIv: report.contact?.iv ?? null,
      contactCiphertext: report.contact?.ciphertext ?? null,
      status: report.status ?? "received",
      receivedAt: report.receivedAt,
      updatedAt: report.receivedAt,
      ...report.triage,
    }),
    db.insert(reportEvents).values({
      id: crypto.randomUUID(),
      reportId: report.id,
      at: report.receivedAt,
      status: "received",
      note: null,
    }),
    // A report that joins a lead already under review shows that status at once.
    ...(report.status && report.status !== "received"
      ? [
          db.insert(reportEvents).values({
            id: crypto.randomUUID(),
            reportId: report.id,
            at: report.receivedAt,
            status: report.status,
            note: null,
          }),
        ]
      : []),
    ...alongside,
  ]);
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
  const [events, messages, files, [contest]] = await Promise.all([
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
  };
}

/** Adds a reporter's message and touches the report's `updatedAt`, in one batch. */
export async function insertReporterMessage(db: Db, reportId: string, body: string, at: string): Promise<Message> {
  const message: Message = { id: crypto.randomUUID(), from: "reporter", body, at };
  await db.batch([
    db.insert(reportMessages).values({ id: message.id, reportId, sender: "reporter", body, at }),
    db.update(reports).set({ updatedAt: at }).where(eq(reports.id, reportId)),
  ]);
  return message;
}
