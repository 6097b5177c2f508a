import { createApp } from "../http/create-app";
import { serviceContext } from "../http/service-context";
import { findUnits } from "../services/directory";
import { searchUnitsRoute } from "./units.routes";

/** `GET /api/units?q=&limit=` */
export const unitsApp = createApp().openapi(searchUnitsRoute, async (c) => {
  const units = await findUnits(serviceContext(c), c.req.valid("query"));
  c.header("Cache-Control", "public, max-age=60");
  return c.json(units, 200);
});
