import { z } from "zod";
import { IsoDateSchema, TextSchema } from "./common";
import { SectorCodeSchema } from "./stats";
import { UnitKindSchema } from "./units";

/** Unit names: a few words, up to 200 characters once trimmed. */
const UnitNameSchema = TextSchema.pipe(z.string().min(2).max(200));
const UnitIdSchema = z.string().min(1).max(64);

/** A former name of a unit. */
export const UnitAliasSchema = z.object({
  name: z.string(),
  validTo: z.string().nullable(),
  /** The former unit's official code before the 2025 reform, when it was one. */
  oldCode: z.string().nullable(),
  /** True when only part of the former unit went into this one. */
  partial: z.boolean(),
});

/** A unit as administrators see it. */
export const AdminUnitSchema = z.object({
  id: z.string(),
  /** The official code of a ward or commune. */
  code: z.string().nullable(),
  name: z.string(),
  kind: UnitKindSchema,
  parentId: z.string().nullable(),
  /** A sector code (`SECTOR_CODES`); read as text, since rows loaded before the codes may hold another value. */
  sector: z.string().nullable(),
  validFrom: z.string().nullable(),
  /** The day it ended (merged, divided or retired); null while current. */
  validTo: z.string().nullable(),
  successorId: z.string().nullable(),
  /** A starting entry no administrator has confirmed yet. */
  toConfirm: z.boolean(),
  aliases: z.array(UnitAliasSchema),
});
export type AdminUnit = z.infer<typeof AdminUnitSchema>;

export const AdminUnitListSchema = z.object({ items: z.array(AdminUnitSchema) });
export type AdminUnitList = z.infer<typeof AdminUnitListSchema>;

/** `GET /api/admin/units?q=&kind=&status=&limit=` */
export const AdminUnitQuerySchema = z.object({
  q: z.string().max(100).optional(),
  kind: UnitKindSchema.optional(),
  /** `current` (default), `ended` (merged, divided, retired), `to_confirm`, or `all`. */
  status: z.enum(["current", "ended", "to_confirm", "all"]).default("current"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AdminUnitQuery = z.infer<typeof AdminUnitQuerySchema>;

/** `POST /api/admin/units`: a department, agency, ward… */
export const UnitCreateSchema = z
  .object({
    name: UnitNameSchema,
    kind: UnitKindSchema,
    parentId: UnitIdSchema.nullable().default("ha-noi"),
    sector: SectorCodeSchema.nullable().default(null),
    /** The official code, for a ward or commune (5 digits). */
    code: z
      .string()
      .regex(/^\d{5}$/)
      .nullable()
      .default(null),
    validFrom: IsoDateSchema.nullable().default(null),
  })
  .strict();
export type UnitCreate = z.infer<typeof UnitCreateSchema>;

/** `PATCH /api/admin/units/{id}`: rename, move, set the sector, confirm. At least one field. */
export const UnitUpdateSchema = z
  .object({
    name: UnitNameSchema.optional(),
    /** The day the new name takes effect: the old name becomes an alias ending then. Default today. */
    renamedOn: IsoDateSchema.optional(),
    parentId: UnitIdSchema.nullable().optional(),
    sector: SectorCodeSchema.nullable().optional(),
    /** `true` confirms a starting entry (clears "to confirm"). */
    confirmed: z.literal(true).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).some((key) => key !== "renamedOn"), {
    params: { key: "blank" },
  });
export type UnitUpdate = z.infer<typeof UnitUpdateSchema>;

/** `POST /api/admin/units/{id}/merge` */
export const UnitMergeSchema = z
  .object({
    successorId: UnitIdSchema,
    /** From this day the unit has ended and new reports go to the successor. */
    effectiveOn: IsoDateSchema,
  })
  .strict();
export type UnitMerge = z.infer<typeof UnitMergeSchema>;

/** A unit a split goes into: an existing one by id, or a new one. */
export const SplitSuccessorSchema = z.union([
  z.object({ id: UnitIdSchema }).strict(),
  z.object({ name: UnitNameSchema, kind: UnitKindSchema, sector: SectorCodeSchema.nullable().default(null) }).strict(),
]);

/** `POST /api/admin/units/{id}/split` */
export const UnitSplitSchema = z
  .object({
    successors: z.array(SplitSuccessorSchema).min(2).max(20),
    effectiveOn: IsoDateSchema,
  })
  .strict();
export type UnitSplit = z.infer<typeof UnitSplitSchema>;

/** `POST /api/admin/units/{id}/retire` */
export const UnitRetireSchema = z.object({ effectiveOn: IsoDateSchema }).strict();
export type UnitRetire = z.infer<typeof UnitRetireSchema>;

/** What a split made: the unit, then its successors. */
export const UnitSplitResultSchema = z.object({ unit: AdminUnitSchema, successors: z.array(AdminUnitSchema) });
export type UnitSplitResult = z.infer<typeof UnitSplitResultSchema>;
