import { InspectionDetailSchema, InspectionListSchema } from "../contracts/inspections";
import { createApp } from "../http/create-app";
import { actorContext } from "../http/service-context";
import { jsonBodyLimit } from "../middleware/json-body";
import { requireActor } from "../middleware/session";
import { putFinding } from "../services/findings";
import { assignInspection, inspectionFilter } from "../services/inspections/assignment";
import {
  cancelInspection,
  createInspection,
  patchInspection,
  startInspection,
} from "../services/inspections/lifecycle";
import { getInspection, listInspections } from "../services/inspections/read";
import { concludeInspection } from "../services/outcomes";
import { splitInspection } from "../services/plan";
import {
  assignInspectionRoute,
  cancelInspectionRoute,
  concludeInspectionRoute,
  createInspectionRoute,
  getInspectionRoute,
  listInspectionsRoute,
  patchInspectionRoute,
  putFindingRoute,
  splitInspectionRoute,
  startInspectionRoute,
} from "./inspections.routes";

const app = createApp();
app.use("/inspections", requireActor("inspections.read"), jsonBodyLimit);
app.use("/inspections/*", requireActor("inspections.read"), jsonBodyLimit);

/** Inspections: create, list, detail, move, split, start, cancel, findings, conclusion. */
export const inspectionsApp = app
  .openapi(createInspectionRoute, async (c) => {
    const inspection = await createInspection(actorContext(c), c.req.valid("json"));
    return c.json(InspectionDetailSchema.parse(inspection), 201);
  })
  .openapi(listInspectionsRoute, async (c) => {
    const ctx = actorContext(c);
    const items = await listInspections(ctx, inspectionFilter(ctx, c.req.valid("query")));
    return c.json(InspectionListSchema.parse({ items }), 200);
  })
  .openapi(getInspectionRoute, async (c) => {
    const inspection = await getInspection(actorContext(c), c.req.valid("param").id);
    return c.json(InspectionDetailSchema.parse(inspection), 200);
  })
  .openapi(patchInspectionRoute, async (c) => {
    const inspection = await patchInspection(actorContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(InspectionDetailSchema.parse(inspection), 200);
  })
  .openapi(splitInspectionRoute, async (c) => {
    const created = await splitInspection(actorContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(InspectionDetailSchema.parse(created), 201);
  })
  .openapi(startInspectionRoute, async (c) => {
    const inspection = await startInspection(actorContext(c), c.req.valid("param").id);
    return c.json(InspectionDetailSchema.parse(inspection), 200);
  })
  .openapi(cancelInspectionRoute, async (c) => {
    const inspection = await cancelInspection(actorContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(InspectionDetailSchema.parse(inspection), 200);
  })
  .openapi(putFindingRoute, async (c) => {
    const { id, leadId } = c.req.valid("param");
    const inspection = await putFinding(actorContext(c), id, leadId, c.req.valid("json"));
    return c.json(InspectionDetailSchema.parse(inspection), 200);
  })
  .openapi(concludeInspectionRoute, async (c) => {
    const inspection = await concludeInspection(actorContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(InspectionDetailSchema.parse(inspection), 200);
  })
  .openapi(assignInspectionRoute, async (c) => {
    const inspection = await assignInspection(actorContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(InspectionDetailSchema.parse(inspection), 200);
  });
