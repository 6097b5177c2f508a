import { and, asc, desc, eq, isNotNull, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { isChannel } from "../../contracts/channels";
import type { LeadDetail, LeadQuery, LeadSummary, ScoreFactor } from "../../contracts/leads";
import { fold } from "../../domain/text";
import type { Db } from "../client";
import { inList } from "../in-list";
import {
  attachments,
  auditLog,
  leadNotes,
  leads,
  outcomeContests,
  reportMessages,
  reports,
  units,
  users,
} from "../schema";
import type { Actor } from "./accounts";
import { visibleTo } from "./recusal";

/** Keyset cursor over (priority desc, id asc), opaque to clients. */
export function encodeCursor(priority: number, id: string): string {
  return btoa(JSON.stringify([priority, id]));
}

function decodeCursor(cursor: string): [number, string] | undefined {
  try {
    const value = JSON.parse(atob(cursor)) as unknown;
    if (Array.isArray(value) && typeof value[0] === "number" && typeof value[1] === "string") {
      return [value[0], value[1]];
    }
  } catch {
    // an unreadable cursor is treated as none
  }
  return undefined;
}

/** The columns of a queue row (`LeadSummary`), for queries that list leads. */
export const summaryColumns = {
  id: leads.id,
  unitId: leads.unitId,
  unitName: units.name,
  categoryCode: leads.categoryCode,
  status: leads.status,
  priority: leads.priority,
  reportCount: leads.reportCount,
  openedAt: leads.openedAt,
  dueAt: leads.dueAt,
  overdueSince: leads.overdueSince,
  assigneeId: leads.assigneeId,
};

export interface SummaryRow {
  id: string;
  unitId: string;
  unitName: string;
  categoryCode: string;
  status: string;
  priority: number;
  reportCount: number;
  openedAt: string;
  dueAt: string;
  overdueSince: string | null;
  assigneeId: string | null;
}

/** A queue row as the contract shows it. */
export function toSummary(row: SummaryRow): LeadSummary {
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: row.unitName,
    categoryCode: row.categoryCode as LeadSummary["categoryCode"],
    status: row.status as LeadSummary["status"],
    priority: Math.round(row.priority * 100) / 100,
    reportCount: row.reportCount,
    openedAt: row.openedAt,
    dueAt: row.dueAt,
    overdue: row.overdueSince !== null,
    assigneeId: row.assigneeId,
  };
}

/**
 * The queue: leads the actor may see, highest priority first, with the
 * filters of `GET /api/leads`. Recusal applies before anything else.
 */
export async function listLeads(
  db: Db,
  actor: Actor,
  query: LeadQuery,
): Promise<{ items: LeadSummary[]; nextCursor: string | null }> {
  const conditions = queueConditions(actor, query);
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  if (after) {
    const [priority, id] = after;
    conditions.push(
      or(lt(leads.priority, priority), and(eq(leads.priority, priority), sql`${leads.id} > ${id}`)) as SQL,
    );
  }
  const rows = await db
    .select(summaryColumns)
    .from(leads)
    .innerJoin(units, eq(units.id, leads.unitId))
    .where(and(...conditions))
    .orderBy(desc(leads.priority), asc(leads.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.priority, last.id) : null,
  };
}

/**
 * The queue's filters as conditions on `leads` joined with `units`, recusal
 * first: the queue, its search and its CSV export all start from these.
 */
export function queueConditions(
  actor: Actor,
  query: Pick<LeadQuery, "status" | "unitId" | "unitQ" | "categoryCode" | "overdue" | "assignee">,
): SQL[] {
  const conditions: SQL[] = [visibleTo(actor, leads.unitId)];
  if (query.status) conditions.push(eq(leads.status, query.status));
  else conditions.push(sql`${leads.status} not in ('merged')`);
  if (query.unitId) conditions.push(eq(leads.unitId, query.unitId));
  if (query.categoryCode) conditions.push(eq(leads.categoryCode, query.categoryCode));
  if (query.overdue === true) conditions.push(isNotNull(leads.overdueSince));
  if (query.overdue === false) conditions.push(isNull(leads.overdueSince));
  // `me` is resolved to the actor's id by the service; `none` is the unassigned leads.
  if (query.assignee === "none") conditions.push(isNull(leads.assigneeId));
  else if (query.assignee) conditions.push(eq(leads.assigneeId, query.assignee));
  for (const word of fold(query.unitQ ?? "")
    .split(" ")
    .filter(Boolean)) {
    // instr, not LIKE: D1 refuses a LIKE pattern over 50 bytes.
    conditions.push(sql`instr(${units.nameFolded}, ${word}) > 0`);
  }
  return conditions;
}

/** The lead row if the actor may see it; undefined otherwise (callers answer 404). */
export async function findVisibleLead(db: Db, actor: Actor, id: string) {
  const [row] = await db
    .select()
    .from(leads)
    .where(and(eq(leads.id, id), visibleTo(actor, leads.unitId)))
    .limit(1);
  return row;
}

/** Everything the lead page shows, for a lead already checked visible. */
export async function leadDetail(
  db: Db,
  lead: typeof leads.$inferSelect,
): Promise<Omit<LeadDetail, "allowedTransitions" | "mayViewContacts">> {
  const [unit] = await db
    .select({ name: units.name, successorId: units.successorId, validTo: units.validTo })
    .from(units)
    .where(eq(units.id, lead.unitId))
    .limit(1);
  const [successor] =
    unit?.successorId && unit.validTo
      ? await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, unit.successorId)).limit(1)
      : [];
  const reportRows = await db
    .select()
    .from(reports)
    .where(eq(reports.leadId, lead.id))
    .orderBy(asc(reports.receivedAt));
  const reportIds = reportRows.map((r) => r.id);
  const enteredByIds = [
    ...new Set([
      ...reportRows.flatMap((r) => (r.enteredBy ? [r.enteredBy] : [])),
      ...(lead.assigneeId ? [lead.assigneeId] : []),
    ]),
  ];
  const [files, messages, notes, events, contests, enteredBy] = await Promise.all([
    reportIds.length ? db.select().from(attachments).where(inList(attachments.reportId, reportIds)) : [],
    reportIds.length
      ? db
          .select()
          .from(reportMessages)
          .where(inList(reportMessages.reportId, reportIds))
          .orderBy(asc(reportMessages.at))
      : [],
    db
      .select({ id: leadNotes.id, body: leadNotes.body, at: leadNotes.at, author: users.displayName })
      .from(leadNotes)
      .innerJoin(users, eq(users.id, leadNotes.authorId))
      .where(eq(leadNotes.leadId, lead.id))
      .orderBy(asc(leadNotes.at)),
    db
      .select({ at: auditLog.at, action: auditLog.action, actor: users.displayName, summary: auditLog.summary })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(and(eq(auditLog.targetType, "lead"), eq(auditLog.targetId, lead.id)))
      .orderBy(asc(auditLog.at)),
    reportIds.length
      ? db
          .select({
            reason: outcomeContests.reason,
            createdAt: outcomeContests.createdAt,
            resolvedAt: outcomeContests.resolvedAt,
          })
          .from(outcomeContests)
          .where(inList(outcomeContests.reportId, reportIds))
          .orderBy(desc(outcomeContests.createdAt))
      : [],
    enteredByIds.length
      ? db.select({ id: users.id, name: users.displayName }).from(users).where(inList(users.id, enteredByIds))
      : [],
  ]);
  const staffName = new Map(enteredBy.map((u) => [u.id, u.name]));
  const codeOf = new Map(reportRows.map((r) => [r.id, r.trackingCode]));
  const factors = (JSON.parse(lead.scoreFactors) as ScoreFactor[]).map((factor) =>
    factor.name === "reports"
      ? { ...factor, detail: { reports: lead.reportCount, independent: lead.independentReports } }
      : factor,
  );
  return {
    ...toSummary({ ...lead, unitName: unit?.name ?? lead.unitId }),
    severity: lead.severity,
    eligible: lead.eligible,
    ackDueAt: lead.ackDueAt,
    acknowledgedAt: lead.acknowledgedAt,
    assignee: lead.assigneeId ? { id: lead.assigneeId, name: staffName.get(lead.assigneeId) ?? lead.assigneeId } : null,
    proposedBy: lead.proposedBy,
    dismissalReason: lead.dismissalReason,
    dismissalReasonCode: lead.dismissalReasonCode,
    mergedInto: lead.mergedInto,
    forwardedTo: lead.forwardedToName
      ? { unitId: lead.forwardedToUnitId, name: lead.forwardedToName, note: lead.forwardedNote }
      : null,
    unitSuccessor: successor && unit?.validTo ? { ...successor, since: unit.validTo } : null,
    reports: reportRows.map((r) => ({
      trackingCode: r.trackingCode,
      description: r.description,
      receivedAt: r.receivedAt,
      categoryCode: r.categoryCode as LeadDetail["categoryCode"],
      suggestedCategory: (r.suggestedCategory as LeadDetail["categoryCode"] | null) ?? null,
      track: r.track,
      reporterKind: r.reporterKind,
      channel: isChannel(r.channel) ? r.channel : "web",
      enteredAt: r.enteredAt,
      enteredBy: r.enteredBy ? (staffName.get(r.enteredBy) ?? null) : null,
      occurredOn: r.occurredOn,
      procedure: r.procedure,
      officialHint: r.officialHint,
      eligible: r.eligible ?? false,
      hasContact: r.contactCiphertext !== null,
      attachments: files
        .filter((f) => f.reportId === r.id)
        .map((f) => ({ id: f.id, contentType: f.contentType, size: f.size, sha256: f.sha256 })),
    })),
    score: { total: Math.round(lead.priority * 100) / 100, factors },
    events: events.map((e) => ({
      at: e.at,
      action: e.action,
      actor: e.actor,
      summary: JSON.parse(e.summary) as Record<string, unknown>,
    })),
    messages: messages.map((m) => ({
      id: m.id,
      trackingCode: codeOf.get(m.reportId) ?? "",
      from: m.sender,
      body: m.body,
      at: m.at,
    })),
    notes,
    contest: contests.find((c) => c.resolvedAt === null) ?? contests[0] ?? null,
  };
}

/** The columns of `leads` a change may set. */
export type LeadPatch = Partial<Omit<typeof leads.$inferInsert, "id">>;

/** The update of a lead's columns, for a batch; `when` adds a condition (the update then may change nothing). */
export function updateLead(db: Db, id: string, patch: LeadPatch, when?: SQL): BatchItem<"sqlite"> {
  return db
    .update(leads)
    .set(patch)
    .where(and(eq(leads.id, id), when));
}

/**
 * A guard condition: the lead is still as it was read (same status and same
 * `updatedAt`), so no other change slipped in between.
 */
export function leadUnchanged(lead: { id: string; status: string; updatedAt: string }): SQL {
  return sql`select count(*) from ${leads} where ${leads.id} = ${lead.id} and ${leads.status} = ${lead.status} and ${leads.updatedAt} = ${lead.updatedAt}`;
}

/** A condition on the lead's current status, inside a batch. */
export function leadStatusIs(id: string, status: string): SQL {
  return sql`select count(*) from ${leads} where ${leads.id} = ${id} and ${leads.status} = ${status}`;
}

/** The insert of an internal note, for a batch. */
export function insertNote(
  db: Db,
  note: { id: string; leadId: string; authorId: string; body: string; at: string },
): BatchItem<"sqlite"> {
  return db.insert(leadNotes).values(note);
}

/** A piece of evidence of one of the lead's reports: where it is in R2 and its type. */
export async function findLeadAttachment(
  db: Db,
  leadId: string,
  attachmentId: string,
): Promise<{ objectKey: string; contentType: string } | undefined> {
  const [file] = await db
    .select({ objectKey: attachments.objectKey, contentType: attachments.contentType })
    .from(attachments)
    .innerJoin(reports, eq(reports.id, attachments.reportId))
    .where(and(eq(attachments.id, attachmentId), eq(reports.leadId, leadId)))
    .limit(1);
  return file;
}

/** A lead's assignee (or none), as a guard condition inside a batch: 1 while it is still `assigneeId`. */
export function assigneeIs(id: string, assigneeId: string | null): SQL {
  return assigneeId === null
    ? sql`select count(*) from ${leads} where ${leads.id} = ${id} and ${leads.assigneeId} is null`
    : sql`select count(*) from ${leads} where ${leads.id} = ${id} and ${leads.assigneeId} = ${assigneeId}`;
}

/**
 * The account proposed as a lead's assignee: its role, whether it is
 * disabled, and whether it is recused from `unitId` (tied to it or to a unit
 * above it); undefined for an unknown id.
 */
export async function assigneeCandidate(db: Db, userId: string, unitId: string) {
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      disabledAt: users.disabledAt,
      visible: sql<number>`${unitId} in (select ${units.id} from ${units} where ${visibleTo({ id: userId } as Actor, units.id)})`,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row;
}

/** The units among `unitIds` that the user is recused from (tied to them or to a unit above them). */
export async function recusedUnitsAmong(db: Db, userId: string, unitIds: readonly string[]): Promise<string[]> {
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(and(inList(units.id, unitIds), sql`not (${visibleTo({ id: userId } as Actor, units.id)})`));
  return rows.map((r) => r.id);
}

/** The leads of `ids` the actor may see (recusal applied), any status; a list bound as one JSON parameter. */
export async function findVisibleLeads(db: Db, actor: Actor, ids: readonly string[]) {
  return db
    .select()
    .from(leads)
    .where(and(inList(leads.id, ids), visibleTo(actor, leads.unitId)));
}

/** The update of the assignee of many leads at once (one statement, the ids bound as one JSON parameter). */
export function assignLeads(
  db: Db,
  ids: readonly string[],
  assigneeId: string | null,
  at: string,
): BatchItem<"sqlite"> {
  return db.update(leads).set({ assigneeId, updatedAt: at }).where(inList(leads.id, ids));
}

/**
 * A guard condition: every lead of `read` is still as it was read (same
 * status and `updatedAt`): 1 when all are, 0 otherwise. One JSON parameter.
 */
export function leadsUnchanged(read: readonly { id: string; status: string; updatedAt: string }[]): SQL {
  const rows = JSON.stringify(read.map((l) => [l.id, l.status, l.updatedAt]));
  return sql`select count(*) = ${read.length} from ${leads} join json_each(${rows}) as r
    on ${leads.id} = json_extract(r.value, '$[0]') and ${leads.status} = json_extract(r.value, '$[1]')
    and ${leads.updatedAt} = json_extract(r.value, '$[2]')`;
}

/** The reports of several leads with their reporter-visible status (one JSON parameter). */
export async function reportsOfLeadsWithStatus(
  db: Db,
  leadIds: readonly string[],
): Promise<{ id: string; leadId: string | null; status: string }[]> {
  if (!leadIds.length) return [];
  return db
    .select({ id: reports.id, leadId: reports.leadId, status: reports.status })
    .from(reports)
    .where(inList(reports.leadId, leadIds));
}
