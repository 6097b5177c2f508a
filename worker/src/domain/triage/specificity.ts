/**
 * Specificity of a report, after Article 25 (3) of the Law on Denunciations
 * 2018 (Luật Tố cáo số 25/2018/QH14): information whose sender is unknown is
 * still verified when it clearly names who did what, comes with concrete
 * documents or evidence, and gives a basis to verify. Translated to a report:
 * - a clear unit (who is concerned);
 * - a procedure, an official or a date (what and when, something to check against);
 * - evidence (at least one attachment).
 */
export const SPECIFICITY_ELEMENTS = ["unit", "procedure_official_or_date", "evidence"] as const;
export type SpecificityElement = (typeof SPECIFICITY_ELEMENTS)[number];

export interface SpecificityInput {
  unitId?: string | null;
  procedure?: string | null;
  /** The official as named (hint or found in the text). */
  official?: string | null;
  occurredOn?: string | null;
  evidenceCount: number;
}

export interface Specificity {
  /** True when nothing is missing: "eligible for verification". */
  eligible: boolean;
  /** The elements still missing, in SPECIFICITY_ELEMENTS order; ask the reporter for these. */
  missing: SpecificityElement[];
}

const present = (value: string | null | undefined) => (value ?? "").trim() !== "";

/**
 * @example
 * assessSpecificity({ unitId: "phuong-dong-da", procedure: "Cấp sổ đỏ", evidenceCount: 0 })
 * // { eligible: false, missing: ["evidence"] }
 */
export function assessSpecificity(input: SpecificityInput): Specificity {
  const missing: SpecificityElement[] = [];
  if (!present(input.unitId)) missing.push("unit");
  if (!present(input.procedure) && !present(input.official) && !present(input.occurredOn)) {
    missing.push("procedure_official_or_date");
  }
  if (input.evidenceCount < 1) missing.push("evidence");
  return { eligible: missing.length === 0, missing };
}
