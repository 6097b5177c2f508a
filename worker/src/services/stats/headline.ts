import { CHANNEL_LABELS, CHANNELS } from "../../contracts/channels";
import { DISMISSAL_REASON_CODES } from "../../contracts/leads";
import type { StatsHeadline } from "../../contracts/stats";
import type { CellSums, HistogramRow } from "../../db/queries/stats";
import { channelColumn } from "../../db/rollups/definition";
import { type Counts, MEASURES, medianOfHistogram, suppress } from "../../domain/stats";
import type { Lang } from "../../env";
import { DISMISSAL_REASON_LABELS } from "../../i18n/stats";
import { rate } from "./tables";

/**
 * Reports by channel, suppressed like the groups of a table (domain
 * `suppress`, K = `minCell`): the channels with reports are the cells, a cell
 * under K and its complements are hidden, and all of them when even that
 * leaves one derivable. A channel nobody used shows 0: that tells nothing
 * about a person, and hiding it would hide the web form's count with it.
 */
export function reportsByChannel(total: CellSums, lang: Lang, minCell: number): StatsHeadline["reportsByChannel"] {
  const counted = CHANNELS.map((code) => ({ code, reports: Math.max(0, total[channelColumn(code)]) }));
  const used = counted.filter((c) => c.reports > 0);
  const zero = Object.fromEntries(MEASURES.map((m) => [m, 0])) as Counts;
  const { groups, residualRisk } = suppress(
    used.map((c) => ({ ...zero, key: c.code, label: c.code, reports: c.reports })),
    { ...zero, reports: used.reduce((sum, c) => sum + c.reports, 0) },
    minCell,
  );
  const hidden = new Set(groups.filter((g) => residualRisk || g.suppressed).map((g) => g.key));
  return counted.map(({ code, reports }) => ({
    code,
    label: CHANNEL_LABELS[code][lang],
    reports: hidden.has(code) ? null : reports,
    suppressed: hidden.has(code),
  }));
}

/** The headline figures of a population from its summed cells, dismissals and duration histograms. */
export function headlineOf(
  total: CellSums,
  durations: readonly HistogramRow[],
  lang: Lang,
  minCell: number,
): StatsHeadline {
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
    reportsByChannel: reportsByChannel(total, lang, minCell),
    measuresVerified: total.measures_verified,
    forwarded: Math.max(0, total.forwarded),
    measuresOnTimeRate: rate(total.measures_on_time, total.measures_late),
    ackOnTimeRate: rate(total.ack_on_time, total.ack_late),
    medianDaysToFirstResponse: medianOfHistogram(bins("first_response")),
    medianDaysToConclusion: medianOfHistogram(bins("conclusion")),
  };
}
