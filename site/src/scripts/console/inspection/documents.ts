import type { InspectionDetail } from "../../../../../worker/src/contracts/inspections";
import { api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { timeEl } from "../../../lib/console/format";
import { busy, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { text } from "../../../lib/console/texts";
import { control, required } from "../../../lib/dom";
import { formatBytes } from "../../../lib/format";
import { pageLang } from "../../../lib/strings";
import { can, inspection, inspectionId, reloadInspection, who } from "./state";

/**
 * `<inspection-documents>`: the inspection's PDF documents and, for the
 * team, an upload form with a progress bar (the file is checked here for
 * type and size first; the server sniffs it again).
 */
class InspectionDocuments extends ConsoleElement {
  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    const form = this.ref("form", HTMLFormElement);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.upload(form);
    });
    inspection.subscribe((detail) => this.render(detail));
  }

  private render(d: InspectionDetail): void {
    this.ref("none", HTMLElement).hidden = d.documents.length > 0;
    this.ref("list", HTMLUListElement).replaceChildren(
      ...d.documents.map((doc) => {
        const item = this.fromTemplate("item", HTMLLIElement);
        const link = required(item, "[data-slot=link]", HTMLAnchorElement);
        link.href = api.inspections.documentHref(d.id, doc.id);
        link.textContent = text.insp().fill("download", { title: doc.title, size: formatBytes(doc.size, pageLang()) });
        required(item, "[data-slot=by]", HTMLElement).textContent = ` · ${who(d, doc.uploadedBy)} · `;
        required(item, "[data-slot=at]", HTMLElement).replaceChildren(timeEl(doc.createdAt, true));
        return item;
      }),
    );
    this.ref("form", HTMLFormElement).hidden = !can(d, "upload");
  }

  private async upload(form: HTMLFormElement): Promise<void> {
    const it = text.insp();
    const alert = this.ref("alert", HTMLElement);
    const status = this.ref("status", HTMLElement);
    const progress = this.ref("progress", HTMLProgressElement);
    const input = control(form, "file", HTMLInputElement);
    const maxBytes = Number(this.data("maxBytes"));
    alert.textContent = "";
    status.textContent = "";
    const file = input.files?.[0];
    const isPdf = file && (file.type === "application/pdf" || file.name.toLowerCase().endsWith(".pdf"));
    const problem = !file
      ? it.get("chooseFile")
      : !isPdf
        ? it.get("notPdf")
        : file.size > maxBytes
          ? it.fill("tooBig", { max: maxBytes / 1024 / 1024 })
          : "";
    if (!file || problem) {
      alert.textContent = problem;
      input.focus();
      return;
    }
    progress.max = file.size || 1;
    progress.value = 0;
    progress.hidden = false;
    status.textContent = it.fill("uploading", { name: file.name });
    const body = new FormData();
    body.append("file", file, file.name);
    const title = field(form, "title");
    if (title) body.append("title", title);
    try {
      await busy(form, () =>
        api.inspections.uploadDocument(inspectionId, body, (loaded) => {
          progress.value = Math.min(loaded, file.size);
        }),
      );
    } catch (error) {
      progress.hidden = true;
      status.textContent = "";
      alert.textContent = problemText(error);
      return;
    }
    progress.value = progress.max;
    form.reset();
    try {
      await reloadInspection();
    } catch (error) {
      this.notify({ alert: problemText(error) });
    }
    status.textContent = it.fill("uploaded", { name: file.name });
  }
}

define("inspection-documents", InspectionDocuments);
