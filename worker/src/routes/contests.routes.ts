import { createRoute } from "@hono/zod-openapi";
import { ContestResolutionInputSchema } from "../contracts/contests";
import { LeadDetailSchema } from "../contracts/leads";
import { IdParams, json, problem, sessionGuarded, staffSession } from "../http/openapi";

export const resolveContestRoute = createRoute({
  method: "post",
  path: "/leads/{id}/contest-resolution",
  tags: ["triage"],
  security: staffSession,
  summary:
    "Decide the reporters' contest of a concluded outcome (supervisor): uphold keeps it, reopen sends the lead back to in_review",
  request: { params: IdParams, body: { content: json(ContestResolutionInputSchema), required: true } },
  responses: {
    200: { description: "The lead after the decision", content: json(LeadDetailSchema) },
    404: problem("No such lead, or its outcome was never contested"),
    409: problem("The contest is already resolved, or the lead is no longer concluded"),
    422: problem("Missing decision or reason"),
    ...sessionGuarded,
  },
});
