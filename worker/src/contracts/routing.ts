import { z } from "zod";
import { CategoryCodeSchema } from "./categories";
import { TextSchema } from "./common";

/**
 * Re-routing (issue 12). `POST /api/leads/{id}/routing` and
 * `POST /api/leads/{id}/reports/{trackingCode}/routing`: a new unit, a new
 * category or both, with the reason (audited).
 */
export const RoutingSchema = z
  .object({
    /** A unit of the directory; an ended unit's successor is used, a unit ended without one is a 422. */
    unitId: z.string().min(1).max(64).optional(),
    categoryCode: CategoryCodeSchema.optional(),
    reason: TextSchema.pipe(z.string().min(1).max(2000)),
  })
  .strict();
export type Routing = z.infer<typeof RoutingSchema>;

/** `POST /api/leads/{id}/reports/{trackingCode}/split`: why the report is a matter of its own (audited). */
export const SplitSchema = z.object({ reason: TextSchema.pipe(z.string().min(1).max(2000)) }).strict();
export type Split = z.infer<typeof SplitSchema>;
