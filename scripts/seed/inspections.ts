// SAMPLE DATA, local only: this year's framework plan and its inspections,
// built from the seeded referred leads with the Worker's own pure rules
// (worker/src/domain/inspections, bundled by scripts/lib/domain.ts): placed
// by inspection-placing.ts, then each carried as far as its dates allow
// (planned → in_progress → concluded → closed) with the rows and audit events
// of the services' row builders (worker/src/db/rows): findings per attached
// lead, a conclusion with recommendations and guidance, corrective measures
// (inspection-measures.ts), and the leads and reports `concluded` with their
// outcome. Deterministic for a given `now`; ids derive from units, leads and
// the year, so seeding again inserts no twins.
import type { FindingOutcome, InspectionStatus, TeamMemberInput } from "../../worker/src/contracts/inspections.ts";
import type { WorkingCalendar } from "../../worker/src/domain/calendar.ts";
import { type Domain, loadedDomain } from "../lib/domain.ts";
import { DEMO_ACCOUNTS, RECUSED_WARD_ID } from "./accounts.ts";
import { iso, stableId } from "./ids.ts";
import { carryMeasures } from "./inspection-measures.ts";
import { cycle, headOf, type SeedInspection, type SeedPlan } from "./inspection-model.ts";
import { morning, placeInspections } from "./inspection-placing.ts";
import { CONCLUSION, MEASURES, OUTCOMES, POSITIONS, PUBLIC_SUMMARY, REASONING, SCOPES } from "./inspection-texts.ts";
import { byTime, type SeedLead } from "./leads.ts";
import type { FindingRow } from "./rows.ts";
import { createRng, insertOrIgnore, sqlRow } from "./sql.ts";
import { UNITS } from "./units.ts";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const { supervisor, inspector, inspector2 } = DEMO_ACCOUNTS;
const RECUSED_UNITS = new Set([
  RECUSED_WARD_ID,
  ...UNITS.filter((u) => u.parentId === RECUSED_WARD_ID).map((u) => u.id),
]);

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
  const { rows } = domain;
  const { addWorkingDays, hanoiDate } = domain.calendar;
  const nowMs = now.getTime();
  const { year, planned, remaining, leadById } = placeInspections(domain, rng, leads, { calendar, now });

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
