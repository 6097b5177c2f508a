import type { LeadDetail, LeadEvent, LeadReport, LeadStatus } from "../../../../worker/src/contracts/leads";
import type { Contact } from "../../../../worker/src/contracts/reports";
import { type ConsoleStrings, consoleApi, problemText } from "../../lib/console/api";
import { busy, el, field, formatScore, link, row, timeEl } from "../../lib/console/dom";
import { leadHref } from "../../lib/console/routes";
import { startConsole } from "../../lib/console/session";
import { formatBytes, formatDate } from "../../lib/format";
import { fill } from "../../lib/strings";

type Action = keyof ConsoleStrings["buttons"];

const app = document.getElementById("lead-app") as HTMLElement;
const categories = JSON.parse(app.dataset.categories ?? "{}") as Record<string, string>;
const alertBox = document.getElementById("lead-alert") as HTMLElement;
const statusBox = document.getElementById("lead-status") as HTMLElement;
const section = document.getElementById("lead-detail") as HTMLElement;
const dialog = document.getElementById("transition-dialog") as HTMLDialogElement;
const transitionForm = document.getElementById("transition-form") as HTMLFormElement;
const messageForm = document.getElementById("message-form") as HTMLFormElement;
const noteForm = document.getElementById("note-form") as HTMLFormElement;
const id = new URLSearchParams(location.search).get("id") ?? "";
/** Texts of the lead page's labels, from the static markup. */
const LABELS = JSON.parse(app.dataset.labels ?? "{}") as Record<
  | "id"
  | "unit"
  | "category"
  | "status"
  | "priority"
  | "openedAt"
  | "ackDueAt"
  | "acknowledgedAt"
  | "dueAt"
  | "eligible"
  | "dismissal"
  | "mergedInto",
  string
>;
const REASON_LABEL = (document.getElementById("reason-label") as HTMLElement).textContent ?? "";
const QUESTION_LABEL = app.dataset.question ?? REASON_LABEL;

const ctx = await startConsole(["inspector", "supervisor"]);
let pending: { to: LeadStatus; action: Action; opener: HTMLElement } | null = null;

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
    default:
      if (from === "new") return "review";
      if (from === "info_requested") return "resume";
      return from === "dismissal_proposed" ? "send_back" : "reopen";
  }
}

/** Fields each action asks for; actions absent here run on a click. */
const NEEDS: Partial<Record<Action, { reason?: "reason" | "question"; code?: true; target?: true; confirm?: true }>> = {
  request_info: { reason: "question" },
  refer: { confirm: true },
  propose_dismissal: { reason: "reason", code: true },
  approve_dismissal: { confirm: true },
  send_back: { reason: "reason" },
  reopen: { reason: "reason" },
  merge: { target: true },
};

function categoryName(code: string): string {
  return categories[code] ?? code;
}

function renderFacts(d: LeadDetail, t: ConsoleStrings): void {
  const facts = document.getElementById("lead-facts") as HTMLElement;
  facts.replaceChildren();
  row(facts, LABELS.id, el("span", "code", d.id));
  row(facts, LABELS.unit, d.unitName);
  row(facts, LABELS.category, categoryName(d.categoryCode));
  const status = el("span", "", t.statuses[d.status]);
  if (d.overdue) status.append(" ", el("span", "badge late", t.overdue));
  row(facts, LABELS.status, status);
  row(facts, LABELS.priority, formatScore(d.priority, ctx?.lang ?? "vi"));
  row(facts, LABELS.openedAt, timeEl(d.openedAt, true));
  row(facts, LABELS.ackDueAt, timeEl(d.ackDueAt));
  if (d.acknowledgedAt) row(facts, LABELS.acknowledgedAt, timeEl(d.acknowledgedAt, true));
  row(facts, LABELS.dueAt, timeEl(d.dueAt));
  row(facts, LABELS.eligible, d.eligible ? t.yes : t.no);
  if (d.dismissalReasonCode || d.dismissalReason) {
    const code = d.dismissalReasonCode as keyof ConsoleStrings["reasonCodes"] | null;
    row(
      facts,
      LABELS.dismissal,
      `${code ? (t.reasonCodes[code] ?? code) : ""}${d.dismissalReason ? `: ${d.dismissalReason}` : ""}`,
    );
  }
  if (d.mergedInto && ctx) row(facts, LABELS.mergedInto, link(leadHref(ctx.lang, d.mergedInto), d.mergedInto));
}

function renderActions(d: LeadDetail, t: ConsoleStrings): void {
  const box = document.getElementById("lead-actions") as HTMLElement;
  box.replaceChildren(
    ...d.allowedTransitions.map((to) => {
      const action = actionFor(d.status, to);
      const button = el("button", NEEDS[action] ? "secondary" : "", t.buttons[action]);
      button.type = "button";
      button.dataset.to = to;
      button.dataset.action = action;
      if (NEEDS[action]) button.setAttribute("aria-haspopup", "dialog");
      button.addEventListener("click", () => void startTransition(to, action, button));
      return button;
    }),
  );
  (document.getElementById("no-actions") as HTMLElement).hidden = d.allowedTransitions.length > 0;
}

function renderScore(d: LeadDetail, t: ConsoleStrings): void {
  const body = document.querySelector("#score-factors tbody") as HTMLElement;
  body.replaceChildren(
    ...d.score.factors.map((factor) => {
      const name = el("th", "", t.factors[factor.name as keyof ConsoleStrings["factors"]] ?? factor.name);
      name.scope = "row";
      return el("tr", "", "", name, el("td", "num", formatScore(factor.value, ctx?.lang ?? "vi")));
    }),
  );
  (document.getElementById("score-total") as HTMLElement).textContent = formatScore(d.score.total, ctx?.lang ?? "vi");
}

function reportCard(report: LeadReport, t: ConsoleStrings): HTMLElement {
  const card = el("article", "report", "", el("h3", "", report.trackingCode));
  card.setAttribute("aria-label", report.trackingCode);
  const facts = el("dl", "codes");
  row(facts, t.receivedAt, timeEl(report.receivedAt, true));
  row(facts, t.track, t.tracks[report.track]);
  row(facts, t.reporterKind, t.reporterKinds[report.reporterKind]);
  row(facts, t.reportCategory, categoryName(report.categoryCode));
  if (report.suggestedCategory && report.suggestedCategory !== report.categoryCode) {
    facts.append(el("dd", "warning", fill(t.suggested, { name: categoryName(report.suggestedCategory) })));
  }
  row(facts, t.eligible, report.eligible ? t.yes : t.notEligible);
  if (report.occurredOn) row(facts, t.occurredOn, formatDate(`${report.occurredOn}T12:00:00+07:00`));
  if (report.procedure) row(facts, t.procedure, report.procedure);
  if (report.officialHint) row(facts, t.official, report.officialHint);
  card.append(facts, el("p", "text", report.description), el("h4", "", t.evidence));
  if (report.attachments.length === 0) card.append(el("p", "muted", t.noEvidence));
  else {
    const list = el("ul", "files");
    report.attachments.forEach((file, index) => {
      const href = `/api/leads/${encodeURIComponent(id)}/attachments/${encodeURIComponent(file.id)}`;
      const text = fill(t.download, {
        n: index + 1,
        type: file.contentType,
        size: formatBytes(file.size, ctx?.lang ?? "vi"),
      });
      const a = link(href, text);
      a.setAttribute("download", "");
      list.append(el("li", "", "", a, el("span", "meta", ` · SHA-256 ${file.sha256.slice(0, 12)}…`)));
    });
    card.append(list);
  }
  if (report.track === "named") card.append(contactBlock(report.trackingCode, t));
  return card;
}

function contactBlock(code: string, t: ConsoleStrings): HTMLElement {
  const hintId = `contact-hint-${code}`;
  const button = el("button", "secondary", t.showContact);
  button.type = "button";
  button.dataset.contact = code;
  button.setAttribute("aria-describedby", hintId);
  const hint = el("p", "hint", t.contactWarning);
  hint.id = hintId;
  const out = el("div");
  out.setAttribute("role", "status");
  button.addEventListener("click", async () => {
    if (!confirm(t.contactConfirm)) return;
    button.disabled = true;
    const result = await consoleApi<{ contact: Contact | null }>(
      `/api/leads/${encodeURIComponent(id)}/reports/${encodeURIComponent(code)}/contact`,
      { method: "POST" },
    );
    button.disabled = false;
    if (!result.ok) {
      out.replaceChildren(el("p", "alert", problemText(result.failure, t)));
      return;
    }
    const contact = result.data.contact;
    if (!contact) {
      out.replaceChildren(el("p", "", t.contactNone));
      return;
    }
    const list = el("dl", "codes panel");
    if (contact.name) row(list, t.contactName, contact.name);
    if (contact.email) row(list, t.contactEmail, link(`mailto:${contact.email}`, contact.email));
    if (contact.phone) row(list, t.contactPhone, link(`tel:${contact.phone}`, contact.phone));
    out.replaceChildren(list);
  });
  return el("div", "", "", button, hint, out);
}

function eventDetails(event: LeadEvent, t: ConsoleStrings): string {
  const s = event.summary as {
    before?: { status?: LeadStatus };
    after?: {
      status?: LeadStatus;
      reason?: string;
      reasonCode?: keyof ConsoleStrings["reasonCodes"];
      targetLeadId?: string;
    };
    trackingCode?: string;
    to?: string[];
  };
  const parts: string[] = [];
  if (s.before?.status && s.after?.status) {
    parts.push(fill(t.before, { from: t.statuses[s.before.status], to: t.statuses[s.after.status] }));
  }
  if (s.after?.reasonCode)
    parts.push(fill(t.reasonCode, { text: t.reasonCodes[s.after.reasonCode] ?? s.after.reasonCode }));
  if (s.after?.reason) parts.push(fill(t.reason, { text: s.after.reason }));
  if (s.after?.targetLeadId) parts.push(`${t.target} ${s.after.targetLeadId}`);
  if (s.trackingCode) parts.push(s.trackingCode);
  if (Array.isArray(s.to)) parts.push(s.to.join(", "));
  return parts.join(" · ");
}

function renderEvents(d: LeadDetail, t: ConsoleStrings): void {
  const list = document.getElementById("lead-events") as HTMLElement;
  list.replaceChildren(
    ...d.events.map((event) => {
      const meta = el("p", "meta", "", timeEl(event.at, true), ` · ${event.actor ?? t.system}`);
      const action = (t.actions as Record<string, string>)[event.action] ?? event.action;
      const item = el("li", "", "", meta, el("p", "", action));
      const details = eventDetails(event, t);
      if (details) item.append(el("p", "muted", details));
      return item;
    }),
  );
}

function renderConversation(d: LeadDetail, t: ConsoleStrings): void {
  (document.getElementById("no-messages") as HTMLElement).hidden = d.messages.length > 0;
  (document.getElementById("lead-messages") as HTMLElement).replaceChildren(
    ...d.messages.map((message) => {
      const who = message.from === "reporter" ? t.from : t.fromInspector;
      const meta = el(
        "p",
        "meta",
        `${who} ${fill(t.toReport, { code: message.trackingCode })} · `,
        timeEl(message.at, true),
      );
      return el("li", `from-${message.from}`, "", meta, el("p", "body", message.body));
    }),
  );
  const select = messageForm.elements.namedItem("trackingCode") as HTMLSelectElement;
  const chosen = select.value;
  const first = select.options[0];
  select.replaceChildren(
    ...(first ? [first] : []),
    ...d.reports.map((report) => new Option(report.trackingCode, report.trackingCode)),
  );
  select.value = chosen;
  (document.getElementById("no-notes") as HTMLElement).hidden = d.notes.length > 0;
  (document.getElementById("lead-notes") as HTMLElement).replaceChildren(
    ...d.notes.map((note) =>
      el("li", "", "", el("p", "meta", `${note.author} · `, timeEl(note.at, true)), el("p", "body", note.body)),
    ),
  );
}

const contestBox = document.getElementById("lead-contest") as HTMLElement;
const contestForm = document.getElementById("contest-resolution-form") as HTMLFormElement;

/** The reporter's contest, and for a supervisor the form deciding an open one on a concluded lead. */
function renderContest(d: LeadDetail): void {
  const contest = d.contest;
  contestBox.hidden = !contest;
  if (!contest) return;
  (document.getElementById("contest-reason") as HTMLElement).textContent = contest.reason;
  (document.getElementById("contest-at") as HTMLElement).replaceChildren(timeEl(contest.createdAt));
  (document.getElementById("contest-state") as HTMLElement).textContent = contest.resolvedAt
    ? fill(contestBox.dataset.resolved ?? "", { date: formatDate(contest.resolvedAt) })
    : (contestBox.dataset.open ?? "");
  contestForm.hidden = !(ctx?.user.role === "supervisor" && !contest.resolvedAt && d.status === "concluded");
}

function render(d: LeadDetail): void {
  if (!ctx) return;
  const { t } = ctx;
  const heading = document.getElementById("lead-heading") as HTMLElement;
  heading.textContent = `${d.unitName} · ${categoryName(d.categoryCode)}`;
  document.title = `${d.unitName} · ${document.title.split(" · ").slice(-3).join(" · ")}`;
  renderFacts(d, t);
  renderActions(d, t);
  renderContest(d);
  renderScore(d, t);
  (document.getElementById("lead-reports") as HTMLElement).replaceChildren(...d.reports.map((r) => reportCard(r, t)));
  renderEvents(d, t);
  renderConversation(d, t);
  section.hidden = false;
}

function show(field: string, visible: boolean): void {
  (document.getElementById(field) as HTMLElement).hidden = !visible;
}

async function startTransition(to: LeadStatus, action: Action, opener: HTMLElement): Promise<void> {
  if (!ctx) return;
  const needs = NEEDS[action];
  if (!needs) {
    await send({ to }, opener);
    return;
  }
  pending = { to, action, opener };
  transitionForm.reset();
  (document.getElementById("transition-alert") as HTMLElement).textContent = "";
  (document.getElementById("transition-title") as HTMLElement).textContent = ctx.t.buttons[action];
  const text = needs.confirm ? ctx.t.confirm[action as keyof ConsoleStrings["confirm"]] : "";
  (document.getElementById("transition-text") as HTMLElement).textContent = text;
  show("reason-field", Boolean(needs.reason));
  show("reason-code-field", Boolean(needs.code));
  show("target-field", Boolean(needs.target));
  (document.getElementById("reason-label") as HTMLElement).textContent =
    needs.reason === "question" ? QUESTION_LABEL : REASON_LABEL;
  dialog.showModal();
}

async function send(
  body: { to: LeadStatus; reason?: string; reasonCode?: string; targetLeadId?: string },
  opener: HTMLElement,
  alertTarget: HTMLElement = alertBox,
): Promise<boolean> {
  if (!ctx) return false;
  alertBox.textContent = "";
  statusBox.textContent = "";
  const result = await consoleApi<LeadDetail>(`/api/leads/${encodeURIComponent(id)}/transitions`, {
    method: "POST",
    body,
  });
  if (!result.ok) {
    // A 409 here means someone else moved the lead first: say so rather than the API's generic "conflict".
    alertTarget.textContent = result.failure.status === 409 ? ctx.t.conflict : problemText(result.failure, ctx.t);
    if (alertTarget === alertBox) opener.focus();
    return false;
  }
  render(result.data);
  statusBox.textContent = fill(ctx.t.done, { status: ctx.t.statuses[result.data.status] });
  (document.getElementById("lead-heading") as HTMLElement).focus();
  return true;
}

transitionForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!ctx || !pending) return;
  const needs = NEEDS[pending.action] ?? {};
  const alert = document.getElementById("transition-alert") as HTMLElement;
  const reason = field(transitionForm, "reason");
  const reasonCode = field(transitionForm, "reasonCode");
  const targetLeadId = field(transitionForm, "targetLeadId");
  const missing =
    (needs.reason && !reason && "transition-reason") ||
    (needs.code && !reasonCode && "transition-reason-code") ||
    (needs.target && !targetLeadId && "transition-target");
  if (missing) {
    alert.textContent = ctx.t.required;
    (document.getElementById(missing) as HTMLElement).focus();
    return;
  }
  const body = {
    to: pending.to,
    ...(needs.reason ? { reason } : {}),
    ...(needs.code ? { reasonCode } : {}),
    ...(needs.target ? { targetLeadId } : {}),
  };
  const { opener } = pending;
  const ok = await busy(transitionForm, () => send(body, opener, alert));
  if (ok) {
    pending = null;
    dialog.close();
    (document.getElementById("lead-heading") as HTMLElement).focus();
  }
});

(document.getElementById("transition-cancel") as HTMLElement).addEventListener("click", () => dialog.close());
dialog.addEventListener("close", () => {
  if (pending) {
    const { opener } = pending;
    pending = null;
    if (opener.isConnected) opener.focus();
  }
});

function postForm(form: HTMLFormElement, path: string, extra: () => { trackingCode?: string }): void {
  const alert = form.querySelector<HTMLElement>(".alert");
  const status = form.querySelector<HTMLElement>("[role=status]");
  const textarea = form.querySelector("textarea") as HTMLTextAreaElement;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!ctx || !alert || !status) return;
    alert.textContent = "";
    status.textContent = "";
    const text = textarea.value.trim();
    if (!text) {
      alert.textContent = ctx.t.required;
      textarea.focus();
      return;
    }
    const result = await busy(form, () =>
      consoleApi<LeadDetail>(path, { method: "POST", body: { body: text, ...extra() } }),
    );
    if (!result.ok) {
      alert.textContent = problemText(result.failure, ctx.t);
      return;
    }
    textarea.value = "";
    render(result.data);
    status.textContent = form === noteForm ? ctx.t.saved : ctx.t.sent;
  });
}

contestForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!ctx) return;
  const alert = document.getElementById("contest-alert") as HTMLElement;
  alert.textContent = "";
  statusBox.textContent = "";
  const decision = field(contestForm, "decision");
  const reason = field(contestForm, "reason");
  if (!decision || reason.length < 10) {
    alert.textContent = contestBox.dataset.short ?? ctx.t.required;
    (document.getElementById(decision ? "contest-resolution-reason" : "contest-uphold") as HTMLElement).focus();
    return;
  }
  const result = await busy(contestForm, () =>
    consoleApi<LeadDetail>(`/api/leads/${encodeURIComponent(id)}/contest-resolution`, {
      method: "POST",
      body: { decision, reason },
    }),
  );
  if (!result.ok) {
    alert.textContent = problemText(result.failure, ctx.t);
    return;
  }
  contestForm.reset();
  render(result.data);
  statusBox.textContent = contestBox.dataset.done ?? "";
  (document.getElementById("contest-heading") as HTMLElement).focus();
});

async function start(): Promise<void> {
  if (!ctx) return;
  if (!id) {
    alertBox.textContent = ctx.t.noId;
    return;
  }
  const result = await consoleApi<LeadDetail>(`/api/leads/${encodeURIComponent(id)}`);
  if (!result.ok) {
    alertBox.textContent = result.failure.status === 404 ? ctx.t.notFound : problemText(result.failure, ctx.t);
    return;
  }
  render(result.data);
  postForm(messageForm, `/api/leads/${encodeURIComponent(id)}/messages`, () => {
    const code = field(messageForm, "trackingCode");
    return code ? { trackingCode: code } : {};
  });
  postForm(noteForm, `/api/leads/${encodeURIComponent(id)}/notes`, () => ({}));
}

await start();
