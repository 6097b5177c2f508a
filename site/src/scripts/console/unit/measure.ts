import type { UnitMeasure } from "../../../../../worker/src/contracts/liaison";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { dayEl, timeEl } from "../../../lib/console/format";
import { busy, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { control, required } from "../../../lib/dom";
import { formatBytes, formatDate } from "../../../lib/format";
import { pageLang } from "../../../lib/strings";
import { liaisonTexts, unitMeasureBadge } from "./measures";
import { measureIdOfPage, unitMeasure } from "./state";

/** The fewest characters a response or a reason must have (the API's rule). */
const TEXT_MIN = 10;

/**
 * `<unit-measure>`: one measure of the liaison's unit (`?id=`), loaded once
 * into the page's store: what the team asked and by when, its status, the
 * team's verification or last rejection, the conclusion's public summary,
 * recommendations and guidance, the documents sent and the extension requests.
 */
class UnitMeasureView extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    unitMeasure.subscribe((m) => this.render(m));
    try {
      unitMeasure.set(await api.unit.measure(measureIdOfPage()));
    } catch (error) {
      this.ref("alert", HTMLElement).textContent = problemText(error);
    }
  }

  private render(m: UnitMeasure): void {
    const u = liaisonTexts();
    this.ref("view", HTMLElement).hidden = false;
    this.ref("heading", HTMLElement).textContent = m.description;
    this.ref("unit", HTMLElement).textContent = m.responsibleUnitName;
    this.ref("deadline", HTMLElement).replaceChildren(dayEl(m.deadline));
    unitMeasureBadge(this.ref("status", HTMLElement), m);
    this.ref("state", HTMLElement).textContent =
      m.status === "verified" && m.verifiedAt
        ? u.fill("verified", { date: formatDate(m.verifiedAt) })
        : m.rejection
          ? u.fill("rejected", { date: formatDate(m.rejection.at), reason: m.rejection.reason })
          : m.status === "responded" && m.respondedAt
            ? u.fill("responded", { date: formatDate(m.respondedAt) })
            : "";
    this.ref("response-block", HTMLElement).hidden = m.response === null;
    this.ref("response", HTMLElement).textContent = m.response ?? "";
    this.ref("no-documents", HTMLElement).hidden = m.documents.length > 0;
    this.ref("documents", HTMLUListElement).replaceChildren(
      ...m.documents.map((doc) => {
        const item = this.fromTemplate("document", HTMLLIElement);
        const link = required(item, "[data-slot=link]", HTMLAnchorElement);
        link.href = api.unit.documentHref(m.id, doc.id);
        link.textContent = text.insp().fill("download", { title: doc.title, size: formatBytes(doc.size, pageLang()) });
        required(item, "[data-slot=at]", HTMLElement).replaceChildren(timeEl(doc.createdAt, true));
        return item;
      }),
    );
    const findings = m.conclusion.findings.map((f) => {
      const li = document.createElement("li");
      li.textContent = `${text.outcomes().get(f.outcome)}: ${f.publicSummary}`;
      return li;
    });
    this.ref("findings", HTMLUListElement).replaceChildren(...findings);
    this.ref("recommendations", HTMLElement).textContent = m.conclusion.recommendations || u.get("none");
    this.ref("guidance", HTMLElement).textContent = m.conclusion.guidance || u.get("none");
    this.ref("requests", HTMLUListElement).replaceChildren(
      ...m.extensionRequests.map((r) => {
        const li = document.createElement("li");
        li.textContent = u.fill("requestLine", {
          date: formatDate(r.requestedAt),
          reason: r.reason,
          state: u.get(r.status),
        });
        return li;
      }),
    );
  }
}

/**
 * `<unit-answer>`: the unit's answer, with an optional document (PDF or
 * image, checked here for size; the server sniffs the type and strips image
 * metadata). The document goes first, then the text, so an answer never
 * claims a document that failed to arrive. Hidden once the team verified it.
 */
class UnitAnswer extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    const form = this.ref("form", HTMLFormElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.send(form);
    });
    unitMeasure.subscribe((m) => {
      form.hidden = m.status === "verified";
    });
  }

  private async send(form: HTMLFormElement): Promise<void> {
    const u = liaisonTexts();
    const alert = this.ref("alert", HTMLElement);
    const status = this.ref("status", HTMLElement);
    const progress = this.ref("progress", HTMLProgressElement);
    alert.textContent = "";
    status.textContent = "";
    const response = field(form, "response");
    const textarea = control(form, "response", HTMLTextAreaElement);
    if (response.length < TEXT_MIN) {
      alert.textContent = u.get("tooShort");
      textarea.focus();
      return;
    }
    const input = control(form, "file", HTMLInputElement);
    const file = input.files?.[0];
    const maxBytes = Number(form.dataset.maxBytes);
    if (file && file.size > maxBytes) {
      alert.textContent = text.insp().fill("tooBig", { max: maxBytes / 1024 / 1024 });
      input.focus();
      return;
    }
    const id = measureIdOfPage();
    try {
      await busy(form, async () => {
        if (file) {
          progress.max = file.size || 1;
          progress.value = 0;
          progress.hidden = false;
          status.textContent = u.fill("uploading", { name: file.name });
          const body = new FormData();
          body.append("file", file, file.name);
          const title = field(form, "title");
          if (title) body.append("title", title);
          await api.unit.uploadDocument(id, body, (loaded) => {
            progress.value = Math.min(loaded, file.size);
          });
        }
        unitMeasure.set(await api.unit.respond(id, { response }));
      });
    } catch (error) {
      progress.hidden = true;
      status.textContent = "";
      alert.textContent = problemText(error);
      return;
    }
    progress.hidden = true;
    form.reset();
    status.textContent = u.get("sent");
  }
}

/** `<unit-extension>`: a request for a later deadline, with a reason; hidden once verified. */
class UnitExtension extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    const form = this.ref("form", HTMLFormElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.send(form);
    });
    unitMeasure.subscribe((m) => {
      form.hidden = m.status === "verified";
    });
  }

  private async send(form: HTMLFormElement): Promise<void> {
    const u = liaisonTexts();
    const alert = this.ref("alert", HTMLElement);
    const status = this.ref("status", HTMLElement);
    alert.textContent = "";
    status.textContent = "";
    const reason = field(form, "reason");
    if (reason.length < TEXT_MIN) {
      alert.textContent = u.get("tooShort");
      control(form, "reason", HTMLTextAreaElement).focus();
      return;
    }
    const requestedDueOn = field(form, "requestedDueOn");
    try {
      const measure = await busy(form, () =>
        api.unit.requestExtension(measureIdOfPage(), { reason, ...(requestedDueOn ? { requestedDueOn } : {}) }),
      );
      unitMeasure.set(measure);
    } catch (error) {
      alert.textContent = problemText(error);
      return;
    }
    form.reset();
    status.textContent = u.get("requested");
  }
}

define("unit-measure", UnitMeasureView);
define("unit-answer", UnitAnswer);
define("unit-extension", UnitExtension);
