// SAMPLE DATA: where this year's inspections go. A few surprise and
// verification inspections take the gravest referrals (the oldest closed or
// concluded, recent ones under way or planned); the Worker's own `buildPlan`
// places one scheduled visit per unit with the other referred leads, and a
// visit whose leads came after its dates is moved to a later week, as a
// supervisor would (`inspection.moved`).
import type { WorkingCalendar } from "../../worker/src/domain/calendar.ts";
import type { Domain } from "../lib/domain.ts";
import { stableId } from "./ids.ts";
import type { PlannedInspection } from "./inspection-model.ts";
import type { SeedLead } from "./leads.ts";
import type { IsoDate } from "./rows.ts";
import type { Rng } from "./sql.ts";
import { UNITS, unitValidOn } from "./units.ts";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const HANOI_MS = 7 * HOUR_MS;

/** 08:30 in Hanoi on a Hanoi date, as an instant. */
export const morning = (date: IsoDate) => Date.parse(`${date}T00:00:00Z`) - HANOI_MS + 8.5 * HOUR_MS;

/** The inspections placed on the plan, before they are carried through their dates. */
export interface Placement {
  year: number;
  planned: PlannedInspection[];
  /** Referred leads left to the framework plan (some stay unattached). */
  remaining: SeedLead[];
  leadById: (id: string) => SeedLead;
}

/** Places this year's inspections over the referred `leads`. */
export function placeInspections(
  domain: Domain,
  rng: Rng,
  leads: readonly SeedLead[],
  { calendar, now }: { calendar: WorkingCalendar; now: Date },
): Placement {
  const { buildPlan } = domain.inspections;
  const { addWorkingDays, hanoiDate } = domain.calendar;
  const nowMs = now.getTime();
  const today = hanoiDate(now);
  const year = Number(today.slice(0, 4));
  const unitValid = (unitId: string) => {
    const unit = UNITS.find((u) => u.id === unitId);
    return unit !== undefined && unit.kind !== "city" && unitValidOn(unit, today);
  };
  // A referred lead always has its decision time.
  const decidedAt = (lead: SeedLead) => lead.row.decided_at ?? "";
  const referred = leads
    .filter((l) => l.row.status === "referred" && unitValid(l.row.unit_id))
    .sort((a, b) => decidedAt(a).localeCompare(decidedAt(b)) || a.row.id.localeCompare(b.row.id));
  const decidedMs = (lead: SeedLead) => Date.parse(decidedAt(lead));

  const planned: PlannedInspection[] = [];
  const taken = new Set<string>();

  // Surprise and verification inspections: one lead each, the oldest
  // referrals closed or concluded, recent ones under way or planned.
  const grave = referred.filter((l) => ["bribery", "harassment", "delay"].includes(l.row.category_code));
  const statuses = ["closed", "concluded", "in_progress", "planned"] as const;
  const minAges = { closed: 200, concluded: 90, in_progress: 8, planned: 0 };
  for (const type of ["verification", "surprise"] as const) {
    for (const status of statuses) {
      const minAge = minAges[status];
      const pool = grave.filter((l) => !taken.has(l.row.id) && nowMs - decidedMs(l) > minAge * DAY_MS);
      const lead = status === "planned" ? pool.at(-1) : status === "in_progress" ? pool.at(-1) : pool[0];
      if (!lead) continue;
      taken.add(lead.row.id);
      let start: IsoDate;
      if (status === "planned") start = addWorkingDays(today, 6 + planned.length, calendar);
      else if (status === "in_progress")
        start = addWorkingDays(hanoiDate(new Date(Math.max(decidedMs(lead), nowMs - 12 * DAY_MS))), 2, calendar);
      else start = addWorkingDays(hanoiDate(new Date(decidedMs(lead))), type === "surprise" ? 3 : 10, calendar);
      planned.push({
        id: stableId("inspection", type, lead.row.id),
        type,
        unitId: lead.row.unit_id,
        plannedStart: start,
        plannedEnd: addWorkingDays(start, type === "surprise" ? 1 : 4, calendar),
        createdAt: Math.max(decidedMs(lead) + rng.int(2, 48) * HOUR_MS, 0),
        leads: [lead],
        target: status,
      });
    }
  }

  // The framework plan: one scheduled visit per unit, referred leads attached.
  const planUnits = UNITS.filter((u) => unitValid(u.id)).map((u) => ({ id: u.id }));
  const remaining = referred.filter((l) => !taken.has(l.row.id));
  const built = buildPlan(
    year,
    planUnits,
    remaining.map((l) => ({
      id: l.row.id,
      unitId: l.row.unit_id,
      priority: l.row.priority,
      openedAt: l.row.opened_at,
    })),
    [],
    { calendar, newId: (unitId) => stableId("inspection", "scheduled", year, unitId) },
  );
  const byId = new Map(leads.map((l) => [l.row.id, l]));
  const leadById = (id: string) => {
    const lead = byId.get(id);
    if (!lead) throw new Error(`Unknown seeded lead ${id}`);
    return lead;
  };
  const planBuiltAt = morning(addWorkingDays(`${year - 1}-12-31`, 2, calendar));
  for (const visit of built.created) {
    let { plannedStart, plannedEnd } = visit;
    let moved: PlannedInspection["moved"];
    const visitLeads = visit.leadIds.map(leadById);
    // A visit whose leads came after its dates was moved by a supervisor to
    // a later week of the year (inspection.moved); if the year has no room
    // left, the late leads wait (visit_under_way).
    const lastDecided = Math.max(0, ...visitLeads.map(decidedMs));
    if (lastDecided >= morning(plannedStart) && morning(plannedStart) < nowMs) {
      const start = addWorkingDays(hanoiDate(new Date(lastDecided)), 5, calendar);
      const end = addWorkingDays(start, 4, calendar);
      if (end.startsWith(`${year}-`)) {
        moved = { at: lastDecided + 2 * HOUR_MS, before: { plannedStart, plannedEnd } };
        plannedStart = start;
        plannedEnd = end;
      }
    }
    const start = morning(plannedStart);
    const attached = visitLeads.filter((l) => start > nowMs || decidedMs(l) < start);
    planned.push({
      id: visit.id,
      type: "scheduled",
      unitId: visit.unitId,
      plannedStart,
      plannedEnd,
      moved,
      createdAt: Math.min(planBuiltAt, nowMs - DAY_MS),
      attachAt: (l) => Math.max(planBuiltAt, decidedMs(l) + HOUR_MS),
      leads: attached,
      target: null,
    });
  }

  return { year, planned, remaining, leadById };
}
