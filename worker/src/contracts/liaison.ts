/**
 * Contracts of the unit liaison's view (issue 13): what a `unit_liaison`
 * sees of their unit's corrective measures and of the conclusion behind
 * each, built from chosen columns only (no reporter, contact, internal
 * note, team or audit actor ever reaches it).
 */
import { z } from "zod";
import { IsoDateSchema, TextSchema } from "./common";
import {
  FindingOutcomeSchema,
  INSPECTION_DOCUMENT_MAX_BYTES,
  INSPECTION_DOCUMENT_TITLE_MAX,
  MeasureDocumentSchema,
  MeasureExtensionRequestSchema,
  MeasureStatusSchema,
} from "./inspections";

/** A measure document may be as large as an inspection document. */
export const MEASURE_DOCUMENT_MAX_BYTES = INSPECTION_DOCUMENT_MAX_BYTES;
/** A document's title keeps at most this many characters. */
export const MEASURE_DOCUMENT_TITLE_MAX = INSPECTION_DOCUMENT_TITLE_MAX;
/** Documents one measure may carry. */
export const MEASURE_DOCUMENT_MAX_FILES = 10;

/** `POST /api/measures/{id}/extension-request` (liaison): why, and optionally the date asked for. */
export const ExtensionRequestInputSchema = z
  .object({
    reason: TextSchema.pipe(z.string().min(10).max(2000)),
    requestedDueOn: IsoDateSchema.optional(),
  })
  .strict();
export type ExtensionRequestInput = z.infer<typeof ExtensionRequestInputSchema>;

/** The conclusion as the unit sees it: the findings' public summaries, the recommendations and guidance. */
export const UnitConclusionSchema = z.object({
  concludedAt: z.string().nullable(),
  findings: z.array(z.object({ outcome: FindingOutcomeSchema, publicSummary: z.string() })),
  recommendations: z.string(),
  guidance: z.string(),
});
export type UnitConclusion = z.infer<typeof UnitConclusionSchema>;

/** One corrective measure of the liaison's unit (or a sub-unit). */
export const UnitMeasureSchema = z.object({
  id: z.string(),
  responsibleUnitId: z.string(),
  responsibleUnitName: z.string(),
  description: z.string(),
  /** `YYYY-MM-DD`, end of that day in Hanoi. */
  deadline: z.string(),
  status: MeasureStatusSchema,
  response: z.string().nullable(),
  respondedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  verifiedOnTime: z.boolean().nullable(),
  overdueSince: z.string().nullable(),
  /** The team's last rejection of a response, with its reason. */
  rejection: z.object({ reason: z.string(), at: z.string() }).nullable(),
  documents: z.array(MeasureDocumentSchema),
  extensionRequests: z.array(MeasureExtensionRequestSchema),
  conclusion: UnitConclusionSchema,
});
export type UnitMeasure = z.infer<typeof UnitMeasureSchema>;

/** `GET /api/measures` as a liaison sees it. */
export const UnitMeasureListSchema = z.object({ items: z.array(UnitMeasureSchema) });
export type UnitMeasureList = z.infer<typeof UnitMeasureListSchema>;
