import { z } from "zod";

/** The seven behaviour categories of DOMAIN.md, most severe first. */
export const CATEGORY_CODES = ["bribery", "harassment", "shirking", "delay", "neglect", "conduct", "other"] as const;

export const CategoryCodeSchema = z.enum(CATEGORY_CODES);
export type CategoryCode = z.infer<typeof CategoryCodeSchema>;

export const CategorySchema = z.object({
  code: CategoryCodeSchema,
  name: z.string(),
  description: z.string(),
});
export type Category = z.infer<typeof CategorySchema>;

/** `GET /api/categories` */
export const CategoryListSchema = z.object({ items: z.array(CategorySchema) });
export type CategoryList = z.infer<typeof CategoryListSchema>;
