import { createDb } from "../db/client";
import { searchUnits } from "../db/queries/units";
import { createApp } from "../http/create-app";
import { searchUnitsRoute } from "./units.routes";

/** `GET /api/units?q=&limit=` */
export const unitsApp = createApp().openapi(searchUnitsRoute, async (c) => {
  const { q, limit } = c.req.valid("query");
  const items = await searchUnits(createDb(c.env.DB), q, limit);
  c.header("Cache-Control", "public, max-age=60");
  return c.json({ items }, 200);
});
