import type {
  InspectionCreateInput,
  InspectionDetail,
  Plan,
  PlanBuildResult,
  PlanUnit,
  PlanVisit,
  TeamMemberInput,
} from "../../../../worker/src/contracts/inspections";
import type { Dict } from "../../i18n";
import { consoleApi, problemText } from "../../lib/console/api";
import { busy, el, field, formatScore, link, timeEl } from "../../lib/console/dom";
import {
  type InspContext,
  loadStaff,
  presetUnit,
  readInsp,
  staffLabel,
  unitSearchField,
} from "../../lib/console/inspections";
import { inspectionHref, leadHref } from "../../lib/console/routes";
import { startConsole, syncLangSwitch } from "../../lib/console/session";
import { fill } from "../../lib/strings";

type PlanTexts = Dict["console"]["inspections"]["plan"];

const app = document.getElementById("plan-app") as HTMLElement;
const it = readInsp(app);
const pt = JSON.parse(app.dataset.page ?? "{}") as PlanTexts;
const categories = JSON.parse(app.dataset.categories ?? "{}") as Record<string, string>;
const alertBox = document.getElementById("plan-alert") as HTMLElement;
const statusBox = document.getElementById("plan-status") as HTMLElement;
const body = document.querySelector("#plan-calendar tbody") as HTMLTableSectionElement;
const createForm = document.getElementById("inspection-create-form") as HTMLFormElement;
const moveDialog = document.getElementById("move-dialog") as HTMLDialogElement;
const moveForm = document.getElementById("move-form") as HTMLFormElement;
const splitDialog = document.getElementById("split-dialog") as HTMLDialogElement;
const splitForm = document.getElementById("split-form") as HTMLFormElement;

const base = await startConsole(["inspector", "supervisor"]);
const ctx: InspContext | null = base ? { t: base.t, it, lang: base.lang } : null;
const supervisor = base?.user.role === "supervisor";

function hanoiYear(): number {
  return Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(new Date()));
}

const asked = Number(new URLSearchParams(location.search).get("year"));
const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : hanoiYear();
let plan: Plan | null = null;
let pending: { visit: PlanVisit; unit: PlanUnit; opener: HTMLElement } | null = null;

function setupYear(): void {
  (document.getElementById("plan-year") as HTMLInputElement).value = String(year);
  (document.getElementById("plan-prev") as HTMLAnchorElement).href = `?year=${year - 1}`;
  (document.getElementById("plan-next") as HTMLAnchorElement).href = `?year=${year + 1}`;
  (document.getElementById("plan-caption") as HTMLElement).textContent = fill(pt.caption, { year });
  (document.getElementById("plan-build") as HTMLElement).textContent = fill(pt.build, { year });
  if (!new URLSearchParams(location.search).get("year")) history.replaceState(null, "", `?year=${year}`);
  syncLangSwitch();
}

function actionButton(text: string, label: string, onClick: (button: HTMLButtonElement) => void): HTMLButtonElement {
  const button = el("button", "secondary small", text);
  button.type = "button";
  button.setAttribute("aria-label", label);
  button.setAttribute("aria-haspopup", "dialog");
  button.addEventListener("click", () => onClick(button));
  return button;
}

/** "05/10–09/10": the year is the plan's. */
function shortWindow(from: string, to: string): HTMLElement {
  const day = (ymd: string) => {
    const node = el("time", "", `${ymd.slice(8, 10)}/${ymd.slice(5, 7)}`);
    node.dateTime = ymd;
    return node;
  };
  return el("span", "when", "", day(from), "– ", day(to));
}

function visitBlock(visit: PlanVisit, unit: PlanUnit): HTMLElement {
  if (!ctx) return el("div");
  const name = `${it.types[visit.type]} · ${unit.unitName}`;
  const a = link(inspectionHref(ctx.lang, visit.inspectionId), it.types[visit.type]);
  a.setAttribute("aria-label", `${name}, ${it.statuses[visit.status]}`);
  const block = el(
    "div",
    `visit visit-${visit.type}`,
    "",
    a,
    el("span", "visit-status", it.statuses[visit.status]),
    shortWindow(visit.plannedStart, visit.plannedEnd),
  );
  block.dataset.inspectionId = visit.inspectionId;
  if (visit.leadCount) block.append(el("span", "muted", fill(it.leadCount, { n: visit.leadCount })));
  if (supervisor && (visit.status === "planned" || visit.status === "in_progress")) {
    const buttons = el("div", "stack");
    buttons.append(actionButton(pt.move, `${pt.move}: ${name}`, (button) => openMove(visit, unit, button)));
    if (visit.status === "planned" && visit.leadCount >= 2)
      buttons.append(actionButton(pt.split, `${pt.split}: ${name}`, (button) => void openSplit(visit, unit, button)));
    block.append(buttons);
  }
  return block;
}

function renderCalendar(data: Plan): void {
  body.replaceChildren(
    ...data.units.map((unit) => {
      const head = el("th", "", unit.unitName);
      head.scope = "row";
      if (unit.plannedTwice) head.append(" ", el("span", "badge conflict", it.conflict));
      const tr = el("tr", unit.plannedTwice ? "plan-conflict" : "", "", head);
      tr.dataset.unitId = unit.unitId;
      for (let month = 1; month <= 12; month += 1) {
        const td = el("td");
        for (const visit of unit.visits.filter((v) => v.month === month)) td.append(visitBlock(visit, unit));
        tr.append(td);
      }
      return tr;
    }),
  );
  (document.getElementById("plan-empty") as HTMLElement).hidden = data.units.length > 0;
}

function renderUnattached(data: Plan): void {
  if (!ctx) return;
  const box = document.getElementById("plan-unattached") as HTMLElement;
  box.replaceChildren(
    ...data.unattached.map((group) => {
      const list = el("ul", "lead-list");
      for (const lead of group.leads) {
        list.append(
          el(
            "li",
            "",
            "",
            link(leadHref(ctx.lang, lead.id), categories[lead.categoryCode] ?? lead.categoryCode),
            el(
              "span",
              "muted",
              ` · ${fill(it.priority, { n: formatScore(lead.priority, ctx.lang) })} · ${fill(it.reports, { n: lead.reportCount })} · `,
            ),
            timeEl(lead.openedAt),
          ),
        );
      }
      const section = el("section", "unattached-unit", "", el("h3", "", group.unitName), list);
      section.dataset.unitId = group.unitId;
      if (supervisor) {
        const button = el("button", "secondary", fill(pt.createFor, { unit: group.unitName }));
        button.type = "button";
        button.addEventListener("click", () => prefillCreate(group.unitId, group.unitName));
        section.append(button);
      }
      return section;
    }),
  );
  (document.getElementById("unattached-empty") as HTMLElement).hidden = data.unattached.length > 0;
  (document.getElementById("plan-build") as HTMLButtonElement).disabled = data.unattached.length === 0;
}

async function load(): Promise<void> {
  if (!ctx) return;
  const result = await consoleApi<Plan>(`/api/plan?year=${year}`);
  if (!result.ok) {
    alertBox.textContent = problemText(result.failure, ctx.t);
    return;
  }
  plan = result.data;
  renderCalendar(plan);
  renderUnattached(plan);
  renderLeadChoices();
}

// ------------------------------------------------------------ create form

let unitSelect: HTMLSelectElement | null = null;

function renderLeadChoices(): void {
  const list = document.getElementById("create-leads-list") as HTMLElement;
  const unitId = unitSelect?.value ?? "";
  const group = plan?.unattached.find((g) => g.unitId === unitId);
  list.replaceChildren(
    ...(group?.leads ?? []).map((lead) => {
      const input = el("input");
      input.type = "checkbox";
      input.name = "leadIds";
      input.value = lead.id;
      input.id = `create-lead-${lead.id}`;
      input.checked = true;
      const label = el("label", "", `${categories[lead.categoryCode] ?? lead.categoryCode} · ${lead.id}`);
      label.htmlFor = input.id;
      return el("div", "choice", "", input, label);
    }),
  );
  (document.getElementById("create-leads-none") as HTMLElement).hidden = Boolean(group?.leads.length);
}

function prefillCreate(unitId: string, unitName: string): void {
  if (!unitSelect) return;
  presetUnit(unitSelect, unitId, unitName);
  renderLeadChoices();
  void loadTeamChoices();
  (document.getElementById("create-heading") as HTMLElement).focus();
}

// The team picker: one checkbox per staff member for the chosen unit (recused
// ones disabled with a visible note) and a select of the head of team.
const teamStatus = document.getElementById("team-status") as HTMLElement;
const teamList = document.getElementById("create-team") as HTMLElement;
const headSelect = document.getElementById("create-head") as HTMLSelectElement;
let staffFor = "";

async function loadTeamChoices(): Promise<void> {
  if (!ctx) return;
  const unitId = unitSelect?.value ?? "";
  if (unitId === staffFor) return;
  staffFor = unitId;
  const kept = new Set(
    [...teamList.querySelectorAll<HTMLInputElement>("input[name=memberId]:checked")].map((i) => i.value),
  );
  const keptHead = headSelect.value;
  teamList.replaceChildren();
  headSelect.replaceChildren(new Option(pt.headNone, ""));
  if (!unitId) {
    teamStatus.textContent = pt.teamPickUnit;
    return;
  }
  teamStatus.textContent = it.staffLoading;
  const result = await loadStaff(unitId, ctx);
  if (staffFor !== unitId) return; // another unit was chosen meanwhile
  if (!result.ok) {
    teamStatus.textContent = result.text;
    staffFor = "";
    return;
  }
  const selfId = base?.user.id ?? "";
  for (const member of result.items) {
    const input = el("input");
    input.type = "checkbox";
    input.name = "memberId";
    input.value = member.id;
    input.id = `member-${member.id}`;
    input.disabled = member.recused;
    input.checked = !member.recused && kept.has(member.id);
    const label = el("label", "", staffLabel(member, ctx, selfId));
    label.htmlFor = input.id;
    if (member.recused) {
      const note = el("span", "hint recused", ` · ${it.recused}`);
      label.append(note);
    }
    input.addEventListener("change", () => {
      if (!input.checked && headSelect.value === member.id) headSelect.value = "";
    });
    const choice = el("div", "choice", "", input, label);
    choice.dataset.recused = String(member.recused);
    teamList.append(choice);
    const option = new Option(
      member.recused ? `${staffLabel(member, ctx, selfId)} — ${it.recused}` : staffLabel(member, ctx, selfId),
      member.id,
    );
    option.disabled = member.recused;
    headSelect.append(option);
  }
  if (keptHead && result.items.some((m) => m.id === keptHead && !m.recused)) headSelect.value = keptHead;
  const recused = result.items.filter((m) => m.recused).length;
  teamStatus.textContent = result.items.length ? fill(it.staffCount, { n: result.items.length, recused }) : it.noStaff;
}

headSelect.addEventListener("change", () => {
  const box = headSelect.value ? document.getElementById(`member-${headSelect.value}`) : null;
  if (box instanceof HTMLInputElement && !box.disabled) box.checked = true;
});

/** The chosen team: ticked staff as members, the head (ticked or not) as head. */
function chosenTeam(): TeamMemberInput[] {
  const head = headSelect.value;
  const team: TeamMemberInput[] = [
    ...teamList.querySelectorAll<HTMLInputElement>("input[name=memberId]:checked:not(:disabled)"),
  ]
    .filter((input) => input.value !== head)
    .map((input) => ({ userId: input.value, role: "member" }));
  if (head) team.unshift({ userId: head, role: "head" });
  return team;
}

function setupCreate(): void {
  if (!ctx || !supervisor) return;
  const search = unitSearchField(
    { label: pt.unitSearch, hint: pt.unitSearchHint, search: pt.search, choose: pt.unitChoose },
    ctx,
  );
  unitSelect = search.select;
  unitSelect.addEventListener("change", () => {
    renderLeadChoices();
    void loadTeamChoices();
  });
  (document.getElementById("create-unit") as HTMLElement).append(search.root);
  teamStatus.textContent = pt.teamPickUnit;
  createForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const alert = document.getElementById("create-alert") as HTMLElement;
    alert.textContent = "";
    const unitId = unitSelect?.value ?? "";
    const plannedStart = field(createForm, "plannedStart");
    const plannedEnd = field(createForm, "plannedEnd");
    const scope = field(createForm, "scope");
    const fail = (text: string, focus: HTMLElement | null) => {
      alert.textContent = text;
      focus?.focus();
    };
    if (!unitId) return fail(it.unitRequired, search.input);
    if (!plannedStart) return fail(ctx.t.required, document.getElementById("create-start"));
    if (!plannedEnd) return fail(ctx.t.required, document.getElementById("create-end"));
    if (plannedEnd < plannedStart) return fail(it.dateOrder, document.getElementById("create-end"));
    if (!scope) return fail(ctx.t.required, document.getElementById("create-scope"));
    const leadIds = [...createForm.querySelectorAll<HTMLInputElement>("input[name=leadIds]:checked")].map(
      (i) => i.value,
    );
    const team = chosenTeam();
    const payload: InspectionCreateInput = {
      type: field(createForm, "type") as InspectionCreateInput["type"],
      unitId,
      plannedStart,
      plannedEnd,
      scope,
      leadIds,
      team,
    };
    const result = await busy(createForm, () =>
      consoleApi<InspectionDetail>("/api/inspections", { method: "POST", body: payload }),
    );
    if (!result.ok) return fail(problemText(result.failure, ctx.t), null);
    location.assign(inspectionHref(ctx.lang, result.data.id));
  });
  const build = document.getElementById("plan-build") as HTMLButtonElement;
  build.addEventListener("click", async () => {
    alertBox.textContent = "";
    build.disabled = true;
    const result = await consoleApi<PlanBuildResult>(`/api/plan/${year}/build`, { method: "POST" });
    build.disabled = false;
    if (!result.ok) {
      alertBox.textContent = problemText(result.failure, ctx.t);
      return;
    }
    await load();
    statusBox.textContent = fill(it.built, { n: result.data.created.length });
    document.getElementById("plan-calendar")?.parentElement?.focus();
  });
  for (const node of document.querySelectorAll<HTMLElement>("[data-supervisor]")) node.hidden = false;
}

// ------------------------------------------------------------ move and split

function openMove(visit: PlanVisit, unit: PlanUnit, opener: HTMLElement): void {
  pending = { visit, unit, opener };
  moveForm.reset();
  (document.getElementById("move-alert") as HTMLElement).textContent = "";
  (document.getElementById("move-unit") as HTMLElement).textContent = `${it.types[visit.type]} · ${unit.unitName}`;
  (document.getElementById("move-start") as HTMLInputElement).value = visit.plannedStart;
  (document.getElementById("move-end") as HTMLInputElement).value = visit.plannedEnd;
  moveDialog.showModal();
}

async function openSplit(visit: PlanVisit, unit: PlanUnit, opener: HTMLElement): Promise<void> {
  if (!ctx) return;
  const result = await consoleApi<InspectionDetail>(`/api/inspections/${encodeURIComponent(visit.inspectionId)}`);
  if (!result.ok) {
    alertBox.textContent = problemText(result.failure, ctx.t);
    return;
  }
  pending = { visit, unit, opener };
  splitForm.reset();
  (document.getElementById("split-alert") as HTMLElement).textContent = "";
  (document.getElementById("split-unit") as HTMLElement).textContent = `${it.types[visit.type]} · ${unit.unitName}`;
  (document.getElementById("split-leads") as HTMLElement).replaceChildren(
    ...result.data.leads.map((lead) => {
      const input = el("input");
      input.type = "checkbox";
      input.name = "leadIds";
      input.value = lead.id;
      input.id = `split-lead-${lead.id}`;
      const label = el("label", "", `${categories[lead.categoryCode] ?? lead.categoryCode} · ${lead.id}`);
      label.htmlFor = input.id;
      return el("div", "choice", "", input, label);
    }),
  );
  (document.getElementById("split-start") as HTMLInputElement).value = visit.plannedStart;
  (document.getElementById("split-end") as HTMLInputElement).value = visit.plannedEnd;
  splitDialog.showModal();
}

async function submitDialog(
  dialog: HTMLDialogElement,
  form: HTMLFormElement,
  alert: HTMLElement,
  request: () => { path: string; method: string; body: unknown } | string,
  done: string,
): Promise<void> {
  if (!ctx || !pending) return;
  alert.textContent = "";
  const start = field(form, "plannedStart");
  const end = field(form, "plannedEnd");
  if (!start || !end) {
    alert.textContent = ctx.t.required;
    (form.querySelector<HTMLInputElement>(start ? "[name=plannedEnd]" : "[name=plannedStart]") as HTMLElement).focus();
    return;
  }
  if (end < start) {
    alert.textContent = it.dateOrder;
    return;
  }
  const call = request();
  if (typeof call === "string") {
    alert.textContent = call;
    return;
  }
  const result = await busy(form, () => consoleApi(call.path, { method: call.method, body: call.body }));
  if (!result.ok) {
    alert.textContent = problemText(result.failure, ctx.t);
    return;
  }
  pending = null;
  dialog.close();
  await load();
  statusBox.textContent = done;
  document.getElementById("plan-calendar")?.parentElement?.focus();
}

moveForm.addEventListener("submit", (event) => {
  event.preventDefault();
  void submitDialog(
    moveDialog,
    moveForm,
    document.getElementById("move-alert") as HTMLElement,
    () => ({
      path: `/api/inspections/${encodeURIComponent(pending?.visit.inspectionId ?? "")}`,
      method: "PATCH",
      body: { plannedStart: field(moveForm, "plannedStart"), plannedEnd: field(moveForm, "plannedEnd") },
    }),
    it.moved,
  );
});

splitForm.addEventListener("submit", (event) => {
  event.preventDefault();
  void submitDialog(
    splitDialog,
    splitForm,
    document.getElementById("split-alert") as HTMLElement,
    () => {
      const leadIds = [...splitForm.querySelectorAll<HTMLInputElement>("input[name=leadIds]:checked")].map(
        (i) => i.value,
      );
      if (leadIds.length === 0) return it.chooseLeads;
      return {
        path: `/api/inspections/${encodeURIComponent(pending?.visit.inspectionId ?? "")}/split`,
        method: "POST",
        body: { leadIds, plannedStart: field(splitForm, "plannedStart"), plannedEnd: field(splitForm, "plannedEnd") },
      };
    },
    it.split,
  );
});

for (const dialog of [moveDialog, splitDialog]) {
  dialog.querySelector("[data-close]")?.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    if (pending) {
      const { opener } = pending;
      pending = null;
      if (opener.isConnected) opener.focus();
    }
  });
}

if (ctx) {
  setupYear();
  setupCreate();
  await load();
}
