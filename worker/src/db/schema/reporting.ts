import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * The unit directory is data: hierarchical through `parentId`, editable by
 * administrators. A merged or renamed unit keeps its row (with `successorId`
 * and `validTo`) so old reports stay attached to what they were about.
 */
export const units = sqliteTable(
  "units",
  {
    id: text("id").primaryKey(),
    /** The official code (mã đơn vị hành chính) of a ward or commune; null for departments and agencies. */
    code: text("code"),
    name: text("name").notNull(),
    /** Lower-case, diacritics removed (đ → d), for search. */
    nameFolded: text("name_folded").notNull(),
    kind: text("kind", { enum: ["city", "department", "agency", "ward", "commune"] }).notNull(),
    parentId: text("parent_id"),
    /** Sector for statistics: land, planning, construction, finance, … */
    sector: text("sector"),
    successorId: text("successor_id"),
    validFrom: text("valid_from"),
    validTo: text("valid_to"),
    /** A starting entry an administrator has yet to confirm (the sample departments and agencies). */
    toConfirm: integer("to_confirm", { mode: "boolean" }).notNull().default(false),
    /** True for the realistic sample seeded locally. */
    isSample: integer("is_sample", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    index("units_parent_idx").on(t.parentId),
    index("units_name_folded_idx").on(t.nameFolded),
    uniqueIndex("units_code_idx").on(t.code),
  ],
);

/** Former names, so a search for an old name still finds the unit. */
export const unitAliases = sqliteTable(
  "unit_aliases",
  {
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    name: text("name").notNull(),
    nameFolded: text("name_folded").notNull(),
    validTo: text("valid_to"),
    /** The former unit's official code, for a unit the 2025 reform merged; null for a name a rename replaced. */
    oldCode: text("old_code"),
    /** True when only part of the former unit went into this one (it was split across several). */
    partial: integer("partial", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.name] }), index("unit_aliases_name_folded_idx").on(t.nameFolded)],
);

/** The behaviour taxonomy of DOMAIN.md. */
export const categories = sqliteTable("categories", {
  code: text("code").primaryKey(),
  nameVi: text("name_vi").notNull(),
  nameEn: text("name_en").notNull(),
  descriptionVi: text("description_vi").notNull(),
  descriptionEn: text("description_en").notNull(),
  /** 1 (low) to 4 (highest). */
  severity: integer("severity").notNull(),
  sortOrder: integer("sort_order").notNull(),
});

/**
 * A report as filed. Contact details only ever exist here encrypted
 * (AES-GCM, `contactIv` + `contactCiphertext`); the receipt secret only as a
 * SHA-256 hash.
 */
export const reports = sqliteTable(
  "reports",
  {
    id: text("id").primaryKey(),
    /**
     * The opaque id Open311 publishes (`service_request_id`): random, never the
     * tracking code, which with the secret opens the reporter's page. Set when
     * filed; a trigger (migration of issue 14) draws one for any row inserted
     * without it.
     */
    publicId: text("public_id"),
    trackingCode: text("tracking_code").notNull(),
    secretHash: text("secret_hash").notNull(),
    track: text("track", { enum: ["anonymous", "named"] }).notNull(),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    categoryCode: text("category_code")
      .notNull()
      .references(() => categories.code),
    description: text("description").notNull(),
    occurredOn: text("occurred_on"),
    procedure: text("procedure"),
    officialHint: text("official_hint"),
    reporterKind: text("reporter_kind", { enum: ["citizen", "business", "organization"] }).notNull(),
    contactIv: text("contact_iv"),
    contactCiphertext: text("contact_ciphertext"),
    /**
     * How the report reached the team: `web` (the portal's form) or a channel
     * staff enter on someone's behalf (hotline, post, in person, …).
     */
    channel: text("channel").notNull().default("web"),
    /** The staff account that entered a report received by another channel. */
    enteredBy: text("entered_by"),
    /** When staff entered it; `receivedAt` is then the day the team received it. */
    enteredAt: text("entered_at"),
    /**
     * Who the report came from, for the "independent reports" factor, as a
     * salted hash (`witnessKey`): the web client's address, or a
     * staff-entered report's channel and reporter contact; never the raw IP
     * or contact. Null when unknown (an anonymous staff-entered report).
     */
    witnessKey: text("witness_key"),
    status: text("status").notNull().default("received"),
    /** The lead this report joined at triage. */
    leadId: text("lead_id"),
    /** Triage results, computed when filed: suggested category, severity, Article 25 eligibility. */
    suggestedCategory: text("suggested_category"),
    severity: integer("severity"),
    eligible: integer("eligible", { mode: "boolean" }),
    /** Folded description, for similarity and search. */
    descriptionFolded: text("description_folded"),
    /** Folded procedure and official (titles dropped), for clustering. */
    procedureKey: text("procedure_key"),
    officialKey: text("official_key"),
    receivedAt: text("received_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    /** The finding on this report's lead, once concluded, and what the reporter is told. */
    outcome: text("outcome"),
    outcomeSummary: text("outcome_summary"),
    /** True for seeded demo rows. */
    isSample: integer("is_sample", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    uniqueIndex("reports_tracking_code_idx").on(t.trackingCode),
    uniqueIndex("reports_public_id_idx").on(t.publicId),
    index("reports_unit_idx").on(t.unitId, t.receivedAt),
    index("reports_received_idx").on(t.receivedAt),
    index("reports_lead_idx").on(t.leadId),
  ],
);

/** The reporter-visible timeline of a report. */
export const reportEvents = sqliteTable(
  "report_events",
  {
    id: text("id").primaryKey(),
    reportId: text("report_id")
      .notNull()
      .references(() => reports.id),
    at: text("at").notNull(),
    status: text("status").notNull(),
    /** Public note, shown to the reporter. */
    note: text("note"),
  },
  (t) => [index("report_events_report_idx").on(t.reportId, t.at)],
);

/** Messages between the reporter and the inspectors. */
export const reportMessages = sqliteTable(
  "report_messages",
  {
    id: text("id").primaryKey(),
    reportId: text("report_id")
      .notNull()
      .references(() => reports.id),
    sender: text("sender", { enum: ["reporter", "inspector"] }).notNull(),
    authorUserId: text("author_user_id"),
    body: text("body").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("report_messages_report_idx").on(t.reportId, t.at)],
);

/** Evidence files; the bytes live in R2 under `objectKey`, metadata stripped. */
export const attachments = sqliteTable(
  "attachments",
  {
    id: text("id").primaryKey(),
    reportId: text("report_id")
      .notNull()
      .references(() => reports.id),
    objectKey: text("object_key").notNull(),
    contentType: text("content_type").notNull(),
    /** Size of the stored (stripped) file. */
    size: integer("size").notNull(),
    /** SHA-256 of the file as uploaded, before metadata was stripped. */
    sha256: text("sha256").notNull(),
    /** SHA-256 of the stored file. */
    storedSha256: text("stored_sha256").notNull(),
    uploadedBy: text("uploaded_by", { enum: ["reporter", "inspector"] }).notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("attachments_report_idx").on(t.reportId)],
);

/** Responses remembered for `Idempotency-Key` retries (24 h). */
export const idempotencyKeys = sqliteTable("idempotency_keys", {
  /** SHA-256 of scope + key. */
  keyHash: text("key_hash").primaryKey(),
  /** SHA-256 of the request body without its one-time ALTCHA payload. */
  requestHash: text("request_hash").notNull(),
  status: integer("status").notNull(),
  responseBody: text("response_body").notNull(),
  createdAt: text("created_at").notNull(),
  expiresAt: text("expires_at").notNull(),
});

/** Fixed-window counters keyed by a salted hash; the raw IP is never stored. */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    bucket: text("bucket").notNull(),
    windowStart: integer("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);

/** ALTCHA challenges already spent, so a solution cannot be replayed. */
export const usedChallenges = sqliteTable("used_challenges", {
  signature: text("signature").primaryKey(),
  expiresAt: integer("expires_at").notNull(),
});

/** Key/value settings editable without a deploy (defaults live in code). */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});
