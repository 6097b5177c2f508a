import type { Attachment, Message, ReportView } from "../../../worker/src/contracts/reports";
import { callApi, failureMessage } from "../lib/api";
import { clearFieldErrors, showFieldErrors } from "../lib/field-errors";
import { formatBytes, formatDateTime } from "../lib/format";
import { byId, pageLang, readStrings } from "../lib/strings";
import { checkFiles, readLimits, renderFileList, uploadAll } from "../lib/uploader";

const app = byId("follow-app");
const t = readStrings(app);
const lang = pageLang();
const categories = JSON.parse(app.dataset.categories ?? "{}") as Record<string, string>;
const followForm = byId<HTMLFormElement>("follow-form");
const codeInput = byId<HTMLInputElement>("trackingCode");
const secretInput = byId<HTMLInputElement>("secret");
const followAlert = byId("follow-alert");
const followStatus = byId("follow-status");
const view = byId("report-view");
const replyForm = byId<HTMLFormElement>("reply-form");
const replyBody = byId<HTMLTextAreaElement>("reply-body");
const evidenceForm = byId<HTMLFormElement>("evidence-form");
const evidenceInput = byId<HTMLInputElement>("more-evidence");
const limits = readLimits(evidenceForm);

/**
 * The secret is kept in sessionStorage at most: it survives a reload of this
 * tab, dies with the tab, and the leave button erases it. Never in the URL.
 */
const STORAGE_KEY = "phan-anh:follow";

interface Access {
  code: string;
  secret: string;
}

let access: Access | null = null;
let stored: Attachment[] = [];

function element(tag: string, className: string, text: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.textContent = text;
  return node;
}

function time(iso: string): HTMLTimeElement {
  const node = document.createElement("time");
  node.dateTime = iso;
  node.textContent = formatDateTime(iso);
  return node;
}

function statusLabel(status: string): string {
  return (t.statuses as Record<string, string>)[status] ?? status;
}

function messageItem(message: Message): HTMLLIElement {
  const item = document.createElement("li");
  item.className = `from-${message.from}`;
  const meta = element("p", "meta", `${message.from === "reporter" ? t.fromReporter : t.fromInspector} · `);
  meta.append(time(message.at));
  item.append(meta, element("p", "body", message.body));
  return item;
}

function renderAttachments(): void {
  byId("no-evidence").hidden = stored.length > 0;
  byId("evidence-stored").replaceChildren(
    ...stored.map((file) =>
      element("li", "", `${file.contentType} · ${formatBytes(file.size, lang)} · SHA-256 ${file.sha256.slice(0, 12)}…`),
    ),
  );
}

function render(report: ReportView): void {
  byId("report-heading").textContent = report.trackingCode;
  byId("report-status").textContent = statusLabel(report.status);
  byId("report-category").textContent = categories[report.categoryCode] ?? report.categoryCode;
  byId("report-received").replaceChildren(time(report.receivedAt));
  byId("report-updated").replaceChildren(time(report.updatedAt));
  const events = [...report.events].sort((a, b) => a.at.localeCompare(b.at));
  byId("timeline").replaceChildren(
    ...events.map((event) => {
      const item = document.createElement("li");
      const line = element("p", "", "");
      line.append(time(event.at), ` · ${statusLabel(event.status)}`);
      item.append(line);
      if (event.note) item.append(element("p", "muted", event.note));
      return item;
    }),
  );
  byId("no-messages").hidden = report.messages.length > 0;
  byId("messages").replaceChildren(...report.messages.map(messageItem));
  stored = report.attachments;
  renderAttachments();
  renderOutcome(report);
  renderForwarded(report);
}

/** Once forwarded (chuyển đơn): to which agency. */
function renderForwarded(report: ReportView): void {
  const section = byId("forwarded-section");
  section.hidden = !(report.status === "forwarded" && report.forwardedTo);
  byId("report-forwarded-to").textContent = report.forwardedTo?.name ?? "";
}

/** Once concluded: the finding in words, the public summary, and the one-time contest form. */
function renderOutcome(report: ReportView): void {
  const section = byId("outcome-section");
  const texts = JSON.parse(section.dataset.outcomes ?? "{}") as Record<string, string>;
  section.hidden = !(report.status === "concluded" && report.outcome);
  if (section.hidden || !report.outcome) return;
  byId("report-outcome").textContent = texts[report.outcome] ?? report.outcome;
  byId("report-outcome-summary").textContent = report.outcomeSummary ?? "";
  byId("contested").hidden = !report.contestedAt;
  byId("contest-form").hidden = Boolean(report.contestedAt);
}

function auth(): HeadersInit {
  return { Authorization: `Bearer ${access?.secret ?? ""}` };
}

function reportPath(code: string): string {
  return `/api/reports/${encodeURIComponent(code)}`;
}

function leave(message: string): void {
  access = null;
  sessionStorage.removeItem(STORAGE_KEY);
  secretInput.value = "";
  view.hidden = true;
  followForm.hidden = false;
  followStatus.textContent = message;
}

async function open(candidate: Access, focus: boolean): Promise<void> {
  followAlert.textContent = "";
  followStatus.textContent = t.loading;
  const result = await callApi<ReportView>(reportPath(candidate.code), lang, {
    headers: { Authorization: `Bearer ${candidate.secret}` },
  });
  followStatus.textContent = "";
  if (!result.ok) {
    sessionStorage.removeItem(STORAGE_KEY);
    followAlert.textContent = result.failure.status === 404 ? t.notFound : failureMessage(result.failure, t);
    return;
  }
  access = candidate;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(candidate));
  render(result.data);
  followForm.hidden = true;
  view.hidden = false;
  if (focus) byId("report-heading").focus();
}

followForm.addEventListener("submit", (event) => {
  event.preventDefault();
  clearFieldErrors(followForm);
  const code = codeInput.value.trim().toUpperCase();
  const secret = secretInput.value.trim();
  const missing = [
    ...(code ? [] : [{ pointer: "/trackingCode", message: t.required }]),
    ...(secret ? [] : [{ pointer: "/secret", message: t.required }]),
  ];
  if (missing.length > 0) {
    showFieldErrors(followForm, missing).first?.focus();
    return;
  }
  void open({ code, secret }, true);
});

replyForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!access) return;
  clearFieldErrors(replyForm);
  const status = byId("reply-status");
  status.textContent = "";
  if (replyBody.value.trim() === "") {
    showFieldErrors(replyForm, [{ pointer: "/body", message: t.required }]).first?.focus();
    return;
  }
  const result = await callApi<Message>(`${reportPath(access.code)}/messages`, lang, {
    method: "POST",
    headers: { ...auth(), "Content-Type": "application/json" },
    body: JSON.stringify({ body: replyBody.value }),
  });
  if (result.ok) {
    byId("messages").append(messageItem(result.data));
    byId("no-messages").hidden = true;
    replyBody.value = "";
    status.textContent = t.messageSent;
    return;
  }
  if (result.failure.status === 404) return leave(t.notFound);
  const errors = result.failure.problem?.errors;
  if (result.failure.status === 422 && errors?.length) showFieldErrors(replyForm, errors).first?.focus();
  else showFieldErrors(replyForm, [{ pointer: "/body", message: failureMessage(result.failure, t) }]);
});

evidenceInput.addEventListener("change", () => {
  const files = [...(evidenceInput.files ?? [])];
  renderFileList(byId("evidence-list"), files, lang);
  byId("evidence-error").textContent = checkFiles(files, limits, t, stored.length).join(" ");
});

evidenceForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!access) return;
  clearFieldErrors(evidenceForm);
  const files = [...(evidenceInput.files ?? [])];
  const problems = files.length === 0 ? [t.noFilesChosen] : checkFiles(files, limits, t, stored.length);
  if (problems.length > 0) {
    showFieldErrors(
      evidenceForm,
      problems.map((message) => ({ pointer: "/evidence", message })),
    ).first?.focus();
    return;
  }
  byId("upload-section").hidden = false;
  const added = await uploadAll(
    access.code,
    access.secret,
    files,
    { progress: byId("upload-progress"), results: byId("upload-results"), status: byId("upload-status") },
    lang,
    t,
  );
  stored = [...stored, ...added];
  renderAttachments();
  evidenceInput.value = "";
  byId("evidence-list").replaceChildren();
});

byId("logout").addEventListener("click", () => {
  leave(t.loggedOut);
  codeInput.focus();
});

for (const button of followForm.querySelectorAll("button")) button.disabled = false;

// `#PA-XXXX-XXXX` pre-fills the code (the receipt links here that way); the secret never travels in a URL.
const fragment = decodeURIComponent(location.hash.slice(1)).trim().toUpperCase();
if (/^PA-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(fragment)) codeInput.value = fragment;
function savedAccess(): Access | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null") as Partial<Access> | null;
    return value?.code && value.secret ? { code: value.code, secret: value.secret } : null;
  } catch {
    return null;
  }
}
const saved = savedAccess();
if (saved && (!codeInput.value || codeInput.value === saved.code)) {
  codeInput.value = saved.code;
  void open(saved, false);
}

const contestForm = byId<HTMLFormElement>("contest-form");
contestForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!access) return;
  clearFieldErrors(contestForm);
  const reason = byId<HTMLTextAreaElement>("contest-reason").value.trim();
  if (reason.length < 10) {
    showFieldErrors(contestForm, [
      { pointer: "/reason", message: contestForm.dataset.short ?? t.required },
    ]).first?.focus();
    return;
  }
  const result = await callApi<{ contestedAt: string }>(`${reportPath(access.code)}/contest`, lang, {
    method: "POST",
    headers: { ...auth(), "Content-Type": "application/json" },
    body: JSON.stringify({ reason }),
  });
  if (!result.ok) {
    if (result.failure.status === 404) return leave(t.notFound);
    const errors = result.failure.problem?.errors;
    if (result.failure.status === 422 && errors?.length) showFieldErrors(contestForm, errors).first?.focus();
    else showFieldErrors(contestForm, [{ pointer: "/reason", message: failureMessage(result.failure, t) }]);
    return;
  }
  contestForm.hidden = true;
  byId("contested").hidden = false;
  byId("contest-status").textContent = byId("contested").textContent ?? "";
  byId("contested").focus();
});
