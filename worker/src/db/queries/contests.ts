import { and, eq, isNull, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { ContestResolutionInput } from "../../contracts/contests";
import { resolveContest as decide } from "../../domain/inspections/findings";
import type { Lang } from "../../env";
import { ApiError } from "../../http/errors";
import type { Db } from "../client";
import { inList } from "../in-list";
import { leads, outcomeContests, reportEvents, reports } from "../schema";
import type { Actor } from "./accounts";
import { auditInsert } from "./audit";
import { guarded, isGuardFailure } from "./guards";
import { failureError } from "./inspections";
import { findVisibleLead } from "./leads";

/**
 * `POST /api/leads/{id}/contest-resolution`: a supervisor decides the
 * reporters' contest of the lead's concluded outcome (`resolveContest` in the
 * domain). One decision covers every open contest of the lead's reports.
 *
 * - `uphold`: the outcome stays; the contests are marked resolved and the lead
 *   leaves the supervisors' overdue queue.
 * - `reopen`: the same, and the lead goes back to `in_review` (decision time
 *   cleared, as when a dismissal is reopened); each of its reports becomes
 *   `in_review` for the reporter, with a timeline row, so the outcome is no
 *   longer shown.
 *
 * The lead keeps its link to the inspection that concluded it
 * (`inspection_leads`): the finding and the conclusion are part of a signed
 * record and stay readable there. Because a lead is attached to at most one
 * inspection (unique index on `lead_id`), a reopened lead that is referred
 * again cannot be attached to a new inspection: a re-inspection needs a new
 * lead (a new report) or a decision by the lead to lift that rule.
 *
 * All writes go in one batch with the audit event `lead.contest_upheld` or
 * `lead.contest_reopened`, guarded so that a concurrent resolution (or any
 * other change to the lead) makes the loser's batch roll back with 409.
 *
 * Errors: 404 when the lead is not visible (recusal) or was never contested;
 * 409 when every contest is already resolved or the lead is no longer
 * concluded; 403 for a role other than supervisor (checked by the route).
 */
export async function resolveLeadContest(
  db: Db,
  actor: Actor,
  leadId: string,
  input: ContestResolutionInput,
  lang: Lang,
  now: Date = new Date(),
): Promise<void> {
  const lead = await findVisibleLead(db, actor, leadId);
  if (!lead) throw new ApiError("not_found");
  const leadReports = await db
    .select({ id: reports.id, status: reports.status })
    .from(reports)
    .where(eq(reports.leadId, lead.id));
  const reportIds = leadReports.map((r) => r.id);
  const contests = reportIds.length
    ? await db
        .select({ reportId: outcomeContests.reportId, resolvedAt: outcomeContests.resolvedAt })
        .from(outcomeContests)
        .where(inList(outcomeContests.reportId, reportIds))
    : [];
  if (contests.length === 0) throw new ApiError("not_found");
  const open = contests.filter((c) => c.resolvedAt === null);
  const result = decide(
    { resolvedAt: open.length ? null : (contests[0]?.resolvedAt ?? "") },
    input,
    { id: actor.id, role: actor.role },
    now,
  );
  if (!result.ok) throw failureError(result, lang);
  if (lead.status !== "concluded") throw new ApiError("conflict", { detail: `lead_status:${lead.status}` });

  const at = result.contestPatch.resolvedAt;
  const openIds = open.map((c) => c.reportId);
  const statements: BatchItem<"sqlite">[] = [
    db
      .update(outcomeContests)
      .set(result.contestPatch)
      .where(and(inList(outcomeContests.reportId, openIds), isNull(outcomeContests.resolvedAt))),
    db
      .update(leads)
      .set({
        overdueSince: null,
        updatedAt: at,
        ...(result.leadPatch ? { ...result.leadPatch, decidedAt: null } : {}),
      })
      .where(eq(leads.id, lead.id)),
  ];
  for (const report of leadReports) {
    if (report.status === result.reporterStatus) continue;
    statements.push(
      db.update(reports).set({ status: result.reporterStatus, updatedAt: at }).where(eq(reports.id, report.id)),
      db
        .insert(reportEvents)
        .values({ id: crypto.randomUUID(), reportId: report.id, at, status: result.reporterStatus, note: null }),
    );
  }
  statements.push(
    auditInsert(db, {
      actorId: actor.id,
      actorKind: "user",
      action: input.decision === "reopen" ? "lead.contest_reopened" : "lead.contest_upheld",
      targetType: "lead",
      targetId: lead.id,
      summary: { before: result.event.before, after: result.event.after, contests: openIds.length },
      at,
    }),
  );
  try {
    await db.batch(
      guarded(
        db,
        sql`select (select count(*) from ${leads} where ${leads.id} = ${lead.id} and ${leads.status} = 'concluded' and ${leads.updatedAt} = ${lead.updatedAt}) = 1 and (select count(*) from ${outcomeContests} where ${inList(outcomeContests.reportId, openIds)} and ${outcomeContests.resolvedAt} is null) = ${openIds.length}`,
        statements,
      ),
    );
  } catch (error) {
    if (isGuardFailure(error)) throw new ApiError("conflict");
    throw error;
  }
}
