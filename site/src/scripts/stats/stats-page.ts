import type { StatsGroup, StatsGroupBy, StatsResponse } from "../../../../worker/src/contracts/stats";
import { rankUnits } from "../../../../worker/src/domain/stats/figures";
import { ApiError, api } from "../../lib/api";
import { formatDate, formatDateTime } from "../../lib/format";
import { byId, fill, pageLang } from "../../lib/strings";
import { type Bar, horizontalBars, monthColumns } from "./charts";
import { statsFormat } from "./format";
import { renderHeadline } from "./headline";
import { apiPath, pageSearch, readFilters, type StatsFilters } from "./query";
import { dataTable, type TableRow } from "./tables";
import type { StatsText } from "./text";

/*
 * The statistics dashboard and the unit page. The filter form is a plain GET
 * form; this script reads the address, fetches the figures (plain fetch and
 * light shape checks: the API is ours and the full zod would triple the
 * page's weight), draws the charts as SVG with a data table for each, and
 * keeps the address in step with the filters so a view can be shared.
 */

const root = byId("stats-app");
const mode = root.dataset.mode === "unit" ? "unit" : "city";
const lang = pageLang();
const t = JSON.parse(root.dataset.i18n ?? "{}") as StatsText;
const labels = JSON.parse(root.dataset.labels ?? "{}") as {
  categories: Record<string, string>;
  sectors: Record<string, string>;
};
const routes = JSON.parse(root.dataset.routes ?? "{}") as { page: string; unit: string };
const groupBys = (root.dataset.groupBys ?? "month").split(",") as StatsGroupBy[];
const format = statsFormat(lang);

const form = byId<HTMLFormElement>("stats-filters");
const status = byId("stats-status");
const errorBox = byId("stats-error");
const results = byId("stats-results");
const unitMessage = byId("stats-unit-message");
const title = byId("stats-title");
const baseTitle = document.title;

const known = { categories: Object.keys(labels.categories), sectors: Object.keys(labels.sectors) };

class StatsError extends Error {
  /** The API's own sentence for a 422 (for example a period that ends before it starts). */
  constructor(
    readonly status: number,
    readonly detail: string | null = null,
  ) {
    super(`stats request failed: ${status}`);
  }
}

/** Fetches one response through the API client and checks the parts the page relies on. */
async function fetchStats(path: string): Promise<StatsResponse> {
  let data: Partial<StatsResponse> | null;
  try {
    data = await api.stats.get(path);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const detail = error.problem?.errors?.[0]?.message ?? error.problem?.detail ?? null;
    throw new StatsError(error.status, error.status === 422 ? detail : null);
  }
  if (!data || !Array.isArray(data.groups) || typeof data.totals !== "object" || typeof data.minCell !== "number") {
    throw new StatsError(0);
  }
  return data as StatsResponse;
}

function setFormValues(filters: StatsFilters): void {
  const set = (name: string, value: string) => {
    const field = form.elements.namedItem(name);
    if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = value;
  };
  set("from", filters.from);
  set("to", filters.to);
  set("categoryCode", filters.categoryCode);
  set("sector", filters.sector);
  set("id", filters.unit);
}

function filtersFromForm(): { filters: StatsFilters; invalid: boolean } {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) if (typeof value === "string" && value) params.set(name, value);
  return readFilters(`?${params}`, known);
}

/** Keeps the language switch on the same view. */
function updateLanguageSwitch(search: string): void {
  const link = document.querySelector<HTMLAnchorElement>("a.lang-switch");
  if (!link) return;
  const url = new URL(link.href, location.href);
  url.search = search;
  link.href = `${url.pathname}${url.search}`;
}

function updateDownloads(filters: StatsFilters): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>("[data-download]")) {
    const groupBy = link.dataset.download as StatsGroupBy;
    link.href = apiPath(filters, groupBy, lang, link.dataset.format === "csv" ? "csv" : "json");
  }
  byId("stats-downloads-section").hidden = false;
}

function chartWidth(container: HTMLElement): number {
  return Math.max(240, Math.floor(container.clientWidth || 320));
}

/** A group's bar label; the API's label, or our own name for a code it did not label. */
function groupLabel(groupBy: StatsGroupBy, group: StatsGroup): string {
  if (group.label) return group.label;
  if (groupBy === "category") return labels.categories[group.key] ?? group.key;
  if (groupBy === "sector") return labels.sectors[group.key] ?? group.key;
  return group.key;
}

interface Drawn {
  groupBy: StatsGroupBy;
  data: StatsResponse;
}

/** Draws the chart, its note and its table for one grouping. */
function drawChart({ groupBy, data }: Drawn): void {
  const block = byId(`chart-${groupBy}`);
  const chart = block.querySelector<HTMLElement>("[data-chart]");
  const note = block.querySelector<HTMLElement>("[data-note]");
  const scroll = block.querySelector<HTMLElement>("[data-table]");
  const caption = block.querySelector<HTMLElement>("[data-caption]");
  if (!chart || !note || !scroll || !caption) return;
  const chartTitle = t.charts[groupBy];
  const k = data.minCell;
  const suppressedText = fill(t.suppressedCell, { k });
  const groups = data.groups.map((group) => ({ ...group, label: groupLabel(groupBy, group) }));

  let bars: Bar[];
  let rows: TableRow[];
  let noteText = "";
  if (groupBy === "unit") {
    const { ranked, unranked } = rankUnits(
      groups.map((g) => ({ key: g.key, label: g.label, cases: g.suppressed ? null : g.reports })),
      data.minRankedCases,
    );
    const rankOf = new Map(ranked.map((unit) => [unit.key, unit.rank]));
    bars = ranked.map((unit) => ({ key: unit.key, label: `${unit.rank}. ${unit.label}`, value: unit.cases }));
    const collator = new Intl.Collator(lang === "vi" ? "vi" : "en");
    const ordered = [...groups].sort((a, b) => {
      const ra = rankOf.get(a.key) ?? Number.POSITIVE_INFINITY;
      const rb = rankOf.get(b.key) ?? Number.POSITIVE_INFINITY;
      if (ra !== rb) return ra - rb;
      if (a.suppressed !== b.suppressed) return a.suppressed ? 1 : -1;
      return (b.reports ?? 0) - (a.reports ?? 0) || collator.compare(a.label, b.label);
    });
    rows = ordered.map((group) => ({
      group,
      rank: rankOf.get(group.key) ?? null,
      href: `${routes.unit}?id=${encodeURIComponent(group.key)}`,
    }));
    noteText =
      ranked.length > 0
        ? fill(t.rankingNote, { n: data.minRankedCases, ranked: ranked.length, unranked })
        : fill(t.noRanked, { n: data.minRankedCases });
  } else {
    bars = groups.map((group) => ({
      key: group.key,
      label: group.label,
      value: group.suppressed ? null : group.reports,
    }));
    rows = groups.map((group) => ({ group }));
    if (groupBy === "month") noteText = fill(t.gapLegend, { k });
    if (groupBy === "category") noteText = t.categoryTableNote;
  }

  const shown = bars.filter((bar): bar is Bar & { value: number } => bar.value !== null);
  const top = shown.reduce<(Bar & { value: number }) | null>(
    (best, bar) => (!best || bar.value > best.value ? bar : best),
    null,
  );
  const hidden = groups.filter((group) => group.suppressed).length;
  const summary = top
    ? fill(t.summary, { title: chartTitle, max: `${top.label} (${format.number(top.value)})`, hidden })
    : fill(t.summaryEmpty, { title: chartTitle });
  const chartText = {
    summary,
    suppressed: groupBy === "month" ? t.suppressedBar : suppressedText,
    number: format.number,
  };
  const id = `svg-${groupBy}`;
  const width = chartWidth(chart);
  chart.replaceChildren(
    groupBy === "month" ? monthColumns(bars, width, chartText, id) : horizontalBars(bars, width, chartText, id),
  );
  chart.dataset.width = String(width);
  note.textContent = noteText;

  const captionText = fill(t.caption, { title: chartTitle, k });
  caption.textContent = captionText;
  const table = dataTable(
    rows,
    {
      caption: captionText,
      groupColumn: t.columns[groupBy],
      columns: t.columns,
      suppressed: suppressedText,
      none: t.none,
      ...(groupBy === "unit" ? { rankColumn: t.rank, notRanked: t.notRanked } : {}),
    },
    format,
    `table-${groupBy}`,
  );
  scroll.replaceChildren(table);
}

let drawn: Drawn[] = [];
let loadCount = 0;

function showError(message: string): void {
  errorBox.textContent = message;
  status.textContent = "";
}

/** The unit's name from its own one-row unit table (any unit in the directory, merged ones too), or null for an unknown id. */
async function unitName(filters: StatsFilters): Promise<string | null> {
  if (!/^[a-z0-9-]{1,64}$/.test(filters.unit)) return null;
  try {
    const own = await fetchStats(apiPath({ ...filters, categoryCode: "", sector: "" }, "unit", lang));
    return own.groups.find((group) => group.key === filters.unit)?.label ?? null;
  } catch (error) {
    if (error instanceof StatsError && error.status === 404) return null;
    throw error;
  }
}

async function load(filters: StatsFilters): Promise<void> {
  const count = ++loadCount;
  errorBox.textContent = "";
  unitMessage.hidden = true;
  status.classList.remove("visually-hidden");
  status.textContent = t.loading;
  results.setAttribute("aria-busy", "true");
  updateLanguageSwitch(pageSearch(filters));
  byId<HTMLAnchorElement>("stats-reset").href = filters.unit
    ? `${routes.page}?id=${encodeURIComponent(filters.unit)}`
    : routes.page;
  try {
    if (mode === "unit") {
      if (!filters.unit) {
        unitMessage.textContent = t.unitMissing;
        unitMessage.hidden = false;
        form.hidden = true;
        results.hidden = true;
        status.textContent = "";
        return;
      }
      const name = await unitName(filters);
      if (count !== loadCount) return;
      if (name === null) {
        unitMessage.textContent = fill(t.unitUnknown, { id: filters.unit });
        unitMessage.hidden = false;
        form.hidden = true;
        results.hidden = true;
        status.textContent = "";
        return;
      }
      title.textContent = fill(t.unitTitle, { name });
      document.title = `${fill(t.unitTitle, { name })} · ${baseTitle.split(" · ").pop() ?? ""}`;
    }
    const responses = await Promise.all(groupBys.map((groupBy) => fetchStats(apiPath(filters, groupBy, lang))));
    if (count !== loadCount) return;
    const first = responses[0];
    if (!first) return;
    drawn = groupBys.map((groupBy, i) => ({ groupBy, data: responses[i] as StatsResponse }));
    render(first, filters);
    // Announced to screen readers; the period line below already shows it on screen.
    status.classList.add("visually-hidden");
    status.textContent = fill(t.loaded, { from: formatDate(first.from), to: formatDate(first.to) });
  } catch (error) {
    if (count !== loadCount) return;
    showError(error instanceof StatsError && error.detail ? error.detail : t.error);
    if (!(error instanceof StatsError)) console.error(error);
  } finally {
    if (count === loadCount) results.removeAttribute("aria-busy");
  }
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

function render(data: StatsResponse, filters: StatsFilters): void {
  results.hidden = false;
  byId("stats-period").textContent = fill(t.period, {
    from: formatDate(data.from),
    to: formatDate(data.to),
    months: monthsBetween(data.from, data.to),
  });
  byId("stats-generated").textContent = fill(t.generatedAt, { at: formatDateTime(data.generatedAt) });
  const suppressed = byId("stats-suppressed");
  suppressed.hidden = !data.totalsSuppressed;
  suppressed.textContent = data.totalsSuppressed ? fill(t.suppressedNotice, { k: data.minCell }) : "";
  const categoryNote = byId("stats-category-note");
  categoryNote.hidden = !filters.categoryCode;
  categoryNote.textContent = filters.categoryCode ? t.categoryNote : "";
  renderHeadline(byId("stats-headline"), data, t, format, Boolean(filters.categoryCode));
  for (const chart of drawn) drawChart(chart);
  updateDownloads(filters);
}

/** Redraws the charts when their width changes (rotation, resized window), so text stays at reading size. */
function watchWidth(): void {
  let timer: number | undefined;
  window.addEventListener("resize", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      for (const chart of drawn) {
        const container = document.querySelector<HTMLElement>(`#chart-${chart.groupBy} [data-chart]`);
        if (container && container.dataset.width !== String(chartWidth(container))) drawChart(chart);
      }
    }, 150);
  });
}

function start(): void {
  const { filters, invalid } = readFilters(location.search, known);
  setFormValues(filters);
  if (invalid) history.replaceState(null, "", `${location.pathname}${pageSearch(filters)}`);
  void load(filters).then(() => {
    if (invalid) errorBox.textContent = t.badFilter;
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const next = filtersFromForm();
    setFormValues(next.filters);
    history.pushState(null, "", `${location.pathname}${pageSearch(next.filters)}`);
    void load(next.filters).then(() => {
      if (next.invalid) errorBox.textContent = t.badFilter;
    });
  });

  window.addEventListener("popstate", () => {
    const next = readFilters(location.search, known);
    setFormValues(next.filters);
    void load(next.filters);
  });
  watchWidth();
}

start();
