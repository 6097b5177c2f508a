import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";
import { reports, units } from "./reporting";
import { leads } from "./triage";

/**
 * An inspection of one unit: surprise (đột xuất), scheduled (theo kế hoạch,
 * part of the year's framework plan) or verification (xác minh, ordered).
 */
export const inspections = sqliteTable(
  "inspections",
  {
    id: text("id").primaryKey(),
    type: text("type", { enum: ["surprise", "scheduled", "verification"] }).notNull(),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    status: text("status").notNull().default("planned"),
    /** Plan year (kế hoạch khung). */
    year: integer("year").notNull(),
    plannedStart: text("planned_start").notNull(),
    plannedEnd: text("planned_end").notNull(),
    scope: text("scope").notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    startedAt: text("started_at"),
    /** Kết luận kiểm tra: findings summary, recommendations and guidance for the unit. */
    conclusion: text("conclusion"),
    recommendations: text("recommendations"),
    guidance: text("guidance"),
    concludedAt: text("concluded_at"),
    concludedBy: text("concluded_by").references(() => users.id),
    closedAt: text("closed_at"),
    cancelledReason: text("cancelled_reason"),
    /** The inspector in charge: set by a supervisor, or taken by an inspector when unassigned. */
    assigneeId: text("assignee_id").references(() => users.id),
  },
  (t) => [
    index("inspections_unit_year_idx").on(t.unitId, t.year, t.type),
    index("inspections_status_idx").on(t.status, t.plannedStart),
  ],
);

/** The inspection team; recused inspectors cannot be members. */
export const inspectionMembers = sqliteTable(
  "inspection_members",
  {
    inspectionId: text("inspection_id")
      .notNull()
      .references(() => inspections.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role", { enum: ["head", "member"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.userId] }), index("inspection_members_user_idx").on(t.userId)],
);

/**
 * Referred leads attached to an inspection. A lead reopened by a contest can
 * be attached to a later inspection too (re-inspection): it is in at most one
 * live (planned or in progress) inspection at a time, which `attachStatements`
 * guards inside its batch.
 */
export const inspectionLeads = sqliteTable(
  "inspection_leads",
  {
    inspectionId: text("inspection_id")
      .notNull()
      .references(() => inspections.id),
    leadId: text("lead_id")
      .notNull()
      .references(() => leads.id),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.leadId] }), index("inspection_leads_by_lead_idx").on(t.leadId)],
);

/**
 * The finding on one attached lead, with its reasoning and what reporters are
 * told: one per lead and inspection, so a re-inspected lead keeps every finding.
 */
export const findings = sqliteTable(
  "findings",
  {
    id: text("id").primaryKey(),
    inspectionId: text("inspection_id")
      .notNull()
      .references(() => inspections.id),
    leadId: text("lead_id")
      .notNull()
      .references(() => leads.id),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    outcome: text("outcome", {
      enum: ["substantiated", "partly_substantiated", "not_substantiated", "could_not_verify"],
    }).notNull(),
    reasoning: text("reasoning").notNull(),
    /** Short summary shown to the lead's reporters; no names. Redacted: this is the text that leaves the team. */
    publicSummary: text("public_summary").notNull(),
    /** The summary as the inspector wrote it, before redaction: the team's only, never released. */
    publicSummaryOriginal: text("public_summary_original"),
    /** The redaction applied to it, JSON `{ marks, confirmed, detectorVersion }` (marks on the original). */
    publicSummaryRedaction: text("public_summary_redaction"),
    /** Position concerned where identified (for personnel work), never a name. */
    position: text("position"),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [
    uniqueIndex("findings_inspection_lead_idx").on(t.inspectionId, t.leadId),
    index("findings_by_lead_idx").on(t.leadId, t.recordedAt),
    index("findings_unit_idx").on(t.unitId, t.outcome, t.recordedAt),
  ],
);

/** Inspection documents (PDF) in R2. */
export const inspectionDocuments = sqliteTable(
  "inspection_documents",
  {
    id: text("id").primaryKey(),
    inspectionId: text("inspection_id")
      .notNull()
      .references(() => inspections.id),
    title: text("title").notNull(),
    objectKey: text("object_key").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    uploadedBy: text("uploaded_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("inspection_documents_inspection_idx").on(t.inspectionId)],
);

/**
 * Corrective measures (biện pháp chấn chỉnh) of a conclusion, tracked until
 * an inspector verifies the unit's response.
 */
export const measures = sqliteTable(
  "measures",
  {
    id: text("id").primaryKey(),
    inspectionId: text("inspection_id")
      .notNull()
      .references(() => inspections.id),
    responsibleUnitId: text("responsible_unit_id")
      .notNull()
      .references(() => units.id),
    description: text("description").notNull(),
    /** Calendar date, end of day in Hanoi. */
    deadline: text("deadline").notNull(),
    status: text("status", { enum: ["open", "responded", "verified", "overdue"] })
      .notNull()
      .default("open"),
    response: text("response"),
    respondedAt: text("responded_at"),
    verifiedAt: text("verified_at"),
    verifiedBy: text("verified_by").references(() => users.id),
    verifiedOnTime: integer("verified_on_time", { mode: "boolean" }),
    overdueSince: text("overdue_since"),
    lastEscalatedAt: text("last_escalated_at"),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("measures_inspection_idx").on(t.inspectionId),
    index("measures_status_deadline_idx").on(t.status, t.deadline),
  ],
);

/**
 * Documents a unit liaison sends with a measure's response (PDF or image,
 * sniffed and stripped of metadata like reporters' evidence), in R2 as
 * `measures/<measureId>/<id>`.
 */
export const measureDocuments = sqliteTable(
  "measure_documents",
  {
    id: text("id").primaryKey(),
    measureId: text("measure_id")
      .notNull()
      .references(() => measures.id),
    title: text("title").notNull(),
    contentType: text("content_type").notNull(),
    objectKey: text("object_key").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    uploadedBy: text("uploaded_by")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("measure_documents_measure_idx").on(t.measureId)],
);

/**
 * A unit liaison's request for a later deadline, with a reason. A supervisor
 * grants it with the existing extension (`POST /api/measures/{id}/extension`),
 * which marks the pending requests of the measure `granted`.
 */
export const measureExtensionRequests = sqliteTable(
  "measure_extension_requests",
  {
    id: text("id").primaryKey(),
    measureId: text("measure_id")
      .notNull()
      .references(() => measures.id),
    reason: text("reason").notNull(),
    /** The date asked for, if any (the supervisor decides the date in the end). */
    requestedDueOn: text("requested_due_on"),
    status: text("status", { enum: ["pending", "granted"] })
      .notNull()
      .default("pending"),
    requestedBy: text("requested_by")
      .notNull()
      .references(() => users.id),
    requestedAt: text("requested_at").notNull(),
    resolvedBy: text("resolved_by").references(() => users.id),
    resolvedAt: text("resolved_at"),
  },
  (t) => [index("measure_extension_requests_measure_idx").on(t.measureId, t.status)],
);

/** A reporter contesting a concluded outcome, once, with a reason. */
export const outcomeContests = sqliteTable("outcome_contests", {
  reportId: text("report_id")
    .primaryKey()
    .references(() => reports.id),
  reason: text("reason").notNull(),
  createdAt: text("created_at").notNull(),
  resolvedAt: text("resolved_at"),
  resolvedBy: text("resolved_by").references(() => users.id),
});
