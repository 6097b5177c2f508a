import type { LeadDetail } from "../../../../../worker/src/contracts/leads";
import { busy } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { text } from "../../../lib/console/texts";
import { control } from "../../../lib/dom";
import { lead } from "./state";

/**
 * Wires a form whose textarea `body` is posted to the lead (a note, a
 * message): required text, the form busy meanwhile, the fresh lead shown and
 * `done` announced in `status`, or the problem in `alert`.
 */
export function postsText(
  form: HTMLFormElement,
  parts: { alert: HTMLElement; status: HTMLElement; done: string },
  send: (body: string) => Promise<LeadDetail>,
): void {
  const area = control(form, "body", HTMLTextAreaElement);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    parts.alert.textContent = "";
    parts.status.textContent = "";
    const body = area.value.trim();
    if (!body) {
      parts.alert.textContent = text.console().get("required");
      area.focus();
      return;
    }
    try {
      const detail = await busy(form, () => send(body));
      area.value = "";
      lead.set(detail);
      parts.status.textContent = parts.done;
    } catch (error) {
      parts.alert.textContent = problemText(error);
    }
  });
}
