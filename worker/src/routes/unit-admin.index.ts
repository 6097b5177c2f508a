import { createApp } from "../http/create-app";
import { actorContext } from "../http/service-context";
import { jsonBodyLimit } from "../middleware/json-body";
import { requireActor } from "../middleware/session";
import {
  createUnit,
  directoryUnit,
  listDirectory,
  mergeUnit,
  retireUnit,
  splitUnit,
  updateUnit,
} from "../services/unit-admin";
import {
  createUnitRoute,
  getUnitAdminRoute,
  listUnitsAdminRoute,
  mergeUnitRoute,
  retireUnitRoute,
  splitUnitRoute,
  updateUnitRoute,
} from "./unit-admin.routes";

const adminApp = createApp();
adminApp.use("/admin/units", requireActor("units.manage"), jsonBodyLimit);
adminApp.use("/admin/units/*", requireActor("units.manage"), jsonBodyLimit);

/** Administration of the unit directory: create, rename, move, confirm, merge, split, retire. */
export const unitAdminApp = adminApp
  .openapi(listUnitsAdminRoute, async (c) => c.json(await listDirectory(actorContext(c), c.req.valid("query")), 200))
  .openapi(getUnitAdminRoute, async (c) => c.json(await directoryUnit(actorContext(c), c.req.valid("param").id), 200))
  .openapi(createUnitRoute, async (c) => c.json(await createUnit(actorContext(c), c.req.valid("json")), 201))
  .openapi(updateUnitRoute, async (c) =>
    c.json(await updateUnit(actorContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(mergeUnitRoute, async (c) =>
    c.json(await mergeUnit(actorContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(splitUnitRoute, async (c) =>
    c.json(await splitUnit(actorContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(retireUnitRoute, async (c) =>
    c.json(await retireUnit(actorContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  );
