import { createDb } from "../db/client";
import { listCategories } from "../db/queries/categories";
import { createApp } from "../http/create-app";
import { listCategoriesRoute } from "./categories.routes";

/** `GET /api/categories` */
export const categoriesApp = createApp().openapi(listCategoriesRoute, async (c) => {
  const items = await listCategories(createDb(c.env.DB), c.get("lang"));
  c.header("Cache-Control", "public, max-age=300");
  return c.json({ items }, 200);
});
