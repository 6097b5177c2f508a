import { createApp } from "../http/create-app";
import { actorContext } from "../http/service-context";
import { jsonBodyLimit } from "../middleware/json-body";
import { requireActor } from "../middleware/session";
import { assignLead, bulkAssign } from "../services/assignment";
import { exportLeads } from "../services/lead-export";
import { bulkMerge, transitionLead } from "../services/lead-transitions";
import { addNote, evidenceFile, leadQueue, leadView, messageReporters, viewContact } from "../services/leads";
import {
  addNoteRoute,
  assignLeadRoute,
  bulkAssignRoute,
  bulkMergeRoute,
  downloadEvidenceRoute,
  exportLeadsRoute,
  getContactRoute,
  getLeadRoute,
  listLeadsRoute,
  messageReportersRoute,
  transitionLeadRoute,
  viewContactRoute,
} from "./leads.routes";

const app = createApp();
app.use("/leads", requireActor("leads.read"));
app.use("/leads/bulk/assign", requireActor("leads.assign"));
app.use("/leads/*", requireActor("leads.read"), jsonBodyLimit);
app.use("/leads.csv", requireActor("leads.export"));

/** The triage console's API: queue, lead detail, workflow, notes, messages, contact and evidence. */
export const leadsApp = app
  .openapi(listLeadsRoute, async (c) => c.json(await leadQueue(actorContext(c), c.req.valid("query")), 200))
  .openapi(exportLeadsRoute, async (c) => {
    const csv = await exportLeads(actorContext(c), c.req.valid("query"));
    return c.body(csv, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="dau-moi.csv"',
      "Cache-Control": "private, no-store",
    });
  })
  .openapi(getLeadRoute, async (c) => c.json(await leadView(actorContext(c), c.req.valid("param").id), 200))
  .openapi(transitionLeadRoute, async (c) => {
    const lead = await transitionLead(actorContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(lead, 200);
  })
  .openapi(addNoteRoute, async (c) => {
    const lead = await addNote(actorContext(c), c.req.valid("param").id, c.req.valid("json").body);
    return c.json(lead, 201);
  })
  .openapi(messageReportersRoute, async (c) => {
    const lead = await messageReporters(actorContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(lead, 201);
  })
  .openapi(viewContactRoute, async (c) => {
    const { id, trackingCode } = c.req.valid("param");
    c.header("Cache-Control", "no-store");
    return c.json(await viewContact(actorContext(c), id, trackingCode, c.req.valid("json").reason), 200);
  })
  .openapi(getContactRoute, async (c) => {
    const { id, trackingCode } = c.req.valid("param");
    const contact = await viewContact(actorContext(c), id, trackingCode, c.req.valid("query").reason);
    c.header("Cache-Control", "no-store");
    return c.json(contact, 200);
  })
  .openapi(assignLeadRoute, async (c) => {
    const lead = await assignLead(actorContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(lead, 200);
  })
  .openapi(bulkAssignRoute, async (c) => c.json(await bulkAssign(actorContext(c), c.req.valid("json")), 200))
  .openapi(bulkMergeRoute, async (c) => c.json(await bulkMerge(actorContext(c), c.req.valid("json")), 200))
  .openapi(downloadEvidenceRoute, async (c) => {
    const { id, attachmentId } = c.req.valid("param");
    const file = await evidenceFile(actorContext(c), id, attachmentId);
    return new Response(file.body, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${attachmentId}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
