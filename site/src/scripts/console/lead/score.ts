import type { LeadDetail } from "../../../../../worker/src/contracts/leads";
import { ConsoleElement, define } from "../../../lib/console/element";
import { formatScore } from "../../../lib/console/format";
import { signedIn } from "../../../lib/console/session";
import { type ClientTexts, texts } from "../../../lib/console/texts";
import { required } from "../../../lib/dom";
import { lead } from "./state";

/** `<lead-score>`: the priority as the sum of its factors (severity, reports, evidence…). */
class LeadScore extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    lead.subscribe((detail) => this.render(detail));
  }

  private render(d: LeadDetail): void {
    const names = texts<ClientTexts["factors"]>("score-factors");
    this.ref("rows", HTMLTableSectionElement).replaceChildren(
      ...d.score.factors.map((factor) => {
        const row = this.fromTemplate("row", HTMLTableRowElement);
        // The reports factor says what it counted: "3 reports, 2 independent".
        const detail = factor.detail ? ` (${names.fill("reportsDetail", factor.detail)})` : "";
        required(row, "[data-slot=name]", HTMLElement).textContent = `${names.label(factor.name)}${detail}`;
        required(row, "[data-slot=value]", HTMLElement).textContent = formatScore(factor.value);
        return row;
      }),
    );
    this.ref("total", HTMLElement).textContent = formatScore(d.score.total);
  }
}

define("lead-score", LeadScore);
