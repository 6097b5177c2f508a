// BENCHMARK DATA, local only: a large synthetic case load (by default 100 000
// reports and their leads over two years) for `npm run bench`, written as SQL
// files of multi-row INSERTs and applied with `wrangler d1 execute --local
// --file`. The shape is meant to be realistic rather than exact: units drawn
// with a long tail (a few busy one-stop shops and departments, many quiet
// communes), most leads of one report and a few large clusters, old leads
// mostly decided and recent ones in the queue, some overdue. Priorities come
// from the Worker's own `rescore`, deadlines from its working-day calendar.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { TEMPLATES } from "./report-templates.mjs";
import { createRng, sqlValue } from "./sql.mjs";
import { UNITS } from "./units.mjs";

const DAY_MS = 86_400_000;
const CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
/** Rows per INSERT statement and statements per file: small statements, few wrangler runs. */
const ROWS_PER_INSERT = 100;

/** Distinct tracking codes from a counter, in the `PA-XXXX-XXXX` shape, prefixed so they never meet the sample's. */
function trackingCode(n) {
  let digits = "";
  for (let i = 0, v = n; i < 7; i++, v = Math.floor(v / 25)) digits = CODE_ALPHABET[v % 25] + digits;
  return `PA-Z${digits.slice(0, 3)}-${digits.slice(3)}`;
}

function hexId(prefix, n) {
  const hex = n.toString(16).padStart(12, "0");
  return `${prefix}-0000-4000-a000-${hex}`;
}

/** Report count of a lead: mostly one, a tail of clusters up to 12. */
function clusterSize(rng) {
  const roll = rng.next();
  if (roll < 0.75) return 1;
  if (roll < 0.88) return 2;
  if (roll < 0.94) return 3;
  return rng.int(4, 12);
}

function fate(rng, ageDays) {
  if (ageDays < 5) return rng.weighted({ new: 6, in_review: 3, info_requested: 1 });
  if (ageDays < 30)
    return rng.weighted({ new: 1, in_review: 4, info_requested: 2, dismissal_proposed: 1, referred: 2 });
  if (ageDays < 90) {
    return rng.weighted({ in_review: 1, info_requested: 0.5, dismissal_proposed: 0.3, referred: 5, dismissed: 3.5 });
  }
  return rng.weighted({ in_review: 0.1, referred: 5.5, dismissed: 4.4 });
}

const REPORTER_STATUS = {
  new: "received",
  in_review: "in_review",
  info_requested: "info_requested",
  referred: "referred",
  dismissal_proposed: "in_review",
  dismissed: "not_actionable",
};

/** `INSERT INTO table (cols) VALUES (…), (…);` for a batch of row objects. */
function insertMany(table, rows) {
  const columns = Object.keys(rows[0]);
  const values = rows.map((row) => `(${columns.map((c) => sqlValue(row[c])).join(",")})`).join(",\n");
  return `INSERT INTO ${table} (${columns.join(",")}) VALUES\n${values};`;
}

/**
 * Writes the large data set as SQL files in `dir` and returns their paths
 * (apply them in order) with the row counts. `domain` is scripts/lib/domain.mjs.
 */
export function writeBulkSql(domain, { dir, reports = 100_000, now = new Date(), seed = 424242, filesOf = 20_000 }) {
  const rng = createRng(seed);
  const { rescore } = domain.plan;
  const { workingDeadline, DEFAULT_CALENDAR, ACK_WORKING_DAYS, TRIAGE_WORKING_DAYS } = domain.calendar;
  const severityOf = { bribery: 4, harassment: 3, shirking: 2, delay: 2, neglect: 2, conduct: 1, other: 1 };
  // Long tail: unit i is drawn with weight 1 / (i + 1).
  const units = UNITS.filter((u) => !u.validTo);
  const order = [...units].sort(() => rng.next() - 0.5);
  const weights = Object.fromEntries(order.map((u, i) => [u.id, 1 / (i + 1)]));
  const nowMs = now.getTime();

  const files = [];
  let leadRows = [];
  const reportRows = [];
  let statements = [];
  let rowsInFile = 0;
  let leadCount = 0;
  let reportCount = 0;

  const flush = (force = false) => {
    if (leadRows.length >= ROWS_PER_INSERT || (force && leadRows.length)) {
      statements.push(insertMany("leads", leadRows));
      leadRows = [];
    }
    while (reportRows.length >= ROWS_PER_INSERT || (force && reportRows.length)) {
      statements.push(insertMany("reports", reportRows.splice(0, ROWS_PER_INSERT)));
    }
    if (rowsInFile >= filesOf || (force && statements.length)) {
      const file = join(dir, `bulk-${String(files.length).padStart(3, "0")}.sql`);
      writeFileSync(file, `${statements.join("\n")}\n`);
      files.push(file);
      statements = [];
      rowsInFile = 0;
    }
  };

  while (reportCount < reports) {
    const template = rng.pick(TEMPLATES);
    const unitId = rng.weighted(weights);
    // A third of the load in the last six weeks, the rest over two years.
    const ageDays = rng.chance(0.3) ? rng.next() * 45 : rng.next() * 729;
    const openedMs = nowMs - ageDays * DAY_MS;
    const size = Math.min(clusterSize(rng), reports - reportCount);
    const status = fate(rng, ageDays);
    const id = hexId("b0000000", leadCount++);
    const openedAt = new Date(openedMs).toISOString();
    const dueAt = workingDeadline(openedAt, TRIAGE_WORKING_DAYS, DEFAULT_CALENDAR);
    const ackDueAt = workingDeadline(openedAt, ACK_WORKING_DAYS, DEFAULT_CALENDAR);
    const decided = status === "referred" || status === "dismissed";
    const decidedMs = decided ? Math.min(nowMs - 3_600_000, openedMs + rng.int(1, 20) * DAY_MS) : null;
    let lastMs = openedMs;
    const severity = Math.min(5, severityOf[template.category] + (rng.chance(0.4) ? 1 : 0));
    const businessHarm = template.kind === "business" || rng.chance(0.05);
    for (let k = 0; k < size; k++) {
      const receivedMs = k === 0 ? openedMs : Math.min(nowMs - 60_000, lastMs + rng.next() * 20 * DAY_MS);
      lastMs = Math.max(lastMs, receivedMs);
      const n = reportCount++;
      reportRows.push({
        id: hexId("b1000000", n),
        tracking_code: trackingCode(n),
        secret_hash: "0".repeat(64),
        track: "anonymous",
        unit_id: unitId,
        category_code: template.category,
        description: template.text(rng),
        reporter_kind: template.kind ?? "citizen",
        status: REPORTER_STATUS[status],
        lead_id: id,
        severity,
        eligible: rng.chance(0.3),
        received_at: new Date(receivedMs).toISOString(),
        updated_at: new Date(decidedMs ?? receivedMs).toISOString(),
        is_sample: 1,
      });
    }
    const lead = {
      severity,
      reportCount: size,
      evidenceCount: rng.chance(0.2) ? rng.int(1, 4) : 0,
      businessHarm,
      openedAt,
      dueAt,
    };
    const score = rescore(lead, 0, new Date(decidedMs ?? nowMs));
    const overdue = !decided && (Date.parse(dueAt) < nowMs || (status === "new" && Date.parse(ackDueAt) < nowMs));
    leadRows.push({
      id,
      unit_id: unitId,
      category_code: template.category,
      status,
      priority: score.priority,
      score_factors: JSON.stringify(score.scoreFactors),
      severity,
      report_count: size,
      evidence_count: lead.evidenceCount,
      business_harm: businessHarm,
      eligible: rng.chance(0.3),
      opened_at: openedAt,
      last_report_at: new Date(lastMs).toISOString(),
      ack_due_at: ackDueAt,
      acknowledged_at: status === "new" ? null : new Date(openedMs + DAY_MS).toISOString(),
      due_at: dueAt,
      decided_at: decidedMs ? new Date(decidedMs).toISOString() : null,
      overdue_since: overdue ? (status === "new" && Date.parse(ackDueAt) < Date.parse(dueAt) ? ackDueAt : dueAt) : null,
      updated_at: new Date(decidedMs ?? lastMs).toISOString(),
    });
    rowsInFile += size + 1;
    flush();
  }
  flush(true);
  return { files, leads: leadCount, reports: reportCount };
}
