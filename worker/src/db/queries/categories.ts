import { asc } from "drizzle-orm";
import type { Category } from "../../contracts/categories";
import type { Lang } from "../../env";
import type { Db } from "../client";
import { categories } from "../schema";

/** All categories, most severe first, named in `lang`. */
export async function listCategories(db: Db, lang: Lang): Promise<Category[]> {
  const rows = await db.select().from(categories).orderBy(asc(categories.sortOrder));
  return rows.map((row) => ({
    code: row.code as Category["code"],
    name: lang === "en" ? row.nameEn : row.nameVi,
    description: lang === "en" ? row.descriptionEn : row.descriptionVi,
  }));
}
