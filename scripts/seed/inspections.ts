// SAMPLE DATA, local only: this year's framework plan and its inspections,
// built from the seeded referred leads with the Worker's own pure rules
// (worker/src/domain/inspections, bundled by scripts/lib/domain.ts):
// `buildPlan` places one scheduled visit per unit, a few surprise and
// verification inspections take the gravest referrals, and each inspection
// is carried as far as its dates allow (planned → in_progress → concluded →
// closed) with the rows and audit entries the API writes (see
// worker/src/db/queries/{inspections-write,inspections,findings,outcomes,measures}.ts):
// findings per attached lead, a conclusion with recommendations and guidance,
// corrective measures moved by `measureTransition` and the cron's
// `escalations`, and the leads and reports `concluded` with their outcome.
// Deterministic for a given `now`; ids derive from units, leads and the year,
// so seeding again inserts no twins.
import type {
  FindingOutcome,
  InspectionStatus,
  InspectionType,
  TeamMemberInput,
} from "../../worker/src/contracts/inspections.ts";
import type { AuditEntry } from "../../worker/src/db/rows/audit.ts";
import type { WorkingCalendar } from "../../worker/src/domain/calendar.ts";
import type { MeasureRequest, MeasureState } from "../../worker/src/domain/inspections/index.ts";
import { type Domain, loadedDomain } from "../lib/domain.ts";
import { DEMO_ACCOUNTS, RECUSED_WARD_ID } from "./accounts.ts";
import { iso, stableId } from "./ids.ts";
import {
  CONCLUSION,
  MEASURES,
  OUTCOMES,
  POSITIONS,
  PUBLIC_SUMMARY,
  REASONING,
  RESPONSES,
  SCOPES,
} from "./inspection-texts.ts";
import { byTime, type SeedLead } from "./leads.ts";
import type { FindingRow, IsoDate, MeasureRow } from "./rows.ts";
import { createRng, insertOrIgnore, sqlRow } from "./sql.ts";
import { UNITS, unitValidOn } from "./units.ts";

/** What becomes of a seeded measure: the transitions and cron runs it goes through. */
type MeasureFate = "open" | "responded" | "verified_on_time" | "verified_late" | "overdue" | "overdue_responded";

/** A moment of a seeded measure's history: a cron run, or a scripted act of a team member. */
type MeasureStep = { at: number; cron: true } | { at: number; cron?: false; action: "respond" | "verify"; by: string };

/** A corrective measure of a seeded inspection: its row, with its creation and last change in ms. */
export type SeedMeasure = Omit<MeasureRow, "created_at" | "updated_at"> & {
  createdAt: number;
  updatedAt: number;
  fate: MeasureFate | null;
};

/** An inspection as placed on the plan, before it is carried through its dates. */
interface PlannedInspection {
  id: string;
  type: InspectionType;
  unitId: string;
  plannedStart: IsoDate;
  plannedEnd: IsoDate;
  /** A scheduled visit moved after its leads came in (`inspection.moved`). */
  moved?: { at: number; before: { plannedStart: IsoDate; plannedEnd: IsoDate } };
  createdAt: number;
  /** When each lead was attached; without it, all were at the creation. */
  attachAt?: (lead: SeedLead) => number;
  leads: SeedLead[];
  /** The status a surprise or verification inspection must show; null: as far as its dates allow. */
  target: Exclude<InspectionStatus, "cancelled"> | null;
}

/** A seeded inspection with its team, history, findings and measures: what `inspectionsSql` writes. */
export interface SeedInspection extends PlannedInspection {
  team: TeamMemberInput[];
  audit: AuditEntry[];
  findings: FindingRow[];
  measures: SeedMeasure[];
  year: number;
  status: InspectionStatus;
  startedAt?: number;
  concludedAt?: number;
  closedAt?: number;
}

/** What `planInspections` returns. */
export interface SeedPlan {
  year: number;
  inspections: SeedInspection[];
  /** Referred leads left for the demo supervisor to plan. */
  unattached: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const CRON_MS = 5 * 60_000;
const HANOI_MS = 7 * HOUR_MS;

const { supervisor, inspector, inspector2 } = DEMO_ACCOUNTS;
const RECUSED_UNITS = new Set([
  RECUSED_WARD_ID,
  ...UNITS.filter((u) => u.parentId === RECUSED_WARD_ID).map((u) => u.id),
]);

/** 08:30 in Hanoi on a Hanoi date, as an instant. */
const morning = (date: IsoDate) => Date.parse(`${date}T00:00:00Z`) - HANOI_MS + 8.5 * HOUR_MS;
const nextTick = (ms: number) => Math.ceil(ms / CRON_MS) * CRON_MS;

/** The `n`-th of `items`, counting round and round. */
function cycle<T>(items: readonly T[], n: number): T {
  const item = items[n % items.length];
  if (item === undefined) throw new Error("cycle over an empty list");
  return item;
}

/** The head of an inspection team (teamFor puts them first). */
function headOf(team: readonly TeamMemberInput[]): string {
  const head = team[0];
  if (!head) throw new Error("an inspection team without a head");
  return head.userId;
}

/** Demo supervisor heads every team (so the demo console sees it all); inspector2 never joins a unit it is tied to. */
function teamFor(unitId: string, n: number): TeamMemberInput[] {
  const team: TeamMemberInput[] = [
    { userId: supervisor.id, role: "head" },
    { userId: inspector.id, role: "member" },
  ];
  if (!RECUSED_UNITS.has(unitId) && n % 2 === 0) team.push({ userId: inspector2.id, role: "member" });
  return team;
}

/**
 * Plans this year's inspections over the seeded `leads` (from placeReports)
 * and carries each one as far as `now` allows. Mutates the leads and reports
 * it concludes (status, outcome, timeline, audit), so call it before
 * `leadsSql`. Returns what `inspectionsSql` writes.
 */
export function planInspections(
  domain: Domain,
  leads: readonly SeedLead[],
  { calendar, now, seed = 20260104 }: { calendar: WorkingCalendar; now: Date; seed?: number },
): SeedPlan {
  const rng = createRng(seed);
  const { buildPlan, measureTransition, escalations } = domain.inspections;
  const { rows } = domain;
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

  let findingCount = 0;
  let measureCount = 0;
  const inspections: SeedInspection[] = planned.map((insp, n) =>
    Object.assign(insp, {
      team: teamFor(insp.unitId, n),
      audit: [],
      findings: [],
      measures: [],
      year: Number(insp.plannedStart.slice(0, 4)),
      status: "planned" as InspectionStatus,
    }),
  );
  for (const [n, insp] of inspections.entries()) {
    insp.audit.push(
      rows.inspectionCreatedEvent(
        supervisor.id,
        {
          id: insp.id,
          type: insp.type,
          unitId: insp.unitId,
          plannedStart: insp.moved?.before.plannedStart ?? insp.plannedStart,
          plannedEnd: insp.moved?.before.plannedEnd ?? insp.plannedEnd,
        },
        insp.team,
        insp.leads.filter((l) => !insp.attachAt || insp.attachAt(l) <= insp.createdAt).map((l) => l.row.id),
        iso(insp.createdAt),
        insp.type === "scheduled" ? { plan: year } : {},
      ),
    );
    if (insp.moved) {
      insp.audit.push(
        rows.inspectionEditedEvent(
          supervisor.id,
          insp.id,
          { moving: true, before: insp.moved.before, after: insp },
          iso(insp.moved.at),
        ),
      );
    }
    for (const lead of insp.leads) {
      const at = insp.attachAt ? insp.attachAt(lead) : insp.createdAt;
      lead.audit.push(rows.leadAttachedEvent(supervisor.id, lead.row.id, insp.id, iso(at)));
      lead.row.updated_at = iso(Math.max(Date.parse(lead.row.updated_at), at));
    }

    const start = morning(insp.plannedStart);
    const end = morning(insp.plannedEnd) + 8 * HOUR_MS;
    const concludeAt =
      morning(addWorkingDays(insp.plannedEnd, insp.type === "surprise" ? 5 : 10, calendar)) + 2 * HOUR_MS;
    const target =
      insp.target ?? (start > nowMs ? "planned" : concludeAt > nowMs - DAY_MS ? "in_progress" : "concluded");
    if (target === "planned") continue;

    insp.status = "in_progress";
    insp.startedAt = start + rng.int(0, 60) * 60_000;
    const head = headOf(insp.team);
    insp.audit.push(rows.inspectionStartedEvent(head, insp.id, iso(insp.startedAt)));
    const concluding = target !== "in_progress";
    const findingLeads = concluding ? insp.leads : insp.leads.slice(0, 1);
    for (const lead of findingLeads) {
      const outcome = cycle(OUTCOMES, findingCount++);
      const recordedAt = Math.min(end + rng.int(1, 72) * HOUR_MS, concluding ? concludeAt - HOUR_MS : nowMs - HOUR_MS);
      const finding: FindingRow = {
        id: stableId("finding", lead.row.id),
        inspection_id: insp.id,
        lead_id: lead.row.id,
        unit_id: lead.row.unit_id,
        outcome,
        reasoning: REASONING[outcome],
        public_summary: PUBLIC_SUMMARY[outcome],
        position:
          outcome === "substantiated" || (outcome === "partly_substantiated" && rng.chance(0.6))
            ? rng.pick(POSITIONS)
            : null,
        recorded_by: rng.chance(0.5) ? inspector.id : head,
        recorded_at: iso(recordedAt),
      };
      insp.findings.push(finding);
      insp.audit.push(
        rows.findingRecordedEvent(finding.recorded_by, insp.id, { leadId: lead.row.id, outcome }, iso(recordedAt)),
      );
    }
    if (!concluding) continue;

    // The conclusion (outcomes.ts concludeInspection).
    const at = concludeAt;
    const concludedDate = hanoiDate(new Date(at));
    // From the id, not the generator, so a re-run names the same measures.
    const h = Number.parseInt(insp.id.slice(0, 2), 16);
    const wanted = insp.type === "scheduled" && insp.leads.length === 0 ? h % 3 : 1 + (h % 3);
    for (let k = 0; k < wanted; k++) {
      const deadline = addWorkingDays(concludedDate, cycle([20, 30, 45], k), calendar);
      insp.measures.push({
        id: stableId("measure", insp.id, k),
        inspection_id: insp.id,
        responsible_unit_id: insp.unitId,
        description: cycle(MEASURES, n + k),
        deadline,
        createdAt: at,
        fate: null,
        // The state below is the measure's history's, set further down.
        status: "open",
        response: null,
        responded_at: null,
        verified_at: null,
        verified_by: null,
        verified_on_time: null,
        overdue_since: null,
        last_escalated_at: null,
        updatedAt: at,
      });
      measureCount++;
    }
    insp.status = insp.measures.length ? "concluded" : "closed";
    insp.concludedAt = at;
    if (!insp.measures.length) insp.closedAt = at;
    insp.audit.push(
      rows.inspectionConcludedEvent(
        head,
        insp.id,
        {
          before: "in_progress",
          after: insp.status,
          leadIds: insp.leads.map((l) => l.row.id),
          measureIds: insp.measures.map((m) => m.id),
        },
        iso(at),
      ),
    );
    for (const m of insp.measures) {
      insp.audit.push(
        rows.measureCreatedEvent(
          head,
          m.id,
          { inspectionId: insp.id, responsibleUnitId: m.responsible_unit_id, deadline: m.deadline },
          iso(at),
        ),
      );
    }
    for (const finding of insp.findings) {
      const lead = leadById(finding.lead_id);
      const before = lead.row.status;
      lead.row.status = "concluded";
      lead.row.overdue_since = null;
      lead.row.updated_at = iso(at);
      lead.audit.push(
        rows.leadConcludedEvent(
          head,
          lead.row.id,
          { before, inspectionId: insp.id, outcome: finding.outcome },
          iso(at),
        ),
      );
      for (const report of lead.reports) {
        report.status = "concluded";
        report.outcome = finding.outcome;
        report.outcomeSummary = finding.public_summary;
        report.events.push({ at, status: "concluded", note: null });
        report.updatedAt = iso(Math.max(Date.parse(report.updatedAt), at));
      }
    }
  }

  // Measures: scripted fates, moved by the domain's own transitions and cron.
  const all = inspections.flatMap((i) => i.measures.map((m) => ({ m, insp: i })));
  const pastFates: MeasureFate[] = [
    "verified_on_time",
    "overdue",
    "verified_late",
    "verified_on_time",
    "overdue_responded",
  ];
  const futureFates: MeasureFate[] = ["open", "responded", "verified_on_time"];
  let past = 0;
  let future = 0;
  for (const { m, insp } of all) {
    const due = Date.parse(domain.inspections.deadlineEnd(m.deadline));
    const isPast = due < nowMs - 3 * DAY_MS;
    m.fate = isPast ? cycle(pastFates, past++) : cycle(futureFates, future++);
    // Surprise and verification inspections meant to show a status keep it.
    if (insp.target === "closed") m.fate = isPast && m.id.charCodeAt(0) % 2 ? "verified_late" : "verified_on_time";
    if (insp.target === "concluded" && m === insp.measures[0]) m.fate = isPast ? "overdue" : "open";
    const created = m.createdAt;
    const actions: MeasureStep[] = [];
    const clamp = (t: number) => Math.min(t, nowMs - HOUR_MS);
    if (m.fate === "verified_on_time" || m.fate === "responded") {
      const respondAt = clamp(created + (due - created) * (0.4 + rng.next() * 0.5));
      actions.push({ at: respondAt, action: "respond", by: inspector.id });
      if (m.fate === "verified_on_time") {
        actions.push({ at: clamp(respondAt + rng.int(1, 6) * DAY_MS), action: "verify", by: headOf(insp.team) });
      }
    } else if (m.fate === "verified_late" || m.fate === "overdue_responded") {
      const respondAt = clamp(due + rng.int(3, 25) * DAY_MS);
      actions.push({ at: respondAt, action: "respond", by: inspector.id });
      if (m.fate === "verified_late")
        actions.push({ at: clamp(respondAt + rng.int(1, 5) * DAY_MS), action: "verify", by: headOf(insp.team) });
    }
    let state: MeasureState = {
      id: m.id,
      status: "open",
      deadline: m.deadline,
      response: null,
      respondedAt: null,
      verifiedAt: null,
      verifiedBy: null,
      verifiedOnTime: null,
      overdueSince: null,
      lastEscalatedAt: null,
    };
    let updated = created;
    // The cron: every 6 hours from the creation, plus each scripted action.
    const ticks: MeasureStep[] = [];
    for (let t = nextTick(created + CRON_MS); t < nowMs; t += 6 * HOUR_MS) ticks.push({ at: t, cron: true });
    const firstOverdueTick = nextTick(due);
    if (firstOverdueTick < nowMs) ticks.push({ at: firstOverdueTick, cron: true });
    const events = [...ticks, ...actions].sort((a, b) => a.at - b.at);
    for (const event of events) {
      if (event.cron) {
        const plan = escalations([state], new Date(event.at), calendar);
        for (const o of plan.overdue) {
          state = { ...state, ...o.patch };
          updated = event.at;
          insp.audit.push(rows.measureOverdueEvent(m.id, o.event, iso(event.at)));
        }
        for (const e of plan.escalated) {
          state = { ...state, ...e.patch };
          insp.audit.push(rows.measureEscalatedEvent(m.id, e, iso(event.at)));
        }
        continue;
      }
      const request: MeasureRequest =
        event.action === "respond"
          ? { action: "respond", response: cycle(RESPONSES, measureCount++) }
          : { action: "verify" };
      const result = measureTransition(
        state,
        request,
        { id: event.by, role: event.by === supervisor.id ? "supervisor" : "inspector" },
        insp.team,
        new Date(event.at),
      );
      if (!result.ok) throw new Error(`Seed measure ${m.id}: ${request.action} refused (${JSON.stringify(result)})`);
      state = { ...state, ...result.patch };
      updated = event.at;
      insp.audit.push(rows.measureActionEvent(event.by, m.id, request.action, result.event, iso(event.at)));
    }
    Object.assign(m, {
      status: state.status,
      response: state.response,
      responded_at: state.respondedAt,
      verified_at: state.verifiedAt,
      verified_by: state.verifiedBy,
      verified_on_time: state.verifiedOnTime,
      overdue_since: state.overdueSince,
      last_escalated_at: state.lastEscalatedAt,
      updatedAt: updated,
    });
  }
  for (const insp of inspections) {
    if (insp.status !== "concluded" || !insp.measures.every((m) => m.status === "verified")) continue;
    const at = Math.max(...insp.measures.map((m) => Date.parse(m.verified_at ?? "")));
    insp.status = "closed";
    insp.closedAt = at;
    insp.audit.push(rows.inspectionClosedEvent(headOf(insp.team), insp.id, insp.measures.length, iso(at)));
  }
  return { year, inspections, unattached: remaining.filter((l) => l.row.status === "referred").length };
}

/** Counts for the seed's output and for checking every type × status and measure state is there. */
export function inspectionStats({ inspections }: Pick<SeedPlan, "inspections">): {
  byTypeStatus: Record<string, number>;
  measures: Record<string, number>;
} {
  const byTypeStatus: Record<string, number> = {};
  const measures: Record<string, number> = {};
  for (const i of inspections) {
    byTypeStatus[`${i.type}/${i.status}`] = (byTypeStatus[`${i.type}/${i.status}`] ?? 0) + 1;
    for (const m of i.measures) {
      const key = m.status === "verified" ? (m.verified_on_time ? "verified_on_time" : "verified_late") : m.status;
      measures[key] = (measures[key] ?? 0) + 1;
    }
  }
  return { byTypeStatus, measures };
}

/** SQL for the inspections, in foreign-key order, INSERT OR IGNORE (leads and reports come first). */
export function inspectionsSql({ inspections }: Pick<SeedPlan, "inspections">): string[] {
  const { rows } = loadedDomain();
  const statements = ["-- SAMPLE DATA: this year's framework plan, inspections, findings and corrective measures."];
  for (const i of inspections) {
    const lastAudit = Math.max(...i.audit.filter((a) => a.targetType === "inspection").map((a) => Date.parse(a.at)));
    statements.push(
      insertOrIgnore("inspections", {
        id: i.id,
        type: i.type,
        unit_id: i.unitId,
        status: i.status,
        year: i.year,
        planned_start: i.plannedStart,
        planned_end: i.plannedEnd,
        scope: SCOPES[i.type],
        created_by: supervisor.id,
        created_at: iso(i.createdAt),
        updated_at: iso(lastAudit),
        started_at: i.startedAt ? iso(i.startedAt) : null,
        conclusion: i.concludedAt ? CONCLUSION.text : null,
        recommendations: i.concludedAt ? CONCLUSION.recommendations : null,
        guidance: i.concludedAt ? CONCLUSION.guidance : null,
        concluded_at: i.concludedAt ? iso(i.concludedAt) : null,
        concluded_by: i.concludedAt ? headOf(i.team) : null,
        closed_at: i.closedAt ? iso(i.closedAt) : null,
      }),
    );
    for (const member of i.team) {
      statements.push(
        insertOrIgnore("inspection_members", { inspection_id: i.id, user_id: member.userId, role: member.role }),
      );
    }
    for (const lead of i.leads) {
      statements.push(insertOrIgnore("inspection_leads", { inspection_id: i.id, lead_id: lead.row.id }));
    }
    for (const f of i.findings) statements.push(insertOrIgnore("findings", f));
    for (const m of i.measures) {
      statements.push(
        insertOrIgnore("measures", {
          id: m.id,
          inspection_id: m.inspection_id,
          responsible_unit_id: m.responsible_unit_id,
          description: m.description,
          deadline: m.deadline,
          status: m.status,
          response: m.response,
          responded_at: m.responded_at,
          verified_at: m.verified_at,
          verified_by: m.verified_by,
          verified_on_time: m.verified_on_time === null ? null : m.verified_on_time,
          overdue_since: m.overdue_since,
          last_escalated_at: m.last_escalated_at,
          created_at: iso(m.createdAt),
          updated_at: iso(m.updatedAt),
        }),
      );
    }
    for (const [n, entry] of byTime(i.audit).entries()) {
      statements.push(
        insertOrIgnore("audit_log", sqlRow(rows.auditRecord(stableId("audit", "inspection", i.id, n), entry))),
      );
    }
  }
  return statements;
}

/** A report whose lead was concluded, preferably substantiated, for the demo receipt. */
export function concludedDemo(
  leads: readonly SeedLead[],
): { trackingCode: string; secret: string; outcome: FindingOutcome | undefined } | undefined {
  const reports = leads.flatMap((l) => l.reports).filter((r) => r.status === "concluded" && r.secret);
  const report = reports.find((r) => r.outcome === "substantiated") ?? reports[0];
  return report ? { trackingCode: report.trackingCode, secret: report.secret, outcome: report.outcome } : undefined;
}
