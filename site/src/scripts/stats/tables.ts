import type { StatsGroup } from "../../../../worker/src/contracts/stats";
import type { StatsFormat } from "./format";

/** The figures of a group row, in the order of the CSV. */
export const TABLE_MEASURES = [
  "reports",
  "leads",
  "referred",
  "dismissed",
  "inspections",
  "substantiated",
  "onTimeRate",
  "medianDaysToFirstResponse",
] as const;
export type TableMeasure = (typeof TABLE_MEASURES)[number];

export interface TableText {
  caption: string;
  groupColumn: string;
  columns: Record<TableMeasure, string>;
  /** Text of a suppressed cell, "Ẩn (< 5)". */
  suppressed: string;
  /** Text of an empty figure (a rate with no item yet). */
  none: string;
  rankColumn?: string;
  notRanked?: string;
}

export interface TableRow {
  group: StatsGroup;
  /** A link for the row's label (the unit page). */
  href?: string;
  /** Position in the unit ranking, or null when the unit is not ranked. */
  rank?: number | null;
}

function cell(tag: "td" | "th", text: string, className?: string): HTMLTableCellElement {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className) element.className = className;
  return element;
}

function figure(group: StatsGroup, measure: TableMeasure, format: StatsFormat, text: TableText): HTMLTableCellElement {
  if (group.suppressed) return cell("td", text.suppressed, "suppressed");
  const value = group[measure];
  if (value === null) return cell("td", text.none);
  const shown =
    measure === "onTimeRate"
      ? format.percent(value)
      : measure === "medianDaysToFirstResponse"
        ? format.decimal(value)
        : format.number(value);
  const td = cell("td", shown, "num");
  td.dataset.value = String(value);
  return td;
}

/**
 * The data table of a chart: every group, suppressed ones included (no unit
 * is ever left out), with a caption and header cells scoped to their column
 * or row.
 */
export function dataTable(
  rows: readonly TableRow[],
  text: TableText,
  format: StatsFormat,
  id: string,
): HTMLTableElement {
  const table = document.createElement("table");
  table.className = "data-table";
  const caption = document.createElement("caption");
  caption.id = `${id}-caption`;
  // The scrolling region shows the same text above the table: a caption is as wide as its table and would scroll away.
  caption.className = "visually-hidden";
  caption.textContent = text.caption;
  table.append(caption);

  const head = document.createElement("thead");
  const headRow = document.createElement("tr");
  if (text.rankColumn) headRow.append(Object.assign(cell("th", text.rankColumn), { scope: "col" }));
  headRow.append(Object.assign(cell("th", text.groupColumn), { scope: "col" }));
  for (const measure of TABLE_MEASURES)
    headRow.append(Object.assign(cell("th", text.columns[measure]), { scope: "col" }));
  head.append(headRow);
  table.append(head);

  const body = document.createElement("tbody");
  for (const row of rows) {
    const tr = document.createElement("tr");
    tr.dataset.key = row.group.key;
    if (row.group.suppressed) tr.className = "is-suppressed";
    if (text.rankColumn) {
      if (row.rank == null) {
        const td = document.createElement("td");
        const dash = document.createElement("span");
        dash.setAttribute("aria-hidden", "true");
        dash.textContent = text.none;
        const spoken = document.createElement("span");
        spoken.className = "visually-hidden";
        spoken.textContent = text.notRanked ?? "";
        td.append(dash, spoken);
        tr.append(td);
      } else {
        tr.append(cell("td", format.number(row.rank), "num"));
      }
    }
    const th = document.createElement("th");
    th.scope = "row";
    if (row.href) {
      const link = document.createElement("a");
      link.href = row.href;
      link.textContent = row.group.label;
      th.append(link);
    } else {
      th.textContent = row.group.label;
    }
    tr.append(th);
    for (const measure of TABLE_MEASURES) tr.append(figure(row.group, measure, format, text));
    body.append(tr);
  }
  table.append(body);
  return table;
}
