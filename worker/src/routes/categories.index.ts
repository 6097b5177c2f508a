import { createApp } from "../http/create-app";
import { serviceContext } from "../http/service-context";
import { listCategories } from "../services/categories";
import { listCategoriesRoute } from "./categories.routes";

/** `GET /api/categories` */
export const categoriesApp = createApp().openapi(listCategoriesRoute, async (c) => {
  const categories = await listCategories(serviceContext(c));
  c.header("Cache-Control", "public, max-age=300");
  return c.json(categories, 200);
});
