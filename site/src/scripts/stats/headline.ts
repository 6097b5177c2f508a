import type { StatsResponse } from "../../../../worker/src/contracts/stats";
import { fill } from "../../lib/strings";
import type { StatsFormat } from "./format";
import type { StatsText } from "./text";

type FigureKey = keyof StatsText["figures"];

interface Breakdown {
  heading: string;
  items: { label: string; value: string }[];
}

interface Figure {
  key: FigureKey;
  value: string | null;
  note?: string;
  /** Why the value is missing, when not the page-wide reason. */
  missing?: string;
  breakdown?: Breakdown;
}

function item(figure: Figure, t: StatsText, missing: string): HTMLLIElement {
  const li = document.createElement("li");
  li.className = "figure";
  li.dataset.figure = figure.key;
  const label = document.createElement("p");
  label.className = "figure-label";
  label.id = `figure-${figure.key}`;
  label.textContent = t.figures[figure.key];
  const value = document.createElement("p");
  value.className = "figure-value";
  value.setAttribute("aria-describedby", label.id);
  value.textContent = figure.value ?? t.none;
  li.append(label, value);
  const note = figure.value === null ? (figure.missing ?? missing) : figure.note;
  if (note) {
    const p = document.createElement("p");
    p.className = "figure-note";
    p.textContent = note;
    li.append(p);
  }
  if (figure.breakdown && figure.value !== null) {
    const heading = document.createElement("p");
    heading.className = "figure-sub";
    heading.textContent = figure.breakdown.heading;
    li.append(heading);
    if (figure.breakdown.items.length === 0) {
      const none = document.createElement("p");
      none.className = "figure-note";
      none.textContent = t.noneInPeriod;
      li.append(none);
    } else {
      const list = document.createElement("dl");
      list.className = "breakdown";
      for (const entry of figure.breakdown.items) {
        const dt = document.createElement("dt");
        dt.textContent = entry.label;
        const dd = document.createElement("dd");
        dd.textContent = entry.value;
        list.append(dt, dd);
      }
      li.append(list);
    }
  }
  return li;
}

/**
 * The headline figures of a response. A figure the API leaves empty shows
 * "—" with the reason: hidden to protect reporters when the selection is
 * suppressed, otherwise no data in the period yet. With a category filter,
 * inspections and measures (not tied to a category, so the API counts none)
 * show "—" and say they are not split by category rather than a false zero.
 */
export function renderHeadline(
  list: HTMLElement,
  data: StatsResponse,
  t: StatsText,
  format: StatsFormat,
  byCategory: boolean,
): void {
  const { totals, headline } = data;
  const n = (value: number | null | undefined) => (value == null ? null : format.number(value));
  const rate = (value: number | null | undefined) => (value == null ? null : format.percent(value));
  const days = (value: number | null | undefined) =>
    value == null ? null : fill(t.days, { n: format.decimal(value) });
  const breakdown = (heading: string, items: { label: string; value: number }[]): Breakdown => ({
    heading,
    items: items.map((entry) => ({ label: entry.label, value: format.number(entry.value) })),
  });

  const figures: Figure[] = [
    {
      key: "reports",
      value: n(totals.reports),
      breakdown: {
        heading: t.byChannel,
        items: (headline?.reportsByChannel ?? [])
          .filter((channel) => channel.suppressed || (channel.reports ?? 0) > 0)
          .map((channel) => ({
            label: channel.label,
            value:
              channel.reports === null ? fill(t.suppressedCell, { k: data.minCell }) : format.number(channel.reports),
          })),
      },
    },
    { key: "leads", value: n(totals.leads) },
    { key: "referred", value: n(totals.referred) },
    {
      key: "dismissed",
      value: n(totals.dismissed),
      breakdown: breakdown(
        t.byReason,
        (headline?.dismissalsByReason ?? [])
          .filter((reason) => reason.count > 0)
          .map((reason) => ({
            label: reason.code === "unspecified" ? t.dismissedUnspecified : reason.label,
            value: reason.count,
          })),
      ),
    },
    { key: "forwarded", value: n(headline?.forwarded) },
    {
      key: "inspections",
      value: n(totals.inspections),
      breakdown: breakdown(
        t.byType,
        headline
          ? (["surprise", "scheduled", "verification"] as const).map((type) => ({
              label: t.inspectionTypes[type],
              value: headline.inspectionsByType[type],
            }))
          : [],
      ),
    },
    {
      key: "substantiated",
      value: n(totals.substantiated),
      breakdown: breakdown(
        t.byOutcome,
        headline
          ? (["substantiated", "partly_substantiated", "not_substantiated", "could_not_verify"] as const).map(
              (outcome) => ({ label: t.outcomes[outcome], value: headline.findingsByOutcome[outcome] }),
            )
          : [],
      ),
    },
    { key: "measuresVerified", value: n(headline?.measuresVerified) },
    { key: "measuresOnTimeRate", value: rate(headline?.measuresOnTimeRate), note: t.onTimeHint },
    { key: "ackOnTimeRate", value: rate(headline?.ackOnTimeRate), note: t.onTimeHint },
    { key: "medianDaysToFirstResponse", value: days(headline?.medianDaysToFirstResponse) },
    { key: "medianDaysToConclusion", value: days(headline?.medianDaysToConclusion) },
  ];

  if (byCategory && !data.totalsSuppressed) {
    for (const figure of figures) {
      if (figure.key === "inspections" || figure.key === "measuresVerified" || figure.key === "measuresOnTimeRate") {
        figure.value = null;
        figure.missing = t.notByCategory;
      }
    }
  }
  const missing = data.totalsSuppressed ? t.hiddenShort : t.noData;
  list.replaceChildren(...figures.map((figure) => item(figure, t, missing)));
}
