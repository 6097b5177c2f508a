import { and, asc, desc, gte, lte, type SQL, sql } from "drizzle-orm";
import type { ReportStatus } from "../../contracts/reports";
import { PUBLISHED_REPRESENTATIVE } from "../../domain/open311/status";
import type { Db } from "../client";
import { inList } from "../in-list";
import { reports } from "../schema";

/**
 * What Open311 reads of the reports: only the columns it may publish
 * (public id, category, reporter status, received instant) and the
 * reporter-visible timeline, never a description, unit or contact.
 */

/** A report as Open311 may see it; `id` stays inside the Worker (it keys the timeline). */
export interface PublishedRequestRow {
  id: string;
  publicId: string;
  categoryCode: string;
  status: string;
  receivedAt: string;
}

const PUBLISHED_COLUMNS = {
  id: reports.id,
  publicId: sql<string>`${reports.publicId}`,
  categoryCode: reports.categoryCode,
  status: reports.status,
  receivedAt: reports.receivedAt,
};

/** The filters of `GET requests` once checked: an inclusive window of ISO instants and optional lists. */
export interface RequestFilter {
  from: string;
  to: string;
  /** Reporter statuses to keep; empty keeps all. */
  statuses: readonly ReportStatus[];
  /** Category codes to keep; empty keeps all. */
  categoryCodes: readonly string[];
  limit: number;
  offset: number;
}

/** One page of reports received in the window, newest first (then by public id, so the cut is stable). */
export async function publishedRequests(db: Db, filter: RequestFilter): Promise<PublishedRequestRow[]> {
  const conditions: SQL[] = [gte(reports.receivedAt, filter.from), lte(reports.receivedAt, filter.to)];
  if (filter.statuses.length > 0) conditions.push(inList(reports.status, filter.statuses));
  if (filter.categoryCodes.length > 0) conditions.push(inList(reports.categoryCode, filter.categoryCodes));
  return db
    .select(PUBLISHED_COLUMNS)
    .from(reports)
    .where(and(...conditions))
    .orderBy(desc(reports.receivedAt), asc(reports.publicId))
    .limit(filter.limit)
    .offset(filter.offset);
}

/** The reports with these public ids (bound as one JSON parameter: up to 1000 ids), newest first. */
export async function publishedRequestsByIds(db: Db, publicIds: readonly string[]): Promise<PublishedRequestRow[]> {
  return db
    .select(PUBLISHED_COLUMNS)
    .from(reports)
    .where(inList(reports.publicId, publicIds))
    .orderBy(desc(reports.receivedAt), asc(reports.publicId));
}

/** `CASE status …`: each reporter status as the first status publishing the same state. */
function representativeSql(column: string): SQL {
  const cases = Object.entries(PUBLISHED_REPRESENTATIVE)
    .filter(([status, representative]) => status !== representative)
    .map(([status, representative]) => `when '${status}' then '${representative}'`)
    .join(" ");
  return sql.raw(`case ${column} ${cases} else ${column} end`);
}

/**
 * The timeline entries that change what Open311 publishes: a report's first
 * entry, and each later one whose published state differs from the one
 * before it (insertion order breaks ties within an instant).
 */
function publishedChanges(where: SQL): SQL {
  return sql`select id, report_id, at, status, seq, previous from (
      select e.id, e.report_id, e.at, e.status, e.rowid as seq, ${representativeSql("e.status")} as published,
        lag(${representativeSql("e.status")}) over (partition by e.report_id order by e.at, e.rowid) as previous
      from report_events e where ${where}
    ) where previous is null or previous <> published`;
}

/** When each report's published state last changed, by report id (its `updated_datetime`). */
export async function lastPublishedChanges(db: Db, reportIds: readonly string[]): Promise<Map<string, string>> {
  if (reportIds.length === 0) return new Map();
  const rows = await db.all<{ reportId: string; at: string }>(
    sql`select report_id as reportId, max(at) as at from (${publishedChanges(
      sql`e.report_id in (select value from json_each(${JSON.stringify(reportIds)}))`,
    )}) group by report_id`,
  );
  return new Map(rows.map((row) => [row.reportId, row.at]));
}

/** A change of a report's published state, for `servicerequestupdates`. */
export interface PublishedUpdateRow {
  updateId: string;
  publicId: string;
  status: string;
  at: string;
}

/**
 * The changes of published state in the inclusive window, oldest first
 * (insertion order within an instant):
 * a report's first entry is its filing (a request, not an update) and is
 * left out.
 */
export async function publishedUpdates(
  db: Db,
  window: { from: string; to: string; limit: number; offset: number },
): Promise<PublishedUpdateRow[]> {
  return db.all<PublishedUpdateRow>(
    sql`select c.id as updateId, r.public_id as publicId, c.status as status, c.at as at
      from (${publishedChanges(
        sql`e.report_id in (select report_id from report_events where at >= ${window.from} and at <= ${window.to})`,
      )}) c join ${reports} r on r.id = c.report_id
      where c.previous is not null and c.at >= ${window.from} and c.at <= ${window.to}
      order by c.at, c.seq limit ${window.limit} offset ${window.offset}`,
  );
}
