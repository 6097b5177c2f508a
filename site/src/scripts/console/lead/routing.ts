import type { z } from "zod";
import type { LeadDetail } from "../../../../../worker/src/contracts/leads";
import type { RoutingSchema } from "../../../../../worker/src/contracts/routing";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { busy, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { type ConsoleDict, text, texts } from "../../../lib/console/texts";
import { control } from "../../../lib/dom";
import { lead, leadId, ROUTABLE, SPLIT_EVENT } from "./state";

type Routing = z.input<typeof RoutingSchema>;
type RoutingTexts = ConsoleDict["routing"];

/** The category most of the lead's reports' suggestions name, when it differs from the lead's. */
function suggestedCategory(d: LeadDetail): string | null {
  const votes = new Map<string, number>();
  for (const r of d.reports) {
    if (r.suggestedCategory && r.suggestedCategory !== d.categoryCode) {
      votes.set(r.suggestedCategory, (votes.get(r.suggestedCategory) ?? 0) + 1);
    }
  }
  return [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

/**
 * `<lead-routing>`: while the lead is being triaged, the category suggestion
 * with its "apply" button, the re-route form (the whole lead or one report;
 * a unit found in the directory, a category, a reason) and the dialog that
 * splits a report out (opened by the report cards' buttons through
 * {@link SPLIT_EVENT}).
 */
class LeadRouting extends ConsoleElement {
  #suggested: string | null = null;
  #splitting: { code: string; opener: HTMLElement | null } | null = null;

  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    const form = this.ref("form", HTMLFormElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.reroute(form);
    });
    this.ref("apply", HTMLButtonElement).addEventListener("click", () => void this.apply());
    const dialog = this.ref("dialog", HTMLDialogElement);
    const splitForm = this.ref("split-form", HTMLFormElement);
    this.ref("split-cancel", HTMLButtonElement).addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      const opener = this.#splitting?.opener;
      this.#splitting = null;
      if (opener?.isConnected) opener.focus();
    });
    splitForm.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.split(splitForm, dialog);
    });
    document.addEventListener(SPLIT_EVENT, (event) => {
      const detail = (event as CustomEvent<{ code: string }>).detail;
      const opener = event.target instanceof HTMLElement ? event.target : null;
      this.openSplit(detail.code, opener);
    });
    lead.subscribe((detail) => this.render(detail));
  }

  private render(d: LeadDetail): void {
    const t = texts<RoutingTexts>("routing");
    this.hidden = !ROUTABLE.includes(d.status);
    this.#suggested = suggestedCategory(d);
    this.ref("suggestion", HTMLElement).hidden = this.#suggested === null;
    if (this.#suggested) {
      this.ref("suggestion-text", HTMLElement).textContent = t.fill("suggestion", {
        name: text.categories().label(this.#suggested),
      });
    }
    const scope = this.ref("scope", HTMLSelectElement);
    const first = scope.options[0];
    const reports = d.reports.length > 1 ? d.reports : [];
    scope.replaceChildren(
      ...(first ? [first] : []),
      ...reports.map((r) => new Option(t.fill("scopeReport", { code: r.trackingCode }), r.trackingCode)),
    );
  }

  private say(alert: string, status = ""): void {
    this.ref("alert", HTMLElement).textContent = alert;
    this.ref("status", HTMLElement).textContent = status;
  }

  private async apply(): Promise<void> {
    const code = this.#suggested;
    if (!code) return;
    const t = texts<RoutingTexts>("routing");
    const name = text.categories().label(code);
    this.say("");
    const button = this.ref("apply", HTMLButtonElement);
    button.disabled = true;
    try {
      lead.set(
        await api.leads.route(leadId, {
          categoryCode: code as Routing["categoryCode"],
          reason: t.fill("applyReason", { name }),
        }),
      );
      this.say("", t.fill("applied", { name }));
      document.getElementById("lead-heading")?.focus();
    } catch (error) {
      this.say(problemText(error));
    } finally {
      button.disabled = false;
    }
  }

  private async reroute(form: HTMLFormElement): Promise<void> {
    const t = texts<RoutingTexts>("routing");
    this.say("");
    const scope = field(form, "scope");
    const unitId = field(form, "unitId");
    const categoryCode = field(form, "categoryCode");
    const reason = field(form, "reason");
    if (!unitId && !categoryCode) {
      this.say(t.get("nothing"));
      control(form, "categoryCode", HTMLElement).focus();
      return;
    }
    if (!reason) {
      this.say(text.console().get("required"));
      control(form, "reason", HTMLElement).focus();
      return;
    }
    const body: Routing = {
      reason,
      ...(unitId ? { unitId } : {}),
      ...(categoryCode ? { categoryCode: categoryCode as Routing["categoryCode"] } : {}),
    };
    try {
      const detail = await busy(form, () =>
        scope ? api.leads.routeReport(leadId, scope, body) : api.leads.route(leadId, body),
      );
      lead.set(detail);
      form.reset();
      this.say("", scope ? t.fill("reportRouted", { code: scope }) : t.get("routed"));
      document.getElementById("lead-heading")?.focus();
    } catch (error) {
      this.say(problemText(error));
    }
  }

  private openSplit(code: string, opener: HTMLElement | null): void {
    const t = texts<RoutingTexts>("routing");
    this.#splitting = { code, opener };
    this.ref("split-form", HTMLFormElement).reset();
    this.ref("split-alert", HTMLElement).textContent = "";
    this.ref("split-title", HTMLElement).textContent = t.fill("splitHeading", { code });
    this.ref("dialog", HTMLDialogElement).showModal();
  }

  private async split(form: HTMLFormElement, dialog: HTMLDialogElement): Promise<void> {
    const pending = this.#splitting;
    if (!pending) return;
    const alert = this.ref("split-alert", HTMLElement);
    const reason = field(form, "reason");
    if (!reason) {
      alert.textContent = text.console().get("required");
      control(form, "reason", HTMLElement).focus();
      return;
    }
    try {
      await busy(form, () => api.leads.split(leadId, pending.code, { reason }));
      lead.set(await api.leads.get(leadId));
    } catch (error) {
      alert.textContent = problemText(error);
      return;
    }
    this.#splitting = null;
    dialog.close();
    this.notify({
      status: texts<RoutingTexts>("routing").fill("splitDone", { code: pending.code }),
      focus: "lead-heading",
    });
  }
}

define("lead-routing", LeadRouting);
