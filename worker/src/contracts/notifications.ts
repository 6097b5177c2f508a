import { z } from "zod";

/** Kinds staff receive and may turn off, unless mandatory. */
export const STAFF_NOTIFICATION_KINDS = [
  "lead.high_priority",
  "dismissal.awaiting_approval",
  "contest.filed",
  "lead.reporter_replied",
  "digest.daily",
  "measure.answered",
] as const;
export type StaffNotificationKind = (typeof STAFF_NOTIFICATION_KINDS)[number];

/** Kinds a unit's liaison receives (the `unit_liaison` role). */
export const LIAISON_NOTIFICATION_KINDS = [
  "measure.created",
  "measure.deadline_soon",
  "measure.overdue",
  "measure.verified",
  "measure.rejected",
] as const;
export type LiaisonNotificationKind = (typeof LIAISON_NOTIFICATION_KINDS)[number];

/** Every kind of event; `report.status_changed` goes to a named reporter who opted in. */
export const NOTIFICATION_KINDS = [
  ...STAFF_NOTIFICATION_KINDS,
  ...LIAISON_NOTIFICATION_KINDS,
  "report.status_changed",
] as const;
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

/** Where a message is in the outbox. */
export const MESSAGE_STATUSES = ["queued", "sending", "sent", "failed", "dead"] as const;
export const MessageStatusSchema = z.enum(MESSAGE_STATUSES);

/** One kind on the preferences page. */
export const NotificationPreferenceSchema = z.object({
  kind: NotificationKindSchema,
  enabled: z.boolean(),
  /** Required by law or rule: always on, shown locked. */
  mandatory: z.boolean(),
});

/** `GET /api/me/notifications` */
export const NotificationPreferencesSchema = z.object({ items: z.array(NotificationPreferenceSchema) });
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;

/** `PUT /api/me/notifications`: the kinds to change (others keep their setting). */
export const NotificationPreferencesUpdateSchema = z
  .object({
    items: z
      .array(z.object({ kind: NotificationKindSchema, enabled: z.boolean() }).strict())
      .min(1)
      .max(NOTIFICATION_KINDS.length),
  })
  .strict();
export type NotificationPreferencesUpdate = z.infer<typeof NotificationPreferencesUpdateSchema>;

/** `GET /api/admin/notifications` query. */
export const DeliveryLogQuerySchema = z
  .object({
    /** `user:<id>` or `reporter:<reportId>`. */
    recipient: z.string().min(1).max(200).optional(),
    /** An event id. */
    event: z.string().min(1).max(300).optional(),
    status: MessageStatusSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict();
export type DeliveryLogQuery = z.infer<typeof DeliveryLogQuerySchema>;

/** One message of the delivery log: who, which template, which event, how it went; never a body. */
export const DeliveryLogEntrySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  kind: z.string(),
  recipient: z.string(),
  template: z.string(),
  lang: z.string(),
  status: MessageStatusSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
});
export const DeliveryLogSchema = z.object({ items: z.array(DeliveryLogEntrySchema) });
export type DeliveryLog = z.infer<typeof DeliveryLogSchema>;
