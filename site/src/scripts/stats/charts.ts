import { chartRoot, fitText, niceMax, svgEl } from "./svg";

/** One bar: `value` null means the group is suppressed and is drawn as a hatched gap. */
export interface Bar {
  key: string;
  label: string;
  value: number | null;
}

/** Texts and formats the charts need. */
export interface ChartText {
  /** The accessible summary, also the SVG's title. */
  summary: string;
  /** Written next to a suppressed bar. */
  suppressed: string;
  number(value: number): string;
}

const INK = "#1b1b1f";
const MUTED = "#4a4a55";
const BAR = "#9b1c1c";
const GRID = "#8a8a94";

/**
 * Horizontal bars, one row per group with its label on a line above the bar,
 * so long unit names stay readable at 360 px. A suppressed group gets a
 * hatched stub and the word for "suppressed", never just a colour.
 */
export function horizontalBars(bars: readonly Bar[], width: number, text: ChartText, id: string): SVGSVGElement {
  const rowHeight = 44;
  const height = Math.max(rowHeight, bars.length * rowHeight) + 4;
  const svg = chartRoot(width, height, text.summary, id);
  const valueSpace = 96;
  const max = Math.max(0, ...bars.map((bar) => bar.value ?? 0));
  const scale = max > 0 ? (width - valueSpace) / max : 0;
  bars.forEach((bar, i) => {
    const top = i * rowHeight;
    const group = svgEl("g");
    group.append(svgEl("title", {}, bar.label));
    group.append(svgEl("text", { x: 0, y: top + 15, fill: INK, "font-size": 14 }, fitText(bar.label, width)));
    if (bar.value === null) {
      group.append(
        svgEl("rect", {
          x: 0,
          y: top + 20,
          width: 28,
          height: 18,
          fill: `url(#${id}-hatch)`,
          stroke: MUTED,
          "stroke-dasharray": "3 2",
        }),
      );
      group.append(svgEl("text", { x: 34, y: top + 34, fill: MUTED, "font-size": 13 }, text.suppressed));
    } else {
      const barWidth = Math.max(bar.value > 0 ? 2 : 0, bar.value * scale);
      group.append(svgEl("rect", { x: 0, y: top + 20, width: barWidth, height: 18, fill: BAR }));
      group.append(svgEl("text", { x: barWidth + 6, y: top + 34, fill: INK, "font-size": 13 }, text.number(bar.value)));
    }
    svg.append(group);
  });
  svg.append(svgEl("line", { x1: 0.5, y1: 0, x2: 0.5, y2: height, stroke: GRID }));
  return svg;
}

/**
 * The monthly trend as columns over a time axis. Suppressed months are gaps
 * drawn hatched over the full height, so a missing month is never read as
 * zero. Labels thin out when months are many or the screen is narrow.
 */
export function monthColumns(bars: readonly Bar[], width: number, text: ChartText, id: string): SVGSVGElement {
  const height = 240;
  const left = 40;
  const top = 16;
  const bottom = 42;
  const plotHeight = height - top - bottom;
  const svg = chartRoot(width, height, text.summary, id);
  const max = niceMax(Math.max(0, ...bars.map((bar) => bar.value ?? 0)));
  const slot = (width - left - 4) / Math.max(1, bars.length);
  const columnWidth = Math.max(2, slot * 0.7);
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;

  for (const tick of [0, max / 2, max]) {
    const ty = y(tick);
    svg.append(
      svgEl("line", { x1: left, y1: ty, x2: width, y2: ty, stroke: GRID, "stroke-width": tick === 0 ? 1.5 : 0.5 }),
    );
    if (Number.isInteger(tick)) {
      svg.append(
        svgEl(
          "text",
          { x: left - 6, y: ty + 4, fill: MUTED, "font-size": 12, "text-anchor": "end" },
          text.number(tick),
        ),
      );
    }
  }

  const labelEvery = Math.max(1, Math.ceil(28 / slot));
  bars.forEach((bar, i) => {
    const x = left + i * slot + (slot - columnWidth) / 2;
    const center = x + columnWidth / 2;
    const [year, month] = bar.key.split("-");
    const group = svgEl("g");
    group.append(
      svgEl(
        "title",
        {},
        bar.value === null ? `${bar.label}: ${text.suppressed}` : `${bar.label}: ${text.number(bar.value)}`,
      ),
    );
    if (bar.value === null) {
      group.append(
        svgEl("rect", {
          x,
          y: top,
          width: columnWidth,
          height: plotHeight,
          fill: `url(#${id}-hatch)`,
          stroke: MUTED,
          "stroke-dasharray": "3 2",
        }),
      );
    } else {
      const columnTop = y(bar.value);
      group.append(
        svgEl("rect", { x, y: columnTop, width: columnWidth, height: top + plotHeight - columnTop, fill: BAR }),
      );
      if (slot >= 26 && bar.value > 0) {
        group.append(
          svgEl(
            "text",
            { x: center, y: columnTop - 4, fill: INK, "font-size": 11, "text-anchor": "middle" },
            text.number(bar.value),
          ),
        );
      }
    }
    if (i % labelEvery === 0 || month === "01") {
      group.append(
        svgEl(
          "text",
          { x: center, y: height - bottom + 16, fill: INK, "font-size": 12, "text-anchor": "middle" },
          month ?? "",
        ),
      );
    }
    const januarySoon = bars.slice(1, 3).some((next) => next.key.endsWith("-01"));
    if (month === "01" || (i === 0 && !januarySoon)) {
      group.append(
        svgEl(
          "text",
          { x: center, y: height - bottom + 32, fill: MUTED, "font-size": 12, "text-anchor": "middle" },
          year ?? "",
        ),
      );
    }
    svg.append(group);
  });
  return svg;
}
