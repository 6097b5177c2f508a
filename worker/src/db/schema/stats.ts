import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The counts of a statistics cell, each a signed sum of row contributions
 * (a fresh set of column builders per table). `month` is the Hanoi month of
 * the event each column counts, which is not the same event for every column.
 */
function cellCounts() {
  return {
    /** Reports received (month of `received_at`). */
    reports: integer("reports").notNull().default(0),
    /**
     * Reports received by channel (month of `received_at`): one column per
     * channel of `contracts/channels.ts`, so the statistics show reports by
     * channel from the rows already read for the totals.
     */
    reportsWeb: integer("reports_web").notNull().default(0),
    reportsHotline: integer("reports_hotline").notNull().default(0),
    reportsPost: integer("reports_post").notNull().default(0),
    reportsInPerson: integer("reports_in_person").notNull().default(0),
    reportsEmail: integer("reports_email").notNull().default(0),
    reportsForwardedAgency: integer("reports_forwarded_agency").notNull().default(0),
    reportsOtherPortal: integer("reports_other_portal").notNull().default(0),
    reportsOpen311: integer("reports_open311").notNull().default(0),
    /** Leads opened, not counting leads later merged into another (month of `opened_at`). */
    leads: integer("leads").notNull().default(0),
    /** Leads referred to inspection, still referred or since concluded (month of `decided_at`). */
    referred: integer("referred").notNull().default(0),
    /** Leads dismissed (month of `decided_at`). */
    dismissed: integer("dismissed").notNull().default(0),
    /**
     * Leads dismissed by reason code (month of `decided_at`): one column per
     * code, so the headline's reasons come from the rows already read for the
     * totals; `unspecified` when a lead has no (known) code.
     */
    dismissedNotPublicService: integer("dismissed_not_public_service").notNull().default(0),
    dismissedInsufficientInformation: integer("dismissed_insufficient_information").notNull().default(0),
    dismissedDuplicate: integer("dismissed_duplicate").notNull().default(0),
    dismissedOutsideJurisdiction: integer("dismissed_outside_jurisdiction").notNull().default(0),
    dismissedHandledElsewhere: integer("dismissed_handled_elsewhere").notNull().default(0),
    dismissedUnfounded: integer("dismissed_unfounded").notNull().default(0),
    dismissedUnspecified: integer("dismissed_unspecified").notNull().default(0),
    /** Leads acknowledged by their deadline (month of `opened_at`). */
    ackOnTime: integer("ack_on_time").notNull().default(0),
    /** Leads acknowledged late, or still unacknowledged and marked overdue (month of `opened_at`). */
    ackLate: integer("ack_late").notNull().default(0),
    /** Inspections started and not cancelled, by type (month of `started_at`; category ''). */
    inspectionsSurprise: integer("inspections_surprise").notNull().default(0),
    inspectionsScheduled: integer("inspections_scheduled").notNull().default(0),
    inspectionsVerification: integer("inspections_verification").notNull().default(0),
    /** Findings by outcome (month of `recorded_at`; the lead's category). */
    findingsSubstantiated: integer("findings_substantiated").notNull().default(0),
    findingsPartly: integer("findings_partly").notNull().default(0),
    findingsNotSubstantiated: integer("findings_not_substantiated").notNull().default(0),
    findingsCouldNotVerify: integer("findings_could_not_verify").notNull().default(0),
    /** Corrective measures verified (month of `verified_at`; category ''; the responsible unit). */
    measuresVerified: integer("measures_verified").notNull().default(0),
    /** Measures verified on time (month of `deadline`). */
    measuresOnTime: integer("measures_on_time").notNull().default(0),
    /** Measures verified late, or not verified and marked overdue (month of `deadline`). */
    measuresLate: integer("measures_late").notNull().default(0),
    /** Leads forwarded to a competent agency outside the team (chuyển đơn; month of `decided_at`), not dismissals. */
    forwarded: integer("forwarded").notNull().default(0),
  };
}

/**
 * Rollups for the public statistics (issue 5). They are maintained by SQLite
 * triggers (migration 0007) in the same statement, hence the same D1 batch,
 * as the writes to reports, leads, findings, inspections and measures, so no
 * write path can forget them and the public figures are never stale. The
 * stats endpoint reads only these tables, `units` and `categories`: it never
 * scans `reports`.
 *
 * Keys: `month` is the Hanoi month (`YYYY-MM`, Asia/Ho_Chi_Minh) of the event
 * counted, which is not the same event for every column (see each column);
 * `categoryCode` is `''` for what is not tied to a behaviour category
 * (inspections and corrective measures). Columns are signed sums of row
 * contributions, so an update moves a count from one cell to another.
 */
export const statsCells = sqliteTable(
  "stats_cells",
  {
    month: text("month").notNull(),
    unitId: text("unit_id").notNull(),
    categoryCode: text("category_code").notNull(),
    ...cellCounts(),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.unitId, t.categoryCode] }),
    index("stats_cells_category_idx").on(t.categoryCode, t.month),
  ],
);

/**
 * Histograms of durations in working days, for medians: `first_response`
 * (lead opened → acknowledged; month of acknowledgement) and `conclusion`
 * (lead opened → dismissed, or → finding recorded; month of the conclusion).
 */
export const statsDurations = sqliteTable(
  "stats_durations",
  {
    metric: text("metric", { enum: ["first_response", "conclusion"] }).notNull(),
    month: text("month").notNull(),
    unitId: text("unit_id").notNull(),
    categoryCode: text("category_code").notNull(),
    days: integer("days").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.metric, t.month, t.unitId, t.categoryCode, t.days] }),
    index("stats_durations_category_idx").on(t.metric, t.categoryCode, t.month),
  ],
);

/** {@link statsDurations} summed over categories (kept by a trigger on it): unit and sector tables read this. */
export const statsDurationsUnit = sqliteTable(
  "stats_durations_unit",
  {
    metric: text("metric", { enum: ["first_response", "conclusion"] }).notNull(),
    month: text("month").notNull(),
    unitId: text("unit_id").notNull(),
    days: integer("days").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.metric, t.month, t.unitId, t.days] }),
    // A unit's page and a sector's units read one unit's months, not every unit's.
    index("stats_durations_unit_unit_idx").on(t.metric, t.unitId, t.month),
  ],
);

/** {@link statsDurations} summed over units (kept by a trigger on it): city-wide and category tables read this. */
export const statsDurationsCategory = sqliteTable(
  "stats_durations_category",
  {
    metric: text("metric", { enum: ["first_response", "conclusion"] }).notNull(),
    month: text("month").notNull(),
    categoryCode: text("category_code").notNull(),
    days: integer("days").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.metric, t.month, t.categoryCode, t.days] })],
);

/**
 * {@link statsCells} summed over units and categories, one row per month
 * (kept by triggers on it): the city-wide monthly trend and totals read a
 * dozen rows instead of every unit and category of the period.
 */
export const statsMonths = sqliteTable("stats_months", {
  month: text("month").primaryKey(),
  ...cellCounts(),
});

/** {@link statsDurations} summed over units and categories (kept by a trigger on it): city-wide medians. */
export const statsDurationsMonth = sqliteTable(
  "stats_durations_month",
  {
    metric: text("metric", { enum: ["first_response", "conclusion"] }).notNull(),
    month: text("month").notNull(),
    days: integer("days").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.metric, t.month, t.days] })],
);

/**
 * One row per date from 2015 to 2040: whether it is a working day and `n`,
 * the number of working days from the start up to and including it, so that
 * the working days `d` with a < d ≤ b (the domain's `workingDaysBetween`) are
 * `n(b) − n(a)` in SQL. Kept in step with `holidays` by triggers.
 */
export const workCalendar = sqliteTable("work_calendar", {
  date: text("date").primaryKey(),
  working: integer("working").notNull(),
  n: integer("n").notNull(),
});
