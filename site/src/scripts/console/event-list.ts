import type { LeadEvent } from "../../../../worker/src/contracts/leads";
import { ConsoleElement, define } from "../../lib/console/element";
import { timeEl } from "../../lib/console/format";
import { text, texts } from "../../lib/console/texts";
import { required } from "../../lib/dom";

/** What the audit summaries of leads, inspections and measures may hold. */
interface Summary {
  before?: { status?: string };
  after?: { status?: string; reason?: string; reasonCode?: string; targetLeadId?: string };
  reason?: string;
  trackingCode?: string;
  to?: string[];
}

/** The first of the named `<Texts>` sets that knows `key`; the key itself otherwise. */
function labelFrom(names: string, key: string): string {
  for (const name of names.split(" ")) {
    const label = texts(name).label(key);
    if (label !== key) return label;
  }
  return key;
}

/** `<event-list>`: one item per audit event (what, who, when, and the status change, reason or target). */
export class EventList extends ConsoleElement {
  protected start(): void {}

  show(events: LeadEvent[]): void {
    const t = text.console();
    this.ref("list", HTMLOListElement).replaceChildren(
      ...events.map((event) => {
        const item = this.fromTemplate("item", HTMLLIElement);
        required(item, "[data-slot=meta]", HTMLElement).append(
          timeEl(event.at, true),
          ` · ${event.actor ?? t.get("system")}`,
        );
        required(item, "[data-slot=action]", HTMLElement).textContent = labelFrom(this.data("actions"), event.action);
        const details = this.details(event.summary as Summary);
        const slot = required(item, "[data-slot=details]", HTMLElement);
        if (details) slot.textContent = details;
        else slot.remove();
        return item;
      }),
    );
  }

  private details(s: Summary): string {
    const t = text.console();
    const status = (key: string) => labelFrom(this.data("statuses"), key);
    const parts: string[] = [];
    if (s.before?.status && s.after?.status && s.before.status !== s.after.status) {
      parts.push(t.fill("before", { from: status(s.before.status), to: status(s.after.status) }));
    }
    if (s.after?.reasonCode) parts.push(t.fill("reasonCode", { text: text.reasonCodes().label(s.after.reasonCode) }));
    const reason = s.after?.reason ?? s.reason;
    if (typeof reason === "string" && reason) parts.push(t.fill("reason", { text: reason }));
    if (s.after?.targetLeadId) parts.push(`${t.get("target")} ${s.after.targetLeadId}`);
    if (s.trackingCode) parts.push(s.trackingCode);
    if (Array.isArray(s.to)) parts.push(s.to.join(", "));
    return parts.join(" · ");
  }
}

define("event-list", EventList);
