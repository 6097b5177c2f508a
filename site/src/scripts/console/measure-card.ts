import type { Measure } from "../../../../worker/src/contracts/inspections";
import { api } from "../../lib/api";
import { ConsoleElement, define } from "../../lib/console/element";
import { dayEl, timeEl, withNodes } from "../../lib/console/format";
import { busy } from "../../lib/console/forms";
import { problemText } from "../../lib/console/problems";
import { inspectionHref } from "../../lib/console/routes";
import { signedIn } from "../../lib/console/session";
import { text } from "../../lib/console/texts";
import { control } from "../../lib/dom";
import { formatBytes } from "../../lib/format";
import { pageLang } from "../../lib/strings";
import { EventList } from "./event-list";

/** What a `measure-change` event carries: the measure as the server now has it and what to announce. */
export interface MeasureChange {
  measure: Measure;
  message: string;
}

/** Bubbles from a `<measure-card>` after a successful action. */
export const MEASURE_CHANGE = "measure-change";

declare global {
  interface HTMLElementEventMap {
    [MEASURE_CHANGE]: CustomEvent<MeasureChange>;
  }
}

/** A measure's status as a badge (`overdue` is red) in `badge`. */
export function measureBadge(badge: HTMLElement, measure: Measure): void {
  badge.className = `badge m-${measure.status}`;
  badge.textContent = text.measureStatuses().get(measure.status);
}

/**
 * `<measure-card>` (components/console/MeasureCard.astro), cloned from a
 * template by the list that shows it, then filled with {@link show}.
 */
export class MeasureCard extends ConsoleElement {
  #measure: Measure | null = null;

  /** Fills the card; `linkInspection` adds the link to the measure's inspection (the measures page). */
  show(measure: Measure, linkInspection = false): void {
    this.#measure = measure;
    const it = text.insp();
    const card = this.ref("card", HTMLElement);
    card.id = `measure-${measure.id}`;
    card.dataset.measureId = measure.id;
    card.dataset.status = measure.status;
    card.classList.toggle("overdue", measure.status === "overdue");
    this.ref("description", HTMLElement).textContent = measure.description;
    measureBadge(this.ref("badge", HTMLElement), measure);
    const since = this.ref("overdue-since", HTMLElement);
    if (measure.overdueSince) {
      since.replaceChildren(" ", ...withNodes(it.get("overdueSince"), { at: timeEl(measure.overdueSince, true) }));
    } else since.remove();
    this.ref("unit", HTMLElement).textContent = measure.responsibleUnitName;
    this.ref("deadline", HTMLElement).replaceChildren(dayEl(measure.deadline));
    if (linkInspection) {
      const link = this.ref("inspection-link", HTMLAnchorElement);
      link.href = inspectionHref(pageLang(), measure.inspectionId);
      link.textContent = text.inspectionTypes().get(measure.inspectionType);
    } else this.drop("inspection-term", "inspection");
    if (measure.response) this.ref("response", HTMLElement).textContent = measure.response;
    else this.drop("response-term", "response");
    this.timed("responded-at", it.get("respondedAt"), measure.respondedAt);
    const verified = this.timed("verified-at", it.get("verifiedAt"), measure.verifiedAt);
    if (verified && measure.verifiedOnTime !== null) {
      verified.append(` · ${it.get(measure.verifiedOnTime ? "verifiedOnTime" : "verifiedLate")}`);
    }
    this.timed("escalated-at", it.get("escalated"), measure.lastEscalatedAt);
    // What the unit's liaison sent: documents to check before verifying, and a request a supervisor may grant.
    if (measure.documents.length > 0) {
      this.ref("document-list", HTMLUListElement).replaceChildren(
        ...measure.documents.map((doc) => {
          const item = document.createElement("li");
          const link = document.createElement("a");
          link.download = "";
          link.href = api.unit.documentHref(measure.id, doc.id);
          link.textContent = it.fill("download", { title: doc.title, size: formatBytes(doc.size, pageLang()) });
          item.append(link);
          return item;
        }),
      );
    } else this.drop("documents-term", "documents");
    const pending = measure.extensionRequests.find((r) => r.status === "pending");
    if (pending) this.ref("request", HTMLElement).textContent = it.fill("extensionRequest", { reason: pending.reason });
    else this.drop("request");
    this.ref("history", EventList).show(measure.history);
    const answerable = measure.status === "open" || measure.status === "overdue";
    if (!answerable) this.drop("respond");
    if (measure.status !== "responded") this.drop("verify", "reject");
    if (measure.status === "verified") this.drop("extend");
  }

  protected start(): void {
    const it = text.insp();
    const respond = this.maybeRef("respond", HTMLFormElement);
    respond?.addEventListener("submit", (event) => {
      event.preventDefault();
      const response = this.filled(respond, "response");
      if (response) void this.act(respond, (id) => api.measures.respond(id, { response }), it.get("responded"));
    });
    const verify = this.maybeRef("verify", HTMLFormElement);
    verify?.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.act(verify, (id) => api.measures.verify(id), it.get("verified"));
    });
    const reject = this.maybeRef("reject", HTMLFormElement);
    reject?.addEventListener("submit", (event) => {
      event.preventDefault();
      const reason = this.filled(reject, "reason");
      if (reason) void this.act(reject, (id) => api.measures.reject(id, { reason }), it.get("rejected"));
    });
    const extend = this.maybeRef("extend", HTMLFormElement);
    if (extend) {
      // supervisors grant extensions: the form stays hidden for everyone else
      void signedIn().then((session) => {
        extend.hidden = session?.user.role !== "supervisor";
      });
      extend.addEventListener("submit", (event) => {
        event.preventDefault();
        const body = this.extension(extend);
        if (body) void this.act(extend, (id) => api.measures.extend(id, body), it.get("extended"));
      });
    }
  }

  /** The extension asked for (working days, else a date, and the reason), or null after saying what is missing. */
  private extension(
    form: HTMLFormElement,
  ): { workingDays: number; reason: string } | { dueOn: string; reason: string } | null {
    const days = Number(control(form, "workingDays", HTMLInputElement).value);
    const dueOn = control(form, "dueOn", HTMLInputElement).value;
    const reason = control(form, "reason", HTMLTextAreaElement).value.trim();
    if ((Number.isInteger(days) && days > 0) || dueOn) {
      if (reason) return Number.isInteger(days) && days > 0 ? { workingDays: days, reason } : { dueOn, reason };
    }
    this.ref("alert", HTMLElement).textContent = text.insp().get("extendMissing");
    control(form, reason ? "workingDays" : "reason", HTMLElement).focus();
    return null;
  }

  /** The trimmed text of the form's textarea, or "" after asking for it. */
  private filled(form: HTMLFormElement, name: string): string {
    const area = control(form, name, HTMLTextAreaElement);
    const value = area.value.trim();
    if (!value) {
      this.ref("alert", HTMLElement).textContent = text.console().get("required");
      area.focus();
    }
    return value;
  }

  private async act(form: HTMLFormElement, call: (id: string) => Promise<Measure>, message: string): Promise<void> {
    const measure = this.#measure;
    if (!measure) return;
    const alert = this.ref("alert", HTMLElement);
    alert.textContent = "";
    try {
      const updated = await busy(form, () => call(measure.id));
      this.dispatchEvent(
        new CustomEvent<MeasureChange>(MEASURE_CHANGE, { bubbles: true, detail: { measure: updated, message } }),
      );
    } catch (error) {
      alert.textContent = problemText(error);
    }
  }

  /** Fills a `dd` with "…{at}…" and the time, or removes it when there is no time. */
  private timed(name: string, template: string, iso: string | null): HTMLElement | null {
    const item = this.ref(name, HTMLElement);
    if (!iso) {
      item.remove();
      return null;
    }
    item.replaceChildren(...withNodes(template, { at: timeEl(iso, true) }));
    return item;
  }

  private drop(...names: string[]): void {
    for (const name of names) this.ref(name, Element).remove();
  }
}

define("measure-card", MeasureCard);
