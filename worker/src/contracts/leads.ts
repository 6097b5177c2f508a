import { z } from "zod";
import { CategoryCodeSchema } from "./categories";
import { ChannelSchema } from "./channels";
import { TextSchema } from "./common";
import { DeadlineExtensionSchema, LeadInspectionSchema } from "./extensions";

export const LEAD_STATUSES = [
  "new",
  "in_review",
  "info_requested",
  "referred",
  "dismissal_proposed",
  "dismissed",
  "merged",
  /** The inspection it was attached to issued its conclusion. */
  "concluded",
  /** Sent to the competent agency (chuyển đơn): not the team's to handle, and not a dismissal. */
  "forwarded",
] as const;
export const LeadStatusSchema = z.enum(LEAD_STATUSES);
export type LeadStatus = z.infer<typeof LeadStatusSchema>;

/** Why a lead is dismissed; counted by code in the public statistics. */
export const DISMISSAL_REASON_CODES = [
  "not_public_service",
  "insufficient_information",
  "duplicate",
  "outside_jurisdiction",
  "handled_elsewhere",
  "unfounded",
] as const;
export const DismissalReasonCodeSchema = z.enum(DISMISSAL_REASON_CODES);
export type DismissalReasonCode = z.infer<typeof DismissalReasonCodeSchema>;

const booleanParam = z.enum(["true", "false"]).transform((v) => v === "true");

/** `GET /api/leads` query. */
export const LeadQuerySchema = z.object({
  status: LeadStatusSchema.optional(),
  unitId: z.string().max(64).optional(),
  /** Unit name, diacritics ignored. */
  unitQ: z.string().max(100).optional(),
  categoryCode: CategoryCodeSchema.optional(),
  overdue: booleanParam.optional(),
  /**
   * `me`: the actor's own work (an inspector's default queue in the console);
   * `none`: unassigned leads; a user id: that person's leads (supervisors).
   */
  assignee: z.string().min(1).max(64).optional(),
  /**
   * Search: an exact tracking code (`PA-XXXX-XXXX`, any case) finds the lead
   * holding that report; otherwise every word (diacritics and đ ignored) must
   * occur in a report's description, procedure or named official, best
   * matches first. Combines with the other filters.
   */
  q: z
    .string()
    .max(200)
    .optional()
    .describe(
      "Search: an exact tracking code (PA-XXXX-XXXX) finds the lead holding that report; otherwise each word, diacritics and đ ignored, must occur in a report's description, procedure or named official. Words only: quotes, *, -, NEAR and other FTS syntax are plain separators or words. Results are ranked by relevance (bm25), then priority, and the answer carries `total`.",
    ),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});
export type LeadQuery = z.infer<typeof LeadQuerySchema>;

/** `GET /api/leads.csv` query: the queue's filters and search, without paging. */
export const LeadExportQuerySchema = LeadQuerySchema.omit({ limit: true, cursor: true });
export type LeadExportQuery = z.infer<typeof LeadExportQuerySchema>;

export const LeadSummarySchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  categoryCode: CategoryCodeSchema,
  status: LeadStatusSchema,
  priority: z.number(),
  reportCount: z.number().int(),
  openedAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  /** The staff member who owns the lead, or null. */
  assigneeId: z.string().nullable(),
});
export type LeadSummary = z.infer<typeof LeadSummarySchema>;

export const LeadListSchema = z.object({
  items: z.array(LeadSummarySchema),
  nextCursor: z.string().nullable(),
  /** With `q` only: how many leads the search finds with the filters (recusal applied). */
  total: z.number().int().optional(),
  /**
   * With `q` only, and only when true: the search finds more leads than it
   * counts, and `total` is that cap ("more than 10 000").
   */
  totalCapped: z.boolean().optional(),
});
export type LeadList = z.infer<typeof LeadListSchema>;

export const ScoreFactorSchema = z.object({
  name: z.string(),
  value: z.number(),
  /**
   * On the "reports" factor: the lead's reports and how many of them are
   * independent witnesses (copies from one client within the clustering
   * window, from one staff-entered reporter, or near-identical texts count
   * once), shown as "3 reports, 2 independent".
   */
  detail: z.object({ reports: z.number().int().nonnegative(), independent: z.number().int().nonnegative() }).optional(),
});
export type ScoreFactor = z.infer<typeof ScoreFactorSchema>;

export const LeadReportSchema = z.object({
  trackingCode: z.string(),
  description: z.string(),
  receivedAt: z.string(),
  categoryCode: CategoryCodeSchema,
  suggestedCategory: CategoryCodeSchema.nullable(),
  track: z.enum(["anonymous", "named"]),
  reporterKind: z.enum(["citizen", "business", "organization"]),
  /** How the report reached the team: `web`, or the channel staff entered it from. */
  channel: ChannelSchema,
  /** For a report staff entered: when, and the staff member's display name. */
  enteredAt: z.string().nullable(),
  enteredBy: z.string().nullable(),
  occurredOn: z.string().nullable(),
  procedure: z.string().nullable(),
  officialHint: z.string().nullable(),
  eligible: z.boolean(),
  /** Whether the reporter left contact details (decrypting them is `POST …/contact`, for the assignee and supervisors). */
  hasContact: z.boolean(),
  attachments: z.array(
    z.object({ id: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string() }),
  ),
});
export type LeadReport = z.infer<typeof LeadReportSchema>;

export const LeadEventSchema = z.object({
  at: z.string(),
  action: z.string(),
  actor: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
});
export type LeadEvent = z.infer<typeof LeadEventSchema>;

export const LeadMessageSchema = z.object({
  id: z.string(),
  trackingCode: z.string(),
  from: z.enum(["reporter", "inspector"]),
  body: z.string(),
  at: z.string(),
});

export const LeadNoteSchema = z.object({ id: z.string(), author: z.string(), body: z.string(), at: z.string() });
/** A reporter's contest of the concluded outcome: the open one first, else the latest resolved one. */
export const LeadContestSchema = z.object({
  reason: z.string(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});

/** `GET /api/leads/{id}` */
export const LeadDetailSchema = LeadSummarySchema.extend({
  severity: z.number().int(),
  eligible: z.boolean(),
  ackDueAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  /** The assignee's display name with their id, or null when nobody owns the lead. */
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Whether the actor may decrypt the reporters' contact details (the assignee and supervisors). */
  mayViewContacts: z.boolean(),
  proposedBy: z.string().nullable(),
  dismissalReason: z.string().nullable(),
  dismissalReasonCode: z.string().nullable(),
  mergedInto: z.string().nullable(),
  /** A forwarded lead's destination (a unit of the directory or a name) and the note sent with it. */
  forwardedTo: z
    .object({ unitId: z.string().nullable(), name: z.string(), note: z.string().nullable() })
    .nullable()
    .optional(),
  /**
   * When the lead's unit was merged into another (`POST /api/admin/units/{id}/merge`):
   * the successor and the day it took over. The lead stays with its unit;
   * new reports about the unit go to the successor.
   */
  unitSuccessor: z.object({ id: z.string(), name: z.string(), since: z.string() }).nullable().optional(),
  reports: z.array(LeadReportSchema),
  score: z.object({ total: z.number(), factors: z.array(ScoreFactorSchema) }),
  events: z.array(LeadEventSchema),
  messages: z.array(LeadMessageSchema),
  notes: z.array(LeadNoteSchema),
  contest: LeadContestSchema.nullable(),
  /** Every inspection the lead was attached to, with its finding there, latest first (re-inspection keeps them all). */
  inspections: z.array(LeadInspectionSchema).optional(),
  /** Deadline extensions granted on the lead, latest first. */
  extensions: z.array(DeadlineExtensionSchema).optional(),
  allowedTransitions: z.array(LeadStatusSchema),
});
export type LeadDetail = z.infer<typeof LeadDetailSchema>;

/** Where a lead is forwarded (chuyển đơn): a unit of the directory, or an agency outside it by name. */
export const ForwardedToSchema = z.union([
  z.object({ unitId: z.string().min(1).max(64) }).strict(),
  z.object({ name: TextSchema.pipe(z.string().min(2).max(200)) }).strict(),
]);
export type ForwardedTo = z.infer<typeof ForwardedToSchema>;

/** `POST /api/leads/{id}/transitions` */
export const TransitionSchema = z
  .object({
    to: LeadStatusSchema,
    reason: TextSchema.pipe(z.string().min(1).max(2000)).optional(),
    reasonCode: DismissalReasonCodeSchema.optional(),
    targetLeadId: z.string().max(64).optional(),
    /** With `to: "forwarded"`: the competent agency, a unit of the directory or the name of one outside it. */
    forwardedTo: ForwardedToSchema.optional(),
  })
  .strict();
export type Transition = z.infer<typeof TransitionSchema>;

/** `POST /api/leads/{id}/notes` (internal) and `/messages` (to reporters). */
export const NoteCreateSchema = z.object({ body: TextSchema.pipe(z.string().min(1).max(5000)) }).strict();
export const LeadMessageCreateSchema = z
  .object({
    body: TextSchema.pipe(z.string().min(1).max(5000)),
    /** One report of the lead; all of them when omitted. */
    trackingCode: z.string().max(20).optional(),
  })
  .strict();
export type LeadMessageCreate = z.infer<typeof LeadMessageCreateSchema>;

/** `POST /api/leads/{id}/assignment`: the new assignee, or null to release the lead. */
export const AssignmentSchema = z.object({ assigneeId: z.string().min(1).max(64).nullable() }).strict();
export type Assignment = z.infer<typeof AssignmentSchema>;

/** `POST /api/leads/{id}/reports/{trackingCode}/contact`: why the contact details are needed (audited). */
export const ContactViewSchema = z.object({ reason: TextSchema.pipe(z.string().min(5).max(500)) }).strict();
export type ContactView = z.infer<typeof ContactViewSchema>;

/** `GET /api/leads/{id}/reports/{trackingCode}/contact?reason=…`: the same reason, in the query. */
export const ContactQuerySchema = z.object({ reason: ContactViewSchema.shape.reason });
export type ContactQuery = z.infer<typeof ContactQuerySchema>;

/** Most leads one bulk action takes (bound as one JSON parameter). */
export const BULK_MAX_LEADS = 500;
const BulkLeadIds = z.array(z.string().min(1).max(64)).min(1).max(BULK_MAX_LEADS);

/** `POST /api/leads/bulk/assign` */
export const BulkAssignSchema = z.object({ leadIds: BulkLeadIds, assigneeId: z.string().min(1).max(64) }).strict();
export type BulkAssign = z.infer<typeof BulkAssignSchema>;

/** `POST /api/leads/bulk/merge`: merge every lead of `leadIds` into `targetId` (same unit). */
export const BulkMergeSchema = z.object({ leadIds: BulkLeadIds, targetId: z.string().min(1).max(64) }).strict();
export type BulkMerge = z.infer<typeof BulkMergeSchema>;

/** The answer of a bulk action: how many leads it changed, and which. */
export const BulkResultSchema = z.object({ count: z.number().int(), leadIds: z.array(z.string()) });
export type BulkResult = z.infer<typeof BulkResultSchema>;
