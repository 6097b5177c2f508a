import type { ContestResolutionInput } from "../contracts/contests";
import type { LeadDetail } from "../contracts/leads";
import { type ContestReceipt, ContestReceiptSchema, type ReportStatus } from "../contracts/reports";
import { auditInsert } from "../db/queries/audit";
import {
  contestsOfReports,
  contestsStillOpen,
  insertContest,
  notContested,
  resolveOpenContests,
} from "../db/queries/contests";
import { updateLead } from "../db/queries/leads";
import { type ReportRow, reporterStatusChanges, reportsOfLead, uniqueViolation } from "../db/queries/reports";
import { can } from "../domain/auth-policy";
import { resolveContest as decide, contestOutcome as decideContest } from "../domain/inspections/findings";
import { eventIds } from "../domain/notifications";
import { ApiError } from "../http/errors";
import { failureError } from "../http/failures";
import { type Statements, writeGuarded } from "./batch";
import type { ActorContext, ServiceContext } from "./context";
import { leadView, requireVisibleLead } from "./leads";
import { flushNotifications, notificationEvent } from "./notifications";

/**
 * A reporter's contest of a concluded outcome, and a supervisor's decision
 * on it (issue 4).
 */

/**
 * `POST /api/reports/{trackingCode}/contest`: the reporter contests a
 * concluded outcome, once (`contestOutcome` of the domain decides: 409
 * `conflict` before the conclusion, 409 `limit_reached` the second time,
 * even for a contest racing the first). Review reopens with a supervisor: the
 * lead is flagged into the supervisors' overdue queue
 * (`GET /api/leads?overdue=true`) and the contest is on the lead's timeline
 * as the reporter's act.
 */
export async function contestOutcome(ctx: ServiceContext, report: ReportRow, reason: string): Promise<ContestReceipt> {
  const [previous] = await contestsOfReports(ctx.db, [report.id]);
  const decision = decideContest(
    { reportStatus: report.status as ReportStatus, contestedAt: previous?.createdAt ?? null },
    reason,
    ctx.now,
  );
  if (!decision.ok) {
    if (decision.detail === "already_contested") throw new ApiError("limit_reached");
    throw failureError(decision, ctx.lang);
  }
  const at = decision.contest.createdAt;
  const statements: Statements = [
    insertContest(ctx.db, { reportId: report.id, reason: decision.contest.reason, createdAt: at }),
  ];
  if (report.leadId) {
    statements.push(
      notificationEvent(ctx, {
        id: eventIds.contestFiled(report.id),
        kind: "contest.filed",
        subjectId: report.id,
        payload: { leadId: report.leadId, trackingCode: report.trackingCode },
      }),
      updateLead(ctx.db, report.leadId, { overdueSince: at, updatedAt: at }),
      auditInsert(ctx.db, {
        actorId: null,
        actorKind: "reporter",
        action: "lead.outcome_contested",
        targetType: "lead",
        targetId: report.leadId,
        summary: { trackingCode: report.trackingCode, outcome: report.outcome, reason: decision.contest.reason },
        at,
      }),
    );
  }
  try {
    await writeGuarded(ctx.db, notContested(report.id), statements, () => new ApiError("limit_reached"));
  } catch (error) {
    if (uniqueViolation(error)?.startsWith("outcome_contests.")) throw new ApiError("limit_reached");
    throw error;
  }
  await flushNotifications(ctx);
  return ContestReceiptSchema.parse({ contestedAt: at });
}

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
 * record and stay readable there. A reopened lead that is referred again is
 * plannable again and may be attached to a new inspection (re-inspection); it
 * then has one finding per inspection, listed on the lead page latest first,
 * and its reporters see the latest outcome once that inspection concludes.
 *
 * All writes go in one batch with the audit event `lead.contest_upheld` or
 * `lead.contest_reopened`, guarded so that a concurrent resolution (or any
 * other change to the lead) makes the loser's batch roll back with 409.
 *
 * Errors: 403 for a role other than supervisor; 404 when the lead is not
 * visible (recusal) or was never contested; 409 when every contest is
 * already resolved or the lead is no longer concluded.
 */
export async function resolveLeadContest(
  ctx: ActorContext,
  leadId: string,
  input: ContestResolutionInput,
): Promise<LeadDetail> {
  const { db, actor } = ctx;
  if (!can(actor.role, "leads.decide")) throw new ApiError("forbidden");
  const lead = await requireVisibleLead(ctx, leadId);
  const leadReports = await reportsOfLead(db, lead.id);
  const contests = await contestsOfReports(
    db,
    leadReports.map((r) => r.id),
  );
  if (contests.length === 0) throw new ApiError("not_found");
  const open = contests.filter((c) => c.resolvedAt === null);
  const result = decide(
    { resolvedAt: open.length ? null : (contests[0]?.resolvedAt ?? "") },
    input,
    { id: actor.id, role: actor.role },
    ctx.now,
  );
  if (!result.ok) throw failureError(result, ctx.lang);
  if (lead.status !== "concluded") throw new ApiError("conflict", { detail: `lead_status:${lead.status}` });

  const at = result.contestPatch.resolvedAt;
  const openIds = open.map((c) => c.reportId);
  await writeGuarded(db, contestsStillOpen(lead, openIds), [
    resolveOpenContests(db, openIds, result.contestPatch),
    updateLead(db, lead.id, {
      overdueSince: null,
      updatedAt: at,
      ...(result.leadPatch ? { ...result.leadPatch, decidedAt: null } : {}),
    }),
    ...reporterStatusChanges(db, leadReports, result.reporterStatus, at),
    auditInsert(db, {
      actorId: actor.id,
      actorKind: "user",
      action: input.decision === "reopen" ? "lead.contest_reopened" : "lead.contest_upheld",
      targetType: "lead",
      targetId: lead.id,
      summary: { before: result.event.before, after: result.event.after, contests: openIds.length },
      at,
    }),
  ]);
  await flushNotifications(ctx);
  return leadView(ctx, leadId);
}
