import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../client";
import { leads } from "../schema";
import type { LeadRow } from "./triage";

/** Statuses in which a triage decision is still owed. */
export const UNDECIDED = ["new", "in_review", "info_requested", "dismissal_proposed"] as const;

/** A lead that missed a deadline and is not marked yet. */
export interface LateLead {
  id: string;
  status: string;
  ackDueAt: string;
  dueAt: string;
}

/**
 * Leads not yet marked overdue that missed a deadline at `at`: a `new` lead
 * not acknowledged by its acknowledgement deadline, or any undecided lead
 * past its decision deadline.
 */
export async function findLateLeads(db: Db, at: string): Promise<LateLead[]> {
  return db
    .select({ id: leads.id, status: leads.status, ackDueAt: leads.ackDueAt, dueAt: leads.dueAt })
    .from(leads)
    .where(
      and(
        isNull(leads.overdueSince),
        or(
          and(eq(leads.status, "new"), isNull(leads.acknowledgedAt), lt(leads.ackDueAt, at)),
          and(inArray(leads.status, [...UNDECIDED]), lt(leads.dueAt, at)),
        ),
      ),
    );
}

/** The statement that marks a lead overdue since `at`, unless it already is, for a batch. */
export function markOverdue(db: Db, id: string, at: string): BatchItem<"sqlite"> {
  return db
    .update(leads)
    .set({ overdueSince: at })
    .where(and(eq(leads.id, id), isNull(leads.overdueSince)));
}

/** Every lead still waiting for a triage decision. */
export async function findUndecidedLeads(db: Db): Promise<LeadRow[]> {
  return db
    .select()
    .from(leads)
    .where(inArray(leads.status, [...UNDECIDED]));
}

/** The statement that sets a lead's score, unless its status changed since it was read, for a batch. */
export function setScore(
  db: Db,
  lead: { id: string; status: string },
  score: { priority: number; scoreFactors: unknown },
): BatchItem<"sqlite"> {
  return db
    .update(leads)
    .set({ priority: score.priority, scoreFactors: JSON.stringify(score.scoreFactors) })
    .where(and(eq(leads.id, lead.id), sql`${leads.status} = ${lead.status}`));
}
