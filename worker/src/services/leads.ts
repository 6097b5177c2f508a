import {
  type LeadDetail,
  LeadDetailSchema,
  type LeadList,
  LeadListSchema,
  type LeadMessageCreate,
  type LeadQuery,
  type LeadStatus,
} from "../contracts/leads";
import { type Contact, ContactSchema } from "../contracts/reports";
import { auditInsert } from "../db/queries/audit";
import { extensionsOf, inspectionsOfLead } from "../db/queries/extensions";
import { searchLeads } from "../db/queries/lead-search";
import { findLeadAttachment, findVisibleLead, insertNote, leadDetail, listLeads } from "../db/queries/leads";
import { findLeadReport, insertMessage, reportsOfLead, touchReport } from "../db/queries/reports";
import type { LeadRow } from "../db/queries/triage";
import { mayViewContacts } from "../domain/assignment";
import { can } from "../domain/auth-policy";
import { leadSearch } from "../domain/lead-search";
import { allowedTransitions } from "../domain/workflow";
import { ApiError } from "../http/errors";
import { assignmentError } from "../http/failures";
import { unseal } from "../lib/crypto";
import { writeBatch } from "./batch";
import type { ActorContext } from "./context";

/**
 * The triage console's casework on one lead: the queue, the lead page, notes,
 * messages to reporters, their contact details and evidence. Recusal applies
 * everywhere: a lead about a unit the actor is tied to is a 404.
 */

/** The lead if the actor may see it; 404 otherwise (unknown and recused look the same). */
export async function requireVisibleLead(ctx: ActorContext, id: string): Promise<LeadRow> {
  const lead = await findVisibleLead(ctx.db, ctx.actor, id);
  if (!lead) throw new ApiError("not_found");
  return lead;
}

/**
 * `GET /api/leads`: the queue the actor may see, highest priority first; with
 * `q`, the leads the search finds under the same filters, best match first,
 * and their number.
 */
export async function leadQueue(ctx: ActorContext, query: LeadQuery): Promise<LeadList> {
  const assignee = query.assignee === "me" ? ctx.actor.id : query.assignee;
  if (assignee && assignee !== "none" && assignee !== ctx.actor.id && !can(ctx.actor.role, "leads.assign")) {
    throw assignmentError("forbidden", "assignee_filter_forbidden", ctx.lang);
  }
  const scoped = { ...query, assignee };
  const search = leadSearch(query.q);
  const list = search
    ? await searchLeads(ctx.db, ctx.actor, scoped, search)
    : await listLeads(ctx.db, ctx.actor, scoped);
  return LeadListSchema.parse(list);
}

/** `GET /api/leads/{id}`: the lead page, with the transitions the actor may make now. */
export async function leadView(ctx: ActorContext, id: string): Promise<LeadDetail> {
  const lead = await requireVisibleLead(ctx, id);
  const [detail, inspections, extensions] = await Promise.all([
    leadDetail(ctx.db, lead),
    inspectionsOfLead(ctx.db, lead.id),
    extensionsOf(ctx.db, "lead", lead.id),
  ]);
  return LeadDetailSchema.parse({
    ...detail,
    mayViewContacts: mayViewContacts(lead, ctx.actor),
    inspections,
    extensions,
    allowedTransitions: allowedTransitions(
      { id: lead.id, status: lead.status as LeadStatus, proposedBy: lead.proposedBy },
      ctx.actor,
    ),
  });
}

/** An audit event of the actor about a lead. */
function leadEvent(ctx: ActorContext, leadId: string, action: string, summary: Record<string, unknown>) {
  return auditInsert(ctx.db, {
    actorId: ctx.actor.id,
    actorKind: "user",
    action,
    targetType: "lead",
    targetId: leadId,
    summary,
    at: ctx.now.toISOString(),
  });
}

/** `POST /api/leads/{id}/notes`: an internal note, never shown to reporters. */
export async function addNote(ctx: ActorContext, id: string, body: string): Promise<LeadDetail> {
  await requireVisibleLead(ctx, id);
  const noteId = crypto.randomUUID();
  await writeBatch(ctx.db, [
    insertNote(ctx.db, { id: noteId, leadId: id, authorId: ctx.actor.id, body, at: ctx.now.toISOString() }),
    leadEvent(ctx, id, "lead.note_added", { noteId }),
  ]);
  return leadView(ctx, id);
}

/**
 * `POST /api/leads/{id}/messages`: a message to every reporter of the lead,
 * or to the one named by `trackingCode`, shown on their follow page.
 */
export async function messageReporters(ctx: ActorContext, id: string, input: LeadMessageCreate): Promise<LeadDetail> {
  await requireVisibleLead(ctx, id);
  const code = input.trackingCode ? input.trackingCode.toUpperCase() : undefined;
  const targets = (await reportsOfLead(ctx.db, id)).filter((r) => code === undefined || r.trackingCode === code);
  if (targets.length === 0) throw new ApiError("not_found");
  const at = ctx.now.toISOString();
  await writeBatch(ctx.db, [
    leadEvent(ctx, id, "lead.message_sent", { to: targets.map((t) => t.trackingCode) }),
    ...targets.flatMap((r) => [
      insertMessage(ctx.db, {
        id: crypto.randomUUID(),
        reportId: r.id,
        sender: "inspector",
        authorUserId: ctx.actor.id,
        body: input.body,
        at,
      }),
      touchReport(ctx.db, r.id, at),
    ]),
  ]);
  return leadView(ctx, id);
}

/**
 * `POST /api/leads/{id}/reports/{trackingCode}/contact`: a named reporter's
 * contact details, for the lead's assignee and supervisors only (403 with
 * the reason for anyone else); every view is audited with the reason given.
 */
export async function viewContact(
  ctx: ActorContext,
  id: string,
  trackingCode: string,
  reason: string,
): Promise<{ contact: Contact | null }> {
  const lead = await requireVisibleLead(ctx, id);
  const report = await findLeadReport(ctx.db, id, trackingCode);
  if (!report) throw new ApiError("not_found");
  if (!mayViewContacts(lead, ctx.actor)) throw assignmentError("forbidden", "contact_forbidden", ctx.lang);
  await writeBatch(ctx.db, [
    leadEvent(ctx, id, "report.contact_viewed", { trackingCode: report.trackingCode, reason }),
  ]);
  if (!report.contactIv || !report.contactCiphertext) return { contact: null };
  const plain = await unseal(
    ctx.env.CONTACT_KEY,
    { iv: report.contactIv, ciphertext: report.contactCiphertext },
    report.id,
  );
  return { contact: ContactSchema.parse(JSON.parse(plain)) };
}

/** A piece of evidence as stored in R2, to stream to the inspector. */
export interface EvidenceFile {
  body: ReadableStream;
  contentType: string;
}

/** `GET /api/leads/{id}/attachments/{attachmentId}`: a file of one of the lead's reports (metadata already stripped). */
export async function evidenceFile(ctx: ActorContext, id: string, attachmentId: string): Promise<EvidenceFile> {
  await requireVisibleLead(ctx, id);
  const file = await findLeadAttachment(ctx.db, id, attachmentId);
  const object = file ? await ctx.env.EVIDENCE.get(file.objectKey) : null;
  if (!file || !object) throw new ApiError("not_found");
  return { body: object.body, contentType: file.contentType };
}
