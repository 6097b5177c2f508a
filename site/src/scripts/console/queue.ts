import type { LeadDetail, LeadList, LeadSummary } from "../../../../worker/src/contracts/leads";
import { consoleApi, problemText } from "../../lib/console/api";
import { el, formatScore, link, timeEl } from "../../lib/console/dom";
import { leadHref } from "../../lib/console/routes";
import { startConsole, syncLangSwitch } from "../../lib/console/session";
import { fill } from "../../lib/strings";

const app = document.getElementById("queue-app") as HTMLElement;
const mode = (app.dataset.mode ?? "queue") as "queue" | "overdue" | "approvals";
const categories = JSON.parse(app.dataset.categories ?? "{}") as Record<string, string>;
const filters = document.getElementById("queue-filters") as HTMLFormElement | null;
const body = document.querySelector("#lead-queue tbody") as HTMLTableSectionElement;
const alertBox = document.getElementById("queue-alert") as HTMLElement;
const count = document.getElementById("queue-count") as HTMLElement;
const prev = document.getElementById("queue-prev") as HTMLButtonElement;
const next = document.getElementById("queue-next") as HTMLButtonElement;
const pageLabel = document.getElementById("queue-page") as HTMLElement;

/** Filter fields kept in the address, so a filtered queue can be bookmarked and shared with a colleague. */
const FILTERS = ["unitQ", "categoryCode", "status", "overdue"] as const;

const ctx = await startConsole(mode === "queue" ? ["inspector", "supervisor"] : ["supervisor"]);

/** Cursors of the pages seen so far: `[null]` is the first page; "previous" pops. */
let cursors: (string | null)[] = [null];
let nextCursor: string | null = null;

function formFromUrl(): void {
  if (!filters) return;
  const params = new URLSearchParams(location.search);
  for (const name of FILTERS) {
    const control = filters.elements.namedItem(name);
    if (control instanceof HTMLInputElement && control.type === "checkbox")
      control.checked = params.get(name) === "true";
    else if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement)
      control.value = params.get(name) ?? "";
  }
}

function urlFromForm(): string {
  const params = new URLSearchParams();
  if (filters) {
    for (const [name, value] of new FormData(filters)) {
      if (typeof value === "string" && value.trim() !== "") params.set(name, value.trim());
    }
  }
  const query = params.toString();
  return query ? `?${query}` : location.pathname;
}

function apiQuery(cursor: string | null): string {
  const params = new URLSearchParams();
  const fromUrl = new URLSearchParams(location.search);
  for (const name of FILTERS) {
    const value = fromUrl.get(name);
    if (value) params.set(name, value);
  }
  if (mode === "overdue") params.set("overdue", "true");
  if (mode === "approvals") params.set("status", "dismissal_proposed");
  params.set("limit", "25");
  if (cursor) params.set("cursor", cursor);
  return `/api/leads?${params}`;
}

function cell(content: string | Node, className = ""): HTMLTableCellElement {
  const td = el("td", className);
  td.append(content);
  return td;
}

async function approvalCells(lead: LeadSummary): Promise<HTMLTableCellElement[]> {
  if (!ctx) return [];
  const detail = await consoleApi<LeadDetail>(`/api/leads/${encodeURIComponent(lead.id)}`);
  if (!detail.ok) return [cell(""), cell(""), cell("")];
  const d = detail.data;
  const proposal = [...d.events].reverse().find((event) => event.action === "lead.propose_dismissal");
  const code = d.dismissalReasonCode as keyof typeof ctx.t.reasonCodes | null;
  return [
    cell(code ? (ctx.t.reasonCodes[code] ?? code) : ""),
    cell(d.dismissalReason ?? ""),
    cell(proposal?.actor ?? ""),
  ];
}

async function rowFor(lead: LeadSummary): Promise<HTMLTableRowElement> {
  if (!ctx) throw new Error("no session");
  const { t, lang } = ctx;
  const tr = el("tr");
  const unit = el("th");
  unit.scope = "row";
  unit.append(link(leadHref(lang, lead.id), lead.unitName));
  const middle =
    mode === "approvals"
      ? await approvalCells(lead)
      : [cell(t.statuses[lead.status]), cell(String(lead.reportCount), "num")];
  const late = lead.overdue ? el("span", "badge late", t.overdue) : "";
  tr.append(
    cell(formatScore(lead.priority, lang), "num"),
    unit,
    cell(categories[lead.categoryCode] ?? lead.categoryCode),
    ...middle,
    cell(timeEl(lead.openedAt)),
    cell(timeEl(lead.dueAt)),
    ...(mode === "approvals" ? [] : [cell(late)]),
  );
  return tr;
}

async function load(): Promise<void> {
  if (!ctx) return;
  const { t } = ctx;
  alertBox.textContent = "";
  app.setAttribute("aria-busy", "true");
  const cursor = cursors[cursors.length - 1] ?? null;
  const result = await consoleApi<LeadList>(apiQuery(cursor));
  app.removeAttribute("aria-busy");
  if (!result.ok) {
    alertBox.textContent = problemText(result.failure, t);
    return;
  }
  const rows = await Promise.all(result.data.items.map((lead) => rowFor(lead)));
  body.replaceChildren(...rows);
  if (rows.length === 0) {
    const empty = el("td", "muted", t.empty);
    empty.colSpan = 8;
    body.append(el("tr", "", "", empty));
  }
  nextCursor = result.data.nextCursor;
  count.textContent = `${fill(t.page, { n: cursors.length })}. ${fill(t.count, { n: rows.length })}`;
  pageLabel.textContent = fill(t.page, { n: cursors.length });
  prev.hidden = cursors.length < 2;
  next.hidden = nextCursor === null;
}

function restart(): void {
  cursors = [null];
  void load();
}

if (ctx) {
  formFromUrl();
  filters?.addEventListener("submit", (event) => {
    event.preventDefault();
    history.pushState(null, "", urlFromForm());
    syncLangSwitch();
    restart();
  });
  filters?.addEventListener("reset", () => {
    // After the browser has cleared the fields.
    setTimeout(() => {
      history.pushState(null, "", location.pathname);
      syncLangSwitch();
      restart();
    });
  });
  window.addEventListener("popstate", () => {
    formFromUrl();
    syncLangSwitch();
    restart();
  });
  next.addEventListener("click", () => {
    if (!nextCursor) return;
    cursors.push(nextCursor);
    void load().then(() => (next.hidden ? prev : next).focus());
  });
  prev.addEventListener("click", () => {
    cursors.pop();
    void load().then(() => (prev.hidden ? next : prev).focus());
  });
  await load();
}
