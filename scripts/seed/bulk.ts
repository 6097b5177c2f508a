// BENCHMARK DATA, local only: a large synthetic case load for `npm run bench`
// (by default the bench asks for 1 000 000 reports over two years), written
// as SQL files of multi-row INSERTs and applied with `wrangler d1 execute
// --local --file`. The shape is meant to be realistic rather than exact:
// units drawn with a long tail (a few busy one-stop shops and departments,
// many quiet communes), most leads of one report and a few large clusters,
// old leads mostly decided (dismissals with their reason codes) and recent
// ones in the queue, some overdue; referred leads taken up by inspections of
// the three types, which start the month after the referral, conclude with a
// finding per lead and corrective measures verified on time, late, or left
// overdue. Priorities come from the Worker's own `rescore`, deadlines from its
// working-day calendar, reporter statuses from its workflow, and the
// inspection, finding and measure rows from the services' row builders
// (worker/src/db/rows, see bulk-inspections.ts). For speed the bulk path
// writes each row's final state at once: no audit trail, timeline or
// messages (rows the API would write, left out; none it would not). The
// statistics rollups are filled by the database's own triggers (migration
// 0008) as the rows go in, as in production.
//
// The demo accounts must exist (the bench seeds the local sample first): they
// review, propose, record findings and verify measures here.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CategoryCode } from "../../worker/src/contracts/categories.ts";
import type { FindingOutcome, InspectionType } from "../../worker/src/contracts/inspections.ts";
import type { DismissalReasonCode, LeadStatus } from "../../worker/src/contracts/leads.ts";
import type { LeadState } from "../../worker/src/domain/lead-plan.ts";
import type { Domain } from "../lib/domain.ts";
import { DEMO_ACCOUNTS } from "./accounts.ts";
import { type BulkInspection, inspectionTables } from "./bulk-inspections.ts";
import { hexId, insertMany, MAX_FILE, ROWS_PER_INSERT, trackingCode } from "./bulk-sql.ts";
import { iso } from "./ids.ts";
import { PUBLIC_SUMMARY, REASONING } from "./inspection-texts.ts";
import { DISMISSALS } from "./leads.ts";
import { TEMPLATES } from "./report-templates.ts";
import { SCRIPTED_ONLY_UNITS } from "./reports.ts";
import type { LeadRow, ReportRow, TableName, Tables } from "./rows.ts";
import { createRng, type Rng, sqlRow } from "./sql.ts";
import { UNITS } from "./units.ts";

/** The lead statuses the bulk data uses (no merges). */
type BulkStatus = Exclude<LeadStatus, "merged">;

/** What `bulkSqlFiles` wrote, by table, and how many files. */
export interface BulkCounts {
  reports: number;
  leads: number;
  inspections: number;
  findings: number;
  measures: number;
  files: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const HANOI_MS = 7 * HOUR_MS;

const { inspector } = DEMO_ACCOUNTS;

/** Report count of a lead: mostly one, a tail of clusters up to 12. */
function clusterSize(rng: Rng): number {
  const roll = rng.next();
  if (roll < 0.75) return 1;
  if (roll < 0.88) return 2;
  if (roll < 0.94) return 3;
  return rng.int(4, 12);
}

function fate(rng: Rng, ageDays: number): BulkStatus {
  if (ageDays < 5) return rng.weighted({ new: 6, in_review: 3, info_requested: 1 });
  if (ageDays < 30)
    return rng.weighted({ new: 1, in_review: 4, info_requested: 2, dismissal_proposed: 1, referred: 2 });
  if (ageDays < 90) {
    return rng.weighted({ in_review: 1, info_requested: 0.5, dismissal_proposed: 0.3, referred: 5, dismissed: 3.5 });
  }
  return rng.weighted({ in_review: 0.1, referred: 5.5, dismissed: 4.4 });
}

const DISMISSAL_WEIGHTS: Record<DismissalReasonCode, number> = {
  not_public_service: 3,
  insufficient_information: 4,
  duplicate: 2,
  outside_jurisdiction: 2,
  handled_elsewhere: 1.5,
  unfounded: 3,
};
const DISMISSAL_TEXT: Partial<Record<DismissalReasonCode, string>> = Object.fromEntries(DISMISSALS);
const OUTCOME_WEIGHTS: Record<FindingOutcome, number> = {
  substantiated: 3,
  partly_substantiated: 2.5,
  not_substantiated: 3,
  could_not_verify: 1.5,
};
/** Share of referred leads an inspection takes up, by inspection type. */
const TAKEN_UP = 0.75;
const TYPE_WEIGHTS: Record<InspectionType, number> = { scheduled: 6, surprise: 2.5, verification: 1.5 };

/** The Hanoi month (0-based count from year 0) of an instant, and the instant that month starts. */
const hanoiMonth = (ms: number) => {
  const d = new Date(ms + HANOI_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};
const monthStartMs = (month: number) => Date.UTC(Math.floor(month / 12), month % 12, 1) - HANOI_MS;

/**
 * Generates the large data set as SQL files in `dir`, yielding each file's
 * path as soon as it is written (apply them in order; the next one is
 * generated while the caller applies the last). Returns the row counts.
 * `domain` is scripts/lib/domain.ts. `batch` (0-9) keeps the ids and
 * tracking codes of several calls on one database apart.
 *
 * @example
 * const files = bulkSqlFiles(await loadDomain(), { dir, reports: 100_000 });
 * let step = files.next();
 * while (!step.done) { executeFile(step.value); step = files.next(); }
 * console.log(step.value); // { reports, leads, inspections, findings, measures, files }
 */
export function* bulkSqlFiles(
  domain: Domain,
  {
    dir,
    reports = 100_000,
    now = new Date(),
    seed = 424242,
    batch = 0,
    reportsPerFile = 100_000,
  }: { dir: string; reports?: number; now?: Date; seed?: number; batch?: number; reportsPerFile?: number },
): Generator<string, BulkCounts, void> {
  const rng = createRng(seed + batch);
  const { rescore } = domain.plan;
  const { REPORTER_STATUS } = domain.workflow;
  const { workingDeadline, addWorkingDays, hanoiDate, DEFAULT_CALENDAR, ACK_WORKING_DAYS, TRIAGE_WORKING_DAYS } =
    domain.calendar;
  const severityOf: Record<CategoryCode, number> = {
    bribery: 4,
    harassment: 3,
    shirking: 2,
    delay: 2,
    neglect: 2,
    conduct: 1,
    other: 1,
  };
  // Long tail: unit i is drawn with weight 1 / (i + 1).
  const units = UNITS.filter((u) => !u.validTo && !SCRIPTED_ONLY_UNITS.has(u.id));
  const order = [...units].sort(() => rng.next() - 0.5);
  const weights = Object.fromEntries(order.map((u, i) => [u.id, 1 / (i + 1)]));
  const nowMs = now.getTime();
  const codeBase = (batch + 1) * 100_000_000;

  let fileCount = 0;
  let statements: string[] = [];
  const counts: BulkCounts = { reports: 0, leads: 0, inspections: 0, findings: 0, measures: 0, files: 0 };
  const rows: { leads: LeadRow[]; reports: ReportRow[] } = { leads: [], reports: [] };
  const write = () => {
    const file = join(dir, `bulk-${batch}-${String(fileCount++).padStart(3, "0")}.sql`);
    writeFileSync(file, `${statements.join("\n")}\n`);
    statements = [];
    counts.files = fileCount;
    return file;
  };
  const flush = (table: "leads" | "reports", force = false) => {
    const pending: (LeadRow | ReportRow)[] = rows[table];
    while (pending.length >= ROWS_PER_INSERT || (force && pending.length)) {
      statements.push(...insertMany(table, pending.splice(0, ROWS_PER_INSERT) as Tables[typeof table][]));
    }
  };

  /** Inspections by unit, start month and type; each takes the leads referred the month before. */
  const inspections = new Map<string, BulkInspection>();
  const inspectionFor = (unitId: string, decidedMs: number): BulkInspection => {
    const type = rng.weighted(TYPE_WEIGHTS);
    const month = hanoiMonth(decidedMs) + 1;
    const key = `${unitId}|${month}|${type}`;
    let insp = inspections.get(key);
    if (!insp) {
      const startDay = rng.int(1, 20);
      const start = hanoiDate(new Date(monthStartMs(month) + startDay * DAY_MS));
      const plannedStart = addWorkingDays(start, 0, DEFAULT_CALENDAR);
      const plannedEnd = addWorkingDays(plannedStart, type === "surprise" ? 1 : 4, DEFAULT_CALENDAR);
      const startedMs = Date.parse(`${plannedStart}T00:00:00Z`) - HANOI_MS + 8.5 * HOUR_MS + rng.int(0, 60) * 60_000;
      const concludeDate = addWorkingDays(plannedEnd, type === "surprise" ? 5 : 10, DEFAULT_CALENDAR);
      const concludedMs = Date.parse(`${concludeDate}T00:00:00Z`) - HANOI_MS + 10 * HOUR_MS;
      const status = startedMs > nowMs ? "planned" : concludedMs > nowMs ? "in_progress" : "concluded";
      insp = {
        id: hexId(2, batch, counts.inspections++),
        type,
        unitId,
        plannedStart,
        plannedEnd,
        createdMs: Math.min(decidedMs + rng.int(2, 72) * HOUR_MS, startedMs - DAY_MS),
        startedMs,
        concludedMs,
        status,
        leads: [],
        findings: [],
      };
      inspections.set(key, insp);
    }
    return insp;
  };

  while (counts.reports < reports) {
    const template = rng.pick(TEMPLATES);
    const unitId = rng.weighted(weights);
    // A third of the load in the last six weeks, the rest over two years.
    const ageDays = rng.chance(0.3) ? rng.next() * 45 : rng.next() * 729;
    const openedMs = nowMs - ageDays * DAY_MS;
    const size = Math.min(clusterSize(rng), reports - counts.reports);
    let status = fate(rng, ageDays);
    const id = hexId(0, batch, counts.leads++);
    const openedAt = iso(openedMs);
    const dueAt = workingDeadline(openedAt, TRIAGE_WORKING_DAYS, DEFAULT_CALENDAR);
    const ackDueAt = workingDeadline(openedAt, ACK_WORKING_DAYS, DEFAULT_CALENDAR);
    // Most leads are acknowledged within a day or two, some after the deadline.
    const ackMs =
      status === "new"
        ? null
        : Math.min(nowMs - HOUR_MS, openedMs + (rng.chance(0.85) ? rng.int(1, 40) : rng.int(41, 200)) * HOUR_MS);
    const decided = status === "referred" || status === "dismissed";
    // A decided lead was acknowledged (ackMs is a number).
    const decidedMs = decided
      ? Math.min(nowMs - HOUR_MS, Math.max(ackMs as number, openedMs + rng.int(1, 20) * DAY_MS))
      : null;
    const proposing = status === "dismissed" || status === "dismissal_proposed";
    const reasonCode = proposing ? rng.weighted(DISMISSAL_WEIGHTS) : null;
    let outcome: FindingOutcome | null = null;
    let settledMs = decidedMs;
    if (status === "referred" && decidedMs !== null && rng.chance(TAKEN_UP)) {
      const insp = inspectionFor(unitId, decidedMs);
      insp.leads.push(id);
      if (insp.status === "concluded") {
        outcome = rng.weighted(OUTCOME_WEIGHTS);
        status = "concluded";
        settledMs = insp.concludedMs;
        insp.findings.push(
          sqlRow(
            domain.rows.findingRecord(
              hexId(3, batch, counts.findings++),
              { inspectionId: insp.id, leadId: id, unitId },
              {
                outcome,
                reasoning: REASONING[outcome],
                publicSummary: PUBLIC_SUMMARY[outcome],
                position: null,
                recordedBy: inspector.id,
                recordedAt: iso(insp.concludedMs - rng.int(2, 96) * HOUR_MS),
              },
            ),
          ),
        );
      }
    }
    let lastMs = openedMs;
    const severity = Math.min(5, severityOf[template.category] + (rng.chance(0.4) ? 1 : 0));
    const businessHarm = template.kind === "business" || rng.chance(0.05);
    for (let k = 0; k < size; k++) {
      const receivedMs = k === 0 ? openedMs : Math.min(nowMs - 60_000, lastMs + rng.next() * 20 * DAY_MS);
      lastMs = Math.max(lastMs, receivedMs);
      const n = counts.reports++;
      rows.reports.push({
        id: hexId(1, batch, n),
        tracking_code: trackingCode(codeBase + n),
        secret_hash: "0".repeat(64),
        track: "anonymous",
        unit_id: unitId,
        category_code: template.category,
        description: template.text(rng),
        reporter_kind: template.kind ?? "citizen",
        status: REPORTER_STATUS[status],
        outcome,
        lead_id: id,
        severity,
        eligible: rng.chance(0.3),
        received_at: iso(receivedMs),
        updated_at: iso(Math.max(settledMs ?? 0, receivedMs)),
        is_sample: 1,
      });
    }
    // The lead columns `rescore` reads (its parameter names the whole lead state).
    const lead: Pick<
      LeadState,
      "severity" | "reportCount" | "independentReports" | "evidenceCount" | "businessHarm" | "openedAt" | "dueAt"
    > = {
      severity,
      reportCount: size,
      // Bulk reporters are all different people.
      independentReports: size,
      evidenceCount: rng.chance(0.2) ? rng.int(1, 4) : 0,
      businessHarm,
      openedAt,
      dueAt,
    };
    const score = rescore(lead as Omit<LeadState, "priority" | "scoreFactors">, 0, new Date(decidedMs ?? nowMs));
    const stillOpen = !decided;
    const ackOverdue = ackMs === null ? Date.parse(ackDueAt) < nowMs : ackMs > Date.parse(ackDueAt);
    const overdue = stillOpen && (Date.parse(dueAt) < nowMs || (ackMs === null && ackOverdue));
    rows.leads.push({
      id,
      unit_id: unitId,
      category_code: template.category,
      status,
      priority: score.priority,
      score_factors: JSON.stringify(score.scoreFactors),
      severity,
      report_count: size,
      independent_reports: size,
      evidence_count: lead.evidenceCount,
      business_harm: businessHarm,
      eligible: rng.chance(0.3),
      opened_at: openedAt,
      last_report_at: iso(lastMs),
      ack_due_at: ackDueAt,
      acknowledged_at: ackMs === null ? null : iso(ackMs),
      due_at: dueAt,
      decided_at: decidedMs ? iso(decidedMs) : null,
      overdue_since: overdue ? (ackMs === null && ackDueAt < dueAt ? ackDueAt : dueAt) : null,
      proposed_by: proposing ? inspector.id : null,
      dismissal_reason: reasonCode ? (DISMISSAL_TEXT[reasonCode] ?? null) : null,
      dismissal_reason_code: reasonCode,
      updated_at: iso(Math.max(settledMs ?? 0, lastMs)),
    });
    flush("leads");
    flush("reports");
    if (counts.reports < reports && counts.reports >= (fileCount + 1) * reportsPerFile) yield write();
  }
  flush("leads", true);
  flush("reports", true);

  const tables = inspectionTables(domain, rng, inspections.values(), { now, batch, counts });
  // In files of about the size of a reports file, so no single run holds them all.
  let bytes = 0;
  for (const [table, list] of Object.entries(tables) as [TableName, Tables[TableName][]][]) {
    for (let i = 0; i < list.length; i += ROWS_PER_INSERT) {
      for (const statement of insertMany(table, list.slice(i, i + ROWS_PER_INSERT))) {
        statements.push(statement);
        bytes += statement.length;
      }
      if (bytes > MAX_FILE) {
        yield write();
        bytes = 0;
      }
    }
  }
  if (statements.length) yield write();
  return counts;
}
