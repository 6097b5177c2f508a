import { z } from "zod";

/** Kinds of unit in the directory (two-tier local government since 1 July 2025). */
export const UNIT_KINDS = ["city", "department", "agency", "ward", "commune"] as const;
export const UnitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKindSchema>;

/** The former name a search hit was found by, when its own name did not match. */
export const MatchedAliasSchema = z.object({
  name: z.string(),
  /**
   * True when only part of the former unit went into this one: the old unit
   * was divided, and every unit that took a part of it is listed.
   */
  partial: z.boolean(),
});
export type MatchedAlias = z.infer<typeof MatchedAliasSchema>;

export const UnitSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: UnitKindSchema,
  parentId: z.string().nullable(),
  /** Present when the unit was found by a former name (`GET /api/units?q=`) rather than its own. */
  matchedAlias: MatchedAliasSchema.optional(),
});
export type Unit = z.infer<typeof UnitSchema>;

/** `GET /api/units?q=&limit=` */
export const UnitQuerySchema = z.object({
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type UnitQuery = z.infer<typeof UnitQuerySchema>;

export const UnitListSchema = z.object({ items: z.array(UnitSchema) });
export type UnitList = z.infer<typeof UnitListSchema>;
