/**
 * Priority of a lead: a sum of named factors, each shown on the lead so an
 * inspector can see why it ranks where it does. Weights are chosen so that
 * severity dominates (what happened matters most), corroboration comes next,
 * and the remaining factors reorder leads of similar gravity.
 */

/** Points per severity level (1..5 → 10..50). */
export const SEVERITY_WEIGHT = 10;

/**
 * Points per doubling of independent reports: 10 × log2(n), so 1 report → 0,
 * 2 → 10, 3 → 15.8, 4 → 20, 8 → 30. Diminishing, because the tenth report
 * about one demand adds less than the second, and a campaign of copies must
 * not outrank a grave lone report by volume alone.
 */
export const REPORTS_WEIGHT = 10;

/** Evidence: 5 × log2(1 + files), capped at 10 (1 file → 5, 3 files → 10). Verifiable beats unverifiable. */
export const EVIDENCE_WEIGHT = 5;
export const EVIDENCE_CAP = 10;

/** A business or organisation harmed: the article singles out "bức xúc cho … doanh nghiệp". */
export const BUSINESS_HARM_POINTS = 8;

/**
 * Repeat unit: 5 × log2(1 + substantiated findings about the unit in the last
 * 12 months), capped at 15 (1 → 5, 3 → 10, 7 → 15). A unit already found at
 * fault deserves a faster look, but history must not outweigh the facts.
 */
export const REPEAT_UNIT_WEIGHT = 5;
export const REPEAT_UNIT_CAP = 15;

/**
 * Age against the deadline. Before the due time it ramps from 0 (opened) to
 * AGE_AT_DUE (due); after it, every overdue day adds AGE_PER_OVERDUE_DAY, up to
 * AGE_CAP, so an overdue lead climbs the queue until someone decides.
 */
export const AGE_AT_DUE = 5;
export const AGE_PER_OVERDUE_DAY = 2;
export const AGE_CAP = 30;

export const PRIORITY_FACTORS = ["severity", "reports", "evidence", "business_harm", "repeat_unit", "age"] as const;
export type PriorityFactorName = (typeof PRIORITY_FACTORS)[number];

export interface PriorityFactor {
  name: PriorityFactorName;
  value: number;
  /** On the "reports" factor: what it counted, so the lead can say "3 reports, 2 independent". */
  detail?: { reports: number; independent: number };
}

export interface Priority {
  /** Sum of the factor values (as rounded), two decimals. */
  total: number;
  factors: PriorityFactor[];
}

/** What the score depends on: a snapshot of the lead. */
export interface LeadSnapshot {
  /** The lead's severity, 1..5 (the highest of its reports). */
  severity: number;
  /** All the lead's reports. */
  reportCount: number;
  /** Reports that are not copies of one another (`countWitnesses`). */
  independentReports: number;
  evidenceCount: number;
  businessHarm: boolean;
  /** Substantiated findings about the lead's unit in the 12 months before now. */
  unitFindingsLast12Months: number;
  /** ISO instants. */
  openedAt: string;
  dueAt: string;
}

const DAY_MS = 86_400_000;
const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Pure function of the snapshot and the time: the cron job calls it again as
 * time passes and the age factor grows.
 *
 * @example
 * computePriority({ severity: 5, reportCount: 3, independentReports: 3, evidenceCount: 1, businessHarm: false,
 *   unitFindingsLast12Months: 0, openedAt: "2025-06-02T02:00:00Z", dueAt: "2025-06-09T17:00:00Z" },
 *   new Date("2025-06-02T02:00:00Z"))
 * // { total: 70.85, factors: [{ name: "severity", value: 50 }, { name: "reports", value: 15.85 }, …] }
 */
export function computePriority(lead: LeadSnapshot, now: Date): Priority {
  const raw: PriorityFactor[] = [
    { name: "severity", value: SEVERITY_WEIGHT * lead.severity },
    {
      name: "reports",
      value: REPORTS_WEIGHT * Math.log2(Math.max(1, lead.independentReports)),
      detail: { reports: lead.reportCount, independent: lead.independentReports },
    },
    {
      name: "evidence",
      value: Math.min(EVIDENCE_CAP, EVIDENCE_WEIGHT * Math.log2(1 + Math.max(0, lead.evidenceCount))),
    },
    { name: "business_harm", value: lead.businessHarm ? BUSINESS_HARM_POINTS : 0 },
    {
      name: "repeat_unit",
      value: Math.min(REPEAT_UNIT_CAP, REPEAT_UNIT_WEIGHT * Math.log2(1 + Math.max(0, lead.unitFindingsLast12Months))),
    },
    { name: "age", value: ageFactor(Date.parse(lead.openedAt), Date.parse(lead.dueAt), now.getTime()) },
  ];
  const factors = raw.map((f) => ({ ...f, value: round2(f.value) }));
  return { total: round2(factors.reduce((sum, f) => sum + f.value, 0)), factors };
}

function ageFactor(opened: number, due: number, now: number): number {
  if (now >= due) return Math.min(AGE_CAP, AGE_AT_DUE + (AGE_PER_OVERDUE_DAY * (now - due)) / DAY_MS);
  const span = due - opened;
  if (span <= 0 || now <= opened) return 0;
  return (AGE_AT_DUE * (now - opened)) / span;
}
