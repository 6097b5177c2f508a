import { InspectionDetailSchema, InspectionListSchema } from "../contracts/inspections";
import { createDb, type Db } from "../db/client";
import type { Actor } from "../db/queries/accounts";
import { putFinding } from "../db/queries/findings";
import { inspectionDetail, listInspections, requireInspection } from "../db/queries/inspections";
import { cancelInspection, createInspection, patchInspection, startInspection } from "../db/queries/inspections-write";
import { concludeInspection } from "../db/queries/outcomes";
import { splitInspection } from "../db/queries/plan";
import { createApp } from "../http/create-app";
import { requireActor } from "../middleware/session";
import { requirePermission } from "./inspections.permissions";
import {
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

/** The inspection as the API returns it, checked against the contract. */
export async function inspectionResponse(db: Db, actor: Actor, id: string) {
  const row = await requireInspection(db, actor, id);
  return InspectionDetailSchema.parse(await inspectionDetail(db, actor, row));
}

const app = createApp();
app.use("/inspections", requireActor("inspections.read"));
app.use("/inspections/*", requireActor("inspections.read"));

/** Inspections: create, list, detail, move, split, start, cancel, findings, documents, conclusion. */
export const inspectionsApp = app
  .openapi(createInspectionRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    requirePermission(actor, "inspections.manage");
    const id = await createInspection(db, actor, c.req.valid("json"), c.get("lang"));
    return c.json(await inspectionResponse(db, actor, id), 201);
  })
  .openapi(listInspectionsRoute, async (c) => {
    const items = await listInspections(createDb(c.env.DB), c.get("actor"), c.req.valid("query"));
    return c.json(InspectionListSchema.parse({ items }), 200);
  })
  .openapi(getInspectionRoute, async (c) => {
    return c.json(await inspectionResponse(createDb(c.env.DB), c.get("actor"), c.req.valid("param").id), 200);
  })
  .openapi(patchInspectionRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    const { id } = c.req.valid("param");
    requirePermission(actor, "inspections.manage");
    await patchInspection(db, actor, id, c.req.valid("json"), c.get("lang"));
    return c.json(await inspectionResponse(db, actor, id), 200);
  })
  .openapi(splitInspectionRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    requirePermission(actor, "inspections.manage");
    const newId = await splitInspection(db, actor, c.req.valid("param").id, c.req.valid("json"), c.get("lang"));
    return c.json(await inspectionResponse(db, actor, newId), 201);
  })
  .openapi(startInspectionRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    const { id } = c.req.valid("param");
    requirePermission(actor, "inspections.conduct");
    await startInspection(db, actor, id, c.get("lang"));
    return c.json(await inspectionResponse(db, actor, id), 200);
  })
  .openapi(cancelInspectionRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    const { id } = c.req.valid("param");
    requirePermission(actor, "inspections.manage");
    await cancelInspection(db, actor, id, c.req.valid("json").reason, c.get("lang"));
    return c.json(await inspectionResponse(db, actor, id), 200);
  })
  .openapi(putFindingRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    const { id, leadId } = c.req.valid("param");
    requirePermission(actor, "inspections.conduct");
    await putFinding(db, actor, id, leadId, c.req.valid("json"), c.get("lang"));
    return c.json(await inspectionResponse(db, actor, id), 200);
  })
  .openapi(concludeInspectionRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    const { id } = c.req.valid("param");
    requirePermission(actor, "inspections.manage");
    await concludeInspection(db, actor, id, c.req.valid("json"), c.get("lang"));
    return c.json(await inspectionResponse(db, actor, id), 200);
  });
