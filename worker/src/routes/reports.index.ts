import { createApp } from "../http/create-app";
import { serviceContext } from "../http/service-context";
import { contestOutcome } from "../services/contests";
import { fileReport } from "../services/report-filing";
import { followReport, replyAsReporter } from "../services/reports";
import { contestOutcomeRoute, createMessageRoute, createReportRoute, getReportRoute } from "./reports.routes";

/**
 * `POST /api/reports`, `GET /api/reports/{trackingCode}`,
 * `POST /api/reports/{trackingCode}/messages` and `/contest`. The receipt, the
 * rate limits and the idempotent replay are checked by each route's
 * middleware (see `reports.routes.ts`) before its body is validated.
 */
export const reportsApp = createApp()
  .openapi(createReportRoute, async (c) => {
    const receipt = await fileReport(
      serviceContext(c),
      c.req.valid("json"),
      c.get("idempotency"),
      c.req.header("cf-connecting-ip"),
    );
    return c.json(receipt, 201);
  })
  .openapi(getReportRoute, async (c) => {
    const view = await followReport(serviceContext(c), c.get("report"));
    c.header("Cache-Control", "no-store");
    return c.json(view, 200);
  })
  .openapi(createMessageRoute, async (c) => {
    const message = await replyAsReporter(serviceContext(c), c.get("report"), c.req.valid("json").body);
    c.header("Cache-Control", "no-store");
    return c.json(message, 201);
  })
  .openapi(contestOutcomeRoute, async (c) => {
    const receipt = await contestOutcome(serviceContext(c), c.get("report"), c.req.valid("json").reason);
    c.header("Cache-Control", "no-store");
    return c.json(receipt, 201);
  });
