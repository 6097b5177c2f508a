import { z } from "zod";
import { TextSchema } from "./common";

/**
 * A supervisor's decision on a reporter's contest of a concluded outcome
 * (`POST /api/leads/{id}/contest-resolution`): `uphold` keeps the outcome,
 * `reopen` sends the lead back to `in_review`. The reason is required either
 * way (an upheld contest must say why the reporter was wrong); its length
 * matches `CONTEST_REASON_MIN`/`CONTEST_REASON_MAX` of the domain.
 */
export const CONTEST_DECISIONS = ["uphold", "reopen"] as const;
export const ContestDecisionSchema = z.enum(CONTEST_DECISIONS);
export type ContestDecision = z.infer<typeof ContestDecisionSchema>;

export const ContestResolutionInputSchema = z
  .object({
    decision: ContestDecisionSchema,
    reason: TextSchema.pipe(z.string().min(10).max(2000)),
  })
  .strict();
export type ContestResolutionInput = z.infer<typeof ContestResolutionInputSchema>;
