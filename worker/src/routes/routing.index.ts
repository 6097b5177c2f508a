import { createApp } from "../http/create-app";
import { actorContext } from "../http/service-context";
import { jsonBodyLimit } from "../middleware/json-body";
import { requireActor } from "../middleware/session";
import { routeLead, routeReport, splitReport } from "../services/routing";
import { routeLeadRoute, routeReportRoute, splitReportRoute } from "./routing.routes";

const app = createApp();
app.use("/leads/:id/routing", requireActor("leads.triage"), jsonBodyLimit);
app.use("/leads/:id/reports/:trackingCode/routing", requireActor("leads.triage"), jsonBodyLimit);
app.use("/leads/:id/reports/:trackingCode/split", requireActor("leads.triage"), jsonBodyLimit);

/** Re-routing: a lead or one report to another unit or category, and splitting a report out. */
export const routingApp = app
  .openapi(routeLeadRoute, async (c) => {
    const lead = await routeLead(actorContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(lead, 200);
  })
  .openapi(routeReportRoute, async (c) => {
    const { id, trackingCode } = c.req.valid("param");
    return c.json(await routeReport(actorContext(c), id, trackingCode, c.req.valid("json")), 200);
  })
  .openapi(splitReportRoute, async (c) => {
    const { id, trackingCode } = c.req.valid("param");
    return c.json(await splitReport(actorContext(c), id, trackingCode, c.req.valid("json")), 201);
  });
