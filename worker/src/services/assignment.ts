import type { Assignment, BulkAssign, BulkResult, LeadDetail, LeadStatus } from "../contracts/leads";
import { auditInsert } from "../db/queries/audit";
import {
  assigneeCandidate,
  assignLeads,
  findVisibleLeads,
  leadsUnchanged,
  leadUnchanged,
  recusedUnitsAmong,
  updateLead,
} from "../db/queries/leads";
import { type AssigneeCandidate, mayAssign } from "../domain/assignment";
import type { Role } from "../domain/auth-policy";
import { assignmentError, assignmentFailureError } from "../http/failures";
import { type Statements, writeGuarded } from "./batch";
import type { ActorContext } from "./context";
import { leadView, requireVisibleLead } from "./leads";

/**
 * Who owns a lead: supervisors assign, reassign and release; an inspector
 * takes an unassigned lead or releases their own. Every change is one batch
 * with its `lead.assigned` audit row (`{ from, to }`, the actor as author),
 * guarded on the lead being as it was read.
 */

/** The proposed assignee as the domain needs it, recusal computed against `unitId`. */
async function candidate(ctx: ActorContext, userId: string | null, unitId: string) {
  if (userId === null) return undefined;
  const row = await assigneeCandidate(ctx.db, userId, unitId);
  if (!row) return undefined;
  return {
    id: row.id,
    role: row.role as Role,
    disabled: row.disabledAt !== null,
    recused: !row.visible,
  } satisfies AssigneeCandidate;
}

/** The audit row of one (re)assignment: from whom to whom, by the actor. */
function assignedEvent(ctx: ActorContext, leadId: string, from: string | null, to: string | null, bulk = false) {
  return auditInsert(ctx.db, {
    actorId: ctx.actor.id,
    actorKind: "user",
    action: to === null ? "lead.unassigned" : "lead.assigned",
    targetType: "lead",
    targetId: leadId,
    summary: { from, to, ...(bulk ? { bulk: true } : {}) },
    at: ctx.now.toISOString(),
  });
}

/**
 * `POST /api/leads/{id}/assignment`: set or clear the lead's assignee.
 * 404 when the actor cannot see the lead; 409 closed or someone else's; 403
 * not the actor's to give; 422 an unknown, disabled, non-casework or recused
 * assignee. Setting the current assignee again writes nothing.
 */
export async function assignLead(ctx: ActorContext, id: string, input: Assignment): Promise<LeadDetail> {
  const lead = await requireVisibleLead(ctx, id);
  const result = mayAssign(
    { status: lead.status as LeadStatus, assigneeId: lead.assigneeId },
    ctx.actor,
    input.assigneeId,
    await candidate(ctx, input.assigneeId, lead.unitId),
  );
  if (!result.ok) throw assignmentFailureError(result, ctx.lang);
  if (result.change) {
    await writeGuarded(ctx.db, leadUnchanged(lead), [
      updateLead(ctx.db, lead.id, { assigneeId: input.assigneeId, updatedAt: ctx.now.toISOString() }),
      assignedEvent(ctx, lead.id, lead.assigneeId, input.assigneeId),
    ]);
  }
  return leadView(ctx, id);
}

/**
 * `POST /api/leads/bulk/assign`: several leads to one assignee, in one
 * batch (one update bound with `inList`, one audit row per lead that
 * changes), all or nothing. A lead the actor cannot see → 404 (as for one
 * lead); a closed lead → 409; an assignee recused from any lead's unit →
 * 422 at `/assigneeId`.
 */
export async function bulkAssign(ctx: ActorContext, input: BulkAssign): Promise<BulkResult> {
  const ids = [...new Set(input.leadIds)];
  const found = await findVisibleLeads(ctx.db, ctx.actor, ids);
  if (found.length !== ids.length) throw assignmentError("not_found", "bulk_unknown_leads", ctx.lang);
  const user = await candidate(ctx, input.assigneeId, found[0]?.unitId ?? "");
  const recused = new Set(
    user ? await recusedUnitsAmong(ctx.db, input.assigneeId, [...new Set(found.map((l) => l.unitId))]) : [],
  );
  const changing = [];
  for (const lead of found) {
    const result = mayAssign(
      { status: lead.status as LeadStatus, assigneeId: lead.assigneeId },
      ctx.actor,
      input.assigneeId,
      user ? { ...user, recused: recused.has(lead.unitId) } : undefined,
    );
    if (!result.ok) throw assignmentFailureError(result, ctx.lang);
    if (result.change) changing.push(lead);
  }
  if (changing.length) {
    const statements: Statements = [
      assignLeads(
        ctx.db,
        changing.map((l) => l.id),
        input.assigneeId,
        ctx.now.toISOString(),
      ),
      ...changing.map((l) => assignedEvent(ctx, l.id, l.assigneeId, input.assigneeId, true)),
    ];
    await writeGuarded(ctx.db, leadsUnchanged(changing), statements);
  }
  return { count: changing.length, leadIds: changing.map((l) => l.id) };
}
