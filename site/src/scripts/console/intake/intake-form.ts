import type { StaffChannel } from "../../../../../worker/src/contracts/channels";
import { hanoiDate } from "../../../../../worker/src/contracts/hanoi-date";
import type { Receipt, ReporterKind } from "../../../../../worker/src/contracts/reports";
import { earliestReceivedOn } from "../../../../../worker/src/domain/intake";
import { ApiError, api } from "../../../lib/api";
import { ConsoleElement, define } from "../../../lib/console/element";
import { busy, field } from "../../../lib/console/forms";
import { problemText } from "../../../lib/console/problems";
import { signedIn } from "../../../lib/console/session";
import { formatDate } from "../../../lib/format";
import { fill } from "../../../lib/strings";
import { uploadOne } from "../../../lib/uploader";

/** The receipt of the last report entered: kept in this closure and the DOM only, never in storage or the address. */
interface Filed {
  receipt: Receipt;
}

/**
 * `<intake-form>`: enters a report received by phone, post, in person… on
 * the person's behalf, then shows its receipt (printable, in Vietnamese) and
 * lets staff upload the scan of the letter with the receipt's secret. A
 * retry of the same body reuses its `Idempotency-Key`, so a lost answer
 * gives the same receipt instead of a second report.
 */
class IntakeForm extends ConsoleElement {
  #filed: Filed | null = null;
  #pending: { body: string; key: string } | null = null;

  protected async start(): Promise<void> {
    if (!(await signedIn())) return;
    const form = this.ref("form", HTMLFormElement);
    this.resetDates();
    for (const radio of this.refs("track", HTMLInputElement)) {
      radio.addEventListener("change", () => {
        this.ref("contact", HTMLFieldSetElement).hidden = field(form, "track") !== "named";
      });
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.enter(form);
    });
    this.ref("print", HTMLButtonElement).addEventListener("click", () => window.print());
    this.ref("another", HTMLButtonElement).addEventListener("click", () => {
      if (window.confirm(this.data("anotherConfirm"))) this.another(form);
    });
    const scan = this.ref("scan-form", HTMLFormElement);
    scan.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.upload(scan);
    });
  }

  private resetDates(): void {
    const received = this.ref("received", HTMLInputElement);
    const today = hanoiDate(new Date());
    received.max = today;
    received.min = earliestReceivedOn(new Date());
    received.value = today;
  }

  private body(form: HTMLFormElement) {
    const optional = (name: string) => field(form, name) || undefined;
    const named = field(form, "track") === "named";
    const contact = named
      ? {
          name: optional("contactName"),
          phone: optional("contactPhone"),
          email: optional("contactEmail"),
        }
      : undefined;
    return {
      channel: field(form, "channel") as StaffChannel,
      receivedOn: field(form, "receivedOn"),
      track: named ? ("named" as const) : ("anonymous" as const),
      unitId: field(form, "unitId"),
      categoryCode: field(form, "categoryCode") as never,
      reporterKind: field(form, "reporterKind") as ReporterKind,
      description: field(form, "description"),
      occurredOn: optional("occurredOn"),
      procedure: optional("procedure"),
      officialHint: optional("officialHint"),
      ...(contact ? { contact } : {}),
    };
  }

  private async enter(form: HTMLFormElement): Promise<void> {
    const alert = this.ref("alert", HTMLElement);
    alert.textContent = "";
    const body = this.body(form);
    const missing = (["receivedOn", "unitId", "categoryCode", "description"] as const).filter((name) => !body[name]);
    if (missing.length > 0) {
      const labels = missing.map(
        (name) => form.querySelector(`label[for="${this.controlId(form, name)}"]`)?.textContent,
      );
      alert.textContent = fill(this.data("required"), { fields: labels.filter(Boolean).join(", ") });
      form.querySelector<HTMLElement>(`#${this.controlId(form, missing[0] as string)}`)?.focus();
      return;
    }
    const json = JSON.stringify(body);
    if (this.#pending?.body !== json) this.#pending = { body: json, key: crypto.randomUUID() };
    try {
      const receipt = await busy(form, () => api.intake.enter(body, this.#pending?.key ?? crypto.randomUUID()));
      this.#pending = null;
      this.show(form, receipt, body.channel);
    } catch (error) {
      alert.textContent = problemText(error);
      alert.focus();
    }
  }

  /** The id of the control named `name` (the unit search's select has its own). */
  private controlId(form: HTMLFormElement, name: string): string {
    const control = form.elements.namedItem(name);
    return control instanceof HTMLElement ? control.id : "";
  }

  private show(form: HTMLFormElement, receipt: Receipt, channel: StaffChannel): void {
    this.#filed = { receipt };
    const labels = JSON.parse(this.data("channelLabels")) as Record<string, string>;
    const follow = `${location.origin}${this.data("follow")}`;
    const template = (ref: string) => this.ref(ref, HTMLElement).dataset.template ?? "";
    this.ref("code", HTMLElement).textContent = receipt.trackingCode;
    this.ref("secret", HTMLElement).textContent = receipt.secret;
    this.ref("receipt-body", HTMLElement).textContent = fill(template("receipt-body"), {
      channel: labels[channel] ?? channel,
      date: formatDate(receipt.receivedAt),
    });
    this.ref("follow", HTMLElement).textContent = fill(template("follow"), { url: follow });
    this.ref("entered", HTMLElement).textContent = fill(template("entered"), {
      date: formatDate(new Date().toISOString()),
    });
    this.ref("filed", HTMLElement).textContent = fill(this.data("filed"), { code: receipt.trackingCode });
    this.ref("uploads", HTMLElement).replaceChildren();
    form.hidden = true;
    this.ref("done", HTMLElement).hidden = false;
    this.ref("heading", HTMLElement).focus();
  }

  /** Forgets the receipt (its secret leaves the page) and gives a fresh form. */
  private another(form: HTMLFormElement): void {
    this.#filed = null;
    for (const ref of ["code", "secret", "receipt-body", "follow", "entered", "filed"]) {
      this.ref(ref, HTMLElement).textContent = "";
    }
    this.ref("scan-form", HTMLFormElement).reset();
    this.ref("uploads", HTMLElement).replaceChildren();
    form.reset();
    this.ref("contact", HTMLFieldSetElement).hidden = true;
    this.resetDates();
    this.ref("done", HTMLElement).hidden = true;
    form.hidden = false;
    this.ref("received", HTMLInputElement).focus();
  }

  private async upload(scan: HTMLFormElement): Promise<void> {
    const filed = this.#filed;
    const list = this.ref("uploads", HTMLElement);
    const files = [...(this.ref("file", HTMLInputElement).files ?? [])];
    if (!filed) return;
    if (files.length === 0) {
      list.replaceChildren(this.line(this.data("noFile"), "error"));
      return;
    }
    const lang = document.documentElement.lang === "en" ? "en" : "vi";
    await busy(scan, async () => {
      for (const file of files) {
        const result = await uploadOne(filed.receipt.trackingCode, filed.receipt.secret, file, lang, () => {});
        list.append(
          result.ok
            ? this.line(fill(this.data("uploaded"), { name: file.name }), "ok")
            : this.line(
                fill(this.data("uploadFailed"), {
                  name: file.name,
                  reason: problemText(new ApiError(result.failure)),
                }),
                "error",
              ),
        );
      }
    });
    scan.reset();
  }

  private line(message: string, kind: "ok" | "error"): HTMLLIElement {
    const item = document.createElement("li");
    item.className = kind;
    item.textContent = message;
    return item;
  }
}

define("intake-form", IntakeForm);
