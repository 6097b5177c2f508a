// SAMPLE DATA, local only: the sample reports placed into leads with the
// Worker's own triage code (bundled by scripts/lib/domain.ts), in the order
// they were received, exactly as `planTriage` (worker/src/services/triage.ts)
// places a report being filed. Each lead then gets an invented but consistent
// history: who reviewed it, asked the reporter, referred it or proposed and
// approved its dismissal, with the audit events, reporter-visible statuses,
// messages and internal notes that the API would have written. Deterministic
// for a given `now`.
import { createHash } from "node:crypto";
import type { CategoryCode } from "../../worker/src/contracts/categories.ts";
import type { DismissalReasonCode, LeadStatus } from "../../worker/src/contracts/leads.ts";
import type { WorkingCalendar } from "../../worker/src/domain/calendar.ts";
import type { LeadState } from "../../worker/src/domain/lead-plan.ts";
import type { WorkflowAction } from "../../worker/src/domain/workflow.ts";
import type { Domain } from "../lib/domain.ts";
import { DEMO_ACCOUNTS, type DemoAccount, RECUSED_WARD_ID } from "./accounts.ts";
import { INSPECTOR_QUESTIONS, STATUS_NOTES } from "./report-templates.ts";
import { type LeadFate, reportInsert, type SampleReport, type SeededReport } from "./reports.ts";
import type { AuditRow, IsoDate, LeadRow } from "./rows.ts";
import { createRng, insertOrIgnore, type Rng } from "./sql.ts";
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

/** An audit log entry before it becomes a row: `at` in ms, the summary as an object. */
export interface AuditEntry {
  at: number;
  actor: string | null;
  /** Absent for a user's act. */
  actorKind?: AuditRow["actor_kind"];
  action: string;
  /** A measure's id, when the entry is about a measure rather than its inspection. */
  target?: string;
  summary: Record<string, unknown>;
}

/** An entry of a lead's audit trail, which always names the kind of actor. */
export type LeadAuditEntry = AuditEntry & { actorKind: AuditRow["actor_kind"] };

/** A lead as `placeReports` builds it while the reports arrive. */
export interface PlacingLead {
  state: LeadState;
  fate: LeadFate;
  reports: SeededReport[];
  steps: LeadStep[];
  audit: LeadAuditEntry[];
  notes: { author: DemoAccount; body: string; at: number }[];
}

/** A placed lead with its history, and the `leads` row it becomes (inspections.ts may still conclude it). */
export interface SeedLead extends PlacingLead {
  row: LeadRow;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The cron runs every 5 minutes (wrangler.toml): an overdue mark lands on the next tick. */
const CRON_MS = 5 * 60_000;

const { supervisor, inspector } = DEMO_ACCOUNTS;
/** inspector2 is tied to this ward and its sub-units: they never act on its leads. */
const RECUSED_UNITS = new Set([
  RECUSED_WARD_ID,
  ...UNITS.filter((u) => u.parentId === RECUSED_WARD_ID).map((u) => u.id),
]);

const QUESTIONS = [
  ...INSPECTOR_QUESTIONS,
  "Anh/chị cho biết hồ sơ được nộp trực tiếp hay trực tuyến, và số biên nhận (nếu có)?",
  "Cán bộ đã yêu cầu khoản tiền này bằng lời nói, tin nhắn hay qua người trung gian? Anh/chị có người làm chứng không?",
];

const REPLIES = [
  "Tôi nộp trực tiếp, giấy biên nhận số 000123/BN. Tôi đã gửi ảnh chụp biên nhận.",
  "Hôm đó khoảng 9 giờ sáng thứ Ba, tại quầy tiếp nhận. Có một người hàng xóm đi cùng tôi.",
  "Cán bộ nói bằng lời, không nhắn tin. Tôi có ghi lại ngày giờ từng lần đến.",
];

const NOTES = [
  "Đã đối chiếu trên hệ thống một cửa: hồ sơ có thật, ngày hẹn trả đã quá.",
  "Cùng đơn vị này có phản ánh tương tự năm ngoái; đề nghị xem xét đưa vào kế hoạch kiểm tra đột xuất.",
  "Người phản ánh không để lại liên hệ; chỉ trao đổi được qua trang theo dõi.",
  "Đã gọi điện cho lãnh đạo bộ phận một cửa để nắm tình hình (không nêu nguồn phản ánh).",
  "Nội dung cụ thể, có thủ tục và thời gian: đủ điều kiện xác minh theo Điều 25.",
  "Cần đối chiếu danh mục thủ tục hành chính đã công bố trước khi kết luận là nhũng nhiễu.",
];

/** [reason code, reason] pairs for dismissals, as an inspector would write them. */
export const DISMISSALS: [DismissalReasonCode, string][] = [
  [
    "insufficient_information",
    "Phản ánh không nêu thời gian, bộ phận cụ thể; đã hỏi người phản ánh qua trang theo dõi nhưng không nhận được trả lời.",
  ],
  ["not_public_service", "Nội dung là tranh chấp dân sự giữa các hộ gia đình, không thuộc hoạt động công vụ."],
  ["duplicate", "Trùng nội dung với đầu mối đã chuyển kiểm tra trước đó về cùng đơn vị."],
  ["outside_jurisdiction", "Thuộc thẩm quyền của cơ quan ngành dọc Trung ương; đã hướng dẫn người phản ánh nơi gửi."],
  ["handled_elsewhere", "Đơn vị đã tự kiểm tra, xử lý và trả lời công dân bằng văn bản; có bản sao trả lời."],
  ["unfounded", "Đã đối chiếu hồ sơ trên hệ thống một cửa: hồ sơ được giải quyết đúng hạn, không có căn cứ."],
];

const DECIDED = new Set<LeadStatus>(["referred", "dismissed", "merged"]);

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A UUID-shaped id derived from `parts`, so a second seed run (another day,
 * so another `now`) names the same lead, note or event the same way and
 * INSERT OR IGNORE keeps what is there instead of adding a twin.
 */
function stableId(...parts: (string | number)[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The working-day calendar from the `holidays` rows, as `loadCalendar` builds it. */
export function calendarFrom(domain: Domain, rows: { date: IsoDate; kind: string }[]): WorkingCalendar {
  return domain.calendar.workingCalendar(
    rows.filter((r) => r.kind === "holiday").map((r) => r.date),
    rows.filter((r) => r.kind === "working_day").map((r) => r.date),
  );
}

/** What becomes of a lead opened `ageDays` ago: older leads are mostly decided. */
function pickFate(rng: Rng, ageDays: number, category: CategoryCode): LeadFate {
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
function planSteps(rng: Rng, lead: LeadState, fate: LeadFate, now: Date): LeadStep[] {
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
function statusAt(lead: PlacingLead, t: number): LeadStatus {
  let status: LeadStatus = "new";
  for (const step of lead.steps) if (step.at <= t) status = step.to;
  return status;
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
      lead.state = joinLead(before, placed, triage, 0, filed);
      lead.audit.push({
        at: t,
        actor: null,
        actorKind: "system",
        action: "lead.report_joined",
        summary: {
          trackingCode: report.trackingCode,
          similarity: decision.similarity,
          matchedOn: decision.matchedOn,
          before: { reportCount: before.reportCount, priority: before.priority },
          after: { reportCount: lead.state.reportCount, priority: lead.state.priority },
        },
      });
      lead.reports.push(report);
      report.leadId = lead.state.id;
      continue;
    }
    const state = openLead(stableId("lead", report.id), placed, triage, calendar, 0, filed);
    const ageDays = (now.getTime() - t) / DAY_MS;
    const fate = report.fate ?? pickFate(rng, ageDays, report.categoryCode);
    const lead: PlacingLead = { state, fate, reports: [report], audit: [], notes: [], steps: [] };
    lead.steps = planSteps(rng, state, fate, now);
    lead.audit.push({
      at: t,
      actor: null,
      actorKind: "system",
      action: "lead.opened",
      summary: {
        trackingCode: report.trackingCode,
        severity: triage.severity,
        suggestion: triage.suggestion.differs ? triage.suggestion.code : null,
        eligible: triage.specificity.eligible,
        missing: triage.specificity.missing,
        after: { status: "new", priority: state.priority },
      },
    });
    report.leadId = state.id;
    leads.push(lead);
  }
  return leads.map((lead) => finishHistory(domain, rng, lead, now));
}

/** First cron tick at or after `ms`. */
const nextTick = (ms: number) => Math.ceil(ms / CRON_MS) * CRON_MS;

/**
 * Derives from the steps everything the API would have written: lead columns,
 * the audit trail (transitions and overdue marks), reporter statuses and
 * timelines, questions and answers, internal notes, and the score (at the
 * decision for a decided lead, at `now` for one still in the queue).
 */
function finishHistory(domain: Domain, rng: Rng, lead: PlacingLead, now: Date): SeedLead {
  const { REPORTER_STATUS } = domain.workflow;
  const state = lead.state;
  const nowMs = now.getTime();
  for (const step of lead.steps) {
    const before = statusAt(lead, step.at - 1);
    const after: { status: LeadStatus; reason?: string; reasonCode?: DismissalReasonCode } = { status: step.to };
    if (step.reason) after.reason = step.reason;
    if (step.reasonCode) after.reasonCode = step.reasonCode;
    lead.audit.push(
      step.actor
        ? {
            at: step.at,
            actor: step.actor.id,
            actorKind: "user",
            action: `lead.${step.action}`,
            summary: { before: { status: before }, after },
          }
        : {
            at: step.at,
            actor: null,
            actorKind: "reporter",
            action: "lead.resume",
            summary: { before: { status: before }, after, cause: "reporter_reply" },
          },
    );
  }
  const review = lead.steps[0];
  const decision = lead.steps.find((s) => DECIDED.has(s.to));
  const proposal = [...lead.steps].reverse().find((s) => s.action === "propose_dismissal");
  const settledAt = decision?.at ?? nowMs;

  // Overdue marks, as `markOverdue` makes them: a `new` lead past its
  // acknowledgement deadline, or an undecided one past its decision deadline.
  const ackDue = Date.parse(state.ackDueAt);
  const due = Date.parse(state.dueAt);
  let overdueAt: { at: number; deadline: "acknowledgement" | "decision"; dueAt: string } | undefined;
  if (ackDue < (review?.at ?? settledAt))
    overdueAt = { at: nextTick(ackDue), deadline: "acknowledgement", dueAt: state.ackDueAt };
  else if (due < settledAt) overdueAt = { at: nextTick(due), deadline: "decision", dueAt: state.dueAt };
  if (overdueAt && overdueAt.at < nowMs) {
    lead.audit.push({
      at: overdueAt.at,
      actor: null,
      actorKind: "system",
      action: "lead.overdue",
      summary: { deadline: overdueAt.deadline, dueAt: overdueAt.dueAt, status: statusAt(lead, overdueAt.at) },
    });
  } else overdueAt = undefined;

  // The reporter sees the lead's status through REPORTER_STATUS, from the
  // first transition after their report arrived.
  const first = lead.reports[0];
  for (const report of lead.reports) {
    const received = Date.parse(report.receivedAt);
    report.events = [{ at: received, status: "received", note: null }];
    report.messages = [];
    let status: SeededReport["status"] = "received";
    for (const step of lead.steps) {
      if (step.at <= received) continue;
      const next = REPORTER_STATUS[step.to as Exclude<LeadStatus, "merged">];
      if (next !== status) {
        status = next;
        report.events.push({ at: step.at, status, note: STATUS_NOTES[status] ?? null });
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
  return Object.assign(lead, {
    row: {
      id: state.id,
      unit_id: state.unitId,
      category_code: state.categoryCode,
      status: lead.steps.at(-1)?.to ?? "new",
      priority: score.priority,
      score_factors: JSON.stringify(score.scoreFactors),
      severity: state.severity,
      report_count: state.reportCount,
      evidence_count: state.evidenceCount,
      business_harm: state.businessHarm,
      eligible: state.eligible,
      opened_at: state.openedAt,
      last_report_at: state.lastReportAt,
      ack_due_at: state.ackDueAt,
      acknowledged_at: review ? iso(review.at) : null,
      due_at: state.dueAt,
      decided_at: decision ? iso(decision.at) : null,
      overdue_since: !decision && overdueAt ? iso(overdueAt.at) : null,
      assignee_id: null,
      proposed_by: proposal?.actor ? proposal.actor.id : null,
      dismissal_reason: proposal?.reason ?? null,
      dismissal_reason_code: proposal?.reasonCode ?? null,
      merged_into: null,
      procedure_key: state.procedureKey,
      official_key: state.officialKey,
      updated_at: iso(Math.max(Date.parse(state.lastReportAt), ...lead.steps.map((s) => s.at))),
    } satisfies LeadRow,
  });
}

/**
 * SQL for the leads and everything hanging off them, in foreign-key order:
 * leads, reports, report events and messages, internal notes, audit log.
 * Ids derive from the reports', so a second run inserts nothing new.
 */
export function leadsSql(leads: readonly SeedLead[]): string[] {
  const statements = ["-- SAMPLE DATA: leads placed by the Worker's triage code, with an invented history."];
  const reports = leads.flatMap((lead) => lead.reports);
  for (const lead of leads) statements.push(insertOrIgnore("leads", lead.row));
  for (const report of reports) statements.push(reportInsert(report));
  for (const report of reports) {
    report.events.forEach((event, n) => {
      statements.push(
        insertOrIgnore("report_events", {
          id: `${report.id}-e${n}`,
          report_id: report.id,
          ...event,
          at: iso(event.at),
        }),
      );
    });
    report.messages.forEach((message, n) => {
      statements.push(
        insertOrIgnore("report_messages", {
          id: `${report.id}-m${n}`,
          report_id: report.id,
          ...message,
          at: iso(message.at),
        }),
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
    for (const [n, entry] of [...lead.audit].sort((a, b) => a.at - b.at).entries()) {
      statements.push(
        insertOrIgnore("audit_log", {
          id: stableId("audit", lead.row.id, n),
          at: iso(entry.at),
          actor_id: entry.actor,
          actor_kind: entry.actorKind,
          action: entry.action,
          target_type: "lead",
          target_id: lead.row.id,
          summary: JSON.stringify(entry.summary),
        }),
      );
    }
  }
  return statements;
}
