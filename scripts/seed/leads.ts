// SAMPLE DATA, local only: the sample reports placed into leads with the
// Worker's own triage code (bundled by scripts/lib/domain.ts), in the order
// they were received, exactly as `planTriage` (worker/src/services/triage.ts)
// places a report being filed, with the audit events of its row builders
// (worker/src/db/rows). Each lead then gets an invented but consistent
// history (lead-history.ts): who reviewed it, asked the reporter, referred it
// or proposed and approved its dismissal, replayed through the same
// transitions and row builders as the API. Deterministic for a given `now`.
import type { LeadStatus } from "../../worker/src/contracts/leads.ts";
import type { AuditEntry } from "../../worker/src/db/rows/audit.ts";
import type { WorkingCalendar } from "../../worker/src/domain/calendar.ts";
import { type Domain, loadedDomain } from "../lib/domain.ts";
import { iso, stableId } from "./ids.ts";
import { finishHistory, type PlacingLead, pickFate, planSteps, type SeedLead, statusAt } from "./lead-history.ts";
import { reportInsert, type SampleReport, type SeededReport } from "./reports.ts";
import type { IsoDate } from "./rows.ts";
import { createRng, insertOrIgnore, sqlRow } from "./sql.ts";

export type { LeadStep, PlacingLead, SeedLead } from "./lead-history.ts";
export { DISMISSALS } from "./lead-texts.ts";

const DAY_MS = 86_400_000;

/** The working-day calendar from the `holidays` rows, as `loadCalendar` builds it. */
export function calendarFrom(domain: Domain, rows: { date: IsoDate; kind: string }[]): WorkingCalendar {
  return domain.calendar.workingCalendar(
    rows.filter((r) => r.kind === "holiday").map((r) => r.date),
    rows.filter((r) => r.kind === "working_day").map((r) => r.date),
  );
}

/**
 * Places the reports into leads in received order, with `triageReport`,
 * `openLead` and `joinLead`, seeing each lead as it stood when the report
 * arrived (a lead referred or proposed for dismissal by then takes no more
 * reports). Returns the leads with their reports and histories.
 */
export function placeReports(
  domain: Domain,
  reports: readonly SampleReport[],
  { calendar, now, seed = 20250702 }: { calendar: WorkingCalendar; now: Date; seed?: number },
): SeedLead[] {
  const rng = createRng(seed);
  const { triageReport, OPEN_LEAD_STATUSES, CLUSTER_WINDOW_DAYS } = domain.triage;
  const { openLead, joinLead } = domain.plan;
  const ordered = [...reports].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
  const leads: PlacingLead[] = [];
  const openStatuses: readonly LeadStatus[] = OPEN_LEAD_STATUSES;
  for (const sample of ordered) {
    const t = Date.parse(sample.receivedAt);
    const since = t - CLUSTER_WINDOW_DAYS * DAY_MS;
    const openLeads = leads
      .filter(
        (lead) =>
          lead.state.unitId === sample.unitId &&
          openStatuses.includes(statusAt(lead, t)) &&
          Date.parse(lead.state.lastReportAt) >= since,
      )
      .map((lead) => ({
        id: lead.state.id,
        unitId: lead.state.unitId,
        categoryCode: lead.state.categoryCode,
        status: statusAt(lead, t),
        lastReportAt: lead.state.lastReportAt,
        descriptions: lead.reports.map((r) => r.description),
        procedureKeys: lead.reports.map((r) => r.procedureKey),
        officialKeys: lead.reports.map((r) => r.officialKey),
      }));
    const placed = { ...sample, evidenceCount: 0 };
    const triage = triageReport({ ...placed, openLeads });
    const filed = new Date(t);
    // The lead, timeline, messages and status are set below and by finishHistory.
    const report: SeededReport = Object.assign(sample, {
      suggestedCategory: triage.suggestion.code,
      severity: triage.severity.value,
      eligible: triage.specificity.eligible,
      descriptionFolded: triage.text.folded,
      procedureKey: triage.procedureKey,
      officialKey: triage.officialKey,
      leadId: "",
      events: [],
      messages: [],
      status: "received" as const,
      updatedAt: sample.receivedAt,
    });
    const decision = triage.lead;
    if (decision.kind === "join") {
      const lead = leads.find((l) => l.state.id === decision.leadId);
      if (!lead) throw new Error(`Triage joined ${report.trackingCode} to an unknown lead ${decision.leadId}`);
      const before = lead.state;
      // Each sample report is an invented person (no witness key); near-copies still count once.
      const independent = domain.triage.countWitnesses(
        [...lead.reports, sample].map((r) => ({ key: null, receivedAt: r.receivedAt, text: r.description })),
      );
      lead.state = joinLead(before, placed, triage, 0, filed, independent);
      lead.audit.push(
        domain.rows.reportJoinedEvent({
          leadId: lead.state.id,
          trackingCode: report.trackingCode,
          decision,
          before,
          after: lead.state,
          at: iso(t),
        }),
      );
      lead.reports.push(report);
      report.leadId = lead.state.id;
      continue;
    }
    const state = openLead(stableId("lead", report.id), placed, triage, calendar, 0, filed);
    const ageDays = (now.getTime() - t) / DAY_MS;
    const fate = report.fate ?? pickFate(rng, ageDays, report.categoryCode);
    const lead: PlacingLead = { state, fate, reports: [report], audit: [], notes: [], steps: [] };
    lead.steps = planSteps(rng, state, fate, now);
    lead.audit.push(
      domain.rows.leadOpenedEvent({
        leadId: state.id,
        trackingCode: report.trackingCode,
        triage,
        priority: state.priority,
        at: iso(t),
      }),
    );
    report.leadId = state.id;
    leads.push(lead);
  }
  return leads.map((lead) => finishHistory(domain, rng, lead, now));
}

/**
 * SQL for the leads and everything hanging off them, in foreign-key order:
 * leads, reports, report events and messages, internal notes, audit log.
 * Ids derive from the reports', so a second run inserts nothing new.
 */
export function leadsSql(leads: readonly SeedLead[]): string[] {
  const { rows } = loadedDomain();
  const statements = ["-- SAMPLE DATA: leads placed by the Worker's triage code, with an invented history."];
  const reports = leads.flatMap((lead) => lead.reports);
  for (const lead of leads) statements.push(insertOrIgnore("leads", lead.row));
  for (const report of reports) statements.push(reportInsert(report));
  for (const report of reports) {
    report.events.forEach((event, n) => {
      statements.push(
        insertOrIgnore(
          "report_events",
          sqlRow(rows.reportEventRecord(`${report.id}-e${n}`, report.id, event.status, iso(event.at))),
        ),
      );
    });
    report.messages.forEach((message, n) => {
      statements.push(
        insertOrIgnore(
          "report_messages",
          sqlRow(
            rows.messageRecord({
              id: `${report.id}-m${n}`,
              reportId: report.id,
              sender: message.sender,
              authorUserId: message.author_user_id,
              body: message.body,
              at: iso(message.at),
            }),
          ),
        ),
      );
    });
  }
  for (const lead of leads) {
    for (const [n, note] of lead.notes.entries()) {
      statements.push(
        insertOrIgnore("lead_notes", {
          id: stableId("note", lead.row.id, n),
          lead_id: lead.row.id,
          author_id: note.author.id,
          body: note.body,
          at: iso(note.at),
        }),
      );
    }
  }
  for (const lead of leads) {
    for (const [n, entry] of byTime(lead.audit).entries()) {
      statements.push(insertOrIgnore("audit_log", sqlRow(rows.auditRecord(stableId("audit", lead.row.id, n), entry))));
    }
  }
  return statements;
}

/** Audit events in the order they happened (ISO instants sort as text; the sort keeps ties in order). */
export function byTime(entries: readonly AuditEntry[]): AuditEntry[] {
  return [...entries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
