import type { z } from "zod";
import type { LeadDetail, LeadStatus, TransitionSchema } from "../../../../../worker/src/contracts/leads";
import { ApiError, api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { busy, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { type ClientTexts, text, texts } from "../../../lib/console/texts";
import { control } from "../../../lib/dom";
import { lead, leadId } from "./state";

type Action = keyof ClientTexts["buttons"];
type Transition = z.input<typeof TransitionSchema>;

/** The workflow action of a move, which names the button and decides what the dialog asks. */
function actionFor(from: LeadStatus, to: LeadStatus): Action {
  switch (to) {
    case "info_requested":
      return "request_info";
    case "referred":
      return "refer";
    case "dismissal_proposed":
      return "propose_dismissal";
    case "dismissed":
      return "approve_dismissal";
    case "merged":
      return "merge";
    case "forwarded":
      return "forward";
    default:
      if (from === "new") return "review";
      if (from === "info_requested") return "resume";
      return from === "dismissal_proposed" ? "send_back" : "reopen";
  }
}

/** What each action asks for in the dialog; actions absent here run on a click. */
const NEEDS: Partial<
  Record<Action, { reason?: "reason" | "question"; code?: true; target?: true; confirm?: true; forward?: true }>
> = {
  request_info: { reason: "question" },
  refer: { confirm: true },
  propose_dismissal: { reason: "reason", code: true },
  approve_dismissal: { confirm: true },
  send_back: { reason: "reason" },
  reopen: { reason: "reason" },
  merge: { target: true },
  forward: { reason: "reason", forward: true },
};

/**
 * `<lead-actions>`: one button per move the workflow allows this user
 * (`allowedTransitions`); a move that needs a reason, a reason code, a target
 * lead or a confirmation opens the dialog first.
 */
class LeadActions extends ConsoleElement {
  #pending: { to: LeadStatus; action: Action; opener: HTMLElement } | null = null;

  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    const dialog = this.ref("dialog", HTMLDialogElement);
    this.ref("cancel", HTMLButtonElement).addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      const opener = this.#pending?.opener;
      this.#pending = null;
      if (opener?.isConnected) opener.focus();
    });
    const form = this.ref("form", HTMLFormElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.confirm(form, dialog);
    });
    lead.subscribe((detail) => this.render(detail));
  }

  private render(d: LeadDetail): void {
    const buttons = texts<ClientTexts["buttons"]>("lead-buttons");
    this.ref("buttons", HTMLElement).replaceChildren(
      ...d.allowedTransitions.map((to) => {
        const action = actionFor(d.status, to);
        const button = this.fromTemplate("button", HTMLButtonElement);
        button.textContent = buttons.get(action);
        button.dataset.to = to;
        button.dataset.action = action;
        if (NEEDS[action]) {
          button.className = "secondary";
          button.setAttribute("aria-haspopup", "dialog");
        }
        button.addEventListener("click", () => void this.begin(to, action, button));
        return button;
      }),
    );
    this.ref("none", HTMLElement).hidden = d.allowedTransitions.length > 0;
  }

  private async begin(to: LeadStatus, action: Action, opener: HTMLElement): Promise<void> {
    const needs = NEEDS[action];
    if (!needs) {
      await this.send({ to }, opener, null);
      return;
    }
    this.#pending = { to, action, opener };
    this.ref("form", HTMLFormElement).reset();
    this.ref("alert", HTMLElement).textContent = "";
    this.ref("title", HTMLElement).textContent = texts<ClientTexts["buttons"]>("lead-buttons").get(action);
    const confirm = texts<ClientTexts["confirm"]>("lead-confirm");
    this.ref("text", HTMLElement).textContent = needs.confirm ? confirm.label(action) : "";
    this.ref("reason-field", HTMLElement).hidden = !needs.reason;
    this.ref("code-field", HTMLElement).hidden = !needs.code;
    this.ref("target-field", HTMLElement).hidden = !needs.target;
    this.ref("forward-field", HTMLElement).hidden = !needs.forward;
    this.ref("reason-label", HTMLElement).textContent = needs.forward
      ? this.data("forwardNote")
      : this.data(needs.reason === "question" ? "question" : "reason");
    this.ref("dialog", HTMLDialogElement).showModal();
  }

  private async confirm(form: HTMLFormElement, dialog: HTMLDialogElement): Promise<void> {
    const pending = this.#pending;
    if (!pending) return;
    const needs = NEEDS[pending.action] ?? {};
    const alert = this.ref("alert", HTMLElement);
    const reason = field(form, "reason");
    const reasonCode = field(form, "reasonCode");
    const targetLeadId = field(form, "targetLeadId");
    const forwardUnitId = field(form, "forwardUnitId");
    const forwardName = field(form, "forwardName");
    if (needs.forward && !forwardUnitId && !forwardName) {
      alert.textContent = this.data("forwardNeeds");
      control(form, "forwardName", HTMLElement).focus();
      return;
    }
    const missing =
      (needs.reason && !reason && "reason") ||
      (needs.code && !reasonCode && "reasonCode") ||
      (needs.target && !targetLeadId && "targetLeadId");
    if (missing) {
      alert.textContent = text.console().get("required");
      control(form, missing, HTMLElement).focus();
      return;
    }
    const body: Transition = {
      to: pending.to,
      ...(needs.reason ? { reason } : {}),
      ...(needs.code ? { reasonCode: reasonCode as Transition["reasonCode"] } : {}),
      ...(needs.target ? { targetLeadId } : {}),
      ...(needs.forward ? { forwardedTo: forwardUnitId ? { unitId: forwardUnitId } : { name: forwardName } } : {}),
    };
    if (await busy(form, () => this.send(body, pending.opener, alert))) {
      this.#pending = null;
      dialog.close();
      document.getElementById("lead-heading")?.focus();
    }
  }

  /** Moves the lead; a failure goes to `alert` (the dialog's) or, without one, to the page. */
  private async send(body: Transition, opener: HTMLElement, alert: HTMLElement | null): Promise<boolean> {
    this.notify({ alert: "", status: "" });
    try {
      const detail = await api.leads.transition(leadId, body);
      lead.set(detail);
      const status = text.leadStatuses().get(detail.status);
      this.notify({ status: text.console().fill("done", { status }), focus: "lead-heading" });
      return true;
    } catch (error) {
      // A 409 means someone else moved the lead first: say so rather than the API's generic "conflict".
      const message =
        error instanceof ApiError && error.status === 409 ? text.console().get("conflict") : problemText(error);
      if (alert) alert.textContent = message;
      else {
        this.notify({ alert: message });
        opener.focus();
      }
      return false;
    }
  }
}

define("lead-actions", LeadActions);
