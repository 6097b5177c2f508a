import type { Finding, FindingInput, FindingOutcome } from "../../../../../worker/src/contracts/inspections";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { busy, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { RedactionReview } from "../../../lib/console/redaction-review";
import { text } from "../../../lib/console/texts";
import { control, required } from "../../../lib/dom";
import { inspection, inspectionId } from "./state";

/** The chosen outcome: the select offers exactly the contract's `FINDING_OUTCOMES` (rendered at build time). */
function isOutcome(value: string): value is FindingOutcome {
  return value !== "";
}

/**
 * `<finding-form>`: records the finding on one attached lead
 * (`PUT /api/inspections/{id}/findings/{leadId}`), prefilled with the
 * current one (the public summary as the team wrote it). The lead's id is the
 * form's `data-lead-id`. Its `<redaction-review>` gives the marks the
 * inspector confirmed on the public summary; without them the server redacts
 * what its detector finds.
 */
export class FindingForm extends ConsoleElement {
  /** Prefills the form for `leadId` with its current finding. */
  show(leadId: string, finding: Finding | null): void {
    const form = this.ref("form", HTMLFormElement);
    form.dataset.leadId = leadId;
    control(form, "outcome", HTMLSelectElement).value = finding?.outcome ?? "";
    control(form, "reasoning", HTMLTextAreaElement).value = finding?.reasoning ?? "";
    // The team edits the summary as written; reporters get it redacted.
    control(form, "publicSummary", HTMLTextAreaElement).value =
      finding?.publicSummaryRedaction?.original ?? finding?.publicSummary ?? "";
    required(form, "redaction-review", RedactionReview).reset();
    control(form, "position", HTMLInputElement).value = finding?.position ?? "";
  }

  protected start(): void {
    const form = this.ref("form", HTMLFormElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.save(form);
    });
  }

  private async save(form: HTMLFormElement): Promise<void> {
    const alert = this.ref("alert", HTMLElement);
    const leadId = form.dataset.leadId ?? "";
    alert.textContent = "";
    const outcome = field(form, "outcome");
    const reasoning = field(form, "reasoning");
    const publicSummary = field(form, "publicSummary");
    if (!isOutcome(outcome)) return this.ask(form, "outcome");
    if (!reasoning) return this.ask(form, "reasoning");
    if (!publicSummary) return this.ask(form, "publicSummary");
    const body: FindingInput = { outcome, reasoning, publicSummary };
    const marks = required(form, "redaction-review", RedactionReview).confirmedMarks();
    if (marks) body.publicSummaryMarks = marks;
    const position = field(form, "position");
    if (position) body.position = position;
    try {
      inspection.set(await busy(form, () => api.inspections.finding(inspectionId, leadId, body)));
      this.notify({ status: text.insp().get("findingSaved"), focus: `lead-${leadId}-heading` });
    } catch (error) {
      alert.textContent = problemText(error);
    }
  }

  /** Says the field is required and moves to it. */
  private ask(form: HTMLFormElement, name: string): void {
    this.ref("alert", HTMLElement).textContent = text.console().get("required");
    control(form, name, HTMLElement).focus();
  }
}

define("finding-form", FindingForm);
