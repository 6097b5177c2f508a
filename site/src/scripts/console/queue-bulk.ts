import { api } from "../../lib/api";
import { ConsoleElement, define } from "../../lib/console/element";
import { problemText } from "../../lib/console/problems";
import { signedIn } from "../../lib/console/session";
import { type ConsoleDict, texts } from "../../lib/console/texts";
import type { QueueSelection } from "./queue-list";

/**
 * `<queue-bulk>`: the queue's bulk actions on the leads ticked in
 * `<queue-list>` (event `queue-selection` on the document): assign them all
 * to one person (supervisors) or merge them into one of them (same unit,
 * the server checks). Each action asks once, in place, then runs as one
 * request and has the queue reload (event `queue-refresh`).
 */
class QueueBulk extends ConsoleElement {
  #selection: QueueSelection[] = [];
  #pending: (() => Promise<string>) | null = null;

  protected async start(): Promise<void> {
    const session = await signedIn();
    if (!session) return;
    const t = texts<ConsoleDict["ownership"]>("ownership");
    document.addEventListener("queue-selection", (event) => {
      if (event instanceof CustomEvent && Array.isArray(event.detail)) this.select(event.detail);
    });
    const assign = this.ref("assign", HTMLFormElement);
    const assignee = this.ref("assignee", HTMLSelectElement);
    if (session.user.role === "supervisor") {
      assign.hidden = false;
      try {
        const staff = await api.staff.forUnit("");
        assignee.append(...staff.items.filter((s) => s.role !== "admin").map((s) => new Option(s.displayName, s.id)));
      } catch (error) {
        this.ref("alert", HTMLElement).textContent = problemText(error);
      }
    }
    assign.addEventListener("submit", (event) => {
      event.preventDefault();
      const leadIds = this.#selection.map((s) => s.id);
      if (
        !this.check(leadIds.length >= 1, t.get("noneSelected")) ||
        !this.check(assignee.value !== "", t.get("pick"), assignee)
      )
        return;
      const name = assignee.selectedOptions[0]?.text ?? "";
      this.ask(t.fill("confirmAssign", { n: leadIds.length, name }), async () => {
        const result = await api.leads.bulkAssign({ leadIds, assigneeId: assignee.value });
        return t.fill("doneAssign", { n: result.count });
      });
    });
    const target = this.ref("target", HTMLSelectElement);
    this.ref("merge", HTMLFormElement).addEventListener("submit", (event) => {
      event.preventDefault();
      const leadIds = this.#selection.map((s) => s.id).filter((id) => id !== target.value);
      if (!this.check(this.#selection.length >= 2 && target.value !== "", t.get("mergeNeedsTwo"), target)) return;
      const label = target.selectedOptions[0]?.text ?? "";
      this.ask(t.fill("confirmMerge", { n: leadIds.length, target: label }), async () => {
        const result = await api.leads.bulkMerge({ leadIds, targetId: target.value });
        return t.fill("doneMerge", { n: result.count });
      });
    });
    this.ref("no", HTMLButtonElement).addEventListener("click", () => this.settle());
    this.ref("yes", HTMLButtonElement).addEventListener("click", async () => {
      const run = this.#pending;
      if (!run) return;
      const yes = this.ref("yes", HTMLButtonElement);
      yes.disabled = true;
      try {
        const done = await run();
        this.settle();
        this.ref("status", HTMLElement).textContent = done;
        document.dispatchEvent(new CustomEvent("queue-refresh"));
      } catch (error) {
        this.settle();
        this.ref("alert", HTMLElement).textContent = problemText(error);
      } finally {
        yes.disabled = false;
      }
    });
  }

  private select(selection: QueueSelection[]): void {
    const t = texts<ConsoleDict["ownership"]>("ownership");
    this.#selection = selection;
    this.ref("count", HTMLElement).textContent = selection.length
      ? t.fill("selected", { n: selection.length })
      : t.get("noneSelected");
    const target = this.ref("target", HTMLSelectElement);
    const kept = target.value;
    target.replaceChildren(...selection.map((s) => new Option(s.label, s.id, false, s.id === kept)));
  }

  /** Shows `message` in the alert and focuses `focus` unless `ok`. */
  private check(ok: boolean, message: string, focus?: HTMLElement): boolean {
    this.ref("alert", HTMLElement).textContent = ok ? "" : message;
    if (!ok) focus?.focus();
    return ok;
  }

  /** The one confirmation step: the question in place, focus on "Confirm". */
  private ask(question: string, run: () => Promise<string>): void {
    this.#pending = run;
    this.ref("status", HTMLElement).textContent = "";
    this.ref("question", HTMLElement).textContent = question;
    this.ref("confirm", HTMLElement).hidden = false;
    this.ref("yes", HTMLButtonElement).focus();
  }

  private settle(): void {
    this.#pending = null;
    this.ref("confirm", HTMLElement).hidden = true;
  }
}

define("queue-bulk", QueueBulk);
