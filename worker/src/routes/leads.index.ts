import { and, eq } from "drizzle-orm";
import type { LeadStatus } from "../contracts/leads";
import { LeadDetailSchema, LeadListSchema } from "../contracts/leads";
import { ContactSchema } from "../contracts/reports";
import { createDb, type Db } from "../db/client";
import type { Actor } from "../db/queries/accounts";
import { auditInsert } from "../db/queries/audit";
import { applyLeadTransition } from "../db/queries/lead-transitions";
import { findVisibleLead, leadDetail, listLeads } from "../db/queries/leads";
import { attachments, leadNotes, reportMessages, reports } from "../db/schema";
import { allowedTransitions } from "../domain/workflow";
import { createApp } from "../http/create-app";
import { ApiError } from "../http/errors";
import { unseal } from "../lib/crypto";
import { requireActor } from "../middleware/session";
import {
  addNoteRoute,
  downloadEvidenceRoute,
  getLeadRoute,
  listLeadsRoute,
  messageReportersRoute,
  transitionLeadRoute,
  viewContactRoute,
} from "./leads.routes";

/** The lead as the API returns it, checked against the contract. */
export async function leadResponse(db: Db, actor: Actor, id: string) {
  const lead = await findVisibleLead(db, actor, id);
  if (!lead) throw new ApiError("not_found");
  const detail = await leadDetail(db, lead);
  return LeadDetailSchema.parse({
    ...detail,
    allowedTransitions: allowedTransitions(
      { id: lead.id, status: lead.status as LeadStatus, proposedBy: lead.proposedBy },
      actor,
    ),
  });
}

const app = createApp();
app.use("/leads", requireActor("leads.read"));
app.use("/leads/*", requireActor("leads.read"));

/** The triage console's API: queue, lead detail, workflow, notes, messages, contact and evidence. */
export const leadsApp = app
  .openapi(listLeadsRoute, async (c) => {
    const result = await listLeads(createDb(c.env.DB), c.get("actor"), c.req.valid("query"));
    return c.json(LeadListSchema.parse(result), 200);
  })
  .openapi(getLeadRoute, async (c) => {
    return c.json(await leadResponse(createDb(c.env.DB), c.get("actor"), c.req.valid("param").id), 200);
  })
  .openapi(transitionLeadRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    const { id } = c.req.valid("param");
    await applyLeadTransition(db, actor, id, c.req.valid("json"), c.get("lang"));
    return c.json(await leadResponse(db, actor, id), 200);
  })
  .openapi(addNoteRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    const { id } = c.req.valid("param");
    if (!(await findVisibleLead(db, actor, id))) throw new ApiError("not_found");
    const at = new Date().toISOString();
    const noteId = crypto.randomUUID();
    await db.batch([
      db.insert(leadNotes).values({ id: noteId, leadId: id, authorId: actor.id, body: c.req.valid("json").body, at }),
      auditInsert(db, {
        actorId: actor.id,
        actorKind: "user",
        action: "lead.note_added",
        targetType: "lead",
        targetId: id,
        summary: { noteId },
        at,
      }),
    ]);
    return c.json(await leadResponse(db, actor, id), 201);
  })
  .openapi(messageReportersRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    const { id } = c.req.valid("param");
    const { body, trackingCode } = c.req.valid("json");
    if (!(await findVisibleLead(db, actor, id))) throw new ApiError("not_found");
    const targets = await db
      .select({ id: reports.id, trackingCode: reports.trackingCode })
      .from(reports)
      .where(
        and(eq(reports.leadId, id), trackingCode ? eq(reports.trackingCode, trackingCode.toUpperCase()) : undefined),
      );
    const [first, ...rest] = targets;
    if (!first) throw new ApiError("not_found");
    const at = new Date().toISOString();
    await db.batch([
      auditInsert(db, {
        actorId: actor.id,
        actorKind: "user",
        action: "lead.message_sent",
        targetType: "lead",
        targetId: id,
        summary: { to: targets.map((t) => t.trackingCode) },
        at,
      }),
      ...[first, ...rest].flatMap((r) => [
        db
          .insert(reportMessages)
          .values({ id: crypto.randomUUID(), reportId: r.id, sender: "inspector", authorUserId: actor.id, body, at }),
        db.update(reports).set({ updatedAt: at }).where(eq(reports.id, r.id)),
      ]),
    ]);
    return c.json(await leadResponse(db, actor, id), 201);
  })
  .openapi(viewContactRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    const { id, trackingCode } = c.req.valid("param");
    if (!(await findVisibleLead(db, actor, id))) throw new ApiError("not_found");
    const [report] = await db
      .select()
      .from(reports)
      .where(and(eq(reports.leadId, id), eq(reports.trackingCode, trackingCode.toUpperCase())))
      .limit(1);
    if (!report) throw new ApiError("not_found");
    const at = new Date().toISOString();
    await db.batch([
      auditInsert(db, {
        actorId: actor.id,
        actorKind: "user",
        action: "report.contact_viewed",
        targetType: "lead",
        targetId: id,
        summary: { trackingCode: report.trackingCode },
        at,
      }),
    ]);
    if (!report.contactIv || !report.contactCiphertext) return c.json({ contact: null }, 200);
    const plain = await unseal(
      c.env.CONTACT_KEY,
      { iv: report.contactIv, ciphertext: report.contactCiphertext },
      report.id,
    );
    return c.json({ contact: ContactSchema.parse(JSON.parse(plain)) }, 200);
  })
  .openapi(downloadEvidenceRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    const { id, attachmentId } = c.req.valid("param");
    if (!(await findVisibleLead(db, actor, id))) throw new ApiError("not_found");
    const [file] = await db
      .select({ objectKey: attachments.objectKey, contentType: attachments.contentType })
      .from(attachments)
      .innerJoin(reports, eq(reports.id, attachments.reportId))
      .where(and(eq(attachments.id, attachmentId), eq(reports.leadId, id)))
      .limit(1);
    const object = file ? await c.env.EVIDENCE.get(file.objectKey) : null;
    if (!file || !object) throw new ApiError("not_found");
    return new Response(object.body, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${attachmentId}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
