import type { CategoryCode } from "../../contracts/categories";
import type { ReporterKind } from "../../contracts/reports";
import { type ClusterDecision, type ClusterLead, chooseLead } from "./cluster";
import { type NormalizedText, normalizeText, officialKey, procedureKey } from "./normalize";
import { computeSeverity, type Severity } from "./severity";
import { detectSignals, type Signals } from "./signals";
import { assessSpecificity, type Specificity } from "./specificity";
import { type CategorySuggestion, suggestCategory } from "./suggest";

export * from "./cluster";
export * from "./normalize";
export * from "./phrases";
export * from "./priority";
export * from "./severity";
export * from "./signals";
export * from "./similarity";
export * from "./specificity";
export * from "./suggest";
export * from "./witnesses";

/**
 * A suggestion at least this confident also counts as the report's category
 * for clustering (0.5: the suggested category outweighs all others together,
 * e.g. one weight-3 phrase alone gives 0.6). Severity always uses the
 * reporter's own choice: an inspector, not the phrase table, changes it.
 */
export const SUGGESTION_CLUSTER_CONFIDENCE = 0.5;

/** A report as filed, plus the open leads it could join. */
export interface TriageInput {
  unitId: string;
  categoryCode: CategoryCode;
  description: string;
  procedure?: string | null;
  officialHint?: string | null;
  occurredOn?: string | null;
  reporterKind: ReporterKind;
  evidenceCount: number;
  /** ISO instant. */
  receivedAt: string;
  openLeads?: readonly ClusterLead[];
}

export interface Triage {
  text: NormalizedText;
  suggestion: CategorySuggestion;
  signals: Signals;
  severity: Severity;
  specificity: Specificity;
  /** Stored on the report and lead for later clustering. */
  procedureKey: string | null;
  officialKey: string | null;
  lead: ClusterDecision;
}

/**
 * Everything triage decides about one report, from its text and fields alone.
 *
 * @example
 * const t = triageReport({ unitId: "phuong-dong-da", categoryCode: "bribery", reporterKind: "citizen",
 *   description: "Cán bộ địa chính đòi 2 triệu mới nhận hồ sơ", evidenceCount: 0,
 *   receivedAt: "2025-06-02T02:00:00Z", openLeads: [] });
 * t.severity.value // 5 (bribery 4 + money 1)
 * t.lead           // { kind: "new" }
 */
export function triageReport(input: TriageInput): Triage {
  const text = normalizeText(input.description);
  const suggestion = suggestCategory(text.plain, input.categoryCode);
  const signals = detectSignals({
    text,
    officialHint: input.officialHint,
    reporterKind: input.reporterKind,
    evidenceCount: input.evidenceCount,
  });
  const severity = computeSeverity(input.categoryCode, signals);
  const specificity = assessSpecificity({
    unitId: input.unitId,
    procedure: input.procedure,
    official: signals.namedOfficial,
    occurredOn: input.occurredOn,
    evidenceCount: input.evidenceCount,
  });
  const keys = { procedureKey: procedureKey(input.procedure), officialKey: officialKey(signals.namedOfficial) };
  const categories: CategoryCode[] = [input.categoryCode];
  if (suggestion.code && suggestion.differs && suggestion.confidence >= SUGGESTION_CLUSTER_CONFIDENCE) {
    categories.push(suggestion.code);
  }
  const lead = chooseLead(
    { unitId: input.unitId, categories, description: text.nfc, receivedAt: input.receivedAt, ...keys },
    input.openLeads ?? [],
  );
  return { text, suggestion, signals, severity, specificity, ...keys, lead };
}
