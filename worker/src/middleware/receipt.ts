import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { serviceContext } from "../http/service-context";
import { receiptHolder } from "../services/reports";

/** The bearer secret of `Authorization: Bearer <secret>`, or undefined. */
export function bearerSecret(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

/**
 * Requires the receipt of the report named by the path's `trackingCode`:
 * its secret as `Authorization: Bearer <secret>`. Sets `report`; an unknown
 * code and a wrong or missing secret are the same 404, before the body is
 * read, as a staff route checks its session first.
 *
 * @example
 * createRoute({ path: "/reports/{trackingCode}", middleware: [requireReceipt], ... })
 */
export const requireReceipt = createMiddleware<AppEnv>(async (c, next) => {
  const secret = bearerSecret(c.req.header("authorization"));
  c.set("report", await receiptHolder(serviceContext(c), c.req.param("trackingCode") ?? "", secret));
  await next();
});
