import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { LeadStatus, Transition } from "../../contracts/leads";
import { laterOf, leadCategory, rescore } from "../../domain/lead-plan";
import { transition } from "../../domain/workflow";
import type { Lang } from "../../env";
import { ApiError } from "../../http/errors";
import type { Db } from "../client";
import { inList } from "../in-list";
import { leads, reportEvents, reportMessages, reports } from "../schema";
import type { Actor } from "./accounts";
import { auditInsert } from "./audit";
import { guarded, isGuardFailure } from "./guards";
import { findVisibleLead } from "./leads";
import { unitFindingsLast12Months } from "./triage";

const MESSAGES = {
  "/reason": { vi: "Cần ghi lý do", en: "A reason is required" },
  "/reasonCode": { vi: "Cần chọn mã lý do", en: "Choose a reason code" },
  "/targetLeadId": {
    vi: "Cần chọn một đầu mối khác về cùng đơn vị để gộp vào",
    en: "Choose another lead about the same unit to merge into",
  },
} as const;

/** Statuses at which the triage decision has been taken. */
const DECIDED: readonly LeadStatus[] = ["referred", "dismissed", "merged"];

/**
 * Applies one workflow transition, with everything it implies, in one D1
 * batch: the lead's columns, the reporter-visible status and timeline of
 * each of its reports, a question to the reporters when information is
 * requested, the reports moving over on a merge, and the audit event.
 */
export async function applyLeadTransition(
  db: Db,
  actor: Actor,
  id: string,
  input: Transition,
  lang: Lang,
  now: Date = new Date(),
): Promise<void> {
  const lead = await findVisibleLead(db, actor, id);
  if (!lead) throw new ApiError("not_found");
  // A merge stays within one unit: a lead about another unit would carry its
  // reports past the recusal of inspectors tied to either unit.
  const candidate =
    input.to === "merged" && input.targetLeadId ? await findVisibleLead(db, actor, input.targetLeadId) : undefined;
  const target = candidate?.unitId === lead.unitId ? candidate : undefined;
  const result = transition(
    { id: lead.id, status: lead.status as LeadStatus, proposedBy: lead.proposedBy },
    { ...input, target: target ? { id: target.id, status: target.status as LeadStatus } : undefined },
    { id: actor.id, role: actor.role },
  );
  if (!result.ok) {
    if (result.error === "illegal") throw new ApiError("conflict");
    if (result.error === "forbidden") throw new ApiError("forbidden");
    throw new ApiError("validation_failed", {
      errors: result.pointers.map((pointer) => ({
        pointer,
        message: MESSAGES[pointer as keyof typeof MESSAGES]?.[lang] ?? pointer,
      })),
    });
  }

  const at = now.toISOString();
  const decided = DECIDED.includes(result.patch.status);
  const statements: BatchItem<"sqlite">[] = [
    db
      .update(leads)
      .set({
        ...result.patch,
        updatedAt: at,
        ...(lead.acknowledgedAt ? {} : { acknowledgedAt: at }),
        ...(decided ? { decidedAt: at, overdueSince: null } : {}),
        ...(result.patch.status === "in_review" && lead.status === "dismissed" ? { decidedAt: null } : {}),
      })
      .where(eq(leads.id, lead.id)),
  ];

  const leadReports = await db
    .select({ id: reports.id, status: reports.status })
    .from(reports)
    .where(eq(reports.leadId, lead.id));
  const question = input.to === "info_requested" ? input.reason : undefined;
  for (const report of leadReports) {
    if (report.status !== result.reporterStatus) {
      statements.push(
        db.update(reports).set({ status: result.reporterStatus, updatedAt: at }).where(eq(reports.id, report.id)),
        db
          .insert(reportEvents)
          .values({ id: crypto.randomUUID(), reportId: report.id, at, status: result.reporterStatus, note: null }),
      );
    }
    if (question) {
      statements.push(
        db.insert(reportMessages).values({
          id: crypto.randomUUID(),
          reportId: report.id,
          sender: "inspector",
          authorUserId: actor.id,
          body: question,
          at,
        }),
      );
    }
  }

  if (result.patch.status === "merged" && target) {
    const ids = leadReports.map((r) => r.id);
    if (ids.length) statements.push(db.update(reports).set({ leadId: target.id }).where(inList(reports.id, ids)));
    const merged = {
      ...target,
      categoryCode: leadCategory(target.categoryCode as never, lead.categoryCode as never),
      severity: Math.max(target.severity, lead.severity),
      reportCount: target.reportCount + lead.reportCount,
      evidenceCount: target.evidenceCount + lead.evidenceCount,
      businessHarm: target.businessHarm || lead.businessHarm,
      eligible: target.eligible || lead.eligible,
      lastReportAt: laterOf(target.lastReportAt, lead.lastReportAt),
    };
    const score = rescore(merged, await unitFindingsLast12Months(db, target.unitId, now), now);
    statements.push(
      db
        .update(leads)
        .set({
          categoryCode: merged.categoryCode,
          severity: merged.severity,
          reportCount: merged.reportCount,
          evidenceCount: merged.evidenceCount,
          businessHarm: merged.businessHarm,
          eligible: merged.eligible,
          lastReportAt: merged.lastReportAt,
          priority: score.priority,
          scoreFactors: JSON.stringify(score.scoreFactors),
          updatedAt: at,
        })
        .where(eq(leads.id, target.id)),
      auditInsert(db, {
        actorId: actor.id,
        actorKind: "user",
        action: "lead.merged_in",
        targetType: "lead",
        targetId: target.id,
        summary: { from: lead.id, reports: ids.length },
        at,
      }),
    );
  }

  statements.push(
    auditInsert(db, {
      actorId: actor.id,
      actorKind: "user",
      action: `lead.${result.event.action}`,
      targetType: "lead",
      targetId: lead.id,
      summary: { before: result.event.before, after: result.event.after },
      at,
    }),
  );
  try {
    await db.batch(
      guarded(
        db,
        sql`select count(*) from ${leads} where ${leads.id} = ${lead.id} and ${leads.status} = ${lead.status} and ${leads.updatedAt} = ${lead.updatedAt}`,
        statements,
      ),
    );
  } catch (error) {
    if (isGuardFailure(error)) throw new ApiError("conflict");
    throw error;
  }
}

/**
 * A reporter answering a question puts the lead back in review: the
 * inspectors asked, the answer is in, and the lead must not sit in
 * "information requested" until someone notices. Written as the reporter's
 * act in the audit log (the reporter has no account).
 */
export async function resumeOnReporterReply(db: Db, leadId: string | null, now: Date = new Date()): Promise<void> {
  if (!leadId) return;
  const [lead] = await db.select().from(leads).where(eq(leads.id, leadId)).limit(1);
  if (lead?.status !== "info_requested") return;
  const at = now.toISOString();
  const leadReports = await db.select({ id: reports.id }).from(reports).where(eq(reports.leadId, leadId));
  const statements: BatchItem<"sqlite">[] = [
    db
      .update(leads)
      .set({ status: "in_review", updatedAt: at })
      .where(and(eq(leads.id, leadId), eq(leads.status, "info_requested"))),
    ...leadReports.flatMap((r) => [
      db.update(reports).set({ status: "in_review", updatedAt: at }).where(eq(reports.id, r.id)),
      db.insert(reportEvents).values({ id: crypto.randomUUID(), reportId: r.id, at, status: "in_review", note: null }),
    ]),
    auditInsert(db, {
      actorId: null,
      actorKind: "reporter",
      action: "lead.resume",
      targetType: "lead",
      targetId: leadId,
      summary: { before: { status: "info_requested" }, after: { status: "in_review" }, cause: "reporter_reply" },
      at,
    }),
  ];
  const stillWaiting = sql`select count(*) from ${leads} where ${leads.id} = ${leadId} and ${leads.status} = 'info_requested'`;
  try {
    await db.batch(guarded(db, stillWaiting, statements));
  } catch (error) {
    // An inspector moved the lead meanwhile; their decision stands.
    if (!isGuardFailure(error)) throw error;
  }
}
