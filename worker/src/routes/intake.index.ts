import { createApp } from "../http/create-app";
import { actorContext } from "../http/service-context";
import { enterReport } from "../services/report-filing";
import { createIntakeReportRoute } from "./intake.routes";

/**
 * `POST /api/intake/reports`: staff enter a report received by another
 * channel. The session, the permission, the idempotent replay and the
 * account's rate limit are the route's middleware (see `intake.routes.ts`).
 */
export const intakeApp = createApp().openapi(createIntakeReportRoute, async (c) => {
  const receipt = await enterReport(actorContext(c), c.req.valid("json"), c.get("idempotency"));
  c.header("Cache-Control", "no-store");
  return c.json(receipt, 201);
});
