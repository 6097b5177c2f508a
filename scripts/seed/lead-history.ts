// SAMPLE DATA: the invented history of a seeded lead (leads.ts places the
// reports). Each step is a workflow transition decided by the Worker's own
// `transition` (worker/src/domain/workflow.ts) or the reporter's answer, and
// what it writes comes from the services' row builders (worker/src/db/rows):
// the lead's columns folded from each transition's patch, the audit events,
// the reporters' timelines and messages. Only the cron's re-score and the
// overdue mark are applied here as the cron job applies them.
import type { CategoryCode } from "../../worker/src/contracts/categories.ts";
import type { DismissalReasonCode, LeadStatus } from "../../worker/src/contracts/leads.ts";
import type { AuditEntry } from "../../worker/src/db/rows/audit.ts";
import type { LeadState } from "../../worker/src/domain/lead-plan.ts";
import type { WorkflowAction } from "../../worker/src/domain/workflow.ts";
import type { Domain } from "../lib/domain.ts";
import { DEMO_ACCOUNTS, type DemoAccount, RECUSED_WARD_ID } from "./accounts.ts";
import { iso } from "./ids.ts";
import { DISMISSALS, NOTES, QUESTIONS, REPLIES } from "./lead-texts.ts";
import type { LeadFate, SeededReport } from "./reports.ts";
import type { LeadRow } from "./rows.ts";
import { type Rng, sqlRow } from "./sql.ts";
import { UNITS } from "./units.ts";

/** One step of a lead's invented history: a workflow transition at `at` (ms) by a demo account, or the reporter's reply. */
export interface LeadStep {
  action: WorkflowAction;
  to: LeadStatus;
  at: number;
  /** Null for the reporter's answer that resumes a lead. */
  actor: DemoAccount | null;
  reason?: string;
  reasonCode?: DismissalReasonCode;
  reply?: string;
}

/** A lead as `placeReports` builds it while the reports arrive; its audit trail as the services' row builders make it. */
export interface PlacingLead {
  state: LeadState;
  fate: LeadFate;
  reports: SeededReport[];
  steps: LeadStep[];
  audit: AuditEntry[];
  notes: { author: DemoAccount; body: string; at: number }[];
}

/** A placed lead with its history, and the `leads` row it becomes (inspections.ts may still conclude it). */
export interface SeedLead extends PlacingLead {
  row: LeadRow;
}

const HOUR_MS = 3_600_000;
/** The cron runs every 5 minutes (wrangler.toml): an overdue mark lands on the next tick. */
const CRON_MS = 5 * 60_000;

const { supervisor, inspector } = DEMO_ACCOUNTS;
/** inspector2 is tied to this ward and its sub-units: they never act on its leads. */
const RECUSED_UNITS = new Set([
  RECUSED_WARD_ID,
  ...UNITS.filter((u) => u.parentId === RECUSED_WARD_ID).map((u) => u.id),
]);

const DECIDED = new Set<LeadStatus>(["referred", "dismissed", "merged"]);

/** What becomes of a lead opened `ageDays` ago: older leads are mostly decided. */
export function pickFate(rng: Rng, ageDays: number, category: CategoryCode): LeadFate {
  const weights: Partial<Record<LeadFate, number>> =
    ageDays < 4
      ? { new: 6, in_review: 3, info_requested: 1 }
      : ageDays < 20
        ? { new: 2, in_review: 4, info_requested: 2, dismissal_proposed: 0.6, referred: 1 }
        : ageDays < 60
          ? { new: 0.5, in_review: 1.5, info_requested: 1, dismissal_proposed: 0.5, referred: 4, dismissed: 3 }
          : { in_review: 0.4, dismissal_proposed: 0.1, referred: 5.5, dismissed: 4 };
  const grave = category === "bribery" || category === "harassment";
  const light = category === "conduct" || category === "other";
  if (weights.referred) weights.referred *= grave ? 1.5 : light ? 0.6 : 1;
  if (weights.dismissed) weights.dismissed *= grave ? 0.6 : light ? 1.5 : 1;
  return rng.weighted(weights);
}

/** Who does the queue work on a lead: never someone recused from its unit. */
function worker(rng: Rng, unitId: string): DemoAccount {
  const pool = RECUSED_UNITS.has(unitId)
    ? { inspector: 3, supervisor: 1 }
    : { inspector: 3, inspector2: 2, supervisor: 1 };
  return DEMO_ACCOUNTS[rng.weighted(pool)];
}

/**
 * The steps of a lead's history, as workflow transitions with a time and an
 * actor, squeezed to end before `now` when the lead is recent.
 */
export function planSteps(rng: Rng, lead: LeadState, fate: LeadFate, now: Date): LeadStep[] {
  const t0 = Date.parse(lead.openedAt);
  const steps: LeadStep[] = [];
  if (fate === "new") return steps;
  const by = worker(rng, lead.unitId);
  let t = t0 + rng.int(2, 50) * HOUR_MS;
  steps.push({ action: "review", to: "in_review", at: t, actor: by });
  const asks = fate === "info_requested" || (fate !== "in_review" && rng.chance(0.35));
  if (asks) {
    t += rng.int(20, 90) * HOUR_MS;
    steps.push({ action: "request_info", to: "info_requested", at: t, actor: by, reason: rng.pick(QUESTIONS) });
    if (fate !== "info_requested") {
      t += rng.int(20, 120) * HOUR_MS;
      steps.push({ action: "resume", to: "in_review", at: t, actor: null, reply: rng.pick(REPLIES) });
    }
  }
  if (fate === "referred") {
    t += rng.int(24, 200) * HOUR_MS;
    steps.push({ action: "refer", to: "referred", at: t, actor: supervisor });
  }
  if (fate === "dismissal_proposed" || fate === "dismissed") {
    const [reasonCode, reason] = rng.pick(DISMISSALS);
    // A pending proposal by the only demo supervisor waits for a second one.
    const proposer =
      fate === "dismissal_proposed" && rng.chance(0.4) ? supervisor : by.role === "supervisor" ? inspector : by;
    t += rng.int(24, 150) * HOUR_MS;
    steps.push({ action: "propose_dismissal", to: "dismissal_proposed", at: t, actor: proposer, reason, reasonCode });
    if (fate === "dismissed") {
      t += rng.int(6, 96) * HOUR_MS;
      steps.push({ action: "approve_dismissal", to: "dismissed", at: t, actor: supervisor });
    }
  }
  const horizon = now.getTime() - HOUR_MS;
  if (t > horizon) {
    const scale = (horizon - t0) / (t - t0);
    for (const step of steps) step.at = Math.round(t0 + (step.at - t0) * scale);
  }
  return steps;
}

/** The lead status at instant `t`, from its steps. */
export function statusAt(lead: PlacingLead, t: number): LeadStatus {
  let status: LeadStatus = "new";
  for (const step of lead.steps) if (step.at <= t) status = step.to;
  return status;
}

/** First cron tick at or after `ms`. */
const nextTick = (ms: number) => Math.ceil(ms / CRON_MS) * CRON_MS;

/** A change to a lead at `at`: a step of its history, or the cron's overdue mark. */
type LeadChange = { at: number; step: LeadStep } | { at: number; overdue: "acknowledgement" | "decision" };

/**
 * Replays the steps as the services would have: each staff step through the
 * domain's `transition` (a step it refuses is a bug of the seed, and
 * throws), its columns with `leadTransitionColumns` and its audit event with
 * `leadTransitionEvent`; the reporter's answer with `leadResumedColumns` and
 * `reporterResumedEvent`; the overdue mark as `markOverdueLeads` makes it.
 * Then the reporters' timelines and messages, internal notes, and the score
 * (at the decision for a decided lead, at `now` for one still in the queue,
 * as the cron re-scores undecided leads).
 */
export function finishHistory(domain: Domain, rng: Rng, lead: PlacingLead, now: Date): SeedLead {
  const { REPORTER_STATUS, transition } = domain.workflow;
  const { rows } = domain;
  const state = lead.state;
  const nowMs = now.getTime();
  const review = lead.steps[0];
  const decision = lead.steps.find((s) => DECIDED.has(s.to));
  const settledAt = decision?.at ?? nowMs;

  // Overdue marks, as `markOverdueLeads` makes them: a `new` lead past its
  // acknowledgement deadline, or an undecided one past its decision deadline.
  const ackDue = Date.parse(state.ackDueAt);
  const due = Date.parse(state.dueAt);
  let overdue: { at: number; overdue: "acknowledgement" | "decision" } | undefined;
  if (ackDue < (review?.at ?? settledAt)) overdue = { at: nextTick(ackDue), overdue: "acknowledgement" };
  else if (due < settledAt) overdue = { at: nextTick(due), overdue: "decision" };
  if (overdue && overdue.at >= nowMs) overdue = undefined;

  // The lead as triage left it (opened, then joined by its later reports), changed as the services change it.
  let columns: ReturnType<Domain["rows"]["leadRecord"]> & {
    status: LeadStatus;
    acknowledgedAt: string | null;
    decidedAt: string | null;
    overdueSince: string | null;
    proposedBy: string | null;
    dismissalReason: string | null;
    dismissalReasonCode: DismissalReasonCode | null;
  } = {
    ...rows.leadRecord(state, state.lastReportAt),
    status: "new",
    acknowledgedAt: null,
    decidedAt: null,
    overdueSince: null,
    proposedBy: null,
    dismissalReason: null,
    dismissalReasonCode: null,
  };
  const changes: LeadChange[] = [...lead.steps.map((step) => ({ at: step.at, step })), ...(overdue ? [overdue] : [])];
  for (const change of changes.sort((a, b) => a.at - b.at)) {
    const at = iso(change.at);
    if ("overdue" in change) {
      lead.audit.push(rows.leadOverdueEvent({ ...columns, id: state.id }, change.overdue, at));
      columns.overdueSince ??= at;
      continue;
    }
    const { step } = change;
    if (!step.actor) {
      lead.audit.push(rows.reporterResumedEvent(state.id, at));
      columns = { ...columns, ...rows.leadResumedColumns(at) };
      continue;
    }
    const result = transition(
      { id: state.id, status: columns.status, proposedBy: columns.proposedBy },
      { to: step.to, reason: step.reason, reasonCode: step.reasonCode },
      { id: step.actor.id, role: step.actor.role },
    );
    if (!result.ok) throw new Error(`Seed lead ${state.id}: ${step.action} refused (${JSON.stringify(result)})`);
    lead.audit.push(rows.leadTransitionEvent(step.actor.id, state.id, result.event, at));
    columns = { ...columns, ...rows.leadTransitionColumns(columns, result.patch, at) };
  }

  // The reporter sees the lead's status through REPORTER_STATUS: a report
  // joining a lead already moved shows its status at once, then every change.
  const first = lead.reports[0];
  for (const report of lead.reports) {
    const received = Date.parse(report.receivedAt);
    let status: SeededReport["status"] = REPORTER_STATUS[statusAt(lead, received) as Exclude<LeadStatus, "merged">];
    report.events = rows.filingEventStatuses({ status }).map((s) => ({ at: received, status: s, note: null }));
    report.messages = [];
    for (const step of lead.steps) {
      if (step.at <= received) continue;
      const next = REPORTER_STATUS[step.to as Exclude<LeadStatus, "merged">];
      if (next !== status) {
        status = next;
        report.events.push({ at: step.at, status, note: null });
      }
      if (step.action === "request_info") {
        report.messages.push({
          sender: "inspector",
          author_user_id: step.actor?.id ?? null,
          body: step.reason ?? "",
          at: step.at,
        });
      }
      if (step.action === "resume" && report === first) {
        report.messages.push({
          sender: "reporter",
          author_user_id: null,
          body: step.reply ?? "",
          at: step.at - 60_000,
        });
      }
    }
    // Inspections (inspections.ts) conclude some referred leads afterwards.
    report.status = status;
    report.updatedAt = iso(Math.max(...report.events.map((e) => e.at), ...report.messages.map((m) => m.at)));
  }

  if (review && rng.chance(0.35)) {
    lead.notes.push({
      author: review.actor ?? inspector,
      body: rng.pick(NOTES),
      at: Math.min(review.at + rng.int(1, 30) * HOUR_MS, nowMs - HOUR_MS),
    });
  }

  const score = domain.plan.rescore(state, 0, new Date(decision ? decision.at : nowMs));
  const row: LeadRow = {
    ...sqlRow(columns),
    priority: score.priority,
    score_factors: JSON.stringify(score.scoreFactors),
    // Joins and steps interleave in time; the lead changed last at the later of the two.
    updated_at: [columns.updatedAt, state.lastReportAt].sort().at(-1) ?? columns.updatedAt,
    assignee_id: null,
    merged_into: null,
  };
  return Object.assign(lead, { row });
}
