import { createDb } from "../db/client";
import { resolveLeadContest } from "../db/queries/contests";
import { createApp } from "../http/create-app";
import { requireActor } from "../middleware/session";
import { resolveContestRoute } from "./contests.routes";
import { requirePermission } from "./inspections.permissions";
import { leadResponse } from "./leads.index";

const app = createApp();
app.use("/leads/:id/contest-resolution", requireActor("leads.read"));

/** A supervisor deciding a reporter's contest of a concluded outcome (issue 4). */
export const contestsApp = app.openapi(resolveContestRoute, async (c) => {
  const db = createDb(c.env.DB);
  const actor = c.get("actor");
  requirePermission(actor, "leads.decide");
  const { id } = c.req.valid("param");
  await resolveLeadContest(db, actor, id, c.req.valid("json"), c.get("lang"));
  return c.json(await leadResponse(db, actor, id), 200);
});
