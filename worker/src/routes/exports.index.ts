import { createApp } from "../http/create-app";
import { actorContext } from "../http/service-context";
import { requireActor } from "../middleware/session";
import { personnelExport } from "../services/personnel";
import { personnelExportRoute } from "./exports.routes";

const app = createApp();
app.use("/exports/*", requireActor("exports.personnel"));

/** Exports for supervisors; each one is audited. */
export const exportsApp = app.openapi(personnelExportRoute, async (c) => {
  const query = c.req.valid("query");
  const csv = await personnelExport(actorContext(c), query);
  return c.body(csv, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="cong-tac-can-bo_${query.from}_${query.to}.csv"`,
    "Cache-Control": "private, no-store",
  });
});
