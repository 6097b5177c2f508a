import { type CategoryList, CategoryListSchema } from "../contracts/categories";
import { listCategoryRows } from "../db/queries/categories";
import type { ServiceContext } from "./context";

/** `GET /api/categories`: the behaviours that can be reported, most severe first, named in `ctx.lang`. */
export async function listCategories(ctx: ServiceContext): Promise<CategoryList> {
  const rows = await listCategoryRows(ctx.db);
  const en = ctx.lang === "en";
  return CategoryListSchema.parse({
    items: rows.map((row) => ({
      code: row.code,
      name: en ? row.nameEn : row.nameVi,
      description: en ? row.descriptionEn : row.descriptionVi,
    })),
  });
}
