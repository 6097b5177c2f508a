/**
 * Contracts of inspections (kiểm tra), the framework plan (kế hoạch khung),
 * findings, conclusions, corrective measures (biện pháp chấn chỉnh) and the
 * personnel export (công tác cán bộ). Dates are `YYYY-MM-DD` calendar days
 * in Asia/Ho_Chi_Minh; instants are ISO 8601 UTC strings.
 */
import { z } from "zod";
import { CategoryCodeSchema } from "./categories";
import { IsoDateSchema, TextSchema } from "./common";
import { LeadEventSchema, LeadStatusSchema } from "./leads";
import { RedactionKindSchema, RedactionMarksSchema } from "./redactions";

/** `surprise` (đột xuất), `scheduled` (theo kế hoạch), `verification` (xác minh, ordered). */
export const INSPECTION_TYPES = ["surprise", "scheduled", "verification"] as const;
export const InspectionTypeSchema = z.enum(INSPECTION_TYPES);
export type InspectionType = z.infer<typeof InspectionTypeSchema>;

/**
 * `planned` → `in_progress` (started) → `concluded` (kết luận issued) →
 * `closed` (implemented: every measure verified). `cancelled` is reserved.
 */
export const INSPECTION_STATUSES = ["planned", "in_progress", "concluded", "closed", "cancelled"] as const;
export const InspectionStatusSchema = z.enum(INSPECTION_STATUSES);
export type InspectionStatus = z.infer<typeof InspectionStatusSchema>;

/** The four findings values; also the `outcome` reporters see. */
export const FINDING_OUTCOMES = [
  "substantiated",
  "partly_substantiated",
  "not_substantiated",
  "could_not_verify",
] as const;
export const FindingOutcomeSchema = z.enum(FINDING_OUTCOMES);
export type FindingOutcome = z.infer<typeof FindingOutcomeSchema>;

/** `open` → `responded` → `verified`; an `open` measure past its deadline → `overdue` (still answerable). */
export const MEASURE_STATUSES = ["open", "responded", "verified", "overdue"] as const;
export const MeasureStatusSchema = z.enum(MEASURE_STATUSES);
export type MeasureStatus = z.infer<typeof MeasureStatusSchema>;

export const TEAM_ROLES = ["head", "member"] as const;
export const TeamRoleSchema = z.enum(TEAM_ROLES);
export type TeamRole = z.infer<typeof TeamRoleSchema>;

/** What the current user may do on an inspection; the console shows only these buttons. */
export const INSPECTION_ACTIONS = [
  "move",
  "split",
  "edit_team",
  "start",
  "record_finding",
  "upload",
  "conclude",
] as const;
export const InspectionActionSchema = z.enum(INSPECTION_ACTIONS);
export type InspectionAction = z.infer<typeof InspectionActionSchema>;

const Id = z.string().min(1).max(64);
const Year = z.coerce.number().int().min(2000).max(2100);

// ---------------------------------------------------------------- requests

/** A team member: recused inspectors (tied to the unit or a parent unit) are refused with 422 at `/team/<i>/userId`. */
export const TeamMemberInputSchema = z.object({ userId: Id, role: TeamRoleSchema }).strict();
export type TeamMemberInput = z.infer<typeof TeamMemberInputSchema>;

/**
 * `POST /api/inspections` (supervisor). `leadIds` are referred leads about
 * `unitId` not yet attached elsewhere. The creator is added to the team as a
 * member when not listed. A second `scheduled` inspection of a unit in the
 * same year is refused (409 `plan_conflict`): split the existing visit instead.
 */
export const InspectionCreateSchema = z
  .object({
    type: InspectionTypeSchema,
    unitId: Id,
    plannedStart: IsoDateSchema,
    plannedEnd: IsoDateSchema,
    scope: TextSchema.pipe(z.string().min(1).max(2000)),
    leadIds: z.array(Id).max(50).default([]),
    team: z.array(TeamMemberInputSchema).max(20).default([]),
  })
  .strict()
  .refine((v) => v.plannedEnd >= v.plannedStart, { path: ["plannedEnd"], params: { key: "date_order" } });
export type InspectionCreate = z.infer<typeof InspectionCreateSchema>;
export type InspectionCreateInput = z.input<typeof InspectionCreateSchema>;

/** `PATCH /api/inspections/{id}` (supervisor, before conclusion): move the window, change scope or team. */
export const InspectionPatchSchema = z
  .object({
    plannedStart: IsoDateSchema.optional(),
    plannedEnd: IsoDateSchema.optional(),
    scope: TextSchema.pipe(z.string().min(1).max(2000)).optional(),
    team: z.array(TeamMemberInputSchema).max(20).optional(),
  })
  .strict();
export type InspectionPatch = z.infer<typeof InspectionPatchSchema>;

/** `POST /api/inspections/{id}/split` (supervisor): a second visit of the same unit takes these leads. */
export const InspectionSplitSchema = z
  .object({
    leadIds: z.array(Id).min(1).max(50),
    plannedStart: IsoDateSchema,
    plannedEnd: IsoDateSchema,
  })
  .strict()
  .refine((v) => v.plannedEnd >= v.plannedStart, { path: ["plannedEnd"], params: { key: "date_order" } });
export type InspectionSplit = z.infer<typeof InspectionSplitSchema>;

/**
 * `POST /api/inspections/{id}/cancel` (supervisor): takes a planned visit off
 * the plan. The reason is required (at least 10 characters once trimmed) so
 * cancelling cannot become a quiet way to spare a unit; attached leads go back
 * to the referred pool.
 */
export const InspectionCancelSchema = z.object({ reason: TextSchema.pipe(z.string().max(2000)) }).strict();
export type InspectionCancel = z.infer<typeof InspectionCancelSchema>;

/** `GET /api/inspections` query. */
export const InspectionQuerySchema = z.object({
  year: Year.optional(),
  type: InspectionTypeSchema.optional(),
  status: InspectionStatusSchema.optional(),
  unitId: Id.optional(),
  /**
   * `me`: inspections the actor is in charge of; `none`: unassigned ones; a
   * user id: that person's (supervisors), as on `GET /api/leads`.
   */
  assignee: z.string().min(1).max(64).optional(),
});
export type InspectionQuery = z.infer<typeof InspectionQuerySchema>;

/** `PUT /api/inspections/{id}/findings/{leadId}` (team member, inspection in progress). */
export const FindingInputSchema = z
  .object({
    outcome: FindingOutcomeSchema,
    reasoning: TextSchema.pipe(z.string().min(1).max(10_000)),
    /** Shown to the lead's reporters: short, no names. */
    publicSummary: TextSchema.pipe(z.string().min(1).max(1000)),
    /**
     * The redaction marks the inspector confirmed on `publicSummary` (offsets in
     * its trimmed NFC text, as `POST /api/redactions/preview` returns it); an
     * empty list means "nothing to hide". Left out, the detector's suggestions
     * are applied: what reporters read never carries data it recognises.
     */
    publicSummaryMarks: RedactionMarksSchema.optional(),
    /** The position concerned (chức vụ) for personnel work, never a person's name. */
    position: TextSchema.pipe(z.string().min(1).max(200)).optional(),
  })
  .strict();
export type FindingInput = z.infer<typeof FindingInputSchema>;

/** `POST /api/inspections/{id}/assignment`: the inspector in charge, or null to release. */
export const InspectionAssignmentSchema = z.object({ assigneeId: z.string().min(1).max(64).nullable() }).strict();
export type InspectionAssignment = z.infer<typeof InspectionAssignmentSchema>;

export const MeasureInputSchema = z
  .object({
    responsibleUnitId: Id,
    description: TextSchema.pipe(z.string().min(1).max(2000)),
    /** Last day to respond, inclusive (end of that day in Hanoi). */
    deadline: IsoDateSchema,
  })
  .strict();
export type MeasureInput = z.infer<typeof MeasureInputSchema>;

/**
 * `POST /api/inspections/{id}/conclusion` (supervisor on the team, in progress).
 * 422 unless every attached lead has a finding (pointers `/findings/<leadId>`);
 * 422 at `/measures` when a lead is (partly) substantiated and no measure is
 * ordered; measure deadlines must be after today.
 */
export const ConclusionInputSchema = z
  .object({
    conclusion: TextSchema.pipe(z.string().min(1).max(20_000)),
    recommendations: TextSchema.pipe(z.string().min(1).max(10_000)),
    guidance: TextSchema.pipe(z.string().min(1).max(10_000)),
    measures: z.array(MeasureInputSchema).max(50).default([]),
  })
  .strict();
export type ConclusionInput = z.infer<typeof ConclusionInputSchema>;
export type ConclusionInputRaw = z.input<typeof ConclusionInputSchema>;

/** `GET /api/measures` query; `due=soon` means within 7 days, not yet overdue. */
export const MeasureQuerySchema = z.object({
  status: MeasureStatusSchema.optional(),
  due: z.enum(["overdue", "soon"]).optional(),
  unitId: Id.optional(),
  inspectionId: Id.optional(),
});
export type MeasureQuery = z.infer<typeof MeasureQuerySchema>;

/** `POST /api/measures/{id}/response`: an inspector records the unit's response. */
export const MeasureResponseInputSchema = z
  .object({ response: TextSchema.pipe(z.string().min(1).max(10_000)) })
  .strict();
/** `POST /api/measures/{id}/reject`: the response is insufficient; the measure is open again. */
export const MeasureRejectInputSchema = z.object({ reason: TextSchema.pipe(z.string().min(1).max(2000)) }).strict();

/** `GET /api/plan` query. */
export const PlanQuerySchema = z.object({ year: Year });
export const PlanYearParamsSchema = z.object({ year: Year });

/** `GET /api/exports/personnel.csv` query: findings recorded between `from` and `to`, inclusive. */
export const PersonnelExportQuerySchema = z
  .object({ from: IsoDateSchema, to: IsoDateSchema })
  .refine((v) => v.to >= v.from, { path: ["to"], params: { key: "date_order" } });
export type PersonnelExportQuery = z.infer<typeof PersonnelExportQuerySchema>;

// ---------------------------------------------------------------- responses

export const InspectionSummarySchema = z.object({
  id: z.string(),
  type: InspectionTypeSchema,
  unitId: z.string(),
  unitName: z.string(),
  status: InspectionStatusSchema,
  year: z.number().int(),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  scope: z.string(),
  leadCount: z.number().int(),
  createdAt: z.string(),
  /** The inspector in charge, or null. */
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type InspectionSummary = z.infer<typeof InspectionSummarySchema>;

export const InspectionListSchema = z.object({ items: z.array(InspectionSummarySchema) });
export type InspectionList = z.infer<typeof InspectionListSchema>;

export const TeamMemberSchema = z.object({ userId: z.string(), displayName: z.string(), role: TeamRoleSchema });
export type TeamMember = z.infer<typeof TeamMemberSchema>;

/** How a public summary was redacted: the team's view only, never released. */
export const PublicSummaryRedactionSchema = z.object({
  /** The summary as the inspector wrote it. */
  original: z.string(),
  marks: z.array(z.object({ start: z.number().int(), end: z.number().int(), kind: RedactionKindSchema })),
  /** True when an inspector confirmed the marks, false when the detector's suggestions were applied. */
  confirmed: z.boolean(),
  detectorVersion: z.number().int(),
});
export type PublicSummaryRedaction = z.infer<typeof PublicSummaryRedactionSchema>;

export const FindingSchema = z.object({
  leadId: z.string(),
  outcome: FindingOutcomeSchema,
  reasoning: z.string(),
  /** What reporters read: the redacted summary. */
  publicSummary: z.string(),
  /** Null for findings recorded before redaction existed. */
  publicSummaryRedaction: PublicSummaryRedactionSchema.nullable(),
  position: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const InspectionLeadSchema = z.object({
  id: z.string(),
  categoryCode: CategoryCodeSchema,
  status: LeadStatusSchema,
  reports: z.array(z.object({ trackingCode: z.string(), description: z.string(), receivedAt: z.string() })),
  finding: FindingSchema.nullable(),
});
export type InspectionLead = z.infer<typeof InspectionLeadSchema>;

export const InspectionDocumentSchema = z.object({
  id: z.string(),
  title: z.string(),
  contentType: z.literal("application/pdf"),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  createdAt: z.string(),
});
export type InspectionDocument = z.infer<typeof InspectionDocumentSchema>;

/** Audit events of a measure or inspection, oldest first (same shape as lead events). */
export const HistoryEventSchema = LeadEventSchema;

/** A document a unit liaison sent with a measure's response (PDF or image, metadata stripped). */
export const MeasureDocumentSchema = z.object({
  id: z.string(),
  title: z.string(),
  contentType: z.enum(["image/jpeg", "image/png", "image/webp", "application/pdf"]),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type MeasureDocument = z.infer<typeof MeasureDocumentSchema>;

/** A liaison's request for a later deadline; a supervisor's extension marks the pending ones `granted`. */
export const MeasureExtensionRequestSchema = z.object({
  id: z.string(),
  reason: z.string(),
  requestedDueOn: z.string().nullable(),
  status: z.enum(["pending", "granted"]),
  requestedAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type MeasureExtensionRequest = z.infer<typeof MeasureExtensionRequestSchema>;

export const MeasureSchema = z.object({
  id: z.string(),
  inspectionId: z.string(),
  inspectionType: InspectionTypeSchema,
  /** The inspected unit. */
  unitId: z.string(),
  responsibleUnitId: z.string(),
  responsibleUnitName: z.string(),
  description: z.string(),
  deadline: z.string(),
  status: MeasureStatusSchema,
  response: z.string().nullable(),
  respondedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  verifiedBy: z.string().nullable(),
  verifiedOnTime: z.boolean().nullable(),
  overdueSince: z.string().nullable(),
  lastEscalatedAt: z.string().nullable(),
  history: z.array(HistoryEventSchema),
  /** Documents the unit's liaison sent with its response. */
  documents: z.array(MeasureDocumentSchema),
  /** The liaison's requests for a later deadline, latest first. */
  extensionRequests: z.array(MeasureExtensionRequestSchema),
});
export type Measure = z.infer<typeof MeasureSchema>;

export const MeasureListSchema = z.object({ items: z.array(MeasureSchema) });
export type MeasureList = z.infer<typeof MeasureListSchema>;

export const ConclusionSchema = z.object({
  conclusion: z.string(),
  recommendations: z.string(),
  guidance: z.string(),
  concludedAt: z.string(),
  concludedBy: z.string(),
  /** True once every measure is verified (the inspection is `closed`). */
  implemented: z.boolean(),
});
export type Conclusion = z.infer<typeof ConclusionSchema>;

/** `GET /api/inspections/{id}` */
export const InspectionDetailSchema = InspectionSummarySchema.extend({
  createdBy: z.string(),
  startedAt: z.string().nullable(),
  team: z.array(TeamMemberSchema),
  leads: z.array(InspectionLeadSchema),
  documents: z.array(InspectionDocumentSchema),
  conclusion: ConclusionSchema.nullable(),
  measures: z.array(MeasureSchema),
  events: z.array(HistoryEventSchema),
  allowedActions: z.array(InspectionActionSchema),
});
export type InspectionDetail = z.infer<typeof InspectionDetailSchema>;

export const PlanVisitSchema = z.object({
  inspectionId: z.string(),
  type: InspectionTypeSchema,
  status: InspectionStatusSchema,
  /** Month (1–12) of `plannedStart`. */
  month: z.number().int().min(1).max(12),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  leadCount: z.number().int(),
});
export type PlanVisit = z.infer<typeof PlanVisitSchema>;

export const PlanUnitSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  /** More than one scheduled visit this year (split or a conflict to resolve). */
  plannedTwice: z.boolean(),
  visits: z.array(PlanVisitSchema),
});
export type PlanUnit = z.infer<typeof PlanUnitSchema>;

export const PlanLeadSchema = z.object({
  id: z.string(),
  categoryCode: CategoryCodeSchema,
  priority: z.number(),
  reportCount: z.number().int(),
  openedAt: z.string(),
});

/** `GET /api/plan?year=`: units × months; surprise visits only for their team. */
export const PlanSchema = z.object({
  year: z.number().int(),
  units: z.array(PlanUnitSchema),
  /** Referred leads not in a planned or running inspection (a re-referred lead included), grouped by unit. */
  unattached: z.array(z.object({ unitId: z.string(), unitName: z.string(), leads: z.array(PlanLeadSchema) })),
});
export type Plan = z.infer<typeof PlanSchema>;

/** `POST /api/plan/{year}/build`: the visits created (one per unit with unattached referred leads). */
export const PlanBuildResultSchema = z.object({ created: z.array(InspectionSummarySchema) });
export type PlanBuildResult = z.infer<typeof PlanBuildResultSchema>;

/** Documents: PDF only, sniffed, at most 20 MB. */
export const INSPECTION_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

/** A document's title keeps at most this many characters (the upload route cuts a longer one). */
export const INSPECTION_DOCUMENT_TITLE_MAX = 200;
