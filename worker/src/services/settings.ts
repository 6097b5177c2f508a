import {
  SETTING_DEFINITIONS,
  SETTING_KEYS,
  type Setting,
  type SettingKey,
  type SettingList,
  SettingListSchema,
  type SettingsPatch,
  settingValueSchema,
} from "../contracts/settings";
import { auditInsert } from "../db/queries/audit";
import { deleteSetting, type SettingRow, settingRows, upsertSetting } from "../db/queries/settings";
import { ACK_WORKING_DAYS, TRIAGE_WORKING_DAYS } from "../domain/calendar";
import { DEFAULT_MIN_RANKED_CASES } from "../domain/stats/figures";
import { DEFAULT_MIN_CELL } from "../domain/stats/suppression";
import type { Bindings } from "../env";
import { altchaCost } from "../lib/altcha";
import { type Statements, writeBatch } from "./batch";
import type { ActorContext, ServiceContext } from "./context";
import { INTAKE_POLICY, MESSAGES_POLICY, reportsPolicy, UPLOADS_POLICY } from "./rate-limits";

/**
 * The administrator's settings (`GET`/`PATCH /api/admin/settings`) and the
 * reads of the use cases that depend on them. A setting without a row, or
 * with a value outside its range, takes its default.
 */

/**
 * Default retention periods, in months, for the retention job of a later
 * issue (nothing deletes by them yet): closed reports five years, contact
 * details one year after closing, evidence files two years.
 */
export const RETENTION_DEFAULT_MONTHS = {
  "retention.closed_report_months": 60,
  "retention.contact_months": 12,
  "retention.evidence_months": 24,
} as const;

/** Every setting's default: constants of the domain, and the Worker's variables where they exist. */
export function settingDefaults(env: Bindings): Record<SettingKey, number> {
  return {
    "deadlines.ack_working_days": ACK_WORKING_DAYS,
    "deadlines.triage_working_days": TRIAGE_WORKING_DAYS,
    "stats.min_cell": DEFAULT_MIN_CELL,
    "stats.min_ranked_cases": DEFAULT_MIN_RANKED_CASES,
    reports_per_client_per_hour: reportsPolicy(env).fallback,
    messages_per_client_per_hour: MESSAGES_POLICY.fallback,
    evidence_uploads_per_client_per_hour: UPLOADS_POLICY.fallback,
    intake_reports_per_staff_per_hour: INTAKE_POLICY.fallback,
    "altcha.cost": altchaCost(env),
    ...RETENTION_DEFAULT_MONTHS,
  };
}

/** A stored value when it is a whole number in the setting's range, else undefined. */
function storedValue(key: SettingKey, row: SettingRow | undefined): number | undefined {
  if (!row) return undefined;
  const parsed = settingValueSchema(key).safeParse(Number(row.value));
  return parsed.success ? parsed.data : undefined;
}

/**
 * The values in force of some settings.
 *
 * @example
 * const { "altcha.cost": cost } = await settingValues(ctx, ["altcha.cost"]);
 */
export async function settingValues<K extends SettingKey>(
  ctx: Pick<ServiceContext, "db" | "env">,
  keys: readonly K[],
): Promise<Record<K, number>> {
  const rows = new Map((await settingRows(ctx.db, keys)).map((r) => [r.key, r]));
  const defaults = settingDefaults(ctx.env);
  return Object.fromEntries(keys.map((key) => [key, storedValue(key, rows.get(key)) ?? defaults[key]])) as Record<
    K,
    number
  >;
}

/** The working days of a new lead's deadlines: acknowledgement and triage decision. */
export async function deadlineDays(ctx: Pick<ServiceContext, "db" | "env">) {
  const values = await settingValues(ctx, ["deadlines.ack_working_days", "deadlines.triage_working_days"]);
  return { ackDays: values["deadlines.ack_working_days"], triageDays: values["deadlines.triage_working_days"] };
}

async function list(ctx: ServiceContext): Promise<SettingList> {
  const rows = new Map((await settingRows(ctx.db, SETTING_KEYS)).map((r) => [r.key, r]));
  const defaults = settingDefaults(ctx.env);
  const items = SETTING_KEYS.map((key): Setting => {
    const row = rows.get(key);
    const stored = storedValue(key, row);
    const { group, min, max } = SETTING_DEFINITIONS[key];
    return {
      key,
      group,
      value: stored ?? defaults[key],
      defaultValue: defaults[key],
      stored: stored !== undefined,
      min,
      max,
      updatedAt: stored !== undefined ? (row?.updatedAt ?? null) : null,
    };
  });
  return SettingListSchema.parse({ items });
}

/** `GET /api/admin/settings`: every setting with its value, default and range. */
export function listSettings(ctx: ActorContext): Promise<SettingList> {
  return list(ctx);
}

/**
 * `PATCH /api/admin/settings`: sets the given settings (`null`: back to the
 * default) in one batch, with one audit row per setting that changed
 * (`setting.changed`, before and after: the value in force and whether it
 * was stored). Unchanged settings write nothing.
 */
export async function patchSettings(ctx: ActorContext, patch: SettingsPatch): Promise<SettingList> {
  const before = new Map((await list(ctx)).items.map((s) => [s.key, s]));
  const at = ctx.now.toISOString();
  const statements: Statements = [];
  for (const key of SETTING_KEYS) {
    const next = patch[key];
    const old = before.get(key);
    if (next === undefined || !old) continue;
    const after = next === null ? { value: old.defaultValue, stored: false } : { value: next, stored: true };
    if (after.value === old.value && after.stored === old.stored) continue;
    statements.push(
      next === null ? deleteSetting(ctx.db, key) : upsertSetting(ctx.db, key, String(next), at),
      auditInsert(ctx.db, {
        actorId: ctx.actor.id,
        actorKind: "user",
        action: "setting.changed",
        targetType: "setting",
        targetId: key,
        summary: { before: { value: old.value, stored: old.stored }, after },
        at,
      }),
    );
  }
  await writeBatch(ctx.db, statements);
  return list(ctx);
}
