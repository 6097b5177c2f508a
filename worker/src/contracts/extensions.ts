import { z } from "zod";
import { IsoDateSchema, TextSchema } from "./common";

/** Working days a single extension may add at most. */
export const MAX_EXTENSION_WORKING_DAYS = 60;

/**
 * `POST /api/leads/{id}/extension` and `POST /api/measures/{id}/extension`
 * (supervisors): a new deadline, either a date (`dueOn`, a working day after
 * the current deadline) or a number of working days added to it
 * (`workingDays`, counted on the working-day calendar); exactly one of the two.
 */
export const ExtensionInputSchema = z
  .object({
    dueOn: IsoDateSchema.optional(),
    workingDays: z.number().int().min(1).max(MAX_EXTENSION_WORKING_DAYS).optional(),
    reason: TextSchema.pipe(z.string().min(1).max(2000)),
  })
  .strict();
export type ExtensionInput = z.infer<typeof ExtensionInputSchema>;

/** One extension granted, as the lead page lists them (latest first). */
export const DeadlineExtensionSchema = z.object({
  previousDueOn: z.string(),
  newDueOn: z.string(),
  workingDays: z.number().int().nullable(),
  reason: z.string(),
  grantedBy: z.string().nullable(),
  grantedAt: z.string(),
});
export type DeadlineExtension = z.infer<typeof DeadlineExtensionSchema>;

/**
 * One inspection a lead was attached to (enums spelled out: `inspections.ts`
 * imports `leads.ts`, which imports this file), with the finding recorded on it
 * there (latest first).
 */
export const LeadInspectionSchema = z.object({
  inspectionId: z.string(),
  type: z.enum(["surprise", "scheduled", "verification"]),
  status: z.enum(["planned", "in_progress", "concluded", "closed", "cancelled"]),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  concludedAt: z.string().nullable(),
  finding: z
    .object({
      outcome: z.enum(["substantiated", "partly_substantiated", "not_substantiated", "could_not_verify"]),
      publicSummary: z.string(),
      recordedAt: z.string(),
    })
    .nullable(),
});
export type LeadInspection = z.infer<typeof LeadInspectionSchema>;
