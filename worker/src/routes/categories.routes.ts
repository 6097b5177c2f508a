import { createRoute } from "@hono/zod-openapi";
import { CategoryListSchema } from "../contracts/categories";

export const listCategoriesRoute = createRoute({
  method: "get",
  path: "/categories",
  tags: ["reporting"],
  summary: "The behaviours that can be reported, named in the request's language",
  responses: {
    200: { description: "Categories", content: { "application/json": { schema: CategoryListSchema } } },
  },
});
