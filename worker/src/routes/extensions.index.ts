import { createApp } from "../http/create-app";
import { actorContext } from "../http/service-context";
import { jsonBodyLimit } from "../middleware/json-body";
import { requireActor } from "../middleware/session";
import { extendLeadDeadline, extendMeasureDeadline } from "../services/extensions";
import { extendLeadRoute, extendMeasureRoute } from "./extensions.routes";

const app = createApp();
app.use("/leads/:id/extension", requireActor("deadlines.extend"), jsonBodyLimit);
app.use("/measures/:id/extension", requireActor("deadlines.extend"), jsonBodyLimit);

/** Deadline extensions of leads and corrective measures (supervisors; issue 12). */
export const extensionsApp = app
  .openapi(extendLeadRoute, async (c) => {
    const lead = await extendLeadDeadline(actorContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(lead, 200);
  })
  .openapi(extendMeasureRoute, async (c) => {
    const measure = await extendMeasureDeadline(actorContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(measure, 200);
  });
