import { createRoute } from "@hono/zod-openapi";
import { SettingListSchema, SettingsPatchSchema } from "../contracts/settings";
import { json, problem, staffSession } from "../http/openapi";

const guarded = { 401: problem("No session"), 403: problem("Not an administrator") };

export const getSettingsRoute = createRoute({
  method: "get",
  path: "/admin/settings",
  tags: ["admin"],
  security: staffSession,
  summary: "Every setting with its value in force, its default and its range",
  responses: { 200: { description: "The settings", content: json(SettingListSchema) }, ...guarded },
});

export const patchSettingsRoute = createRoute({
  method: "patch",
  path: "/admin/settings",
  tags: ["admin"],
  security: staffSession,
  summary: "Change some settings (null: back to the default)",
  description:
    "Keys: `deadlines.ack_working_days` and `deadlines.triage_working_days` (working days of a new lead's " +
    "deadlines), `stats.min_cell` (K) and `stats.min_ranked_cases` (N) of the public statistics (cached for " +
    "`STATS_CACHE_SECONDS`), the reporters' hourly rate limits (`reports_per_client_per_hour`, " +
    "`messages_per_client_per_hour`, `evidence_uploads_per_client_per_hour`), `altcha.cost` (PBKDF2 iterations " +
    "per attempt of new challenges) and the retention periods in months read by the retention job " +
    "(`retention.closed_report_months`, `retention.contact_months`, `retention.evidence_months`). Each a whole " +
    "number in its range; unknown keys are refused. One audit row per setting changed (`setting.changed`, " +
    "before and after).",
  request: { body: { content: json(SettingsPatchSchema), required: true } },
  responses: {
    200: { description: "The settings after the change", content: json(SettingListSchema) },
    422: problem("Unknown key, or a value outside its range"),
    ...guarded,
  },
});
