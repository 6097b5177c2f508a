import type { Measure } from "../../../../worker/src/contracts/inspections";
import type { LeadEvent } from "../../../../worker/src/contracts/leads";
import type { StaffList, StaffMember } from "../../../../worker/src/contracts/staff";
import type { UnitList } from "../../../../worker/src/contracts/units";
import type { Dict } from "../../i18n";
import { fill } from "../strings";
import { type ConsoleStrings, consoleApi, problemText } from "./api";
import { busy, el, link, timeEl } from "./dom";
import { inspectionHref } from "./routes";

/** Texts of the inspection pages' scripts (from `data-insp` on the page's root). */
export type InspStrings = Dict["console"]["inspections"]["client"];

/** Everything the helpers below need to know about the page. */
export interface InspContext {
  t: ConsoleStrings;
  it: InspStrings;
  lang: "vi" | "en";
}

/** Reads the inspection texts serialized into `data-insp`. */
export function readInsp(root: HTMLElement): InspStrings {
  return JSON.parse(root.dataset.insp ?? "{}") as InspStrings;
}

/** `YYYY-MM-DD` (a Hanoi calendar day) as `dd/mm/yyyy` in a `<time>`. */
export function dayEl(day: string): HTMLTimeElement {
  const node = document.createElement("time");
  node.dateTime = day;
  const [y, m, d] = day.split("-");
  node.textContent = `${d}/${m}/${y}`;
  return node;
}

/** "01/03/2026 – 05/03/2026" as nodes. */
export function windowEl(from: string, to: string, it: InspStrings): HTMLElement {
  const span = el("span", "nowrap");
  const [before, middle] = it.window.split("{from}");
  const [between, after] = (middle ?? "").split("{to}");
  span.append(before ?? "", dayEl(from), between ?? "", dayEl(to), after ?? "");
  return span;
}

let uid = 0;

/**
 * A unit search: a search box, a Search button and a `<select>` of the
 * matches (`GET /api/units?q=`). Enter in the box searches instead of
 * submitting the form; the count of matches is announced.
 */
export function unitSearchField(
  labels: { label: string; hint: string; search: string; choose: string },
  ctx: InspContext,
  name = "unitId",
): { root: HTMLElement; select: HTMLSelectElement; input: HTMLInputElement } {
  uid += 1;
  const base = `unit-search-${uid}`;
  const input = el("input");
  input.type = "search";
  input.id = `${base}-q`;
  input.maxLength = 100;
  input.autocomplete = "off";
  const hint = el("p", "hint", labels.hint);
  hint.id = `${base}-hint`;
  if (labels.hint) input.setAttribute("aria-describedby", hint.id);
  const button = el("button", "secondary", labels.search);
  button.type = "button";
  const select = el("select");
  select.id = `${base}-select`;
  select.name = name;
  select.required = true;
  select.append(new Option(labels.choose, ""));
  const live = el("p", "hint");
  live.setAttribute("role", "status");
  const label = el("label", "", labels.label);
  label.htmlFor = input.id;
  const chooseLabel = el("label", "visually-hidden", labels.choose);
  chooseLabel.htmlFor = select.id;

  async function run(): Promise<void> {
    const q = input.value.trim();
    if (!q) return;
    button.disabled = true;
    const result = await consoleApi<UnitList>(`/api/units?q=${encodeURIComponent(q)}&limit=30`);
    button.disabled = false;
    if (!result.ok) {
      live.textContent = problemText(result.failure, ctx.t);
      return;
    }
    const items = result.data.items;
    select.replaceChildren(
      new Option(labels.choose, ""),
      ...items.map((unit) => new Option(`${unit.name} (${ctx.t.unitKinds[unit.kind]})`, unit.id)),
    );
    const before = select.value;
    if (items.length === 1 && items[0]) select.value = items[0].id;
    if (select.value !== before) select.dispatchEvent(new Event("change"));
    live.textContent = items.length ? fill(ctx.it.unitsFound, { n: items.length }) : ctx.it.noUnits;
  }
  button.addEventListener("click", () => void run());
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      void run();
    }
  });
  const row = el("div", "search-row", "", input, button);
  const root = el(
    "div",
    "field unit-search",
    "",
    label,
    ...(labels.hint ? [hint] : []),
    row,
    chooseLabel,
    select,
    live,
  );
  return { root, select, input };
}

/**
 * Inspectors and supervisors with their recusal from `unitId`
 * (`GET /api/staff?unitId=`), or the failure as text.
 */
export async function loadStaff(
  unitId: string,
  ctx: InspContext,
): Promise<{ ok: true; items: StaffMember[] } | { ok: false; text: string }> {
  const result = await consoleApi<StaffList>(`/api/staff?unitId=${encodeURIComponent(unitId)}`);
  return result.ok ? { ok: true, items: result.data.items } : { ok: false, text: problemText(result.failure, ctx.t) };
}

/** "Nguyễn Văn An · Cán bộ kiểm tra", with "(bạn)" for the signed-in user. */
export function staffLabel(member: StaffMember, ctx: InspContext, selfId = ""): string {
  const name = member.id === selfId ? `${member.displayName} ${ctx.it.you}` : member.displayName;
  return `${name} · ${ctx.t.roles[member.role]}`;
}

/** Puts one known unit into a unit search's select and chooses it. */
export function presetUnit(select: HTMLSelectElement, id: string, name: string): void {
  if (![...select.options].some((option) => option.value === id)) select.append(new Option(name, id));
  select.value = id;
}

/** One line about an audit event: what, who, when, and the status change or reason if any. */
export function historyList(events: LeadEvent[], ctx: InspContext): HTMLOListElement {
  const list = el("ol", "timeline");
  const actions = ctx.it.actions as Record<string, string>;
  const leadActions = ctx.t.actions as Record<string, string>;
  for (const event of events) {
    const meta = el("p", "meta", "", timeEl(event.at, true), ` · ${event.actor ?? ctx.t.system}`);
    const item = el(
      "li",
      "",
      "",
      meta,
      el("p", "", actions[event.action] ?? leadActions[event.action] ?? event.action),
    );
    const s = event.summary as {
      before?: { status?: string };
      after?: { status?: string; reason?: string; response?: string };
      reason?: string;
    };
    const statuses = { ...ctx.it.measureStatuses, ...ctx.it.statuses } as Record<string, string>;
    const parts: string[] = [];
    if (s.before?.status && s.after?.status && s.before.status !== s.after.status)
      parts.push(
        fill(ctx.t.before, {
          from: statuses[s.before.status] ?? s.before.status,
          to: statuses[s.after.status] ?? s.after.status,
        }),
      );
    const reason = s.after?.reason ?? s.reason;
    if (typeof reason === "string" && reason) parts.push(fill(ctx.t.reason, { text: reason }));
    if (parts.length) item.append(el("p", "muted", parts.join(" · ")));
    list.append(item);
  }
  return list;
}

/** The status of a measure as a badge; overdue is red. */
export function measureBadge(measure: Measure, it: InspStrings): HTMLElement {
  return el("span", `badge m-${measure.status}`, it.measureStatuses[measure.status]);
}

/**
 * A corrective measure with its facts, history and the forms staff use on it:
 * record the unit's response (open or overdue), verify or reject a response.
 * `onChange` receives the updated measure after a successful action.
 */
export function measureCard(
  measure: Measure,
  ctx: InspContext,
  onChange: (updated: Measure, message: string) => void,
  options: { linkInspection?: boolean; headingLevel?: "h3" | "h4" } = {},
): HTMLElement {
  const { t, it } = ctx;
  const headingId = `measure-${measure.id}-heading`;
  const heading = el(options.headingLevel ?? "h3", "", measure.description);
  heading.id = headingId;
  heading.tabIndex = -1;
  const card = el("article", `measure${measure.status === "overdue" ? " overdue" : ""}`, "", heading);
  card.id = `measure-${measure.id}`;
  card.dataset.measureId = measure.id;
  card.dataset.status = measure.status;
  card.setAttribute("aria-labelledby", headingId);
  const facts = el("dl", "codes");
  const pair = (term: string, value: string | Node) => {
    const dd = el("dd");
    dd.append(value);
    facts.append(el("dt", "", term), dd);
  };
  const status = el("span", "", "", measureBadge(measure, it));
  if (measure.overdueSince) status.append(" ", withTime(it.overdueSince, measure.overdueSince));
  pair(it.statusLabel, status);
  pair(it.responsibleUnit, measure.responsibleUnitName);
  pair(it.deadline, dayEl(measure.deadline));
  if (options.linkInspection)
    pair(it.inspection, link(inspectionHref(ctx.lang, measure.inspectionId), it.types[measure.inspectionType]));
  if (measure.response) {
    const response = el("dd", "text", measure.response);
    facts.append(el("dt", "", it.response), response);
  }
  if (measure.respondedAt) pair("", withTime(it.respondedAt, measure.respondedAt));
  if (measure.verifiedAt) {
    const verified = withTime(it.verifiedAt, measure.verifiedAt);
    if (measure.verifiedOnTime !== null)
      verified.append(` · ${measure.verifiedOnTime ? it.verifiedOnTime : it.verifiedLate}`);
    pair("", verified);
  }
  if (measure.lastEscalatedAt) pair("", withTime(it.escalated, measure.lastEscalatedAt));
  for (const dt of facts.querySelectorAll("dt")) if (!dt.textContent) dt.remove();
  card.append(facts);

  const details = el("details", "history", "", el("summary", "", it.history), historyList(measure.history, ctx));
  card.append(details);

  const alert = el("div", "alert");
  alert.setAttribute("role", "alert");
  const path = `/api/measures/${encodeURIComponent(measure.id)}`;
  async function act(form: HTMLFormElement, action: string, body: unknown, done: string): Promise<void> {
    alert.textContent = "";
    const result = await busy(form, () => consoleApi<Measure>(`${path}/${action}`, { method: "POST", body }));
    if (!result.ok) {
      alert.textContent = problemText(result.failure, t);
      return;
    }
    onChange(result.data, done);
  }

  if (measure.status === "open" || measure.status === "overdue") {
    const form = textForm("measure-response-form", `m-${measure.id}-response`, it.response, it.recordResponse, 10_000);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = (form.elements.namedItem("response") as HTMLTextAreaElement).value.trim();
      if (!text) return required(form, alert, t);
      void act(form, "response", { response: text }, it.responded);
    });
    card.append(form);
  }
  if (measure.status === "responded") {
    const verifyForm = el("form", "measure-verify-form");
    const verify = el("button", "", it.verify);
    verify.type = "submit";
    verify.dataset.action = "verify";
    verifyForm.append(verify);
    verifyForm.addEventListener("submit", (event) => {
      event.preventDefault();
      void act(verifyForm, "verify", undefined, it.verified);
    });
    const reject = textForm(
      "measure-reject-form",
      `m-${measure.id}-reject`,
      it.rejectReason,
      it.reject,
      2000,
      "reason",
    );
    const rejectButton = reject.querySelector("button") as HTMLButtonElement;
    rejectButton.className = "secondary";
    rejectButton.dataset.action = "reject";
    reject.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = (reject.elements.namedItem("reason") as HTMLTextAreaElement).value.trim();
      if (!text) return required(reject, alert, t);
      void act(reject, "reject", { reason: text }, it.rejected);
    });
    card.append(verifyForm, reject);
  }
  card.append(alert);
  return card;
}

function withTime(template: string, iso: string): HTMLElement {
  const [before, after] = template.split("{at}");
  return el("span", "", before ?? "", timeEl(iso, true), after ?? "");
}

function required(form: HTMLFormElement, alert: HTMLElement, t: ConsoleStrings): void {
  alert.textContent = t.required;
  form.querySelector("textarea")?.focus();
}

/** A form with one labelled textarea and a submit button. */
export function textForm(
  className: string,
  id: string,
  label: string,
  submit: string,
  max: number,
  name = "response",
): HTMLFormElement {
  const form = el("form", className);
  form.noValidate = true;
  const area = el("textarea");
  area.id = id;
  area.name = name;
  area.rows = 3;
  area.maxLength = max;
  area.required = true;
  const labelEl = el("label", "", label);
  labelEl.htmlFor = id;
  const button = el("button", "", submit);
  button.type = "submit";
  form.append(el("div", "field", "", labelEl, area), button);
  return form;
}
