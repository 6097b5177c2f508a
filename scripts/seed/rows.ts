// The rows the seeds and the bulk generator write, one interface per table,
// under the database's own column names (worker/src/db/schema/ gives each
// column's camelCase name and its SQL name). A column the database fills
// itself (a default) or may leave NULL is optional; a boolean column takes
// true/false or 0/1 and is stored as 0/1 (sqlValue in sql.ts). Row types are
// type aliases, not interfaces, so that each is assignable to `Row`.
import type { RoleName } from "../../worker/src/contracts/auth.ts";
import type { CategoryCode } from "../../worker/src/contracts/categories.ts";
import type {
  FindingOutcome,
  InspectionStatus,
  InspectionType,
  MeasureStatus,
  TeamRole,
} from "../../worker/src/contracts/inspections.ts";
import type { DismissalReasonCode, LeadStatus } from "../../worker/src/contracts/leads.ts";
import type { ReporterKind, ReportStatus, Track } from "../../worker/src/contracts/reports.ts";
import type { SectorCode } from "../../worker/src/contracts/stats.ts";
import type { UnitKind } from "../../worker/src/contracts/units.ts";

/** A SQL value of a seeded row: text, a number, a boolean (0/1), or NULL (null or undefined). */
export type SqlValue = string | number | boolean | null | undefined;

/** Any row: column name → value. */
export type Row = { readonly [column: string]: SqlValue };

/** An ISO 8601 instant (`2026-06-15T05:20:00.000Z`), as the Worker stores times. */
export type IsoInstant = string;
/** A calendar date (`2026-06-15`). */
export type IsoDate = string;
/** A boolean column: true/false, or 0/1 as SQLite stores it. */
export type Flag = boolean | 0 | 1;

export type UnitRow = {
  id: string;
  name: string;
  name_folded: string;
  kind: UnitKind;
  parent_id: string | null;
  sector: SectorCode | null;
  successor_id: string | null;
  valid_from: IsoDate | null;
  valid_to: IsoDate | null;
  is_sample: Flag;
};

export type UnitAliasRow = {
  unit_id: string;
  name: string;
  name_folded: string;
  valid_to: IsoDate | null;
};

export type UserRow = {
  id: string;
  email: string;
  display_name: string;
  role: RoleName;
  password_hash: string;
  must_change_password: Flag;
  created_at: IsoInstant;
  updated_at: IsoInstant;
};

export type UserUnitTieRow = {
  user_id: string;
  unit_id: string;
  reason: string | null;
  created_at: IsoInstant;
};

export type LeadRow = {
  id: string;
  unit_id: string;
  category_code: CategoryCode;
  status: LeadStatus;
  priority: number;
  /** JSON of the score factors (`ScoreFactor[]`). */
  score_factors: string;
  severity: number;
  report_count: number;
  independent_reports?: number;
  evidence_count: number;
  business_harm: Flag;
  eligible: Flag;
  opened_at: IsoInstant;
  last_report_at: IsoInstant;
  ack_due_at: IsoInstant;
  acknowledged_at: IsoInstant | null;
  due_at: IsoInstant;
  decided_at: IsoInstant | null;
  overdue_since: IsoInstant | null;
  assignee_id?: string | null;
  proposed_by: string | null;
  dismissal_reason: string | null;
  dismissal_reason_code: DismissalReasonCode | null;
  merged_into?: string | null;
  procedure_key?: string | null;
  official_key?: string | null;
  updated_at: IsoInstant;
};

export type ReportRow = {
  id: string;
  tracking_code: string;
  secret_hash: string;
  track: Track;
  unit_id: string;
  category_code: CategoryCode;
  description: string;
  occurred_on?: IsoDate | null;
  procedure?: string | null;
  official_hint?: string | null;
  reporter_kind: ReporterKind;
  contact_iv?: string | null;
  contact_ciphertext?: string | null;
  status: ReportStatus;
  outcome: FindingOutcome | null;
  outcome_summary?: string | null;
  lead_id: string | null;
  suggested_category?: CategoryCode | null;
  severity: number | null;
  eligible: Flag | null;
  description_folded?: string | null;
  procedure_key?: string | null;
  official_key?: string | null;
  received_at: IsoInstant;
  updated_at: IsoInstant;
  is_sample: Flag;
};

export type ReportEventRow = {
  id: string;
  report_id: string;
  at: IsoInstant;
  status: ReportStatus;
  note: string | null;
};

export type ReportMessageRow = {
  id: string;
  report_id: string;
  sender: "reporter" | "inspector";
  author_user_id: string | null;
  body: string;
  at: IsoInstant;
};

export type LeadNoteRow = {
  id: string;
  lead_id: string;
  author_id: string;
  body: string;
  at: IsoInstant;
};

export type AuditRow = {
  id: string;
  at: IsoInstant;
  actor_id: string | null;
  actor_kind: "user" | "reporter" | "system";
  /** `lead.referred`, `inspection.concluded`, `measure.overdue`... */
  action: string;
  /** `lead`, `inspection`, `measure` for the sample. */
  target_type: string;
  target_id: string;
  /** JSON: what changed (`before`, `after`...). */
  summary: string;
};

export type InspectionRow = {
  id: string;
  type: InspectionType;
  unit_id: string;
  status: InspectionStatus;
  year: number;
  planned_start: IsoDate;
  planned_end: IsoDate;
  scope: string;
  created_by: string;
  created_at: IsoInstant;
  updated_at: IsoInstant;
  started_at: IsoInstant | null;
  conclusion: string | null;
  recommendations: string | null;
  guidance: string | null;
  concluded_at: IsoInstant | null;
  concluded_by: string | null;
  closed_at: IsoInstant | null;
};

export type InspectionMemberRow = {
  inspection_id: string;
  user_id: string;
  role: TeamRole;
};

export type InspectionLeadRow = {
  inspection_id: string;
  lead_id: string;
};

export type FindingRow = {
  id: string;
  inspection_id: string;
  lead_id: string;
  unit_id: string;
  outcome: FindingOutcome;
  reasoning: string;
  public_summary: string;
  position: string | null;
  recorded_by: string;
  recorded_at: IsoInstant;
};

export type MeasureRow = {
  id: string;
  inspection_id: string;
  responsible_unit_id: string;
  description: string;
  deadline: IsoDate;
  status: MeasureStatus;
  response: string | null;
  responded_at: IsoInstant | null;
  verified_at: IsoInstant | null;
  verified_by: string | null;
  verified_on_time: Flag | null;
  overdue_since: IsoInstant | null;
  last_escalated_at: IsoInstant | null;
  created_at: IsoInstant;
  updated_at: IsoInstant;
};

export type ApiClientRow = {
  id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  requests_per_hour: number;
  public_app: Flag;
  use_count?: number;
  last_used_at?: IsoInstant | null;
  created_by: string | null;
  created_at: IsoInstant;
  revoked_at?: IsoInstant | null;
  revoked_by?: string | null;
};

/** Table name → the row the seeds write into it. */
export interface Tables {
  units: UnitRow;
  unit_aliases: UnitAliasRow;
  users: UserRow;
  user_unit_ties: UserUnitTieRow;
  leads: LeadRow;
  reports: ReportRow;
  report_events: ReportEventRow;
  report_messages: ReportMessageRow;
  lead_notes: LeadNoteRow;
  audit_log: AuditRow;
  inspections: InspectionRow;
  inspection_members: InspectionMemberRow;
  inspection_leads: InspectionLeadRow;
  findings: FindingRow;
  measures: MeasureRow;
  api_clients: ApiClientRow;
}

export type TableName = keyof Tables;

/** `someColumnName` → `some_column_name`, as the schema names every column. */
type Snake<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}`
  : S;

/** A Worker row builder's record (camelCase, worker/src/db/rows) under the database's column names. */
export type SqlRecord<T> = { [K in keyof T as K extends string ? Snake<K> : never]: T[K] };
