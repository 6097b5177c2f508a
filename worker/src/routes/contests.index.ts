import { createApp } from "../http/create-app";
import { actorContext } from "../http/service-context";
import { requireActor } from "../middleware/session";
import { resolveLeadContest } from "../services/contests";
import { resolveContestRoute } from "./contests.routes";

const app = createApp();
app.use("/leads/:id/contest-resolution", requireActor("leads.read"));

/** A supervisor deciding a reporter's contest of a concluded outcome (issue 4). */
export const contestsApp = app.openapi(resolveContestRoute, async (c) => {
  const lead = await resolveLeadContest(actorContext(c), c.req.valid("param").id, c.req.valid("json"));
  return c.json(lead, 200);
});
