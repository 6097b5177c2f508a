import type { LeadList, LeadSummary } from "../../../../worker/src/contracts/leads";
import { isTrackingCode, normalizeTrackingCode } from "../../../../worker/src/domain/receipt";
import { api, orElse } from "../../lib/api";
import { ConsoleElement, define } from "../../lib/console/element";
import { formatScore, timeEl } from "../../lib/console/format";
import { problemText } from "../../lib/console/problems";
import { leadHref } from "../../lib/console/routes";
import { signedIn, syncLangSwitch } from "../../lib/console/session";
import { type ConsoleDict, text, texts } from "../../lib/console/texts";
import { required } from "../../lib/dom";
import { pageLang } from "../../lib/strings";

/** Filter fields kept in the address, so a filtered queue can be bookmarked and shared with a colleague. */
const FILTERS = ["q", "unitQ", "categoryCode", "status", "overdue", "assignee"] as const;
/** Leads per page. */
const PAGE = 25;

type Mode = "queue" | "overdue" | "approvals";

/**
 * Whether the search is a tracking code: a lookup of one report (a citizen on
 * the phone reads it out), answered from every lead the person may see, not
 * only from the "my work" an inspector's queue opens on.
 */
function isCodeSearch(q: string | null | undefined): boolean {
  return Boolean(q) && isTrackingCode(normalizeTrackingCode(q ?? ""));
}

/** A lead ticked in the queue, as `<queue-bulk>` needs it (event `queue-selection` on the document). */
export interface QueueSelection {
  id: string;
  unitId: string;
  label: string;
}

/**
 * `<queue-list data-mode>`: leads by priority, 25 a page. `queue` has
 * filters kept in the address (Back restores them); `overdue` and
 * `approvals` are the supervisors' fixed views, the latter with the
 * dismissal proposal's reason and author.
 */
class QueueList extends ConsoleElement {
  #mode: Mode = "queue";
  /** Cursors of the pages seen so far: `[null]` is the first page; "previous" pops. */
  #cursors: (string | null)[] = [null];
  #next: string | null = null;
  /** The queue's assignee filter when the address has none: "my work" for inspectors, everything for supervisors. */
  #defaultAssignee = "all";

  protected async start(): Promise<void> {
    const mode = this.data("mode");
    this.#mode = mode === "overdue" || mode === "approvals" ? mode : "queue";
    const session = await signedIn();
    if (!session) return;
    if (this.#mode === "queue" && session.user.role === "inspector") this.#defaultAssignee = "me";
    document.addEventListener("queue-refresh", () => this.restart());
    const filters = this.maybeRef("filters", HTMLFormElement);
    if (filters) this.wireFilters(filters);
    const exportBox = this.maybeRef("export-box", HTMLElement);
    if (exportBox && session.user.role === "supervisor") {
      exportBox.hidden = false;
      this.ref("export", HTMLButtonElement).addEventListener("click", () => void this.exportCsv());
    }
    const prev = this.ref("prev", HTMLButtonElement);
    const next = this.ref("next", HTMLButtonElement);
    next.addEventListener("click", () => {
      if (!this.#next) return;
      this.#cursors.push(this.#next);
      void this.load().then(() => (next.hidden ? prev : next).focus());
    });
    prev.addEventListener("click", () => {
      this.#cursors.pop();
      void this.load().then(() => (prev.hidden ? next : prev).focus());
    });
    await this.load();
  }

  private wireFilters(filters: HTMLFormElement): void {
    const fromUrl = () => {
      const params = new URLSearchParams(location.search);
      for (const name of FILTERS) {
        const control = filters.elements.namedItem(name);
        if (control instanceof HTMLInputElement && control.type === "checkbox")
          control.checked = params.get(name) === "true";
        else if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement) {
          control.value = params.get(name) ?? (name === "assignee" ? this.defaultAssignee(params.get("q")) : "");
        }
      }
    };
    const go = (address: string) => {
      history.pushState(null, "", address);
      syncLangSwitch();
      this.restart();
    };
    fromUrl();
    filters.addEventListener("submit", (event) => {
      event.preventDefault();
      // A tracking code typed into "my work" looks among every lead; the select says so.
      const q = filters.elements.namedItem("q");
      const assignee = filters.elements.namedItem("assignee");
      if (
        q instanceof HTMLInputElement &&
        assignee instanceof HTMLSelectElement &&
        isCodeSearch(q.value) &&
        assignee.value === this.#defaultAssignee
      ) {
        assignee.value = "all";
      }
      const params = new URLSearchParams();
      for (const [name, value] of new FormData(filters)) {
        if (typeof value === "string" && value.trim() !== "") params.set(name, value.trim());
      }
      go(params.size ? `?${params}` : location.pathname);
    });
    // After the browser has cleared the fields.
    filters.addEventListener("reset", () => setTimeout(() => go(location.pathname)));
    addEventListener("popstate", () => {
      fromUrl();
      syncLangSwitch();
      this.restart();
    });
  }

  /** The assignee filter when the address names none: "all" for a tracking-code search, else the person's default. */
  private defaultAssignee(q: string | null): string {
    return isCodeSearch(q) ? "all" : this.#defaultAssignee;
  }

  private restart(): void {
    this.#cursors = [null];
    void this.load();
  }

  private query(): Partial<Record<string, string | number>> {
    const fromUrl = new URLSearchParams(location.search);
    const filters: Record<string, string | number> = {};
    for (const name of FILTERS) {
      const value = fromUrl.get(name);
      if (value) filters[name] = value;
    }
    if (this.#mode === "queue") filters.assignee ??= this.defaultAssignee(fromUrl.get("q"));
    if (filters.assignee === "all") delete filters.assignee;
    if (this.#mode === "overdue") filters.overdue = "true";
    if (this.#mode === "approvals") filters.status = "dismissal_proposed";
    filters.limit = PAGE;
    const cursor = this.#cursors[this.#cursors.length - 1];
    if (cursor) filters.cursor = cursor;
    return filters;
  }

  private async load(): Promise<void> {
    const t = text.console();
    const alert = this.ref("alert", HTMLElement);
    alert.textContent = "";
    this.setAttribute("aria-busy", "true");
    let list: LeadList;
    let rows: HTMLTableRowElement[];
    try {
      list = await api.leads.list(this.query());
      rows = await Promise.all(list.items.map((lead) => this.row(lead)));
    } catch (error) {
      alert.textContent = problemText(error);
      return;
    } finally {
      this.removeAttribute("aria-busy");
    }
    const body = this.ref("rows", HTMLTableSectionElement);
    body.replaceChildren(...rows);
    this.announceSelection();
    if (rows.length === 0) body.append(this.fromTemplate("empty", HTMLTableRowElement));
    this.#next = list.nextCursor;
    const page = t.fill("page", { n: this.#cursors.length });
    const total = list.total === undefined ? undefined : list.total.toLocaleString(pageLang());
    const found = total === undefined ? "" : ` ${t.fill(list.totalCapped ? "foundMore" : "found", { n: total })}`;
    this.ref("count", HTMLElement).textContent = `${page}. ${t.fill("count", { n: rows.length })}${found}`;
    this.ref("page", HTMLElement).textContent = page;
    this.ref("prev", HTMLButtonElement).hidden = this.#cursors.length < 2;
    this.ref("next", HTMLButtonElement).hidden = this.#next === null;
  }

  /** Tells `<queue-bulk>` which leads are ticked (none after a reload). */
  private announceSelection(): void {
    const boxes = this.ref("rows", HTMLTableSectionElement).querySelectorAll("[data-slot=select]:checked");
    const ticked = [...boxes].filter((box) => box instanceof HTMLInputElement);
    const detail: QueueSelection[] = ticked.map((box) => ({
      id: box.value,
      unitId: box.dataset.unit ?? "",
      label: box.dataset.label ?? box.value,
    }));
    document.dispatchEvent(new CustomEvent<QueueSelection[]>("queue-selection", { detail }));
  }

  /** Downloads the queue as the address's filters select it, as CSV (supervisors; the server audits it). */
  private async exportCsv(): Promise<void> {
    const alert = this.ref("alert", HTMLElement);
    const button = this.ref("export", HTMLButtonElement);
    alert.textContent = "";
    button.disabled = true;
    try {
      const { limit: _limit, cursor: _cursor, ...filters } = this.query();
      const blob = await api.leads.exportCsv(
        Object.fromEntries(Object.entries(filters).map(([name, value]) => [name, String(value)])),
      );
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "dau-moi.csv";
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href));
      this.ref("count", HTMLElement).textContent = text.console().get("exported");
    } catch (error) {
      alert.textContent = problemText(error);
    } finally {
      button.disabled = false;
    }
  }

  private async row(lead: LeadSummary): Promise<HTMLTableRowElement> {
    const tr = this.fromTemplate("row", HTMLTableRowElement);
    const slot = (name: string) => required(tr, `[data-slot="${name}"]`, HTMLElement);
    slot("priority").textContent = formatScore(lead.priority);
    const select = tr.querySelector("[data-slot=select]");
    if (select instanceof HTMLInputElement) {
      select.value = lead.id;
      select.dataset.unit = lead.unitId;
      select.dataset.label = `${lead.unitName} · ${formatScore(lead.priority)} · ${text.leadStatuses().get(lead.status)}`;
      select.setAttribute(
        "aria-label",
        texts<ConsoleDict["ownership"]>("ownership").fill("selectLead", {
          unit: lead.unitName,
          priority: formatScore(lead.priority),
        }),
      );
      select.addEventListener("change", () => this.announceSelection());
    }
    const unit = required(tr, "[data-slot=unit]", HTMLAnchorElement);
    unit.href = leadHref(pageLang(), lead.id);
    unit.textContent = lead.unitName;
    slot("category").textContent = text.categories().label(lead.categoryCode);
    slot("opened").replaceChildren(timeEl(lead.openedAt));
    slot("due").replaceChildren(timeEl(lead.dueAt));
    if (this.#mode === "approvals") {
      // The proposal's reason and author are in the lead's detail; a lead that fails to load keeps empty cells.
      const detail = await orElse(api.leads.get(lead.id), null);
      const proposal = detail?.events.findLast((event) => event.action === "lead.propose_dismissal");
      const code = detail?.dismissalReasonCode;
      slot("reason-code").textContent = code ? text.reasonCodes().label(code) : "";
      slot("reason").textContent = detail?.dismissalReason ?? "";
      slot("proposed-by").textContent = proposal?.actor ?? "";
    } else {
      slot("status").textContent = text.leadStatuses().get(lead.status);
      slot("reports").textContent = String(lead.reportCount);
      if (!lead.overdue) slot("late").remove();
    }
    return tr;
  }
}

define("queue-list", QueueList);
