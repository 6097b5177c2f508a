import type { LeadReport } from "../../../../../worker/src/contracts/leads";
import type { Contact } from "../../../../../worker/src/contracts/reports";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { timeEl } from "../../../lib/console/format";
import { busy } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { type ClientTexts, type ConsoleDict, text, texts } from "../../../lib/console/texts";
import { required } from "../../../lib/dom";
import { formatBytes, formatDate } from "../../../lib/format";
import { pageLang } from "../../../lib/strings";
import { lead, leadId, ROUTABLE, SPLIT_EVENT } from "./state";

/**
 * `<lead-reports>`: each report of the lead with its facts, text and evidence
 * files and, for a named reporter, the button that decrypts their contact
 * details (every view is audited, so it asks first).
 */
class LeadReports extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    lead.subscribe((detail) => {
      this.ref("list", HTMLElement).replaceChildren(...detail.reports.map((report) => this.card(report)));
    });
  }

  private card(report: LeadReport): HTMLElement {
    const t = text.console();
    const card = this.fromTemplate("report", HTMLElement, `report-${report.trackingCode}`);
    const slot = (name: string) => required(card, `[data-slot="${name}"]`, HTMLElement);
    const optional = (name: string, value: string | null) => {
      if (value) slot(name).textContent = value;
      else for (const part of [name, `${name}-term`]) slot(part).remove();
    };
    card.setAttribute("aria-label", report.trackingCode);
    slot("code").textContent = report.trackingCode;
    slot("received").replaceChildren(timeEl(report.receivedAt, true));
    const channel = texts<Record<string, string>>("channels").label(report.channel);
    slot("channel").textContent = report.enteredAt
      ? `${channel} (${
          report.enteredBy
            ? t.fill("enteredBy", { name: report.enteredBy, date: formatDate(report.enteredAt) })
            : t.fill("enteredByUnknown", { date: formatDate(report.enteredAt) })
        })`
      : channel;
    slot("track").textContent = texts<ClientTexts["tracks"]>("tracks").get(report.track);
    slot("kind").textContent = texts<ClientTexts["reporterKinds"]>("reporter-kinds").get(report.reporterKind);
    const categories = text.categories();
    slot("category").textContent = categories.label(report.categoryCode);
    if (report.suggestedCategory && report.suggestedCategory !== report.categoryCode) {
      slot("suggested").textContent = t.fill("suggested", { name: categories.label(report.suggestedCategory) });
    } else slot("suggested").remove();
    slot("eligible").textContent = report.eligible ? t.get("yes") : t.get("notEligible");
    optional("occurred", report.occurredOn && formatDate(`${report.occurredOn}T12:00:00+07:00`));
    optional("procedure", report.procedure);
    optional("official", report.officialHint);
    slot("description").textContent = report.description;
    const split = slot("split");
    const d = lead.value;
    if (d && ROUTABLE.includes(d.status) && d.reports.length > 1) {
      split.setAttribute(
        "aria-label",
        texts<ConsoleDict["routing"]>("routing").fill("splitLabel", { code: report.trackingCode }),
      );
      split.addEventListener("click", () =>
        split.dispatchEvent(new CustomEvent(SPLIT_EVENT, { bubbles: true, detail: { code: report.trackingCode } })),
      );
    } else split.closest("p")?.remove();
    if (report.attachments.length) {
      slot("no-evidence").remove();
      slot("files").replaceChildren(...report.attachments.map((file, index) => this.file(file, index)));
    } else slot("files").remove();
    if (report.track === "named" && report.hasContact) {
      if (lead.value?.mayViewContacts) {
        slot("contact-hidden").remove();
        this.wireContact(slot("contact"), report.trackingCode);
      } else {
        slot("contact-form").remove();
      }
    } else slot("contact").remove();
    return card;
  }

  private file(file: LeadReport["attachments"][number], index: number): HTMLLIElement {
    const item = this.fromTemplate("file", HTMLLIElement);
    const link = required(item, "[data-slot=link]", HTMLAnchorElement);
    link.href = api.leads.attachmentHref(leadId, file.id);
    const size = formatBytes(file.size, pageLang());
    link.textContent = text.console().fill("download", { n: index + 1, type: file.contentType, size });
    required(item, "[data-slot=hash]", HTMLElement).textContent = ` · SHA-256 ${file.sha256.slice(0, 12)}…`;
    return item;
  }

  private wireContact(box: HTMLElement, code: string): void {
    const t = text.console();
    const form = required(box, "form", HTMLFormElement);
    const reason = required(form, "input[name=reason]", HTMLInputElement);
    const out = required(box, "[role=status]", HTMLElement);
    form.dataset.contact = code;
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      out.className = "alert";
      if (!reason.value.trim()) {
        out.textContent = t.get("required");
        reason.focus();
        return;
      }
      let contact: Contact | null;
      try {
        contact = (await busy(form, () => api.leads.contact(leadId, code, { reason: reason.value.trim() }))).contact;
      } catch (error) {
        out.textContent = problemText(error);
        return;
      }
      out.className = "";
      if (!contact) {
        out.textContent = t.get("contactNone");
        return;
      }
      out.replaceChildren(this.contactList(contact));
    });
  }

  private contactList(contact: Contact): HTMLDListElement {
    const list = this.fromTemplate("contact", HTMLDListElement);
    const fields: [Exclude<keyof Contact, "notifyByEmail">, string][] = [
      ["name", ""],
      ["email", "mailto:"],
      ["phone", "tel:"],
    ];
    for (const [name, scheme] of fields) {
      const slot = required(list, `[data-slot="${name}"]`, HTMLElement);
      const value = contact[name];
      if (!value) {
        const dd = slot.closest("dd") ?? slot;
        dd.previousElementSibling?.remove();
        dd.remove();
        continue;
      }
      slot.textContent = value;
      if (slot instanceof HTMLAnchorElement) slot.href = `${scheme}${value}`;
    }
    return list;
  }
}

define("lead-reports", LeadReports);
