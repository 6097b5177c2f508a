import { and, asc, count, desc, eq, gt, lt, or, type SQL, sql } from "drizzle-orm";
import { integer, sqliteTable } from "drizzle-orm/sqlite-core";
import type { LeadQuery, LeadSummary } from "../../contracts/leads";
import { type LeadSearch, SEARCH_WEIGHTS } from "../../domain/lead-search";
import type { Db } from "../client";
import { leads, reports, units } from "../schema";
import type { Actor } from "./accounts";
import { queueConditions, summaryColumns, toSummary } from "./leads";

/**
 * The FTS5 table of migration 0015 (external content over `reports`, keyed by
 * its rowid), declared here and not in `db/schema/` so drizzle-kit never
 * tries to create it as a plain table. Only its rowid is read.
 */
const reportSearch = sqliteTable("report_search", { rowid: integer("rowid").notNull() });

/** A search's keyset cursor over (score asc, priority desc, id asc), opaque to clients. */
function encodeSearchCursor(score: number, priority: number, id: string): string {
  return btoa(JSON.stringify(["s", score, priority, id]));
}

function decodeSearchCursor(cursor: string): [number, number, string] | undefined {
  try {
    const value = JSON.parse(atob(cursor)) as unknown;
    if (
      Array.isArray(value) &&
      value[0] === "s" &&
      typeof value[1] === "number" &&
      typeof value[2] === "number" &&
      typeof value[3] === "string"
    ) {
      return [value[1], value[2], value[3]];
    }
  } catch {
    // an unreadable cursor is treated as none
  }
  return undefined;
}

/**
 * The leads a search hits, one row per lead with its best score (lower is
 * better, as FTS5's bm25 says). A tracking code hits its report's lead with
 * score 0; words hit every lead with a report holding all of them. The FTS
 * query is one bound string in which every word is already an FTS5 string.
 */
function hitsOf(db: Db, search: Exclude<LeadSearch, { kind: "nothing" }>) {
  if (search.kind === "code") {
    return db
      .select({ leadId: reports.leadId, score: sql<number>`0`.as("score") })
      .from(reports)
      .where(eq(reports.trackingCode, search.trackingCode))
      .as("hits");
  }
  const { description, procedure, official } = SEARCH_WEIGHTS;
  // bm25() cannot run inside an aggregate; the `rank` column can, and `rank MATCH` sets its weights per query.
  return db
    .select({ leadId: reports.leadId, score: sql<number>`min(${reportSearch}.rank)`.as("score") })
    .from(reportSearch)
    .innerJoin(reports, sql`${reports}.rowid = ${reportSearch.rowid}`)
    .where(
      sql`${reportSearch} match ${search.match} and ${reportSearch}.rank match ${`bm25(${description}, ${procedure}, ${official})`}`,
    )
    .groupBy(reports.leadId)
    .as("hits");
}

/**
 * `GET /api/leads?q=`: the leads a search hits among those the queue's
 * filters (recusal first, `queueConditions`) keep, best match first, then
 * priority; with `total`, the number of such leads, counted under the same
 * conditions so a recused unit is neither listed nor counted.
 */
export async function searchLeads(
  db: Db,
  actor: Actor,
  query: LeadQuery,
  search: LeadSearch,
): Promise<{ items: LeadSummary[]; nextCursor: string | null; total: number }> {
  if (search.kind === "nothing") return { items: [], nextCursor: null, total: 0 };
  const hits = hitsOf(db, search);
  const conditions = queueConditions(actor, query);
  const after = query.cursor ? decodeSearchCursor(query.cursor) : undefined;
  const keyset = after
    ? or(
        gt(hits.score, after[0]),
        and(
          eq(hits.score, after[0]),
          or(lt(leads.priority, after[1]), and(eq(leads.priority, after[1]), gt(leads.id, after[2]))),
        ),
      )
    : undefined;
  const [rows, [counted]] = await Promise.all([
    db
      .select({ ...summaryColumns, score: hits.score })
      .from(hits)
      .innerJoin(leads, eq(leads.id, hits.leadId))
      .innerJoin(units, eq(units.id, leads.unitId))
      .where(and(...conditions, keyset as SQL | undefined))
      .orderBy(asc(hits.score), desc(leads.priority), asc(leads.id))
      .limit(query.limit + 1),
    db
      .select({ n: count() })
      .from(hits)
      .innerJoin(leads, eq(leads.id, hits.leadId))
      .innerJoin(units, eq(units.id, leads.unitId))
      .where(and(...conditions)),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > query.limit && last ? encodeSearchCursor(last.score, last.priority, last.id) : null,
    total: counted?.n ?? 0,
  };
}
