import type { CategoryCode } from "../../contracts/categories";
import { CHANNELS, type Channel } from "../../contracts/channels";
import {
  FINDING_OUTCOMES,
  type FindingOutcome,
  INSPECTION_TYPES,
  type InspectionStatus,
  type InspectionType,
  type MeasureStatus,
} from "../../contracts/inspections";
import { DISMISSAL_REASON_CODES, type LeadStatus } from "../../contracts/leads";

/**
 * What every row of the counted tables contributes to the statistics rollups
 * (issue 5), as data: the one place that says which columns exist and what
 * counts in each. `generate-triggers.ts` turns it into the SQLite triggers
 * that keep the rollups in the same statement as every write; the query
 * layer and the recount test read the column list from here.
 *
 * Conditions and values are SQL fragments over a row alias (`NEW` or `OLD` in
 * a trigger), evaluated by the database on the stored values. Their literals
 * come from the contracts, typed, so a renamed status fails to compile and a
 * new dismissal reason code gets its own column instead of silently counting
 * as unspecified.
 */

/** A SQL expression over one row, written for the alias `row` (`NEW` or `OLD`). */
export type RowSql = (row: string) => string;

/** The reason key of a dismissal whose code is missing or not (any longer) in the contracts. */
export const UNSPECIFIED_REASON = "unspecified";

/** The `stats_cells` column counting dismissals with `code`. */
export type DismissalColumn<C extends string = string> = `dismissed_${C | typeof UNSPECIFIED_REASON}`;

/** The column of dismissals with `code` (or {@link UNSPECIFIED_REASON}). */
export function dismissalColumn<C extends string>(code: C | typeof UNSPECIFIED_REASON): DismissalColumn<C> {
  return `dismissed_${code}`;
}

/** The column counting inspections of a type (month of `started_at`, category ''). */
export function inspectionColumn<T extends InspectionType>(type: T): `inspections_${T}` {
  return `inspections_${type}`;
}

/** The column counting reports received through a channel (month of `received_at`). */
export function channelColumn<C extends Channel>(channel: C): `reports_${C}` {
  return `reports_${channel}`;
}

/** The column counting findings of an outcome (month of `recorded_at`, the lead's category). */
export const FINDING_COLUMNS = {
  substantiated: "findings_substantiated",
  partly_substantiated: "findings_partly",
  not_substantiated: "findings_not_substantiated",
  could_not_verify: "findings_could_not_verify",
} as const satisfies Record<FindingOutcome, string>;

/**
 * The counts of a cell (each documented in the schema, `schema/stats.ts`), in
 * the physical column order of `stats_cells`, where migration 0009 added the
 * dismissal columns (one per code of `reasonCodes`, then
 * {@link UNSPECIFIED_REASON}) and migration 0014 the reports per channel of
 * the contracts (0018 added `open311`), then migration 0023 `forwarded`, last.
 */
export function cellColumns<C extends string>(reasonCodes: readonly C[]) {
  return [
    "reports",
    "leads",
    "referred",
    "dismissed",
    "ack_on_time",
    "ack_late",
    ...INSPECTION_TYPES.map(inspectionColumn),
    ...FINDING_OUTCOMES.map((outcome) => FINDING_COLUMNS[outcome]),
    "measures_verified",
    "measures_on_time",
    "measures_late",
    ...reasonCodes.map((code) => dismissalColumn(code)),
    dismissalColumn<C>(UNSPECIFIED_REASON),
    ...CHANNELS.map(channelColumn),
    "forwarded",
  ] as const;
}

/** The columns of `stats_cells` and `stats_months`, with the contracts' dismissal reason codes. */
export const CELL_COLUMNS = cellColumns(DISMISSAL_REASON_CODES);
export type CellColumn = (typeof CELL_COLUMNS)[number];

/** The duration histograms' metrics (working days, for medians). */
export const DURATION_METRICS = ["first_response", "conclusion"] as const;
export type DurationMetric = (typeof DURATION_METRICS)[number];

/** The category key of what is not tied to a behaviour category (inspections, measures). */
export const NO_CATEGORY: CategoryCode | "" = "";

/** Adds a row's share to one `stats_cells` cell: each listed column by its 0/1 value. */
export interface CellContribution<Col extends string = string> {
  into: "stats_cells";
  /** The instant whose Hanoi month keys the cell. */
  at: RowSql;
  unit: RowSql;
  category: RowSql;
  /** Which rows contribute; `null` for every row. */
  when: RowSql | null;
  /** Columns in SQL order, each with its value (1 or a 0/1 condition) for a contributing row. */
  counts: Partial<Record<Col, RowSql>>;
}

/** Adds a row to one bucket of the `stats_durations` histogram: working days from `from` to `at`. */
export interface DurationContribution {
  into: "stats_durations";
  metric: DurationMetric;
  /** The end instant; its Hanoi month keys the bucket. */
  at: RowSql;
  /** The start instant. */
  from: RowSql;
  unit: RowSql;
  category: RowSql;
  when: RowSql | null;
}

export type Contribution<Col extends string = string> = CellContribution<Col> | DurationContribution;

/** A counted table: its contributions, in trigger order, and the columns whose change moves them. */
export interface RollupSource<Col extends string = string> {
  table: string;
  /** `AFTER UPDATE OF` these columns, and only when one of them changed. Must cover every column the contributions read. */
  watched: readonly string[];
  contributions: readonly Contribution<Col>[];
}

/** A rollup kept by triggers: its primary key and its summed columns. */
export interface RollupTable {
  name: string;
  keys: readonly string[];
  values: readonly string[];
}

/** Everything the generator needs: the cell columns, the counted tables, the coarser sums. */
export interface Rollups {
  cellColumns: readonly string[];
  sources: readonly RollupSource[];
  /** One row per Hanoi month, unit and category: what the sources' cell contributions add to. */
  cells: RollupTable;
  /** `stats_cells` summed per month: kept by triggers on `stats_cells`. */
  months: RollupTable;
  /** The fine histogram, and its sums over some keys: kept by triggers on `stats_durations`. */
  durations: RollupTable;
  durationSums: readonly RollupTable[];
}

const column =
  (name: string): RowSql =>
  (row) =>
    `${row}.${name}`;

const one: RowSql = () => "1";

const noCategory: RowSql = () => sqlText(NO_CATEGORY);

/** A SQL string literal. */
export function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A SQL list of string literals, `('a', 'b')`. */
function sqlList(values: readonly string[]): string {
  return `(${values.map(sqlText).join(", ")})`;
}

const leadStatus = (status: LeadStatus) => sqlText(status);

/** A column of the finding's lead. */
const ofLead =
  (name: string): RowSql =>
  (row) =>
    `(SELECT l.${name} FROM leads l WHERE l.id = ${row}.lead_id)`;

function leadsSource(reasonCodes: readonly string[]): RollupSource {
  const dismissed = (row: string) => `${row}.status = ${leadStatus("dismissed")}`;
  const byReason: Record<string, RowSql> = Object.fromEntries(
    reasonCodes.map((code) => [
      dismissalColumn(code),
      (row: string) => `(${dismissed(row)} AND ${row}.dismissal_reason_code IS ${sqlText(code)})`,
    ]),
  );
  return {
    table: "leads",
    watched: [
      "status",
      "opened_at",
      "unit_id",
      "category_code",
      "acknowledged_at",
      "ack_due_at",
      "overdue_since",
      "decided_at",
      "dismissal_reason_code",
    ],
    contributions: [
      {
        into: "stats_cells",
        at: column("opened_at"),
        unit: column("unit_id"),
        category: column("category_code"),
        when: (row) => `${row}.status <> ${leadStatus("merged")}`,
        counts: {
          leads: one,
          ack_on_time: (row) => `(${row}.acknowledged_at IS NOT NULL AND ${row}.acknowledged_at <= ${row}.ack_due_at)`,
          ack_late: (row) =>
            `((${row}.acknowledged_at IS NOT NULL AND ${row}.acknowledged_at > ${row}.ack_due_at) OR (${row}.acknowledged_at IS NULL AND ${row}.overdue_since IS NOT NULL))`,
        } satisfies Partial<Record<CellColumn, RowSql>>,
      },
      {
        into: "stats_cells",
        at: column("decided_at"),
        unit: column("unit_id"),
        category: column("category_code"),
        when: (row) =>
          `${row}.decided_at IS NOT NULL AND ${row}.status IN ${sqlList(["referred", "concluded", "dismissed", "forwarded"] satisfies LeadStatus[])}`,
        counts: {
          referred: (row) => `(${row}.status IN ${sqlList(["referred", "concluded"] satisfies LeadStatus[])})`,
          dismissed: (row) => `(${dismissed(row)})`,
          forwarded: (row) => `(${row}.status = ${leadStatus("forwarded")})`,
          ...byReason,
          [dismissalColumn(UNSPECIFIED_REASON)]: (row: string) =>
            `(${dismissed(row)} AND (${row}.dismissal_reason_code IS NULL OR ${row}.dismissal_reason_code NOT IN ${sqlList(reasonCodes)}))`,
        },
      },
      {
        into: "stats_durations",
        metric: "first_response",
        at: column("acknowledged_at"),
        from: column("opened_at"),
        unit: column("unit_id"),
        category: column("category_code"),
        when: (row) => `${row}.acknowledged_at IS NOT NULL AND ${row}.status <> ${leadStatus("merged")}`,
      },
      {
        into: "stats_durations",
        metric: "conclusion",
        at: column("decided_at"),
        from: column("opened_at"),
        unit: column("unit_id"),
        category: column("category_code"),
        when: (row) => `${row}.decided_at IS NOT NULL AND ${dismissed(row)}`,
      },
    ],
  };
}

const findingsSource: RollupSource<CellColumn> = {
  table: "findings",
  watched: ["outcome", "recorded_at", "unit_id", "lead_id"],
  contributions: [
    {
      into: "stats_cells",
      at: column("recorded_at"),
      unit: column("unit_id"),
      category: ofLead("category_code"),
      when: null,
      counts: Object.fromEntries(
        FINDING_OUTCOMES.map((outcome) => [
          FINDING_COLUMNS[outcome],
          (row: string) => `(${row}.outcome = ${sqlText(outcome)})`,
        ]),
      ),
    },
    {
      into: "stats_durations",
      metric: "conclusion",
      at: column("recorded_at"),
      from: ofLead("opened_at"),
      unit: column("unit_id"),
      category: ofLead("category_code"),
      when: null,
    },
  ],
};

const inspectionsSource: RollupSource<CellColumn> = {
  table: "inspections",
  watched: ["type", "status", "started_at", "unit_id"],
  contributions: [
    {
      into: "stats_cells",
      at: column("started_at"),
      unit: column("unit_id"),
      category: noCategory,
      when: (row) =>
        `${row}.started_at IS NOT NULL AND ${row}.status <> ${sqlText("cancelled" satisfies InspectionStatus)}`,
      counts: Object.fromEntries(
        INSPECTION_TYPES.map((type) => [inspectionColumn(type), (row: string) => `(${row}.type = ${sqlText(type)})`]),
      ),
    },
  ],
};

const verified = (row: string) => `${row}.status = ${sqlText("verified" satisfies MeasureStatus)}`;
const notVerified = (row: string) => `${row}.status <> ${sqlText("verified" satisfies MeasureStatus)}`;

const measuresSource: RollupSource<CellColumn> = {
  table: "measures",
  watched: ["status", "verified_at", "verified_on_time", "overdue_since", "deadline", "responsible_unit_id"],
  contributions: [
    {
      into: "stats_cells",
      at: column("verified_at"),
      unit: column("responsible_unit_id"),
      category: noCategory,
      when: (row) => `${verified(row)} AND ${row}.verified_at IS NOT NULL`,
      counts: { measures_verified: one },
    },
    {
      into: "stats_cells",
      at: column("deadline"),
      unit: column("responsible_unit_id"),
      category: noCategory,
      when: (row) => `(${verified(row)} OR ${row}.overdue_since IS NOT NULL)`,
      counts: {
        measures_on_time: (row) => `(${verified(row)} AND COALESCE(${row}.verified_on_time, 0) = 1)`,
        measures_late: (row) =>
          `((${verified(row)} AND COALESCE(${row}.verified_on_time, 0) = 0) OR (${notVerified(row)} AND ${row}.overdue_since IS NOT NULL))`,
      },
    },
  ],
};

const reportsSource: RollupSource<CellColumn> = {
  table: "reports",
  watched: ["unit_id", "category_code", "received_at", "channel"],
  contributions: [
    {
      into: "stats_cells",
      at: column("received_at"),
      unit: column("unit_id"),
      category: column("category_code"),
      when: null,
      counts: {
        reports: one,
        ...Object.fromEntries(
          CHANNELS.map((channel) => [
            channelColumn(channel),
            (row: string) => `(${row}.channel = ${sqlText(channel)})`,
          ]),
        ),
      },
    },
  ],
};

/** The histograms' tables: `count` summed per key. */
const histogram = (name: string, keys: readonly string[]): RollupTable => ({ name, keys, values: ["count"] });

/**
 * The rollups for a list of dismissal reason codes ({@link ROLLUPS} uses the
 * contracts'); a different list is for tests of what a new code changes.
 *
 * @example
 * buildRollups([...DISMISSAL_REASON_CODES, "withdrawn"]).cellColumns.includes("dismissed_withdrawn") // true
 */
export function buildRollups(reasonCodes: readonly string[]): Rollups {
  const cells = cellColumns(reasonCodes);
  return {
    cellColumns: cells,
    sources: [reportsSource, leadsSource(reasonCodes), findingsSource, inspectionsSource, measuresSource],
    cells: { name: "stats_cells", keys: ["month", "unit_id", "category_code"], values: cells },
    months: { name: "stats_months", keys: ["month"], values: cells },
    durations: histogram("stats_durations", ["metric", "month", "unit_id", "category_code", "days"]),
    durationSums: [
      histogram("stats_durations_unit", ["metric", "month", "unit_id", "days"]),
      histogram("stats_durations_category", ["metric", "month", "category_code", "days"]),
      histogram("stats_durations_month", ["metric", "month", "days"]),
    ],
  };
}

/** The rollups as the contracts define them today. */
export const ROLLUPS = buildRollups(DISMISSAL_REASON_CODES);

/** Every rollup table with its key and summed columns, finest first. */
export const ROLLUP_TABLES: readonly RollupTable[] = [
  ROLLUPS.cells,
  ROLLUPS.months,
  ROLLUPS.durations,
  ...ROLLUPS.durationSums,
];

/**
 * Whether a date (a SQL date expression) is a working day: not a holiday, and
 * a weekday unless listed as a worked weekend day. `work_calendar` holds it
 * per date and `n`, the running count of working days, kept by triggers on
 * `holidays`.
 */
export function workingDaySql(date: string): string {
  return `CASE
    WHEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = ${date} AND h.kind = 'holiday') THEN 0
    WHEN strftime('%w', ${date}) IN ('0', '6') THEN EXISTS (SELECT 1 FROM holidays h WHERE h.date = ${date} AND h.kind = 'working_day')
    ELSE 1 END`;
}
