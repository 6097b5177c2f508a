import { eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { ConclusionInput } from "../../contracts/inspections";
import { concludeInspection as decide } from "../../domain/inspections";
import type { Lang } from "../../env";
import { ApiError } from "../../http/errors";
import { INSPECTION_MESSAGES } from "../../i18n/inspections";
import type { Db } from "../client";
import { inList } from "../in-list";
import { findings, inspections, leads, measures, outcomeContests, reportEvents, reports, units } from "../schema";
import type { Actor } from "./accounts";
import { auditInsert } from "./audit";
import { guarded, isGuardFailure } from "./guards";
import { failureError, inspectionState, requireInspection, runBatch } from "./inspections";
import { unchanged } from "./inspections-write";

/**
 * `POST /api/inspections/{id}/conclusion`: in one batch, the inspection gets
 * its conclusion and becomes `concluded` (or `closed` at once when it sets no
 * measure); its measures are created `open`; each attached lead becomes
 * `concluded`; each of their reports becomes `concluded` with the lead's
 * finding as `outcome` and its public summary, plus a timeline event the
 * reporter sees. Every change is audited.
 */
export async function concludeInspection(
  db: Db,
  actor: Actor,
  id: string,
  input: ConclusionInput,
  lang: Lang,
  now: Date = new Date(),
): Promise<void> {
  const row = await requireInspection(db, actor, id);
  const state = await inspectionState(db, row);
  const attached = await db
    .select({ leadId: leads.id, status: leads.status })
    .from(leads)
    .where(inList(leads.id, state.leadIds));
  const leadIds = [...state.leadIds];
  const found = leadIds.length ? await db.select().from(findings).where(inList(findings.leadId, leadIds)) : [];
  const unitIds = input.measures.map((m) => m.responsibleUnitId);
  const known = unitIds.length ? await db.select({ id: units.id }).from(units).where(inList(units.id, unitIds)) : [];
  const result = decide(state, input, found, { id: actor.id, role: actor.role }, now, new Set(known.map((u) => u.id)));
  if (!result.ok) {
    if (result.detail === "findings_missing") {
      const message = INSPECTION_MESSAGES.findings_missing[lang];
      const missing = leadIds.filter((leadId) => !found.some((f) => f.leadId === leadId));
      throw new ApiError("validation_failed", {
        detail: message,
        errors: missing.map((leadId) => ({ pointer: `/findings/${leadId}`, message })),
      });
    }
    throw failureError(result, lang);
  }

  const at = now.toISOString();
  const status = result.patch.status as string;
  const measureIds = input.measures.map(() => crypto.randomUUID());
  const statements: BatchItem<"sqlite">[] = [
    db
      .update(inspections)
      .set({ ...result.patch, updatedAt: at })
      .where(eq(inspections.id, id)),
    auditInsert(db, {
      actorId: actor.id,
      actorKind: "user",
      action: "inspection.concluded",
      targetType: "inspection",
      targetId: id,
      summary: { before: { status: row.status }, after: { status }, leads: leadIds, measures: measureIds },
      at,
    }),
    ...result.measures.flatMap((m, i) => {
      const measureId = measureIds[i] as string;
      return [
        db
          .insert(measures)
          .values({ id: measureId, inspectionId: id, ...m, status: "open", createdAt: at, updatedAt: at }),
        auditInsert(db, {
          actorId: actor.id,
          actorKind: "user",
          action: "measure.created",
          targetType: "measure",
          targetId: measureId,
          summary: {
            inspectionId: id,
            responsibleUnitId: m.responsibleUnitId,
            deadline: m.deadline,
            after: { status: "open" },
          },
          at,
        }),
      ];
    }),
  ];
  for (const finding of found) {
    const lead = attached.find((a) => a.leadId === finding.leadId);
    statements.push(
      db
        .update(leads)
        .set({ status: "concluded", overdueSince: null, updatedAt: at })
        .where(eq(leads.id, finding.leadId)),
      auditInsert(db, {
        actorId: actor.id,
        actorKind: "user",
        action: "lead.concluded",
        targetType: "lead",
        targetId: finding.leadId,
        summary: {
          before: { status: lead?.status },
          after: { status: "concluded" },
          inspectionId: id,
          outcome: finding.outcome,
        },
        at,
      }),
    );
    const leadReports = await db.select({ id: reports.id }).from(reports).where(eq(reports.leadId, finding.leadId));
    for (const report of leadReports) {
      statements.push(
        db
          .update(reports)
          .set({ status: "concluded", outcome: finding.outcome, outcomeSummary: finding.publicSummary, updatedAt: at })
          .where(eq(reports.id, report.id)),
        db
          .insert(reportEvents)
          .values({ id: crypto.randomUUID(), reportId: report.id, at, status: "concluded", note: null }),
      );
    }
  }
  await runBatch(db, guarded(db, unchanged(row), statements), isGuardFailure);
}

/**
 * `POST /api/reports/{code}/contest`: the reporter contests a concluded
 * outcome, once. Review reopens with a supervisor: the lead is flagged into
 * the supervisors' overdue queue (`GET /api/leads?overdue=true`) and the
 * contest is on the lead's timeline as the reporter's act.
 */
export async function contestOutcome(
  db: Db,
  report: typeof reports.$inferSelect,
  reason: string,
  now: Date = new Date(),
): Promise<string> {
  if (report.status !== "concluded") throw new ApiError("conflict");
  const [previous] = await db.select().from(outcomeContests).where(eq(outcomeContests.reportId, report.id)).limit(1);
  if (previous) throw new ApiError("limit_reached");
  const at = now.toISOString();
  const statements: BatchItem<"sqlite">[] = [
    db.insert(outcomeContests).values({ reportId: report.id, reason, createdAt: at }),
  ];
  if (report.leadId) {
    statements.push(
      db.update(leads).set({ overdueSince: at, updatedAt: at }).where(eq(leads.id, report.leadId)),
      auditInsert(db, {
        actorId: null,
        actorKind: "reporter",
        action: "lead.outcome_contested",
        targetType: "lead",
        targetId: report.leadId,
        summary: { trackingCode: report.trackingCode, outcome: report.outcome, reason },
        at,
      }),
    );
  }
  try {
    await db.batch(
      guarded(db, sql`select count(*) = 0 from outcome_contests where report_id = ${report.id}`, statements),
    );
  } catch (error) {
    if (isGuardFailure(error) || /UNIQUE|PRIMARY KEY/.test(String(error))) throw new ApiError("limit_reached");
    throw error;
  }
  return at;
}

/** When the report's outcome was contested, if it was. */
export async function contestedAt(db: Db, reportId: string): Promise<string | null> {
  const [row] = await db
    .select({ at: outcomeContests.createdAt })
    .from(outcomeContests)
    .where(eq(outcomeContests.reportId, reportId))
    .limit(1);
  return row?.at ?? null;
}
