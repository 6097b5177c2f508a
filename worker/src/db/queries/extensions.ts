import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { DeadlineExtension, LeadInspection } from "../../contracts/extensions";
import type { Db } from "../client";
import { deadlineExtensions, findings, inspectionLeads, inspections, measures, users } from "../schema";

/** A deadline extension to record, for a batch. */
export interface NewExtension {
  targetType: "lead" | "measure";
  targetId: string;
  previousDueOn: string;
  newDueOn: string;
  workingDays: number | null;
  reason: string;
  grantedBy: string;
  grantedAt: string;
}

/** The insert of an extension into the history, for a batch. */
export function insertExtension(db: Db, extension: NewExtension): BatchItem<"sqlite"> {
  return db.insert(deadlineExtensions).values({ id: crypto.randomUUID(), ...extension });
}

/** The extensions granted on a lead or a measure, latest first, with the granting supervisor's name. */
export async function extensionsOf(
  db: Db,
  targetType: "lead" | "measure",
  targetId: string,
): Promise<DeadlineExtension[]> {
  return db
    .select({
      previousDueOn: deadlineExtensions.previousDueOn,
      newDueOn: deadlineExtensions.newDueOn,
      workingDays: deadlineExtensions.workingDays,
      reason: deadlineExtensions.reason,
      grantedBy: users.displayName,
      grantedAt: deadlineExtensions.grantedAt,
    })
    .from(deadlineExtensions)
    .leftJoin(users, eq(users.id, deadlineExtensions.grantedBy))
    .where(and(eq(deadlineExtensions.targetType, targetType), eq(deadlineExtensions.targetId, targetId)))
    .orderBy(desc(deadlineExtensions.grantedAt), desc(sql`${deadlineExtensions}.rowid`));
}

/** The statement moving a measure's deadline back into the open (no longer overdue), for a batch. */
export function extendMeasure(db: Db, id: string, deadline: string, reopen: boolean, at: string): BatchItem<"sqlite"> {
  return db
    .update(measures)
    .set({ deadline, overdueSince: null, updatedAt: at, ...(reopen ? { status: "open" as const } : {}) })
    .where(eq(measures.id, id));
}

/** A guard that the measure still has the status and deadline read. */
export function measureDeadlineIs(id: string, status: string, deadline: string): SQL {
  return sql`select count(*) from measures where id = ${id} and status = ${status} and deadline = ${deadline}`;
}

/**
 * Every inspection a lead was attached to, with the finding recorded on it
 * there, latest first (a lead reopened by a contest and inspected again has
 * several). The latest is the one whose outcome the reporters see.
 */
export async function inspectionsOfLead(db: Db, leadId: string): Promise<LeadInspection[]> {
  const rows = await db
    .select({
      inspectionId: inspections.id,
      type: inspections.type,
      status: inspections.status,
      plannedStart: inspections.plannedStart,
      plannedEnd: inspections.plannedEnd,
      createdAt: inspections.createdAt,
      concludedAt: inspections.concludedAt,
      outcome: findings.outcome,
      publicSummary: findings.publicSummary,
      recordedAt: findings.recordedAt,
    })
    .from(inspectionLeads)
    .innerJoin(inspections, eq(inspections.id, inspectionLeads.inspectionId))
    .leftJoin(findings, and(eq(findings.inspectionId, inspectionLeads.inspectionId), eq(findings.leadId, leadId)))
    .where(eq(inspectionLeads.leadId, leadId))
    // Latest first: by creation, then by attachment order (rowid), never by the random id when instants tie.
    .orderBy(desc(inspections.createdAt), sql.raw("inspection_leads.rowid desc"));
  return rows.map((r) => ({
    inspectionId: r.inspectionId,
    type: r.type,
    status: r.status as LeadInspection["status"],
    plannedStart: r.plannedStart,
    plannedEnd: r.plannedEnd,
    concludedAt: r.concludedAt,
    finding:
      r.outcome && r.recordedAt
        ? { outcome: r.outcome, publicSummary: r.publicSummary ?? "", recordedAt: r.recordedAt }
        : null,
  }));
}
