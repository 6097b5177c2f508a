/**
 * Contracts of redaction (che thông tin cá nhân): the marks the detector
 * suggests on a free text before it leaves the inspection team, and the
 * preview an inspector reviews. Offsets count UTF-16 code units of the NFC
 * text, as JavaScript strings do.
 */
import { z } from "zod";
import { TextSchema } from "./common";

/** What a mark hides. */
export const REDACTION_KINDS = ["phone", "id_number", "email", "bank_account", "plate", "address", "name"] as const;
export const RedactionKindSchema = z.enum(REDACTION_KINDS);
export type RedactionKind = z.infer<typeof RedactionKindSchema>;

/** The longest text the preview takes (a conclusion is at most 20 000 characters). */
export const REDACTION_TEXT_MAX = 20_000;
/** The most marks one text may carry. */
export const REDACTION_MARKS_MAX = 500;

/** One span `[start, end)` of the NFC text, hidden behind its kind's label. */
export const RedactionMarkSchema = z
  .object({
    start: z.number().int().min(0).max(REDACTION_TEXT_MAX),
    end: z.number().int().min(1).max(REDACTION_TEXT_MAX),
    kind: RedactionKindSchema,
  })
  .strict()
  .refine((m) => m.end > m.start, { path: ["end"], params: { key: "mark_order" } });
export type RedactionMark = z.infer<typeof RedactionMarkSchema>;

/** Confirmed marks sent with a text; overlapping marks are refused. */
export const RedactionMarksSchema = z.array(RedactionMarkSchema).max(REDACTION_MARKS_MAX);

/** `POST /api/redactions/preview` */
export const RedactionPreviewInputSchema = z
  .object({ text: TextSchema.pipe(z.string().min(1).max(REDACTION_TEXT_MAX)) })
  .strict();
export type RedactionPreviewInput = z.infer<typeof RedactionPreviewInputSchema>;

/** The detector's suggestions on the text as the server will read it (NFC, trimmed). */
export const RedactionPreviewSchema = z.object({
  /** The text the offsets refer to. */
  text: z.string(),
  marks: z.array(z.object({ start: z.number().int(), end: z.number().int(), kind: RedactionKindSchema })),
  /** The text with every suggested mark applied: what would leave the team. */
  redacted: z.string(),
  /** The detector's version, bumped when its rules change. */
  detectorVersion: z.number().int(),
});
export type RedactionPreview = z.infer<typeof RedactionPreviewSchema>;
