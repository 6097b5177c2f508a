import type { ExtensionInput } from "../contracts/extensions";
import type { Measure } from "../contracts/inspections";
import type { LeadDetail } from "../contracts/leads";
import { auditInsert } from "../db/queries/audit";
import { UNDECIDED } from "../db/queries/deadlines";
import { extendMeasure, insertExtension, measureDeadlineIs } from "../db/queries/extensions";
import { leadUnchanged, updateLead } from "../db/queries/leads";
import { grantExtensionRequests } from "../db/queries/liaison";
import { insertReportEvent, reportsOfLead } from "../db/queries/reports";
import { loadCalendar } from "../db/queries/triage";
import { dueDateOf, endOfHanoiDay, extensionNote, planExtension } from "../domain/extensions";
import { ApiError } from "../http/errors";
import { failureError } from "../http/failures";
import { commitWrite } from "./batch";
import type { ActorContext } from "./context";
import { requirePermission } from "./inspections/access";
import { leadView, requireVisibleLead } from "./leads";
import { getMeasure } from "./measures";

/**
 * Deadline extensions (gia hạn) granted by a supervisor, with a reason: a
 * lead's triage decision deadline or a corrective measure's deadline moves
 * to a later working day (`planExtension` of the domain, on the calendar of
 * `loadCalendar`). Each is kept in `deadline_extensions` and audited with the
 * old and new deadline and the reason, in the same batch as the change.
 */

/**
 * `POST /api/leads/{id}/extension`: a lead still waiting for its triage
 * decision gets a later `due_at` (the end of the new day in Hanoi). It leaves
 * the overdue queue unless its acknowledgement is still late. Each of its
 * reporters sees "Thời hạn xử lý được gia hạn đến dd/mm/yyyy" on the follow
 * page (a timeline row at the report's current status; no name, no reason).
 * 403 for a role other than supervisor, 404 when not visible (recusal), 409
 * when the lead is decided already or changed meanwhile, 422 for the date.
 */
export async function extendLeadDeadline(ctx: ActorContext, id: string, input: ExtensionInput): Promise<LeadDetail> {
  requirePermission(ctx.actor, "deadlines.extend");
  const lead = await requireVisibleLead(ctx, id);
  if (!(UNDECIDED as readonly string[]).includes(lead.status)) {
    throw new ApiError("conflict", { detail: `lead_status:${lead.status}` });
  }
  const plan = planExtension(dueDateOf(lead.dueAt), input, ctx.now, await loadCalendar(ctx.db, ctx.now));
  if (!plan.ok) throw failureError(plan, ctx.lang);
  const at = ctx.now.toISOString();
  const dueAt = endOfHanoiDay(plan.newDueOn);
  const ackStillLate = lead.acknowledgedAt === null && lead.ackDueAt < at;
  const note = extensionNote(plan.newDueOn);
  const reports = await reportsOfLead(ctx.db, lead.id);
  await commitWrite(
    ctx.db,
    [
      updateLead(ctx.db, lead.id, { dueAt, updatedAt: at, ...(ackStillLate ? {} : { overdueSince: null }) }),
      insertExtension(ctx.db, {
        targetType: "lead",
        targetId: lead.id,
        previousDueOn: plan.previousDueOn,
        newDueOn: plan.newDueOn,
        workingDays: plan.workingDays,
        reason: input.reason,
        grantedBy: ctx.actor.id,
        grantedAt: at,
      }),
      ...reports.map((r) => insertReportEvent(ctx.db, { reportId: r.id, status: r.status, note, at })),
      auditInsert(ctx.db, {
        actorId: ctx.actor.id,
        actorKind: "user",
        action: "lead.deadline_extended",
        targetType: "lead",
        targetId: lead.id,
        summary: {
          before: { dueAt: lead.dueAt, dueOn: plan.previousDueOn },
          after: { dueAt, dueOn: plan.newDueOn },
          ...(plan.workingDays === null ? {} : { workingDays: plan.workingDays }),
          reason: input.reason,
        },
        at,
      }),
    ],
    leadUnchanged(lead),
  );
  return leadView(ctx, id);
}

/**
 * `POST /api/measures/{id}/extension`: an open, overdue or responded measure
 * gets a later deadline; an overdue one is open again and leaves the overdue
 * views (`due=overdue`, the escalation sweep), and the unit liaison's
 * pending extension request, if any, is marked granted. 403 for a role other than
 * supervisor, 404 when not visible, 409 once verified or changed meanwhile,
 * 422 for the date.
 */
export async function extendMeasureDeadline(ctx: ActorContext, id: string, input: ExtensionInput): Promise<Measure> {
  requirePermission(ctx.actor, "deadlines.extend");
  const m = await getMeasure(ctx, id);
  if (m.status === "verified") throw new ApiError("conflict", { detail: `measure_status:${m.status}` });
  const plan = planExtension(m.deadline, input, ctx.now, await loadCalendar(ctx.db, ctx.now));
  if (!plan.ok) throw failureError(plan, ctx.lang);
  const at = ctx.now.toISOString();
  const reopen = m.status === "overdue";
  await commitWrite(
    ctx.db,
    [
      extendMeasure(ctx.db, m.id, plan.newDueOn, reopen, at),
      // A liaison's pending request is answered by this extension.
      grantExtensionRequests(ctx.db, m.id, ctx.actor.id, at),
      insertExtension(ctx.db, {
        targetType: "measure",
        targetId: m.id,
        previousDueOn: plan.previousDueOn,
        newDueOn: plan.newDueOn,
        workingDays: plan.workingDays,
        reason: input.reason,
        grantedBy: ctx.actor.id,
        grantedAt: at,
      }),
      auditInsert(ctx.db, {
        actorId: ctx.actor.id,
        actorKind: "user",
        action: "measure.deadline_extended",
        targetType: "measure",
        targetId: m.id,
        summary: {
          before: { deadline: m.deadline, status: m.status },
          after: { deadline: plan.newDueOn, status: reopen ? "open" : m.status },
          ...(plan.workingDays === null ? {} : { workingDays: plan.workingDays }),
          reason: input.reason,
        },
        at,
      }),
    ],
    measureDeadlineIs(m.id, m.status, m.deadline),
  );
  return getMeasure(ctx, id);
}
