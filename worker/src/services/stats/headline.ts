import { DISMISSAL_REASON_CODES } from "../../contracts/leads";
import type { StatsHeadline } from "../../contracts/stats";
import type { CellSums, HistogramRow } from "../../db/queries/stats";
import { medianOfHistogram } from "../../domain/stats";
import type { Lang } from "../../env";
import { DISMISSAL_REASON_LABELS } from "../../i18n/stats";
import { rate } from "./tables";

/** The headline figures of a population from its summed cells, dismissals and duration histograms. */
export function headlineOf(total: CellSums, durations: readonly HistogramRow[], lang: Lang): StatsHeadline {
  const unspecified = total.dismissed_unspecified;
  const bins = (metric: string) =>
    durations.filter((d) => d.metric === metric).map((d) => ({ value: d.days, count: d.n }));
  return {
    inspectionsByType: {
      surprise: total.inspections_surprise,
      scheduled: total.inspections_scheduled,
      verification: total.inspections_verification,
    },
    findingsByOutcome: {
      substantiated: total.findings_substantiated,
      partly_substantiated: total.findings_partly,
      not_substantiated: total.findings_not_substantiated,
      could_not_verify: total.findings_could_not_verify,
    },
    dismissalsByReason: [
      ...DISMISSAL_REASON_CODES.map((code) => ({
        code,
        label: DISMISSAL_REASON_LABELS[code][lang],
        count: Math.max(0, total[`dismissed_${code}`]),
      })),
      ...(unspecified > 0
        ? [{ code: "unspecified" as const, label: DISMISSAL_REASON_LABELS.unspecified[lang], count: unspecified }]
        : []),
    ],
    measuresVerified: total.measures_verified,
    measuresOnTimeRate: rate(total.measures_on_time, total.measures_late),
    ackOnTimeRate: rate(total.ack_on_time, total.ack_late),
    medianDaysToFirstResponse: medianOfHistogram(bins("first_response")),
    medianDaysToConclusion: medianOfHistogram(bins("conclusion")),
  };
}
