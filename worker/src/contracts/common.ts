import { z } from "zod";

/** RFC 9457 problem details as every error response carries them. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  requestId: z.string(),
  errors: z.array(z.object({ pointer: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** `GET /api/health` */
export const HealthSchema = z.object({ status: z.literal("ok") });
export type Health = z.infer<typeof HealthSchema>;

/** A calendar date as `YYYY-MM-DD` that really exists (no 31/02). */
export const IsoDateSchema = z.string().refine(
  (value) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  },
  { params: { key: "date" } },
);

/** Text as the user typed it, trimmed and in Unicode NFC. */
export const TextSchema = z.string().transform((value) => value.normalize("NFC").trim());
