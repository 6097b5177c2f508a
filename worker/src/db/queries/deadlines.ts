import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { CategoryCode } from "../../contracts/categories";
import { rescore } from "../../domain/lead-plan";
import type { Db } from "../client";
import { leads } from "../schema";
import { auditInsert } from "./audit";
import { toLeadState, unitFindingsLast12Months } from "./triage";

/** Statuses in which a triage decision is still owed. */
export const UNDECIDED = ["new", "in_review", "info_requested", "dismissal_proposed"] as const;

/** Rows per D1 batch, well under D1's statement limits. */
const CHUNK = 200;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Marks leads that missed a deadline: a `new` lead not acknowledged within
 * its acknowledgement deadline, or any undecided lead past its decision
 * deadline. Marked leads form the supervisors' overdue queue
 * (`GET /api/leads?overdue=true`); each mark is an audit event by the system.
 * Returns how many leads were marked.
 */
export async function markOverdue(db: Db, now: Date): Promise<number> {
  const at = now.toISOString();
  const late = await db
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
  for (const part of chunks(late, CHUNK / 2)) {
    const statements = part.flatMap((lead): BatchItem<"sqlite">[] => [
      db
        .update(leads)
        .set({ overdueSince: at })
        .where(and(eq(leads.id, lead.id), isNull(leads.overdueSince))),
      auditInsert(db, {
        actorId: null,
        actorKind: "system",
        action: "lead.overdue",
        targetType: "lead",
        targetId: lead.id,
        summary: {
          deadline: lead.dueAt < at ? "decision" : "acknowledgement",
          dueAt: lead.dueAt < at ? lead.dueAt : lead.ackDueAt,
          status: lead.status,
        },
        at,
      }),
    ]);
    const [first, ...rest] = statements;
    if (first) await db.batch([first, ...rest]);
  }
  return late.length;
}

/**
 * Re-scores every undecided lead at `now`, since the age factor grows with
 * time. Returns how many leads were re-scored.
 */
export async function rescoreOpenLeads(db: Db, now: Date): Promise<number> {
  const rows = await db
    .select()
    .from(leads)
    .where(inArray(leads.status, [...UNDECIDED]));
  const findings = new Map<string, number>();
  for (const row of rows) {
    if (!findings.has(row.unitId)) findings.set(row.unitId, await unitFindingsLast12Months(db, row.unitId, now));
  }
  for (const part of chunks(rows, CHUNK)) {
    const statements = part.map((row) => {
      const score = rescore(
        { ...toLeadState(row), categoryCode: row.categoryCode as CategoryCode },
        findings.get(row.unitId) ?? 0,
        now,
      );
      return db
        .update(leads)
        .set({ priority: score.priority, scoreFactors: JSON.stringify(score.scoreFactors) })
        .where(and(eq(leads.id, row.id), sql`${leads.status} = ${row.status}`));
    });
    const [first, ...rest] = statements;
    if (first) await db.batch([first, ...rest]);
  }
  return rows.length;
}
