import type { CategoryCode } from "../../contracts/categories";
import type { Signals } from "./signals";

/**
 * Base severity per category, following DOMAIN.md's ranking: demanding money
 * (bribery) is the gravest, making trouble to extract something (harassment)
 * next, then the three "the file does not move" behaviours, then conduct and
 * anything else.
 */
export const CATEGORY_SEVERITY: Readonly<Record<CategoryCode, number>> = {
  bribery: 4,
  harassment: 3,
  shirking: 2,
  delay: 2,
  neglect: 2,
  conduct: 1,
  other: 1,
};

/** One point per signal present: each makes the report graver or easier to verify. */
export const SIGNAL_BUMP = 1;

/**
 * Signals add at most this much. They make a report more serious and more
 * credible but do not change what kind of behaviour it is: a rude official
 * with every signal (1 + 2 = 3) still ranks below a bare bribe demand (4).
 */
export const MAX_SIGNAL_BUMPS = 2;

/** The scale is 1..5. */
export const SEVERITY_MAX = 5;

/** One line of the explanation; the points of all lines sum to the value. */
export interface SeverityReason {
  reason: "category" | "money" | "repeated_visits" | "named_official" | "evidence" | "business_harm" | "cap";
  points: number;
  detail?: string;
}

export interface Severity {
  value: number;
  reasons: SeverityReason[];
}

/**
 * Severity = category base + one point per signal, with the signals capped at
 * MAX_SIGNAL_BUMPS and the total at SEVERITY_MAX. A negative `cap` reason
 * records what the caps removed, so the reasons always add up to the value.
 *
 * @example
 * computeSeverity("harassment", signals) // { value: 5, reasons: [{ reason: "category", points: 3 }, …] }
 */
export function computeSeverity(category: CategoryCode, signals: Signals): Severity {
  const base = CATEGORY_SEVERITY[category];
  const reasons: SeverityReason[] = [{ reason: "category", points: base, detail: category }];
  const bump = (reason: SeverityReason["reason"], detail: string) =>
    reasons.push({ reason, points: SIGNAL_BUMP, detail });
  if (signals.money.length > 0) bump("money", signals.money.map((m) => m.text).join(", "));
  if (signals.repeatedVisits.found) bump("repeated_visits", String(signals.repeatedVisits.times ?? "nhieu"));
  if (signals.namedOfficial) bump("named_official", signals.namedOfficial);
  if (signals.evidenceCount > 0) bump("evidence", String(signals.evidenceCount));
  if (signals.businessHarm.length > 0) bump("business_harm", signals.businessHarm.join(", "));
  const raw = reasons.reduce((sum, r) => sum + r.points, 0);
  const value = Math.min(SEVERITY_MAX, base + Math.min(MAX_SIGNAL_BUMPS, raw - base));
  if (value < raw) reasons.push({ reason: "cap", points: value - raw });
  return { value, reasons };
}
