import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";
import { categories, units } from "./reporting";

/**
 * An inspection lead: one or more reports about the same unit and behaviour,
 * ranked by an explainable priority.
 */
export const leads = sqliteTable(
  "leads",
  {
    id: text("id").primaryKey(),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    categoryCode: text("category_code")
      .notNull()
      .references(() => categories.code),
    status: text("status").notNull().default("new"),
    priority: real("priority").notNull().default(0),
    /** JSON `[{ name, value }]`: the factors that sum to `priority`. */
    scoreFactors: text("score_factors").notNull().default("[]"),
    severity: integer("severity").notNull(),
    reportCount: integer("report_count").notNull().default(1),
    /**
     * Reports that are independent witnesses (`countWitnesses`): copies from
     * one client within the clustering window, from one staff-entered
     * reporter, or with near-identical text count once.
     */
    independentReports: integer("independent_reports").notNull().default(1),
    evidenceCount: integer("evidence_count").notNull().default(0),
    businessHarm: integer("business_harm", { mode: "boolean" }).notNull().default(false),
    eligible: integer("eligible", { mode: "boolean" }).notNull().default(false),
    openedAt: text("opened_at").notNull(),
    lastReportAt: text("last_report_at").notNull(),
    /** Acknowledge deadline (working days). */
    ackDueAt: text("ack_due_at").notNull(),
    acknowledgedAt: text("acknowledged_at"),
    /** Triage decision deadline (working days). */
    dueAt: text("due_at").notNull(),
    decidedAt: text("decided_at"),
    overdueSince: text("overdue_since"),
    assigneeId: text("assignee_id").references(() => users.id),
    proposedBy: text("proposed_by").references(() => users.id),
    dismissalReason: text("dismissal_reason"),
    dismissalReasonCode: text("dismissal_reason_code"),
    mergedInto: text("merged_into"),
    /**
     * A forwarded lead (chuyển đơn): the competent agency, a unit of the
     * directory or, for one outside it, its name as typed; the note sent.
     */
    forwardedToUnitId: text("forwarded_to_unit_id").references(() => units.id),
    forwardedToName: text("forwarded_to_name"),
    forwardedNote: text("forwarded_note"),
    /** Folded procedure and official of the reports, for clustering. */
    procedureKey: text("procedure_key"),
    officialKey: text("official_key"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("leads_priority_idx").on(t.priority, t.id),
    index("leads_unit_status_idx").on(t.unitId, t.status, t.lastReportAt),
    index("leads_status_priority_idx").on(t.status, t.priority),
    index("leads_overdue_idx").on(t.overdueSince),
  ],
);

/** Internal notes on a lead. Never shown to reporters. */
export const leadNotes = sqliteTable(
  "lead_notes",
  {
    id: text("id").primaryKey(),
    leadId: text("lead_id")
      .notNull()
      .references(() => leads.id),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("lead_notes_lead_idx").on(t.leadId, t.at)],
);

/**
 * Vietnamese public holidays and official compensating days off, as data;
 * `kind = 'working_day'` marks a Saturday or Sunday that is worked instead.
 */
export const holidays = sqliteTable("holidays", {
  date: text("date").primaryKey(),
  kind: text("kind", { enum: ["holiday", "working_day"] })
    .notNull()
    .default("holiday"),
  nameVi: text("name_vi").notNull(),
  nameEn: text("name_en").notNull(),
  /** Computed from the law and the lunar calendar, not yet confirmed by an administrator. */
  provisional: integer("provisional", { mode: "boolean" }).notNull().default(false),
});

/**
 * Deadline extensions granted by a supervisor: a lead's triage decision
 * deadline (`leads.due_at`) or a corrective measure's (`measures.deadline`),
 * as Hanoi calendar dates, with the reason. The history of every extension.
 */
export const deadlineExtensions = sqliteTable(
  "deadline_extensions",
  {
    id: text("id").primaryKey(),
    targetType: text("target_type", { enum: ["lead", "measure"] }).notNull(),
    targetId: text("target_id").notNull(),
    /** The deadline before, `YYYY-MM-DD` (the last working day allowed). */
    previousDueOn: text("previous_due_on").notNull(),
    newDueOn: text("new_due_on").notNull(),
    /** Working days added when the supervisor asked for a count rather than a date. */
    workingDays: integer("working_days"),
    reason: text("reason").notNull(),
    grantedBy: text("granted_by")
      .notNull()
      .references(() => users.id),
    grantedAt: text("granted_at").notNull(),
  },
  (t) => [index("deadline_extensions_target_idx").on(t.targetType, t.targetId, t.grantedAt)],
);
