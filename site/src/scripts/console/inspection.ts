import type { Problem } from "../../../../worker/src/contracts/common";
import type {
  ConclusionInputRaw,
  FindingInput,
  FindingOutcome,
  InspectionDetail,
  InspectionDocument,
  InspectionLead,
  TeamMember,
  TeamRole,
} from "../../../../worker/src/contracts/inspections";
import type { StaffMember } from "../../../../worker/src/contracts/staff";
import type { Dict } from "../../i18n";
import { type Failure, toFailure } from "../../lib/api";
import { consoleApi, problemText } from "../../lib/console/api";
import { busy, el, field, link, row, timeEl } from "../../lib/console/dom";
import {
  historyList,
  type InspContext,
  loadStaff,
  measureCard,
  presetUnit,
  readInsp,
  staffLabel,
  unitSearchField,
  windowEl,
} from "../../lib/console/inspections";
import { leadHref } from "../../lib/console/routes";
import { startConsole } from "../../lib/console/session";
import { formatBytes } from "../../lib/format";
import { fill } from "../../lib/strings";

type PageTexts = Dict["console"]["inspections"]["inspection"];

const app = document.getElementById("inspection-app") as HTMLElement;
const it = readInsp(app);
const pt = JSON.parse(app.dataset.page ?? "{}") as PageTexts;
const categories = JSON.parse(app.dataset.categories ?? "{}") as Record<string, string>;
const outcomes = JSON.parse(app.dataset.outcomes ?? "[]") as FindingOutcome[];
const maxBytes = Number(app.dataset.maxBytes);
const alertBox = document.getElementById("inspection-alert") as HTMLElement;
const statusBox = document.getElementById("inspection-status") as HTMLElement;
const section = document.getElementById("inspection-detail") as HTMLElement;
const docForm = document.getElementById("document-form") as HTMLFormElement;
const conclusionForm = document.getElementById("conclusion-form") as HTMLFormElement;
const id = new URLSearchParams(location.search).get("id") ?? "";
const apiBase = `/api/inspections/${encodeURIComponent(id)}`;

const base = await startConsole(["inspector", "supervisor"]);
const ctx: InspContext | null = base ? { t: base.t, it, lang: base.lang } : null;
let current: InspectionDetail | null = null;

function $(elementId: string): HTMLElement {
  return document.getElementById(elementId) as HTMLElement;
}

/** Inspectors and supervisors with their recusal from the inspected unit (`GET /api/staff`). */
let staff: StaffMember[] = [];
let staffUnit = "";
let staffProblem = "";

async function refreshStaff(unitId: string): Promise<void> {
  if (!ctx || unitId === staffUnit) return;
  const result = await loadStaff(unitId, ctx);
  if (result.ok) {
    staff = result.items;
    staffUnit = unitId;
    staffProblem = "";
  } else staffProblem = result.text;
}

/** A person's name for a user id: the team's names, then the staff list; an unknown id stays as it is. */
function who(d: InspectionDetail, userId: string): string {
  return (
    d.team.find((member) => member.userId === userId)?.displayName ??
    staff.find((member) => member.id === userId)?.displayName ??
    userId
  );
}

function can(d: InspectionDetail, action: InspectionDetail["allowedActions"][number]): boolean {
  return d.allowedActions.includes(action);
}

/** Shows a fresh copy of the inspection, then moves focus to `focusId` (or keeps it) and announces `message`. */
function update(d: InspectionDetail, message = "", focusId = ""): void {
  render(d);
  if (message) statusBox.textContent = message;
  if (focusId) document.getElementById(focusId)?.focus();
}

function renderFacts(d: InspectionDetail): void {
  if (!ctx) return;
  const facts = $("inspection-facts");
  facts.replaceChildren();
  row(facts, pt.type, it.types[d.type]);
  row(facts, pt.unit, d.unitName);
  row(facts, pt.window, windowEl(d.plannedStart, d.plannedEnd, it));
  row(facts, pt.status, el("span", `badge i-${d.status}`, it.statuses[d.status]));
  row(facts, pt.scope, el("span", "text", d.scope));
  if (d.startedAt) row(facts, pt.startedAt, timeEl(d.startedAt, true));
  row(facts, pt.createdBy, who(d, d.createdBy));
  const actions = $("inspection-actions");
  actions.replaceChildren();
  if (can(d, "start")) {
    const button = el("button", "", pt.start);
    button.type = "button";
    button.id = "inspection-start";
    button.addEventListener("click", async () => {
      button.disabled = true;
      const result = await consoleApi<InspectionDetail>(`${apiBase}/start`, { method: "POST" });
      button.disabled = false;
      if (!result.ok) {
        alertBox.textContent = problemText(result.failure, ctx.t);
        return;
      }
      update(result.data, it.started, "inspection-heading");
    });
    actions.append(button);
  }
  // Cancelling is a supervisor's, like moving the visit, and only while it is planned.
  if (d.status === "planned" && can(d, "move")) actions.append(cancelForm());
}

/** A disclosed form to cancel the planned visit with a reason (`POST /api/inspections/{id}/cancel`). */
function cancelForm(): HTMLElement {
  const details = el("details", "cancel-inspection", "", el("summary", "", pt.cancel));
  const form = el("form", "stack");
  form.noValidate = true;
  const reason = el("textarea");
  reason.id = "inspection-cancel-reason";
  reason.name = "reason";
  reason.rows = 3;
  reason.required = true;
  reason.minLength = 10;
  reason.maxLength = 2000;
  reason.setAttribute("aria-describedby", "inspection-cancel-hint");
  const label = el("label", "", pt.cancelReason);
  label.htmlFor = reason.id;
  const hint = el("p", "hint", pt.cancelHint);
  hint.id = "inspection-cancel-hint";
  const submit = el("button", "secondary", pt.cancelSubmit);
  submit.type = "submit";
  submit.id = "inspection-cancel";
  form.append(label, hint, reason, submit);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!ctx) return;
    submit.disabled = true;
    const result = await consoleApi<InspectionDetail>(`${apiBase}/cancel`, {
      method: "POST",
      body: { reason: reason.value },
    });
    submit.disabled = false;
    if (!result.ok) {
      alertBox.textContent = problemText(result.failure, ctx.t);
      reason.focus();
      return;
    }
    update(result.data, pt.cancelled, "inspection-heading");
  });
  details.append(form);
  return details;
}

function renderTeam(d: InspectionDetail): void {
  if (!ctx) return;
  const editable = can(d, "edit_team");
  const list = $("inspection-team");
  list.replaceChildren(
    ...d.team.map((member, index) => {
      const known = staff.find((s) => s.id === member.userId);
      const item = el("li", "", "", el("strong", "", member.displayName), ` · ${it.teamRoles[member.role]}`);
      if (known) item.append(el("span", "muted", ` · ${ctx.t.roles[known.role]}`));
      if (known?.recused) item.append(el("span", "hint recused", ` · ${it.recused}`));
      if (editable && member.role !== "head" && !known?.recused) {
        const promote = el("button", "secondary small", it.makeHeadShort);
        promote.type = "button";
        promote.setAttribute("aria-label", fill(it.makeHead, { name: member.displayName }));
        promote.addEventListener(
          "click",
          () =>
            void saveTeam(
              d.team.map((m) => ({
                ...m,
                role: m.userId === member.userId ? "head" : "member",
              })),
              promote,
            ),
        );
        item.append(" ", promote);
      }
      if (editable && d.team.length > 1) {
        const remove = el("button", "secondary small", "×");
        remove.type = "button";
        remove.setAttribute("aria-label", fill(it.removeMember, { n: `${index + 1} (${member.displayName})` }));
        remove.addEventListener(
          "click",
          () =>
            void saveTeam(
              d.team.filter((m) => m.userId !== member.userId),
              remove,
            ),
        );
        item.append(" ", remove);
      }
      return item;
    }),
  );
  if (editable) list.append(el("li", "", "", addMemberForm(d)));
}

function addMemberForm(d: InspectionDetail): HTMLFormElement {
  const form = el("form", "team-add");
  form.noValidate = true;
  const select = el("select");
  select.id = "team-add-id";
  select.name = "userId";
  select.required = true;
  select.append(new Option(it.chooseStaff, ""));
  const selfId = base?.user.id ?? "";
  const onTeam = new Set(d.team.map((member) => member.userId));
  for (const member of staff) {
    if (onTeam.has(member.id) || !ctx) continue;
    const label = staffLabel(member, ctx, selfId);
    const option = new Option(member.recused ? `${label} — ${it.recused}` : label, member.id);
    option.disabled = member.recused;
    select.append(option);
  }
  const label = el("label", "", it.newMember);
  label.htmlFor = select.id;
  const roleSelect = el("select");
  roleSelect.id = "team-add-role";
  roleSelect.name = "role";
  for (const role of ["member", "head"] as TeamRole[]) roleSelect.append(new Option(it.teamRoles[role], role));
  const roleLabel = el("label", "", it.teamRole);
  roleLabel.htmlFor = roleSelect.id;
  const hasHead = d.team.some((member) => member.role === "head");
  const roleField = el("div", "field", "", roleLabel);
  if (hasHead) {
    const hint = el("p", "hint", it.headReplaces);
    hint.id = "team-add-role-hint";
    roleSelect.setAttribute("aria-describedby", hint.id);
    roleField.append(hint);
  }
  roleField.append(roleSelect);
  const button = el("button", "secondary", it.addToTeam);
  button.type = "submit";
  const fields = el("div", "field", "", label);
  if (staffProblem) {
    const problem = el("p", "hint", staffProblem);
    problem.id = "team-add-problem";
    select.setAttribute("aria-describedby", problem.id);
    fields.append(problem);
  }
  fields.append(select);
  form.append(fields, roleField, button);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const userId = select.value;
    if (!userId) {
      alertBox.textContent = ctx?.t.required ?? "";
      select.focus();
      return;
    }
    const role = roleSelect.value as TeamRole;
    const team = d.team.map((member) => (role === "head" ? { ...member, role: "member" as TeamRole } : member));
    void saveTeam([...team, { userId, displayName: who(d, userId), role }], button);
  });
  return form;
}

async function saveTeam(team: TeamMember[], opener: HTMLElement): Promise<void> {
  if (!ctx) return;
  alertBox.textContent = "";
  const result = await consoleApi<InspectionDetail>(apiBase, {
    method: "PATCH",
    body: { team: team.map((member) => ({ userId: member.userId, role: member.role })) },
  });
  if (!result.ok) {
    alertBox.textContent = problemText(result.failure, ctx.t);
    opener.focus();
    return;
  }
  update(result.data, ctx.t.saved, "team-heading");
}

function textArea(idText: string, name: string, label: string, max: number, value: string, hint = ""): HTMLElement {
  const area = el("textarea");
  area.id = idText;
  area.name = name;
  area.rows = 3;
  area.maxLength = max;
  area.value = value;
  const labelEl = el("label", "", label);
  labelEl.htmlFor = idText;
  const wrap = el("div", "field", "", labelEl);
  if (hint) {
    const hintEl = el("p", "hint", hint);
    hintEl.id = `${idText}-hint`;
    area.setAttribute("aria-describedby", hintEl.id);
    wrap.append(hintEl);
  }
  wrap.append(area);
  return wrap;
}

function findingForm(lead: InspectionLead): HTMLFormElement {
  const prefix = `finding-${lead.id}`;
  const form = el("form", "finding-form panel");
  form.noValidate = true;
  form.dataset.leadId = lead.id;
  const select = el("select");
  select.id = `${prefix}-outcome`;
  select.name = "outcome";
  select.append(new Option(pt.outcomeChoose, ""), ...outcomes.map((o) => new Option(it.outcomes[o], o)));
  select.value = lead.finding?.outcome ?? "";
  const label = el("label", "", pt.outcome);
  label.htmlFor = select.id;
  const position = el("input");
  position.type = "text";
  position.id = `${prefix}-position`;
  position.name = "position";
  position.maxLength = 200;
  position.value = lead.finding?.position ?? "";
  position.setAttribute("aria-describedby", `${prefix}-position-hint`);
  const positionLabel = el("label", "", pt.position);
  positionLabel.htmlFor = position.id;
  const positionHint = el("p", "hint", pt.positionHint);
  positionHint.id = `${prefix}-position-hint`;
  const alert = el("div", "alert");
  alert.setAttribute("role", "alert");
  const submit = el("button", "", pt.saveFinding);
  submit.type = "submit";
  form.append(
    el("div", "field", "", label, select),
    textArea(`${prefix}-reasoning`, "reasoning", pt.reasoning, 10_000, lead.finding?.reasoning ?? ""),
    textArea(
      `${prefix}-summary`,
      "publicSummary",
      pt.publicSummary,
      1000,
      lead.finding?.publicSummary ?? "",
      pt.publicSummaryHint,
    ),
    el("div", "field", "", positionLabel, positionHint, position),
    alert,
    submit,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!ctx) return;
    alert.textContent = "";
    const outcome = field(form, "outcome") as FindingOutcome;
    const reasoning = field(form, "reasoning");
    const publicSummary = field(form, "publicSummary");
    const missing =
      (!outcome && select) ||
      (!reasoning && form.elements.namedItem("reasoning")) ||
      (!publicSummary && form.elements.namedItem("publicSummary"));
    if (missing) {
      alert.textContent = ctx.t.required;
      (missing as HTMLElement).focus();
      return;
    }
    const body: FindingInput = { outcome, reasoning, publicSummary };
    const pos = field(form, "position");
    if (pos) body.position = pos;
    const result = await busy(form, () =>
      consoleApi<InspectionDetail>(`${apiBase}/findings/${encodeURIComponent(lead.id)}`, { method: "PUT", body }),
    );
    if (!result.ok) {
      alert.textContent = problemText(result.failure, ctx.t);
      return;
    }
    update(result.data, it.findingSaved, `lead-${lead.id}-heading`);
  });
  return form;
}

function leadCard(lead: InspectionLead, d: InspectionDetail): HTMLElement {
  if (!ctx) return el("div");
  const headingId = `lead-${lead.id}-heading`;
  const heading = el(
    "h3",
    "",
    "",
    link(leadHref(ctx.lang, lead.id), `${categories[lead.categoryCode] ?? lead.categoryCode} · ${lead.id}`),
  );
  heading.id = headingId;
  heading.tabIndex = -1;
  const card = el("article", "inspection-lead", "", heading);
  card.setAttribute("aria-labelledby", headingId);
  card.dataset.leadId = lead.id;
  card.append(el("p", "muted", ctx.t.statuses[lead.status]));
  const reports = el("ul", "plain");
  for (const report of lead.reports) {
    const text = report.description.length > 300 ? `${report.description.slice(0, 300)}…` : report.description;
    reports.append(
      el(
        "li",
        "",
        "",
        el("span", "code", report.trackingCode),
        " · ",
        timeEl(report.receivedAt),
        el("p", "text", text),
      ),
    );
  }
  card.append(reports);
  const finding = el("div", "finding");
  if (lead.finding) {
    const f = lead.finding;
    const facts = el("dl", "codes");
    row(facts, pt.outcome, el("strong", `outcome o-${f.outcome}`, it.outcomes[f.outcome]));
    row(facts, pt.reasoning, el("span", "text", f.reasoning));
    row(facts, pt.publicSummary, el("span", "text", f.publicSummary));
    if (f.position) row(facts, pt.position, f.position);
    const by = el("span", "", fill(it.findingBy, { by: who(d, f.recordedBy), at: "" }));
    by.append(timeEl(f.recordedAt, true));
    row(facts, "", by);
    for (const dt of facts.querySelectorAll("dt")) if (!dt.textContent) dt.remove();
    finding.append(facts);
  } else finding.append(el("p", "muted", it.noFinding));
  card.append(finding);
  if (can(d, "record_finding")) card.append(findingForm(lead));
  return card;
}

function documentItem(doc: InspectionDocument, d: InspectionDetail): HTMLElement {
  if (!ctx) return el("li");
  const a = link(
    `${apiBase}/documents/${encodeURIComponent(doc.id)}`,
    fill(it.download, { title: doc.title, size: formatBytes(doc.size, ctx.lang) }),
  );
  a.setAttribute("download", "");
  return el("li", "", "", a, el("span", "meta", ` · ${who(d, doc.uploadedBy)} · `), timeEl(doc.createdAt, true));
}

function renderConclusion(d: InspectionDetail): void {
  const box = $("inspection-conclusion");
  box.replaceChildren();
  $("no-conclusion").hidden = Boolean(d.conclusion) || can(d, "conclude");
  if (d.conclusion) {
    const c = d.conclusion;
    const facts = el("dl", "codes panel");
    row(facts, pt.conclusionText, el("span", "text", c.conclusion));
    row(facts, pt.recommendations, el("span", "text", c.recommendations));
    row(facts, pt.guidance, el("span", "text", c.guidance));
    const at = el("span", "", "", timeEl(c.concludedAt, true), ` · ${who(d, c.concludedBy)}`);
    row(facts, it.concludedLabel, at);
    row(
      facts,
      pt.status,
      el("span", `badge ${c.implemented ? "m-verified" : ""}`, c.implemented ? it.implemented : it.notImplemented),
    );
    box.append(facts);
  }
  conclusionForm.hidden = !can(d, "conclude");
}

function render(d: InspectionDetail): void {
  if (!ctx) return;
  current = d;
  $("inspection-heading").textContent = fill(it.inspectionOf, { type: it.types[d.type], unit: d.unitName });
  document.title = `${d.unitName} · ${document.title.split(" · ").slice(-3).join(" · ")}`;
  renderFacts(d);
  renderTeam(d);
  $("no-leads").hidden = d.leads.length > 0;
  $("inspection-leads").replaceChildren(...d.leads.map((lead) => leadCard(lead, d)));
  $("no-documents").hidden = d.documents.length > 0;
  $("inspection-documents").replaceChildren(...d.documents.map((doc) => documentItem(doc, d)));
  docForm.hidden = !can(d, "upload");
  renderConclusion(d);
  $("no-measures").hidden = d.measures.length > 0;
  $("inspection-measures").replaceChildren(
    ...d.measures.map((measure) =>
      measureCard(measure, ctx, (updated, message) => void reload(message, `measure-${updated.id}-heading`)),
    ),
  );
  $("inspection-events").replaceChildren(historyList(d.events, ctx));
  section.hidden = false;
}

async function reload(message = "", focusId = ""): Promise<void> {
  if (!ctx) return;
  const result = await consoleApi<InspectionDetail>(apiBase);
  if (!result.ok) {
    alertBox.textContent = result.failure.status === 404 ? it.notFound : problemText(result.failure, ctx.t);
    return;
  }
  await refreshStaff(result.data.unitId);
  update(result.data, message, focusId);
}

// ------------------------------------------------------------ documents

function upload(
  file: File,
  title: string,
  onProgress: (loaded: number) => void,
): Promise<{ ok: true; doc: InspectionDocument } | { ok: false; failure: Failure }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${apiBase}/documents`);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Accept-Language", ctx?.lang ?? "vi");
    xhr.upload.addEventListener("progress", (event) => onProgress(event.loaded));
    xhr.addEventListener("load", () => {
      if (xhr.status === 201) {
        try {
          resolve({ ok: true, doc: JSON.parse(xhr.responseText) as InspectionDocument });
          return;
        } catch {
          // a failure below
        }
      }
      resolve({ ok: false, failure: toFailure(xhr.status, xhr.responseText, xhr.getResponseHeader("Retry-After")) });
    });
    const fail = () => resolve({ ok: false, failure: { status: 0, problem: null, retryAfter: null } });
    xhr.addEventListener("error", fail);
    xhr.addEventListener("abort", fail);
    const body = new FormData();
    body.append("file", file, file.name);
    if (title) body.append("title", title);
    xhr.send(body);
  });
}

docForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!ctx) return;
  const alert = $("doc-alert");
  const status = $("doc-status");
  const progress = $("doc-progress") as HTMLProgressElement;
  const input = $("doc-file") as HTMLInputElement;
  alert.textContent = "";
  status.textContent = "";
  const file = input.files?.[0];
  if (!file) {
    alert.textContent = it.chooseFile;
    input.focus();
    return;
  }
  const isPdf = file.type === "application/pdf" || file.name.toLowerCase().endsWith(".pdf");
  if (!isPdf || file.size > maxBytes) {
    alert.textContent = isPdf ? fill(it.tooBig, { max: maxBytes / 1024 / 1024 }) : it.notPdf;
    input.focus();
    return;
  }
  progress.max = file.size || 1;
  progress.value = 0;
  progress.hidden = false;
  status.textContent = fill(it.uploading, { name: file.name });
  const result = await busy(docForm, () =>
    upload(file, field(docForm, "title"), (loaded) => {
      progress.value = Math.min(loaded, file.size);
    }),
  );
  if (!result.ok) {
    progress.hidden = true;
    status.textContent = "";
    const problem: Partial<Problem> | null = result.failure.problem;
    alert.textContent = problem?.detail || problemText(result.failure, ctx.t);
    return;
  }
  progress.value = progress.max;
  docForm.reset();
  await reload();
  status.textContent = fill(it.uploaded, { name: file.name });
});

// ------------------------------------------------------------ conclusion

let measureRows = 0;

function addMeasureRow(): void {
  if (!ctx || !current) return;
  measureRows += 1;
  const n = measureRows;
  const item = el("li", "row-item measure-row");
  const legend = el("p", "row-title", fill(it.measureN, { n }));
  const search = unitSearchField(
    { label: pt.responsibleUnit, hint: "", search: it.search, choose: it.unitChoose },
    ctx,
    "responsibleUnitId",
  );
  presetUnit(search.select, current.unitId, current.unitName);
  const deadline = el("input");
  deadline.type = "date";
  deadline.name = "deadline";
  deadline.id = `measure-${n}-deadline`;
  deadline.required = true;
  const deadlineLabel = el("label", "", pt.deadline);
  deadlineLabel.htmlFor = deadline.id;
  const remove = el("button", "secondary small", "×");
  remove.type = "button";
  remove.setAttribute("aria-label", fill(it.removeMeasure, { n }));
  remove.addEventListener("click", () => {
    item.remove();
    $("add-measure").focus();
  });
  item.append(
    legend,
    search.root,
    textArea(`measure-${n}-description`, "description", pt.description, 2000, ""),
    el("div", "field", "", deadlineLabel, deadline),
    remove,
  );
  $("conclusion-measures").append(item);
  search.input.focus();
}

$("add-measure").addEventListener("click", addMeasureRow);

conclusionForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!ctx) return;
  const alert = $("conclusion-alert");
  alert.textContent = "";
  const fail = (text: string, focus: Element | null) => {
    alert.textContent = text;
    (focus as HTMLElement | null)?.focus();
  };
  for (const name of ["conclusion", "recommendations", "guidance"]) {
    if (!field(conclusionForm, name)) return fail(ctx.t.required, conclusionForm.elements.namedItem(name) as Element);
  }
  const measures: ConclusionInputRaw["measures"] = [];
  for (const item of conclusionForm.querySelectorAll<HTMLElement>(".measure-row")) {
    const unit = item.querySelector("select") as HTMLSelectElement;
    const description = item.querySelector("textarea") as HTMLTextAreaElement;
    const deadline = item.querySelector("input[type=date]") as HTMLInputElement;
    if (!unit.value) return fail(it.unitRequired, unit);
    if (!description.value.trim()) return fail(ctx.t.required, description);
    if (!deadline.value) return fail(ctx.t.required, deadline);
    measures.push({ responsibleUnitId: unit.value, description: description.value.trim(), deadline: deadline.value });
  }
  if (!confirm(pt.concludeConfirm)) return;
  const body: ConclusionInputRaw = {
    conclusion: field(conclusionForm, "conclusion"),
    recommendations: field(conclusionForm, "recommendations"),
    guidance: field(conclusionForm, "guidance"),
    measures,
  };
  const result = await busy(conclusionForm, () =>
    consoleApi<InspectionDetail>(`${apiBase}/conclusion`, { method: "POST", body }),
  );
  if (!result.ok) return fail(problemText(result.failure, ctx.t), null);
  update(result.data, it.concluded, "conclusion-heading");
});

if (ctx) {
  if (!id) alertBox.textContent = it.noId;
  else await reload();
}
