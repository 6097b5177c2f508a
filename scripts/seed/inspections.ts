// SAMPLE DATA, local only: this year's framework plan and its inspections,
// built from the seeded referred leads with the Worker's own pure rules
// (worker/src/domain/inspections, bundled by scripts/lib/domain.ts):
// `buildPlan` places one scheduled visit per unit, a few surprise and
// verification inspections take the gravest referrals, and each inspection
// is carried as far as its dates allow (planned → in_progress → concluded →
// closed) with the rows and audit events of the services' row builders
// (worker/src/db/rows): findings per attached lead, a conclusion with recommendations and guidance,
// corrective measures (inspection-measures.ts), and the leads and reports `concluded` with their outcome.
// Deterministic for a given `now`; ids derive from units, leads and the year,
// so seeding again inserts no twins.
import type { FindingOutcome, InspectionStatus, TeamMemberInput } from "../../worker/src/contracts/inspections.ts";
import type { WorkingCalendar } from "../../worker/src/domain/calendar.ts";
import { type Domain, loadedDomain } from "../lib/domain.ts";
import { DEMO_ACCOUNTS, RECUSED_WARD_ID } from "./accounts.ts";
import { iso, stableId } from "./ids.ts";
import { carryMeasures } from "./inspection-measures.ts";
import { cycle, headOf, type PlannedInspection, type SeedInspection, type SeedPlan } from "./inspection-model.ts";
import { CONCLUSION, MEASURES, OUTCOMES, POSITIONS, PUBLIC_SUMMARY, REASONING, SCOPES } from "./inspection-texts.ts";
import { byTime, type SeedLead } from "./leads.ts";
import type { FindingRow, IsoDate } from "./rows.ts";
import { createRng, insertOrIgnore, sqlRow } from "./sql.ts";
import { UNITS, unitValidOn } from "./units.ts";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const HANOI_MS = 7 * HOUR_MS;

const { supervisor, inspector, inspector2 } = DEMO_ACCOUNTS;
const RECUSED_UNITS = new Set([
  RECUSED_WARD_ID,
  ...UNITS.filter((u) => u.parentId === RECUSED_WARD_ID).map((u) => u.id),
]);

/** 08:30 in Hanoi on a Hanoi date, as an instant. */
const morning = (date: IsoDate) => Date.parse(`${date}T00:00:00Z`) - HANOI_MS + 8.5 * HOUR_MS;

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
  const { buildPlan } = domain.inspections;
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
      const position =
        outcome === "substantiated" || (outcome === "partly_substantiated" && rng.chance(0.6))
          ? rng.pick(POSITIONS)
          : null;
      const finding: FindingRow = sqlRow(
        rows.findingRecord(
          stableId("finding", lead.row.id),
          { inspectionId: insp.id, leadId: lead.row.id, unitId: lead.row.unit_id },
          {
            outcome,
            reasoning: REASONING[outcome],
            publicSummary: PUBLIC_SUMMARY[outcome],
            position,
            recordedBy: rng.chance(0.5) ? inspector.id : head,
            recordedAt: iso(recordedAt),
          },
        ),
      );
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

  carryMeasures(domain, rng, inspections, { calendar, now, responses: measureCount });
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
        ...sqlRow(
          rows.inspectionRecord(
            {
              id: i.id,
              type: i.type,
              unitId: i.unitId,
              plannedStart: i.plannedStart,
              plannedEnd: i.plannedEnd,
              scope: SCOPES[i.type],
            },
            supervisor.id,
            iso(i.createdAt),
          ),
        ),
        // What its history set since: as startInspection, concludeInspection and the last verified measure set it.
        status: i.status,
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
          ...sqlRow(
            rows.measureRecord(
              m.id,
              m.inspection_id,
              {
                responsibleUnitId: m.responsible_unit_id,
                description: m.description,
                deadline: m.deadline,
                status: "open",
              },
              iso(m.createdAt),
            ),
          ),
          // Its state since: moved by measureTransition and the cron (inspection-measures.ts).
          status: m.status,
          response: m.response,
          responded_at: m.responded_at,
          verified_at: m.verified_at,
          verified_by: m.verified_by,
          verified_on_time: m.verified_on_time,
          overdue_since: m.overdue_since,
          last_escalated_at: m.last_escalated_at,
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
