import { asc } from "drizzle-orm";
import type { Db } from "../client";
import { categories } from "../schema";

/** A row of `categories`: names and descriptions in both languages. */
export type CategoryRow = typeof categories.$inferSelect;

/** All categories, most severe first. */
export async function listCategoryRows(db: Db): Promise<CategoryRow[]> {
  return db.select().from(categories).orderBy(asc(categories.sortOrder));
}
