import { env } from "cloudflare:test";
import { beforeAll, expect, it } from "vitest";
import { CATEGORY_CODES } from "../../src/contracts/categories";
import { CHANNELS, STAFF_CHANNELS } from "../../src/contracts/channels";
import { FINDING_OUTCOMES, INSPECTION_TYPES } from "../../src/contracts/inspections";
import { DISMISSAL_REASON_CODES } from "../../src/contracts/leads";
import { createDb } from "../../src/db/client";
import { loadCalendar } from "../../src/db/queries/triage";
import {
  CELL_COLUMNS,
  type CellColumn,
  channelColumn,
  DURATION_METRICS,
  type DurationMetric,
  dismissalColumn,
  FINDING_COLUMNS,
  inspectionColumn,
  NO_CATEGORY,
  ROLLUP_TABLES,
  ROLLUPS,
  UNSPECIFIED_REASON,
} from "../../src/db/rollups/definition";
import { workingDaysBetween } from "../../src/domain/calendar";
import { monthKey } from "../../src/domain/stats";
import { runScheduled } from "../../src/jobs/scheduled";
import { insertUnits } from "../support/fixtures";
import {
  concludedWith,
  conclusionBody,
  contest,
  createInspection,
  expectInspection,
  expectMeasure,
  findingBody,
  inspectionBody,
  measureAction,
} from "../support/inspections";
import {
  BRIBE_TEXTS,
  call,
  createUnit,
  fileAbout,
  fileBribe,
  leadIdOf,
  moveLead,
  postTransition,
  type Session,
  signIn,
} from "../support/leads";
import { reportBody } from "../support/reports";

/**
 * The rollups are kept by triggers; this drives the real API through a
 * seeded random sequence of writes (reports, lead transitions, inspections,
 * findings, measures, the cron job), then recounts every rollup from the raw
 * rows here in TypeScript and compares. The tables, keys and columns come
 * from the rollup definition the triggers are generated from; what counts in
 * each column is written again here, independently of the trigger SQL.
 */

let inspector: Session;
let supervisorA: Session;
let supervisorB: Session;
let units: string[];

beforeAll(async () => {
  await insertUnits(env.DB);
  inspector = await signIn("inspector");
  supervisorA = await signIn("supervisor");
  supervisorB = await signIn("supervisor");
  units = [(await createUnit()).id, (await createUnit({ name: "Sở Tài chính", kind: "department" })).id];
});

/** mulberry32: a small seeded PRNG, so a failing sequence can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = [
  "Cán bộ một cửa yêu cầu nộp thêm bản sao công chứng không có trong quy định, bắt đi lại nhiều lần.",
  "Hồ sơ đăng ký kinh doanh bị giữ quá hạn hai tuần mà không có thông báo lý do cho người nộp.",
  "Cán bộ tiếp dân nói năng thiếu tôn trọng, từ chối hướng dẫn thủ tục khi người dân hỏi lại.",
];

interface LeadRow {
  id: string;
  unit_id: string;
  category_code: string;
  status: string;
  opened_at: string;
  acknowledged_at: string | null;
  ack_due_at: string;
  overdue_since: string | null;
  decided_at: string | null;
  dismissal_reason_code: string | null;
}

async function all<T>(sql: string): Promise<T[]> {
  return (await env.DB.prepare(sql).all<T>()).results;
}

/**
 * Rows in an order that does not depend on random ids: two writes in the same
 * millisecond share a timestamp, so ties go by the text of the first report,
 * which names its step.
 */
const BY_FIRST_REPORT = "(SELECT min(r.description) FROM reports r WHERE r.lead_id = leads.id)";
const leadsIn = (status: string) =>
  all<LeadRow>(`SELECT * FROM leads WHERE status = '${status}' ORDER BY opened_at, ${BY_FIRST_REPORT}, id`);
const MEASURES_IN_ORDER = `ORDER BY measures.deadline, (SELECT min(r.description) FROM reports r JOIN inspection_leads il ON il.lead_id = r.lead_id WHERE il.inspection_id = measures.inspection_id), id`;

function inDays(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

it("after a random sequence of writes through the API, every rollup equals a recount of the raw rows", async () => {
  const random = prng(20261129);
  const intakeRandom = prng(20261206);
  const pick = <T>(items: readonly T[]): T | undefined =>
    items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
  const done: string[] = [];

  for (let step = 0; step < 100; step++) {
    const roll = random();
    if (roll < 0.2 || step < 8) {
      const unitId = pick(units) as string;
      const categoryCode = pick(CATEGORY_CODES.slice(0, 4));
      const description = `${pick(TEXTS)} (lần ${step})`;
      // staff enter some of them, received up to two months back (a separate
      // sequence, so the web reports and the other writes stay as they were)
      if (intakeRandom() < 0.4) {
        const channel = STAFF_CHANNELS[Math.floor(intakeRandom() * STAFF_CHANNELS.length)];
        const receivedOn = inDays(-Math.floor(intakeRandom() * 60));
        const res = await call(inspector.cookie, "/api/intake/reports", {
          method: "POST",
          body: { ...reportBody({ unitId, categoryCode, description }), channel, receivedOn },
        });
        expect(res.status, await res.clone().text()).toBe(201);
        done.push("intake");
      } else {
        await fileAbout(unitId, { categoryCode, description });
      }
      done.push("report");
    } else if (roll < 0.42) {
      const lead = pick(await leadsIn("new"));
      if (lead) await moveLead(inspector.cookie, lead.id, { to: "in_review" });
      if (lead) done.push("ack");
    } else if (roll < 0.52) {
      const lead = pick(await leadsIn("in_review"));
      if (lead) await moveLead(supervisorA.cookie, lead.id, { to: "referred" });
      if (lead) done.push("refer");
    } else if (roll < 0.62) {
      const lead = pick(await leadsIn("in_review"));
      if (lead) {
        await moveLead(supervisorA.cookie, lead.id, {
          to: "dismissal_proposed",
          reason: "Không đủ căn cứ sau khi xem xét.",
          reasonCode: pick(DISMISSAL_REASON_CODES),
        });
        await moveLead(supervisorB.cookie, lead.id, { to: "dismissed" });
        done.push("dismiss");
      }
    } else if (roll < 0.67) {
      const lead = pick(await leadsIn("dismissed"));
      if (lead) await moveLead(supervisorA.cookie, lead.id, { to: "in_review", reason: "Có tình tiết mới." });
      if (lead) done.push("reopen");
    } else if (roll < 0.72) {
      const open = await all<LeadRow>(
        `SELECT * FROM leads WHERE status IN ('new', 'in_review') ORDER BY opened_at, ${BY_FIRST_REPORT}, id`,
      );
      const lead = pick(open.filter((l) => l.status === "in_review"));
      const target = lead && pick(open.filter((l) => l.id !== lead.id && l.unit_id === lead.unit_id));
      if (lead && target) {
        const res = await postTransition(supervisorA.cookie, lead.id, { to: "merged", targetLeadId: target.id });
        expect(res.status, await res.clone().text()).toBe(200);
        done.push("merge");
      }
    } else if (roll < 0.84) {
      const lead = pick(await leadsIn("referred"));
      if (lead) {
        const created = await createInspection(
          supervisorA.cookie,
          inspectionBody(lead.unit_id, { type: pick(["verification", "surprise"] as const), leadIds: [lead.id] }),
        );
        await expectInspection(
          await call(supervisorA.cookie, `/api/inspections/${created.id}/start`, { method: "POST" }),
        );
        const outcome = pick(["substantiated", "partly_substantiated", "not_substantiated", "could_not_verify"]);
        await expectInspection(
          await call(supervisorA.cookie, `/api/inspections/${created.id}/findings/${lead.id}`, {
            method: "PUT",
            body: findingBody(outcome),
          }),
        );
        await expectInspection(
          await call(supervisorA.cookie, `/api/inspections/${created.id}/conclusion`, {
            method: "POST",
            body: conclusionBody([
              { responsibleUnitId: lead.unit_id, description: "Niêm yết thủ tục", deadline: inDays(2 + step) },
            ]),
          }),
        );
        done.push("inspection");
      }
    } else if (roll < 0.9) {
      const measure = pick(
        await all<{ id: string }>(`SELECT id FROM measures WHERE status IN ('open', 'overdue') ${MEASURES_IN_ORDER}`),
      );
      if (measure) {
        await expectMeasure(
          await measureAction(supervisorA.cookie, measure.id, "response", {
            response: "Đơn vị đã niêm yết công khai thủ tục tại bộ phận một cửa.",
          }),
        );
        await expectMeasure(await measureAction(supervisorA.cookie, measure.id, "verify"));
        done.push("verify");
      }
    } else if (roll < 0.95) {
      // a deadline moved into the past in D1 (the API refuses past deadlines), then the cron notices
      const measure = pick(
        await all<{ id: string }>(`SELECT id FROM measures WHERE status = 'open' ${MEASURES_IN_ORDER}`),
      );
      if (measure) {
        await env.DB.prepare("UPDATE measures SET deadline = ? WHERE id = ?").bind(inDays(-3), measure.id).run();
        done.push("backdate");
      }
      await runScheduled(env, new Date());
      done.push("cron");
    } else {
      await runScheduled(env, new Date(Date.now() + Math.floor(random() * 12) * 86_400_000));
      done.push("cron-later");
    }
  }
  // the sequence covered every kind of write
  for (const kind of [
    "report",
    "intake",
    "ack",
    "refer",
    "dismiss",
    "reopen",
    "merge",
    "inspection",
    "verify",
    "backdate",
    "cron",
  ]) {
    expect(done, kind).toContain(kind);
  }

  // after the sequence (so its random choices stay as they were): a re-inspection (contest,
  // reopen, a second inspection and finding on the same lead) and deadline extensions
  const againUnit = (await createUnit()).id;
  const again = await concludedWith(supervisorA, againUnit, [
    { responsibleUnitId: againUnit, description: "Niêm yết thủ tục", deadline: inDays(20) },
  ]);
  expect((await contest(again.report, "Tôi không đồng ý với kết luận vì cán bộ vẫn tiếp tục.")).status).toBe(201);
  const reopened = await call(supervisorA.cookie, `/api/leads/${again.leadId}/contest-resolution`, {
    method: "POST",
    body: { decision: "reopen", reason: "Có tình tiết mới cần xác minh lại." },
  });
  expect(reopened.status, await reopened.clone().text()).toBe(200);
  await moveLead(supervisorA.cookie, again.leadId, { to: "referred" });
  const second = await createInspection(supervisorA.cookie, inspectionBody(againUnit, { leadIds: [again.leadId] }));
  await expectInspection(await call(supervisorA.cookie, `/api/inspections/${second.id}/start`, { method: "POST" }));
  await expectInspection(
    await call(supervisorA.cookie, `/api/inspections/${second.id}/findings/${again.leadId}`, {
      method: "PUT",
      body: findingBody("could_not_verify"),
    }),
  );
  await expectInspection(
    await call(supervisorA.cookie, `/api/inspections/${second.id}/conclusion`, {
      method: "POST",
      body: conclusionBody([]),
    }),
  );
  const measureId = again.inspection.measures[0]?.id as string;
  await env.DB.prepare("UPDATE measures SET deadline = ? WHERE id = ?").bind(inDays(-3), measureId).run();
  await runScheduled(env, new Date());
  await expectMeasure(
    await call(supervisorA.cookie, `/api/measures/${measureId}/extension`, {
      method: "POST",
      body: { workingDays: 5, reason: "Đơn vị đề nghị gia hạn do cần phối hợp liên ngành." },
    }),
  );
  const waiting = (await leadsIn("in_review"))[0];
  if (waiting) {
    const res = await call(supervisorA.cookie, `/api/leads/${waiting.id}/extension`, {
      method: "POST",
      body: { workingDays: 3, reason: "Cần thêm thời gian xác minh." },
    });
    expect(res.status, await res.clone().text()).toBe(200);
  }

  // routing (issue 12): one report of a three-report lead routed to another unit and category,
  // another split out, the lead itself routed, the split lead forwarded to a unit and another lead by name
  const routedUnit = (await createUnit()).id;
  const [first, middle, third] = [
    await fileBribe(routedUnit),
    await fileBribe(routedUnit, { description: BRIBE_TEXTS[1] }),
    await fileBribe(routedUnit, { description: BRIBE_TEXTS[2] }),
  ];
  const routedLead = await leadIdOf(first.trackingCode);
  expect(await leadIdOf(third.trackingCode)).toBe(routedLead);
  await moveLead(inspector.cookie, routedLead, { to: "in_review" });
  const reason = "Phân loại lại sau khi đọc kỹ nội dung.";
  const routedReport = await call(inspector.cookie, `/api/leads/${routedLead}/reports/${third.trackingCode}/routing`, {
    method: "POST",
    body: { unitId: units[1], categoryCode: "conduct", reason },
  });
  expect(routedReport.status, await routedReport.clone().text()).toBe(200);
  const split = await call(inspector.cookie, `/api/leads/${routedLead}/reports/${middle.trackingCode}/split`, {
    method: "POST",
    body: { reason },
  });
  expect(split.status, await split.clone().text()).toBe(201);
  const splitLead = ((await split.json()) as { id: string }).id;
  const routed = await call(inspector.cookie, `/api/leads/${routedLead}/routing`, {
    method: "POST",
    body: { unitId: units[0], categoryCode: "harassment", reason },
  });
  expect(routed.status, await routed.clone().text()).toBe(200);
  await moveLead(supervisorA.cookie, splitLead, {
    to: "forwarded",
    reason: "Thuộc thẩm quyền của đơn vị khác.",
    forwardedTo: { unitId: units[1] },
  });
  const elsewhere = await fileAbout(routedUnit, { categoryCode: "conduct", description: `${TEXTS[2]} (chuyển đơn)` });
  await moveLead(supervisorA.cookie, await leadIdOf(elsewhere.trackingCode), {
    to: "forwarded",
    reason: "Thuộc thẩm quyền của cơ quan ngoài danh mục.",
    forwardedTo: { name: "Công an thành phố Hà Nội" },
  });

  const expected = await recount();
  const actual = await rollups();
  expect(Object.keys(expected).sort()).toEqual(ROLLUP_TABLES.map((t) => t.name).sort());
  for (const table of ROLLUP_TABLES) {
    expect(actual[table.name], table.name).toEqual(expected[table.name]);
  }
  expect(Object.keys(expected.stats_cells ?? {}).length).toBeGreaterThan(0);
  expect(Object.keys(expected.stats_durations ?? {}).length).toBeGreaterThan(0);
}, 120_000);

it("recounts every column of the rollup definition", () => {
  expect(Object.keys(CELL_RECOUNT).sort()).toEqual([...CELL_COLUMNS].sort());
  expect(Object.keys(DURATION_RECOUNT).sort()).toEqual([...DURATION_METRICS].sort());
});

type Table = Record<string, Record<string, number>>;

function add(table: Table, key: string, column: string, by = 1): void {
  const row = table[key] ?? {};
  row[column] = (row[column] ?? 0) + by;
  table[key] = row;
}

/** Drops zero counts and rows left with only zeros. */
function nonZero(table: Table): Table {
  const out: Table = {};
  for (const [key, row] of Object.entries(table)) {
    const kept = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== 0));
    if (Object.keys(kept).length > 0) out[key] = kept;
  }
  return out;
}

interface FindingRow {
  lead: LeadRow;
  unit_id: string;
  outcome: string;
  recorded_at: string;
}

interface MeasureRow {
  status: string;
  verified_at: string | null;
  verified_on_time: number | null;
  overdue_since: string | null;
  deadline: string;
  responsible_unit_id: string;
}

/** The raw rows a recount reads. */
interface Raw {
  reports: { received_at: string; unit_id: string; category_code: string; channel: string }[];
  leads: LeadRow[];
  findings: FindingRow[];
  inspections: { type: string; status: string; started_at: string | null; unit_id: string }[];
  measures: MeasureRow[];
}

/** What one row adds 1 to: the instant whose Hanoi month keys the cell, the unit, the category. */
type Hit = readonly [at: string, unit: string, category: string];
/** A duration one row adds to a histogram: from, to, unit, category. */
type Span = readonly [from: string, at: string, unit: string, category: string];

/** The hits of the rows for which `hit` gives one. */
function hits<T, H>(rows: readonly T[], hit: (row: T) => H | false): H[] {
  return rows.flatMap((row) => {
    const h = hit(row);
    return h === false ? [] : [h];
  });
}

const notMerged = (l: LeadRow) => l.status !== "merged";
const decidedAs = (l: LeadRow, ...statuses: string[]): l is LeadRow & { decided_at: string } =>
  l.decided_at !== null && statuses.includes(l.status);
const reasonOf = (l: LeadRow): string =>
  (DISMISSAL_REASON_CODES as readonly (string | null)[]).includes(l.dismissal_reason_code)
    ? (l.dismissal_reason_code as string)
    : UNSPECIFIED_REASON;
const ackLate = (l: LeadRow) =>
  l.acknowledged_at !== null ? Date.parse(l.acknowledged_at) > Date.parse(l.ack_due_at) : l.overdue_since !== null;
const verifiedOnTime = (m: MeasureRow) => m.status === "verified" && m.verified_on_time === 1;
const measureLate = (m: MeasureRow) =>
  (m.status === "verified" && m.verified_on_time !== 1) || (m.status !== "verified" && m.overdue_since !== null);

type CellRecount = (raw: Raw) => Hit[];

/** One recount per value of a contract list (inspection types, outcomes, reason codes), keyed by its column. */
function perColumn<V extends string, C extends string>(
  values: readonly V[],
  column: (value: V) => C,
  recount: (value: V) => CellRecount,
): Record<C, CellRecount> {
  return Object.fromEntries(values.map((value) => [column(value), recount(value)])) as Record<C, CellRecount>;
}

/**
 * Each column of `stats_cells` recounted from the raw rows. Keyed by the
 * definition's columns, so a column added there does not compile here until
 * it is recounted; the per-code and per-type columns are checked at run time.
 */
const CELL_RECOUNT: Record<CellColumn, CellRecount> = {
  reports: (raw) => raw.reports.map((r) => [r.received_at, r.unit_id, r.category_code]),
  leads: (raw) => hits(raw.leads, (l) => notMerged(l) && [l.opened_at, l.unit_id, l.category_code]),
  referred: (raw) =>
    hits(raw.leads, (l) => decidedAs(l, "referred", "concluded") && [l.decided_at, l.unit_id, l.category_code]),
  dismissed: (raw) => hits(raw.leads, (l) => decidedAs(l, "dismissed") && [l.decided_at, l.unit_id, l.category_code]),
  forwarded: (raw) => hits(raw.leads, (l) => decidedAs(l, "forwarded") && [l.decided_at, l.unit_id, l.category_code]),
  ack_on_time: (raw) =>
    hits(
      raw.leads,
      (l) =>
        notMerged(l) &&
        l.acknowledged_at !== null &&
        Date.parse(l.acknowledged_at) <= Date.parse(l.ack_due_at) && [l.opened_at, l.unit_id, l.category_code],
    ),
  ack_late: (raw) => hits(raw.leads, (l) => notMerged(l) && ackLate(l) && [l.opened_at, l.unit_id, l.category_code]),
  measures_verified: (raw) =>
    hits(
      raw.measures,
      (m) => m.status === "verified" && m.verified_at !== null && [m.verified_at, m.responsible_unit_id, NO_CATEGORY],
    ),
  measures_on_time: (raw) =>
    hits(raw.measures, (m) => verifiedOnTime(m) && [m.deadline, m.responsible_unit_id, NO_CATEGORY]),
  measures_late: (raw) => hits(raw.measures, (m) => measureLate(m) && [m.deadline, m.responsible_unit_id, NO_CATEGORY]),
  ...perColumn(
    INSPECTION_TYPES,
    inspectionColumn,
    (type) => (raw) =>
      hits(
        raw.inspections,
        (i) =>
          i.started_at !== null &&
          i.status !== "cancelled" &&
          i.type === type && [i.started_at, i.unit_id, NO_CATEGORY],
      ),
  ),
  ...perColumn(
    FINDING_OUTCOMES,
    (outcome) => FINDING_COLUMNS[outcome],
    (outcome) => (raw) =>
      hits(raw.findings, (f) => f.outcome === outcome && [f.recorded_at, f.unit_id, f.lead.category_code]),
  ),
  ...perColumn(
    CHANNELS,
    channelColumn,
    (channel) => (raw) =>
      hits(raw.reports, (r) => r.channel === channel && [r.received_at, r.unit_id, r.category_code]),
  ),
  ...perColumn(
    [...DISMISSAL_REASON_CODES, UNSPECIFIED_REASON],
    dismissalColumn,
    (code) => (raw) =>
      hits(
        raw.leads,
        (l) => decidedAs(l, "dismissed") && reasonOf(l) === code && [l.decided_at, l.unit_id, l.category_code],
      ),
  ),
};

/** Each duration histogram recounted: working days from the start to the end, per row. */
const DURATION_RECOUNT: Record<DurationMetric, (raw: Raw) => Span[]> = {
  first_response: (raw) =>
    hits<LeadRow, Span>(
      raw.leads,
      (l) => notMerged(l) && l.acknowledged_at !== null && [l.opened_at, l.acknowledged_at, l.unit_id, l.category_code],
    ),
  conclusion: (raw) => [
    ...hits<LeadRow, Span>(
      raw.leads,
      (l) => decidedAs(l, "dismissed") && [l.opened_at, l.decided_at, l.unit_id, l.category_code],
    ),
    ...raw.findings.map((f): Span => [f.lead.opened_at, f.recorded_at, f.unit_id, f.lead.category_code]),
  ],
};

/** A rollup summed over the keys it leaves out. */
function sumOver(fine: Table, fineKeys: readonly string[], keys: readonly string[]): Table {
  const out: Table = {};
  for (const [key, row] of Object.entries(fine)) {
    const parts = key.split("|");
    const coarse = keys.map((k) => parts[fineKeys.indexOf(k)]).join("|");
    for (const [column, value] of Object.entries(row)) add(out, coarse, column, value);
  }
  return out;
}

/** Every rollup recomputed from reports, leads, findings, inspections and measures. */
async function recount(): Promise<Record<string, Table>> {
  const calendar = await loadCalendar(createDb(env.DB), new Date());
  const days = (a: string, b: string) => Math.max(0, workingDaysBetween(a, b, calendar));
  const leads = await all<LeadRow>("SELECT * FROM leads");
  const leadById = new Map(leads.map((l) => [l.id, l]));
  const raw: Raw = {
    reports: await all("SELECT received_at, unit_id, category_code, channel FROM reports"),
    leads,
    findings: (
      await all<Omit<FindingRow, "lead"> & { lead_id: string }>(
        "SELECT lead_id, unit_id, outcome, recorded_at FROM findings",
      )
    ).map((f) => ({ ...f, lead: leadById.get(f.lead_id) as LeadRow })),
    inspections: await all("SELECT type, status, started_at, unit_id FROM inspections"),
    measures: await all(
      "SELECT status, verified_at, verified_on_time, overdue_since, deadline, responsible_unit_id FROM measures",
    ),
  };

  const cells: Table = {};
  for (const column of CELL_COLUMNS) {
    for (const [at, unit, category] of CELL_RECOUNT[column](raw)) {
      add(cells, `${monthKey(at)}|${unit}|${category}`, column);
    }
  }
  const durations: Table = {};
  for (const metric of DURATION_METRICS) {
    for (const [from, at, unit, category] of DURATION_RECOUNT[metric](raw)) {
      add(durations, `${metric}|${monthKey(at)}|${unit}|${category}|${days(from, at)}`, "count");
    }
  }

  const { cells: cellsTable, months, durations: durationsTable, durationSums } = ROLLUPS;
  return Object.fromEntries(
    [
      [cellsTable.name, cells],
      [months.name, sumOver(cells, cellsTable.keys, months.keys)],
      [durationsTable.name, durations],
      ...durationSums.map((sum) => [sum.name, sumOver(durations, durationsTable.keys, sum.keys)] as const),
    ].map(([name, table]) => [name, nonZero(table as Table)]),
  );
}

/** The rollup tables, keyed like the recount. */
async function rollups(): Promise<Record<string, Table>> {
  const out: Record<string, Table> = {};
  for (const { name, keys } of ROLLUP_TABLES) {
    const table: Table = {};
    for (const row of await all<Record<string, string | number>>(`SELECT * FROM ${name}`)) {
      const key = keys.map((c) => String(row[c])).join("|");
      for (const [column, value] of Object.entries(row)) {
        if (!keys.includes(column)) add(table, key, column, Number(value));
      }
    }
    out[name] = nonZero(table);
  }
  return out;
}
