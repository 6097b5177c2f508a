import { and, isNull, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../client";
import { inList } from "../in-list";
import { leads, outcomeContests } from "../schema";

/** A reporter's contest of a concluded outcome: one per report. */
export interface ContestRow {
  reportId: string;
  createdAt: string;
  resolvedAt: string | null;
}

/** The contests of some reports, resolved or not. */
export async function contestsOfReports(db: Db, reportIds: readonly string[]): Promise<ContestRow[]> {
  if (reportIds.length === 0) return [];
  return db
    .select({
      reportId: outcomeContests.reportId,
      createdAt: outcomeContests.createdAt,
      resolvedAt: outcomeContests.resolvedAt,
    })
    .from(outcomeContests)
    .where(inList(outcomeContests.reportId, reportIds));
}

/** The insert of a report's contest, for a batch. */
export function insertContest(
  db: Db,
  contest: { reportId: string; reason: string; createdAt: string },
): BatchItem<"sqlite"> {
  return db.insert(outcomeContests).values(contest);
}

/** The statement that resolves the still open contests of some reports, for a batch. */
export function resolveOpenContests(
  db: Db,
  reportIds: readonly string[],
  patch: { resolvedAt: string; resolvedBy: string },
): BatchItem<"sqlite"> {
  return db
    .update(outcomeContests)
    .set(patch)
    .where(and(inList(outcomeContests.reportId, reportIds), isNull(outcomeContests.resolvedAt)));
}

/** A guard condition: the report has no contest yet (one per report). */
export function notContested(reportId: string): SQL {
  return sql`select count(*) = 0 from ${outcomeContests} where ${outcomeContests.reportId} = ${reportId}`;
}

/**
 * A guard condition: the lead is still concluded as it was read, and the
 * contests found open are all still open.
 */
export function contestsStillOpen(lead: { id: string; updatedAt: string }, openReportIds: readonly string[]): SQL {
  return sql`select (select count(*) from ${leads} where ${leads.id} = ${lead.id} and ${leads.status} = 'concluded' and ${leads.updatedAt} = ${lead.updatedAt}) = 1 and (select count(*) from ${outcomeContests} where ${inList(outcomeContests.reportId, openReportIds)} and ${outcomeContests.resolvedAt} is null) = ${openReportIds.length}`;
}
