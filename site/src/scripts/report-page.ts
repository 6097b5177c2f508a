import type { AltchaWidgetElement } from "altcha/external";
import { hanoiDate } from "../../../worker/src/contracts/hanoi-date";
import type { Receipt, ReportCreateInput } from "../../../worker/src/contracts/reports";
import { altchaPayload, loadAltcha, resetAltcha } from "../lib/altcha";
import { callApi, failureMessage } from "../lib/api";
import { clearFieldErrors, type FieldMessage, showFieldErrors } from "../lib/field-errors";
import { showReceipt } from "../lib/receipt";
import { byId, fill, pageLang, readStrings } from "../lib/strings";
import { setupUnitPicker } from "../lib/unit-picker";
import { checkFiles, readLimits, renderFileList, uploadAll } from "../lib/uploader";

const app = byId("report-app");
const form = byId<HTMLFormElement>("report-form");
const t = readStrings(app);
const lang = pageLang();
const limits = readLimits(form);
const widget = byId<AltchaWidgetElement>("altcha");
const submit = byId<HTMLButtonElement>("submit-report");
const alertBox = byId("form-alert");
const status = byId("form-status");
const evidence = byId<HTMLInputElement>("evidence");
const contactFields = byId<HTMLFieldSetElement>("contact-fields");
const description = byId<HTMLTextAreaElement>("description");
const counter = byId("description-count");

const loadValidator = () => import("../lib/validate-report");

/**
 * One key per form session: a retry after a lost response resends the same
 * body under the same key and gets the same receipt instead of a duplicate.
 */
let pending: { key: string; fields: string; json: string } | null = null;
let busy = false;

setupUnitPicker(
  { input: byId("unit-search"), listbox: byId("unit-options"), hidden: byId("unitId"), live: byId("unit-live") },
  lang,
  t,
);
byId<HTMLInputElement>("occurredOn").max = hanoiDate(new Date());

function value(name: string): string {
  const field = form.elements.namedItem(name);
  if (field instanceof RadioNodeList || field instanceof HTMLInputElement) return field.value;
  if (field instanceof HTMLSelectElement || field instanceof HTMLTextAreaElement) return field.value;
  return "";
}

function optional(name: string): string | undefined {
  return value(name).trim() === "" ? undefined : value(name);
}

/** The report body without the ALTCHA payload, exactly as the contract names fields. */
function collect(): Omit<ReportCreateInput, "altcha"> {
  const track = value("track") === "named" ? "named" : "anonymous";
  const body: Omit<ReportCreateInput, "altcha"> = {
    track,
    unitId: value("unitId"),
    categoryCode: value("categoryCode") as ReportCreateInput["categoryCode"],
    description: value("description"),
    occurredOn: optional("occurredOn"),
    procedure: optional("procedure"),
    officialHint: optional("officialHint"),
    reporterKind: value("reporterKind") as ReportCreateInput["reporterKind"],
  };
  if (track === "named") {
    const contact = { name: optional("contactName"), email: optional("contactEmail"), phone: optional("contactPhone") };
    const notify = form.elements.namedItem("notifyByEmail");
    const notifyByEmail = notify instanceof HTMLInputElement && notify.checked && !!contact.email;
    if (contact.name || contact.email || contact.phone)
      body.contact = { ...contact, ...(notifyByEmail ? { notifyByEmail } : {}) };
  }
  return body;
}

function updateTrack(): void {
  contactFields.hidden = value("track") !== "named";
}

function updateCounter(): void {
  const length = description.value.normalize("NFC").trim().length;
  const min = Number(counter.dataset.min);
  const max = Number(counter.dataset.max);
  counter.textContent =
    length < min
      ? `${fill(t.counter, { n: length, max })}. ${fill(t.counterShort, { n: min - length })}`
      : fill(t.counter, { n: length, max });
}

function chosenFiles(): File[] {
  return [...(evidence.files ?? [])];
}

function showErrors(messages: FieldMessage[]): void {
  const { unplaced, first } = showFieldErrors(form, messages);
  alertBox.textContent = [fill(t.errorsSummary, { n: messages.length }), ...unplaced].join(" ");
  (first ?? alertBox).focus();
}

function showAlert(message: string): void {
  alertBox.textContent = message;
}

function setBusy(next: boolean, message = ""): void {
  busy = next;
  submit.disabled = next;
  status.textContent = message;
}

async function send(retriedAltcha = false): Promise<void> {
  clearFieldErrors(form);
  alertBox.textContent = "";
  const fields = collect();
  const files = chosenFiles();
  const validator = await loadValidator();
  const messages = validator
    .validateReport({ ...fields, altcha: "pending" }, lang)
    .filter((message) => message.pointer !== "/altcha");
  // An empty picker or select gets a plain request rather than the contract's generic enum message.
  const blanks: Record<string, string> = {};
  if (fields.unitId === "") blanks["/unitId"] = t.unitRequired;
  if (value("categoryCode") === "") blanks["/categoryCode"] = t.categoryRequired;
  for (const message of messages) message.message = blanks[message.pointer] ?? message.message;
  for (const problem of checkFiles(files, limits, t)) messages.push({ pointer: "/evidence", message: problem });
  if (messages.length > 0) {
    showErrors(messages);
    return;
  }

  const fieldsJson = JSON.stringify(fields);
  if (!pending || pending.fields !== fieldsJson) {
    setBusy(true, t.verifying);
    const payload = await altchaPayload(widget);
    if (!payload) {
      setBusy(false);
      showErrors([{ pointer: "/altcha", message: t.altchaFailed }]);
      return;
    }
    pending = { key: crypto.randomUUID(), fields: fieldsJson, json: JSON.stringify({ ...fields, altcha: payload }) };
  }

  setBusy(true, t.submitting);
  const result = await callApi<Receipt>("/api/reports", lang, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": pending.key },
    body: pending.json,
  });
  setBusy(false);

  if (result.ok) {
    await onReceipt(result.data, files);
    return;
  }
  const { failure } = result;
  if (failure.status === 0) {
    // Keep `pending`: resending the same body under the same key is safe.
    showAlert(t.network);
    return;
  }
  pending = null;
  resetAltcha(widget);
  const errors = failure.problem?.errors ?? [];
  if (failure.status === 422 && !retriedAltcha && errors.length > 0 && errors.every((e) => e.pointer === "/altcha")) {
    // The challenge expired or was spent while the user was writing: solve a new one and send again, once.
    await send(true);
    return;
  }
  if (failure.status === 422 && failure.problem?.errors?.length) showErrors(failure.problem.errors);
  else showAlert(failureMessage(failure, t));
}

async function onReceipt(receipt: Receipt, files: File[]): Promise<void> {
  form.hidden = true;
  showReceipt(receipt, app.dataset.follow ?? "/theo-doi/", t);
  if (files.length === 0) return;
  byId("upload-section").hidden = false;
  await uploadAll(
    receipt.trackingCode,
    receipt.secret,
    files,
    { progress: byId("upload-progress"), results: byId("upload-results"), status: byId("upload-status") },
    lang,
    t,
  );
}

for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="track"]')) {
  radio.addEventListener("change", updateTrack);
}
description.addEventListener("input", updateCounter);
evidence.addEventListener("change", () => {
  const files = chosenFiles();
  renderFileList(byId("evidence-list"), files, lang);
  byId("evidence-error").textContent = checkFiles(files, limits, t).join(" ");
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  if (busy) return;
  void send().finally(() => {
    if (busy) setBusy(false);
  });
});

updateTrack();
updateCounter();
submit.disabled = false;
// The widget and the contract's validator (zod) load when the user starts on the form, not with the page.
form.addEventListener(
  "focusin",
  () => {
    void loadAltcha();
    void loadValidator();
  },
  { once: true },
);
