import { and, asc, count, desc, eq, gt, lt, or, type SQL, sql } from "drizzle-orm";
import { integer, sqliteTable } from "drizzle-orm/sqlite-core";
import type { LeadQuery, LeadSummary } from "../../contracts/leads";
import { type LeadSearch, SEARCH_COUNT_CAP, SEARCH_TOP_K, SEARCH_WEIGHTS } from "../../domain/lead-search";
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

/** The FTS5 condition of a word search: the words, and bm25 with the columns' weights. */
function wordMatch(search: Extract<LeadSearch, { kind: "words" }>): SQL {
  const { description, procedure, official } = SEARCH_WEIGHTS;
  // `rank MATCH` sets the rank function and its weights for this query.
  return sql`${reportSearch} match ${search.match} and ${reportSearch}.rank match ${`bm25(${description}, ${procedure}, ${official})`}`;
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
  // bm25() cannot run inside an aggregate; the `rank` column can.
  return db
    .select({ leadId: reports.leadId, score: sql<number>`min(${reportSearch}.rank)`.as("score") })
    .from(reportSearch)
    .innerJoin(reports, sql`${reports}.rowid = ${reportSearch.rowid}`)
    .where(wordMatch(search))
    .groupBy(reports.leadId)
    .as("hits");
}

/**
 * The leads among the best `topK` reports of a word search, with their best
 * score there, and on every row `worst`, the score of the topK-th report, and
 * `found`, how many reports the top holds (fewer than topK: every hit).
 * FTS5 ranks `ORDER BY rank LIMIT` itself, so only topK rows reach the joins.
 */
function topHitsOf(db: Db, search: Extract<LeadSearch, { kind: "words" }>, topK: number) {
  const top = db
    .select({ rowid: reportSearch.rowid, rank: sql<number>`${reportSearch}.rank`.as("top_rank") })
    .from(reportSearch)
    .where(wordMatch(search))
    .orderBy(sql`${reportSearch}.rank`)
    .limit(topK)
    .as("top");
  const ranked = db
    .select({
      rowid: top.rowid,
      rank: top.rank,
      worst: sql<number>`max(${top.rank}) over ()`.as("worst"),
      found: sql<number>`count(*) over ()`.as("found"),
    })
    .from(top)
    .as("ranked");
  return db
    .select({
      leadId: reports.leadId,
      score: sql<number>`min(${ranked.rank})`.as("score"),
      worst: sql<number>`max(${ranked.worst})`.as("top_worst"),
      found: sql<number>`max(${ranked.found})`.as("top_found"),
    })
    .from(ranked)
    .innerJoin(reports, sql`${reports}.rowid = ${ranked.rowid}`)
    .groupBy(reports.leadId)
    .as("hits");
}

/** Tuning of a word search; tests make both small to cross the limits with a few rows. */
export interface SearchTuning {
  /** Reports ranked first (0: always the full ranking). */
  topK: number;
  /** Leads counted at most; beyond, `total` is this and `totalCapped` true. */
  countCap: number;
}

type Hits = ReturnType<typeof hitsOf> | ReturnType<typeof topHitsOf>;

function keysetOf(hits: Hits, cursor: string | undefined): SQL | undefined {
  const after = cursor ? decodeSearchCursor(cursor) : undefined;
  if (!after) return undefined;
  return or(
    gt(hits.score, after[0]),
    and(
      eq(hits.score, after[0]),
      or(lt(leads.priority, after[1]), and(eq(leads.priority, after[1]), gt(leads.id, after[2]))),
    ),
  );
}

/** One page of hits under the queue's conditions, limit + 1 rows (the extra one says there is a next page). */
async function pageOf(db: Db, hits: ReturnType<typeof hitsOf>, conditions: SQL[], query: LeadQuery) {
  return db
    .select({ ...summaryColumns, score: hits.score })
    .from(hits)
    .innerJoin(leads, eq(leads.id, hits.leadId))
    .innerJoin(units, eq(units.id, leads.unitId))
    .where(and(...conditions, keysetOf(hits, query.cursor)))
    .orderBy(asc(hits.score), desc(leads.priority), asc(leads.id))
    .limit(query.limit + 1);
}

/**
 * The page from the best topK reports, if it is provably the page of the
 * full ranking: a lead scoring below `worst` there has its true best score
 * (its other reports score `worst` or more), and every lead missing from the
 * top scores `worst` or more; so limit + 1 rows all below `worst`, or a top
 * holding every hit, are exactly the full ranking's rows. Undefined otherwise.
 */
async function topPageOf(
  db: Db,
  search: Extract<LeadSearch, { kind: "words" }>,
  conditions: SQL[],
  query: LeadQuery,
  topK: number,
) {
  const hits = topHitsOf(db, search, topK);
  const rows = await db
    .select({ ...summaryColumns, score: hits.score, worst: hits.worst, found: hits.found })
    .from(hits)
    .innerJoin(leads, eq(leads.id, hits.leadId))
    .innerJoin(units, eq(units.id, leads.unitId))
    .where(and(...conditions, keysetOf(hits, query.cursor)))
    .orderBy(asc(hits.score), desc(leads.priority), asc(leads.id))
    .limit(query.limit + 1);
  const first = rows[0];
  if (!first) return undefined; // nothing visible in the top: maybe further down
  if (first.found < topK) return rows; // the top is every hit
  const last = rows.at(-1);
  if (rows.length > query.limit && last && last.score < first.worst) return rows;
  return undefined;
}

/**
 * How many leads a word search finds under the conditions, counting at most
 * cap + 1: distinct leads of the matching reports, without ranking them, so
 * the count stops early on a common word.
 */
async function countWords(
  db: Db,
  search: Extract<LeadSearch, { kind: "words" }>,
  conditions: SQL[],
  cap: number,
): Promise<{ total: number; totalCapped?: true }> {
  const found = db
    .selectDistinct({ id: leads.id })
    .from(reportSearch)
    .innerJoin(reports, sql`${reports}.rowid = ${reportSearch.rowid}`)
    .innerJoin(leads, eq(leads.id, reports.leadId))
    .innerJoin(units, eq(units.id, leads.unitId))
    .where(and(sql`${reportSearch} match ${search.match}`, ...conditions))
    .limit(cap + 1)
    .as("found");
  const [counted] = await db.select({ n: count() }).from(found);
  const n = counted?.n ?? 0;
  return n > cap ? { total: cap, totalCapped: true } : { total: n };
}

/**
 * `GET /api/leads?q=`: the leads a search hits among those the queue's
 * filters (recusal first, `queueConditions`) keep, best match first, then
 * priority; with `total`, the number of such leads, counted under the same
 * conditions so a recused unit is neither listed nor counted. A word search
 * ranks its best reports first and counts up to a cap (`SearchTuning`).
 */
export async function searchLeads(
  db: Db,
  actor: Actor,
  query: LeadQuery,
  search: LeadSearch,
  tuning: SearchTuning = { topK: SEARCH_TOP_K, countCap: SEARCH_COUNT_CAP },
): Promise<{ items: LeadSummary[]; nextCursor: string | null; total: number; totalCapped?: boolean }> {
  if (search.kind === "nothing") return { items: [], nextCursor: null, total: 0 };
  const conditions = queueConditions(actor, query);
  const [rows, counted] = await Promise.all([
    (async () =>
      (search.kind === "words" && tuning.topK > 0
        ? await topPageOf(db, search, conditions, query, tuning.topK)
        : undefined) ?? (await pageOf(db, hitsOf(db, search), conditions, query)))(),
    search.kind === "words" ? countWords(db, search, conditions, tuning.countCap) : countCode(db, search, conditions),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > query.limit && last ? encodeSearchCursor(last.score, last.priority, last.id) : null,
    ...counted,
  };
}

/** How many visible leads hold the report with a tracking code (0 or 1). */
async function countCode(db: Db, search: Extract<LeadSearch, { kind: "code" }>, conditions: SQL[]) {
  const hits = hitsOf(db, search);
  const [counted] = await db
    .select({ n: count() })
    .from(hits)
    .innerJoin(leads, eq(leads.id, hits.leadId))
    .innerJoin(units, eq(units.id, leads.unitId))
    .where(and(...conditions));
  return { total: counted?.n ?? 0 };
}
