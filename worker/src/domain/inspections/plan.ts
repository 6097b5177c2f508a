import type { InspectionStatus, InspectionType, TeamMemberInput } from "../../contracts/inspections";
import { addWorkingDays, type CalendarInput, DEFAULT_CALENDAR, isWorkingDay } from "../calendar";
import { windowErrors } from "./creation";
import { authorize, type InspectionActor } from "./lifecycle";
import { type AuditEvent, type Failure, fail } from "./result";

/**
 * The framework plan (kế hoạch khung) of a year. New in 2024: one planned
 * visit per unit per year joins specialised and public-service inspection,
 * so a unit does not host team after team, and every referred lead about a
 * unit waits for that one visit instead of triggering its own.
 */

/** A visit on the plan: an inspection of the year, any type. */
export interface PlanVisit {
  id: string;
  type: InspectionType;
  unitId: string;
  status: InspectionStatus;
  plannedStart: string;
  plannedEnd: string;
  leadIds: readonly string[];
  team: readonly TeamMemberInput[];
}

export interface FrameworkPlan {
  year: number;
  visits: readonly PlanVisit[];
}

/** A referred lead not attached to any inspection yet. */
export interface ReferredLead {
  id: string;
  unitId: string;
  priority: number;
  openedAt: string;
}

/** Working days a planned visit lasts by default (one working week). */
export const VISIT_WORKING_DAYS = 5;

export type PlanEvent = AuditEvent<"build" | "split" | "move", Record<string, unknown>>;

/** Why a referred lead was left out of the plan. */
export type UnplacedReason = "visit_under_way" | "year_over";

export interface BuildPlanOptions {
  /** Hanoi date the plan is built on: no visit starts on or before it. Default: plan from 1 January. */
  today?: string;
  calendar?: CalendarInput;
  visitWorkingDays?: number;
  /** Id for a new visit of `unitId` (the route passes a random id). */
  newId?: (unitId: string) => string;
}

export interface BuildPlanResult {
  plan: FrameworkPlan;
  /** New scheduled visits, to insert with their leads attached. */
  created: PlanVisit[];
  /** Leads to attach to existing planned visits. */
  attached: { inspectionId: string; leadIds: string[] }[];
  /** Leads that cannot go on this year's plan, for the supervisor to handle (verification visit, next year). */
  unplaced: { leadId: string; unitId: string; reason: UnplacedReason }[];
  event: PlanEvent;
}

const live = (v: Pick<PlanVisit, "status">) => v.status !== "cancelled";
const monthOf = (date: string) => Number(date.slice(5, 7));

/** The visit's month (1–12), from its planned start. */
export function visitMonth(visit: Pick<PlanVisit, "plannedStart">): number {
  return monthOf(visit.plannedStart);
}

function datesOfMonth(year: number, month: number): string[] {
  const dates: string[] = [];
  for (let day = 1; day <= 31; day++) {
    const date = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    if (new Date(`${date}T00:00:00Z`).toISOString().startsWith(date)) dates.push(date);
  }
  return dates;
}

/**
 * Builds the year's plan from what exists and the referred leads:
 *
 * 1. Every unit in `units`, and every unit a lead is about, gets at most one
 *    live scheduled visit a year. A unit that has one keeps it; its new
 *    leads are attached to it while it is still `planned`. Once the team is
 *    on site the leads are `unplaced` (`visit_under_way`): a supervisor
 *    splits nothing out of a started visit, they order a verification or
 *    wait for next year.
 * 2. Other units get a new visit. All their referred leads are attached by
 *    default: the point of the plan is one visit for all of them.
 * 3. Months: units are taken in order of their leads' total priority
 *    (highest first, then the oldest lead, then the unit id, so the result
 *    is deterministic); a unit without leads comes last. Each takes the
 *    earliest month whose load (existing scheduled visits plus those placed
 *    so far) is below `ceil(total / months)`: urgent units go early, and no
 *    month holds more than an even share, counting visits already planned.
 *    Such a month always exists (if every month were full, the loads would
 *    add up to more than the total).
 * 4. Within a month, the k-th visit starts on working day `5k` (mod the
 *    month's working days) so teams are not all out in the same week; it
 *    lasts `visitWorkingDays` working days, cut at 31/12. Months already
 *    over on `today` are skipped; with no month left the leads are
 *    `unplaced` (`year_over`).
 *
 * @example
 * buildPlan(2026, [{ id: "so-xd" }], [{ id: "L1", unitId: "so-xd", priority: 80, openedAt: "2026-01-05T02:00:00Z" }], [])
 * // created: [{ id: "plan-2026-so-xd", type: "scheduled", unitId: "so-xd", plannedStart: "2026-01-02", leadIds: ["L1"], … }]
 */
export function buildPlan(
  year: number,
  units: readonly { id: string }[],
  referredLeads: readonly ReferredLead[],
  existingInspections: readonly PlanVisit[],
  options: BuildPlanOptions = {},
): BuildPlanResult {
  const calendar = options.calendar ?? DEFAULT_CALENDAR;
  const length = Math.max(1, Math.floor(options.visitWorkingDays ?? VISIT_WORKING_DAYS));
  const newId = options.newId ?? ((unitId: string) => `plan-${year}-${unitId}`);
  const inYear = existingInspections.filter((v) => v.plannedStart.startsWith(`${year}-`));
  const attachedAlready = new Set(existingInspections.flatMap((v) => v.leadIds));
  const scheduledByUnit = new Map<string, PlanVisit>();
  for (const v of inYear)
    if (v.type === "scheduled" && live(v) && !scheduledByUnit.has(v.unitId)) scheduledByUnit.set(v.unitId, v);

  const leadsByUnit = new Map<string, ReferredLead[]>();
  for (const lead of referredLeads) {
    if (attachedAlready.has(lead.id)) continue;
    const list = leadsByUnit.get(lead.unitId) ?? [];
    if (!list.some((l) => l.id === lead.id)) list.push(lead);
    leadsByUnit.set(lead.unitId, list);
  }
  const unitIds = [...new Set([...units.map((u) => u.id), ...leadsByUnit.keys()])];

  const attached: BuildPlanResult["attached"] = [];
  const unplaced: BuildPlanResult["unplaced"] = [];
  const toPlace: { unitId: string; leads: ReferredLead[]; total: number; oldest: string }[] = [];
  for (const unitId of unitIds) {
    const leads = leadsByUnit.get(unitId) ?? [];
    const visit = scheduledByUnit.get(unitId);
    if (visit) {
      if (leads.length === 0) continue;
      if (visit.status === "planned") attached.push({ inspectionId: visit.id, leadIds: leads.map((l) => l.id) });
      else for (const l of leads) unplaced.push({ leadId: l.id, unitId, reason: "visit_under_way" });
      continue;
    }
    const total = leads.reduce((sum, l) => sum + l.priority, 0);
    const oldest = leads.map((l) => l.openedAt).sort()[0] ?? "\uffff";
    toPlace.push({ unitId, leads, total, oldest });
  }
  toPlace.sort(
    (a, b) =>
      Number(b.leads.length > 0) - Number(a.leads.length > 0) ||
      b.total - a.total ||
      a.oldest.localeCompare(b.oldest) ||
      a.unitId.localeCompare(b.unitId),
  );

  // Working days each month still offers.
  const earliest = options.today && options.today >= `${year}-01-01` ? addWorkingDays(options.today, 1, calendar) : "";
  const months = new Map<number, string[]>();
  for (let month = 1; month <= 12; month++) {
    const days = datesOfMonth(year, month).filter((d) => d >= earliest && isWorkingDay(d, calendar));
    if (days.length > 0) months.set(month, days);
  }
  const load = new Map<number, number>([...months.keys()].map((m) => [m, 0]));
  for (const v of scheduledByUnit.values()) {
    const m = visitMonth(v);
    if (load.has(m)) load.set(m, (load.get(m) ?? 0) + 1);
  }
  const existingLoad = [...load.values()].reduce((a, b) => a + b, 0);
  const capacity = Math.ceil((existingLoad + toPlace.length) / Math.max(1, months.size));

  const created: PlanVisit[] = [];
  for (const unit of toPlace) {
    const month = [...months.keys()].find((m) => (load.get(m) ?? 0) < capacity);
    const days = month === undefined ? undefined : months.get(month);
    if (month === undefined || !days) {
      for (const l of unit.leads) unplaced.push({ leadId: l.id, unitId: unit.unitId, reason: "year_over" });
      continue;
    }
    const slot = load.get(month) ?? 0;
    load.set(month, slot + 1);
    const plannedStart = days[(slot * length) % days.length] ?? days[0] ?? `${year}-12-31`;
    const end = addWorkingDays(plannedStart, length - 1, calendar);
    created.push({
      id: newId(unit.unitId),
      type: "scheduled",
      unitId: unit.unitId,
      status: "planned",
      plannedStart,
      plannedEnd: end.startsWith(`${year}-`) ? end : `${year}-12-31`,
      leadIds: unit.leads.map((l) => l.id),
      team: [],
    });
  }

  const attachments = new Map(attached.map((a) => [a.inspectionId, a.leadIds]));
  const visits = [
    ...existingInspections.map((v) => {
      const extra = attachments.get(v.id);
      return extra ? { ...v, leadIds: [...v.leadIds, ...extra] } : v;
    }),
    ...created,
  ];
  return {
    plan: { year, visits },
    created,
    attached,
    unplaced,
    event: {
      action: "build",
      before: { visits: existingInspections.length },
      after: {
        year,
        created: created.map((v) => ({ unitId: v.unitId, month: visitMonth(v), leadIds: v.leadIds })),
        attached,
        unplaced: unplaced.map((u) => u.leadId),
      },
    },
  };
}

/**
 * Units with more than one live scheduled visit in the plan's year. The plan
 * view flags them: a split visit is flagged too, on purpose, because the
 * rule exists so a unit hosts as few teams as possible, and a second visit
 * should stay visible to whoever reads the plan.
 *
 * @example
 * planConflicts({ year: 2026, visits: [a, b] }) // [{ unitId: "so-xd", visitIds: ["a", "b"] }] when both are scheduled
 */
export function planConflicts(plan: FrameworkPlan): { unitId: string; visitIds: string[] }[] {
  const byUnit = new Map<string, string[]>();
  for (const v of plan.visits) {
    if (v.type !== "scheduled" || !live(v) || !v.plannedStart.startsWith(`${plan.year}-`)) continue;
    byUnit.set(v.unitId, [...(byUnit.get(v.unitId) ?? []), v.id]);
  }
  return [...byUnit]
    .filter(([, ids]) => ids.length > 1)
    .map(([unitId, visitIds]) => ({ unitId, visitIds }))
    .sort((a, b) => a.unitId.localeCompare(b.unitId));
}

export type PlanChange = { ok: true; plan: FrameworkPlan; visit: PlanVisit; event: PlanEvent } | Failure;

function findVisit(plan: FrameworkPlan, visitId: string): PlanVisit | undefined {
  return plan.visits.find((v) => v.id === visitId);
}

/**
 * Splits a planned visit: a second visit of the same unit, same type and
 * same team (to be edited), takes `leadIds`. At least one lead must stay, or
 * this is a move. Failures: `not_found` (no such visit: a 404), illegal when
 * not planned, forbidden for anyone but a supervisor, invalid at
 * `/leadIds/<i>` (not attached here, or twice), `/leadIds` (all of them) or
 * the window (it must stay in the plan year).
 *
 * @example
 * splitVisit(plan, "v1", { leadIds: ["L2"], plannedStart: "2026-09-07", plannedEnd: "2026-09-11" }, sup, "v2")
 * // { ok: true, plan, visit: { id: "v2", leadIds: ["L2"], … }, event: { action: "split", … } }
 */
export function splitVisit(
  plan: FrameworkPlan,
  visitId: string,
  request: { leadIds: readonly string[]; plannedStart: string; plannedEnd: string },
  actor: InspectionActor,
  newId: string,
): PlanChange {
  const visit = findVisit(plan, visitId);
  if (!visit) return fail("invalid", "not_found");
  const allowed = authorize(visit, "split", actor);
  if (!allowed.ok) return allowed;
  const pointers: string[] = [];
  const seen = new Set<string>();
  request.leadIds.forEach((leadId, index) => {
    if (!visit.leadIds.includes(leadId) || seen.has(leadId)) pointers.push(`/leadIds/${index}`);
    seen.add(leadId);
  });
  if (request.leadIds.length === 0 || (pointers.length === 0 && visit.leadIds.every((id) => seen.has(id)))) {
    pointers.push("/leadIds");
  }
  pointers.push(...windowErrors(request.plannedStart, request.plannedEnd, plan.year));
  if (pointers.length > 0) return fail("invalid", "missing_or_invalid", pointers);

  const created: PlanVisit = {
    id: newId,
    type: visit.type,
    unitId: visit.unitId,
    status: "planned",
    plannedStart: request.plannedStart,
    plannedEnd: request.plannedEnd,
    leadIds: [...request.leadIds],
    team: [...visit.team],
  };
  const remaining = visit.leadIds.filter((id) => !seen.has(id));
  return {
    ok: true,
    plan: {
      year: plan.year,
      visits: [...plan.visits.map((v) => (v.id === visitId ? { ...v, leadIds: remaining } : v)), created],
    },
    visit: created,
    event: {
      action: "split",
      before: { inspectionId: visitId, leadIds: [...visit.leadIds] },
      after: { inspectionId: visitId, leadIds: remaining, newInspectionId: newId, movedLeadIds: created.leadIds },
    },
  };
}

/**
 * Moves a visit to a new window (a supervisor, before the conclusion).
 * A visit under way keeps its start date (the team is on site; the start is
 * history) and may only move its end. The window must be real dates, end
 * not before start (invalid); leaving the plan year is illegal (a 409): the
 * visit belongs to this year's plan, and next year's plan is built anew.
 *
 * @example
 * moveVisit(plan, "v1", { plannedStart: "2026-10-05", plannedEnd: "2026-10-09" }, sup)
 * // { ok: true, plan, visit: { plannedStart: "2026-10-05", … }, event: { action: "move", before: { month: 3, … }, … } }
 */
export function moveVisit(
  plan: FrameworkPlan,
  visitId: string,
  window: { plannedStart: string; plannedEnd: string },
  actor: InspectionActor,
): PlanChange {
  const visit = findVisit(plan, visitId);
  if (!visit) return fail("invalid", "not_found");
  const allowed = authorize(visit, "move", actor);
  if (!allowed.ok) return allowed;
  const pointers = windowErrors(window.plannedStart, window.plannedEnd);
  if (
    visit.status === "in_progress" &&
    window.plannedStart !== visit.plannedStart &&
    !pointers.includes("/plannedStart")
  ) {
    pointers.unshift("/plannedStart");
  }
  if (pointers.length > 0)
    return fail("invalid", visit.status === "in_progress" ? "started" : "missing_or_invalid", pointers);
  if (!window.plannedStart.startsWith(`${plan.year}-`)) return fail("illegal", "leaves_year");

  const moved: PlanVisit = { ...visit, plannedStart: window.plannedStart, plannedEnd: window.plannedEnd };
  return {
    ok: true,
    plan: { year: plan.year, visits: plan.visits.map((v) => (v.id === visitId ? moved : v)) },
    visit: moved,
    event: {
      action: "move",
      before: { plannedStart: visit.plannedStart, plannedEnd: visit.plannedEnd, month: visitMonth(visit) },
      after: { plannedStart: moved.plannedStart, plannedEnd: moved.plannedEnd, month: visitMonth(moved) },
    },
  };
}
