import { z } from "zod";
import { CategoryCodeSchema } from "./categories";
import { StaffChannelSchema } from "./channels";
import { IsoDateSchema, TextSchema } from "./common";
import { hanoiDate } from "./hanoi-date";

export const TRACKS = ["anonymous", "named"] as const;
export const TrackSchema = z.enum(TRACKS);
export type Track = z.infer<typeof TrackSchema>;

export const REPORTER_KINDS = ["citizen", "business", "organization"] as const;
export const ReporterKindSchema = z.enum(REPORTER_KINDS);
export type ReporterKind = z.infer<typeof ReporterKindSchema>;

/** What the reporter sees; later issues add states as the lead moves. */
export const REPORT_STATUSES = [
  "received",
  "in_review",
  "info_requested",
  "referred",
  "not_actionable",
  "concluded",
  /** Sent to the competent agency (chuyển đơn); `forwardedTo` on the view says which. */
  "forwarded",
] as const;
export const ReportStatusSchema = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatusSchema>;

export const DESCRIPTION_MIN = 20;
export const DESCRIPTION_MAX = 5000;

/** Vietnamese mobile and landline numbers, with or without +84. */
const PHONE_PATTERN = /^(\+84|0)\d{9,10}$/;

export const ContactSchema = z
  .object({
    name: TextSchema.pipe(z.string().max(200)).optional(),
    email: TextSchema.pipe(z.email().max(254)).optional(),
    phone: z
      .string()
      .transform((value) => value.replace(/[\s.-]/g, ""))
      .pipe(z.string().refine((value) => PHONE_PATTERN.test(value), { params: { key: "phone" } }))
      .optional(),
    /**
     * The reporter asks to be told by e-mail when their report's status
     * changes (a link to the follow page, never any content). Off unless
     * ticked; meaningless without `email`.
     */
    notifyByEmail: z.boolean().optional(),
  })
  .strict();
export type Contact = z.infer<typeof ContactSchema>;

/** The fields of a report as the citizen form and staff intake send them (contact rules below). */
const ReportFieldsSchema = z.object({
  track: TrackSchema.default("anonymous"),
  unitId: z.string().min(1).max(64),
  categoryCode: CategoryCodeSchema,
  description: TextSchema.pipe(z.string().min(DESCRIPTION_MIN).max(DESCRIPTION_MAX)),
  // Checked when the body is parsed (in the browser too): the clock of whoever parses it.
  occurredOn: IsoDateSchema.refine((value) => value <= hanoiDate(new Date()), {
    params: { key: "future_date" },
  }).optional(),
  procedure: TextSchema.pipe(z.string().max(300)).optional(),
  officialHint: TextSchema.pipe(z.string().max(300)).optional(),
  reporterKind: ReporterKindSchema,
  contact: ContactSchema.optional(),
});

/** The report itself, as both doors file it (without the ALTCHA payload or the intake's channel and date). */
export type ReportFields = z.infer<typeof ReportFieldsSchema>;

/** Anonymous reports carry no contact; named ones carry an email or a phone number. */
function checkContact(
  report: { track: Track; contact?: Contact | undefined },
  ctx: { addIssue: (issue: { code: "custom"; path: string[]; params: { key: string } }) => void },
): void {
  if (report.track === "anonymous" && report.contact) {
    ctx.addIssue({ code: "custom", path: ["contact"], params: { key: "contact_on_anonymous" } });
  }
  if (report.track === "named" && !report.contact?.email && !report.contact?.phone) {
    ctx.addIssue({ code: "custom", path: ["contact"], params: { key: "contact_required" } });
  }
}

/** `POST /api/reports` body. */
export const ReportCreateSchema = ReportFieldsSchema.extend({ altcha: z.string().min(1).max(10_000) })
  .strict()
  .superRefine(checkContact);
export type ReportCreate = z.infer<typeof ReportCreateSchema>;
export type ReportCreateInput = z.input<typeof ReportCreateSchema>;

/**
 * `POST /api/intake/reports` body: a report staff enter on someone's behalf,
 * the citizen form's fields without `altcha`, plus the channel it came by and
 * the day it was received (Hanoi date; the service checks it against the
 * request's instant: not in the future, not more than a year back).
 */
export const IntakeReportCreateSchema = ReportFieldsSchema.extend({
  channel: StaffChannelSchema,
  receivedOn: IsoDateSchema,
})
  .strict()
  .superRefine(checkContact);
export type IntakeReportCreate = z.infer<typeof IntakeReportCreateSchema>;
export type IntakeReportCreateInput = z.input<typeof IntakeReportCreateSchema>;

/**
 * A report a registered client app files through Open311
 * (`POST /open311/v2/requests`), its form fields mapped to the report's:
 * the citizen form's fields without `altcha` (a public app's solved
 * challenge is checked by the filing service) and without a channel (always
 * `open311`).
 */
export const ClientReportCreateSchema = ReportFieldsSchema.strict().superRefine(checkContact);
export type ClientReportCreate = z.infer<typeof ClientReportCreateSchema>;

/** The receipt: the secret is shown once and never stored in clear. */
export const ReceiptSchema = z.object({
  trackingCode: z.string(),
  secret: z.string(),
  status: z.literal("received"),
  receivedAt: z.string(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

export const ReportEventSchema = z.object({
  at: z.string(),
  status: ReportStatusSchema,
  note: z.string().optional(),
});
export type ReportEvent = z.infer<typeof ReportEventSchema>;

export const MessageSchema = z.object({
  id: z.string(),
  from: z.enum(["reporter", "inspector"]),
  body: z.string(),
  at: z.string(),
});
export type Message = z.infer<typeof MessageSchema>;

export const AttachmentSchema = z.object({
  id: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  contentType: z.enum(["image/jpeg", "image/png", "image/webp", "application/pdf"]),
  size: z.number().int().positive(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** `GET /api/reports/{trackingCode}` with the bearer secret. */
export const ReportViewSchema = z.object({
  trackingCode: z.string(),
  status: ReportStatusSchema,
  categoryCode: CategoryCodeSchema,
  unitId: z.string(),
  receivedAt: z.string(),
  updatedAt: z.string(),
  events: z.array(ReportEventSchema),
  messages: z.array(MessageSchema),
  attachments: z.array(AttachmentSchema),
  /** Once `status` is `concluded`: the finding on the report's lead. */
  outcome: z.enum(["substantiated", "partly_substantiated", "not_substantiated", "could_not_verify"]).optional(),
  /** Once `status` is `concluded`: the inspectors' short public summary. */
  outcomeSummary: z.string().optional(),
  /** When the reporter contested the outcome (at most once); absent if never. */
  contestedAt: z.string().optional(),
  /** Once `status` is `forwarded`: the agency the report was sent to (a unit of the directory, or a name). */
  forwardedTo: z.object({ name: z.string(), unitId: z.string().nullable() }).optional(),
});
export type ReportView = z.infer<typeof ReportViewSchema>;

export const MESSAGE_MAX = 5000;

/** `POST /api/reports/{trackingCode}/contest` (bearer secret), once per report, once it is concluded. */
export const ContestCreateSchema = z.object({ reason: TextSchema.pipe(z.string().min(10).max(2000)) }).strict();
export type ContestCreate = z.infer<typeof ContestCreateSchema>;
export const ContestReceiptSchema = z.object({ contestedAt: z.string() });
export type ContestReceipt = z.infer<typeof ContestReceiptSchema>;

/** `POST /api/reports/{trackingCode}/messages` */
export const MessageCreateSchema = z.object({ body: TextSchema.pipe(z.string().min(1).max(MESSAGE_MAX)) }).strict();
export type MessageCreate = z.infer<typeof MessageCreateSchema>;

/** Evidence limits, shared by the form and the server. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 5;
export const EVIDENCE_TYPES = AttachmentSchema.shape.contentType.options;
