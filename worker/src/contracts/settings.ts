import { z } from "zod";

/**
 * The settings an administrator edits without a deploy (`GET` and `PATCH
 * /api/admin/settings`), each a whole number in a range. Their keys are the
 * rows of the `settings` table the Worker reads; a missing row means the
 * default (in code, or the Worker's variable for the ALTCHA cost and the
 * reports' rate limit).
 */

/** How the console groups the settings into fieldsets. */
export const SETTING_GROUPS = ["deadlines", "statistics", "rateLimits", "altcha", "retention"] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];

/** One setting: its group and its range (inclusive). */
export interface SettingDefinition {
  group: SettingGroup;
  min: number;
  max: number;
}

/**
 * Every setting, in the order the console shows them. The retention periods
 * are kept here for the retention job of a later issue, which reads them; no
 * code deletes anything by them yet.
 */
export const SETTING_DEFINITIONS = {
  /** Working days to acknowledge a new report (the lead's `ackDueAt`). */
  "deadlines.ack_working_days": { group: "deadlines", min: 1, max: 30 },
  /** Working days to decide a new lead's triage (the lead's `dueAt`). */
  "deadlines.triage_working_days": { group: "deadlines", min: 1, max: 60 },
  /** K: a public statistics cell below this many is withheld. */
  "stats.min_cell": { group: "statistics", min: 2, max: 100 },
  /** N: a unit is ranked only with at least this many cases. */
  "stats.min_ranked_cases": { group: "statistics", min: 0, max: 1000 },
  /** Reports filed per client address and hour. */
  reports_per_client_per_hour: { group: "rateLimits", min: 1, max: 10_000 },
  /** Replies and contests per client address and hour. */
  messages_per_client_per_hour: { group: "rateLimits", min: 1, max: 10_000 },
  /** Evidence files uploaded per client address and hour. */
  evidence_uploads_per_client_per_hour: { group: "rateLimits", min: 1, max: 10_000 },
  /** Reports a staff account enters from other channels (hotline, post, …) per hour. */
  intake_reports_per_staff_per_hour: { group: "rateLimits", min: 1, max: 10_000 },
  /** PBKDF2 iterations per attempt of the ALTCHA proof of work. */
  "altcha.cost": { group: "altcha", min: 1_000, max: 1_000_000 },
  /** Months a closed report is kept before the retention job removes it. */
  "retention.closed_report_months": { group: "retention", min: 12, max: 240 },
  /** Months a reporter's contact details are kept after their report is closed. */
  "retention.contact_months": { group: "retention", min: 1, max: 120 },
  /** Months an evidence file of a closed report is kept. */
  "retention.evidence_months": { group: "retention", min: 6, max: 240 },
} as const satisfies Record<string, SettingDefinition>;

/** The key of a setting. */
export type SettingKey = keyof typeof SETTING_DEFINITIONS;

/** Every setting key, in the console's order. */
export const SETTING_KEYS = Object.keys(SETTING_DEFINITIONS) as SettingKey[];

/** The zod schema of one setting's value: a whole number in its range. */
export function settingValueSchema(key: SettingKey) {
  const { min, max } = SETTING_DEFINITIONS[key];
  return z.number().int().min(min).max(max);
}

/** One setting as the API shows it. */
export const SettingSchema = z.object({
  key: z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]),
  group: z.enum(SETTING_GROUPS),
  /** The value in force: the stored one, or the default. */
  value: z.number().int(),
  defaultValue: z.number().int(),
  /** False when no row overrides the default. */
  stored: z.boolean(),
  min: z.number().int(),
  max: z.number().int(),
  /** When the stored value was last changed; null for a default. */
  updatedAt: z.string().nullable(),
});
export type Setting = z.infer<typeof SettingSchema>;

/** `GET /api/admin/settings` */
export const SettingListSchema = z.object({ items: z.array(SettingSchema) });
export type SettingList = z.infer<typeof SettingListSchema>;

/**
 * `PATCH /api/admin/settings`: the settings to change, each a whole number in
 * its range, or `null` to go back to the default. Unknown keys are refused.
 */
export const SettingsPatchSchema = z
  .object(
    Object.fromEntries(SETTING_KEYS.map((key) => [key, settingValueSchema(key).nullable().optional()])) as {
      [K in SettingKey]: z.ZodOptional<z.ZodNullable<z.ZodNumber>>;
    },
  )
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { params: { key: "empty_patch" } });
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
