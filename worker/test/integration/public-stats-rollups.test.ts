import { env } from "cloudflare:test";
import { beforeAll, expect, it } from "vitest";
import { CATEGORY_CODES } from "../../src/contracts/categories";
import { DISMISSAL_REASON_CODES } from "../../src/contracts/leads";
import { createDb } from "../../src/db/client";
import { loadCalendar } from "../../src/db/queries/triage";
import { workingDaysBetween } from "../../src/domain/calendar";
import { monthKey } from "../../src/domain/stats";
import { runScheduled } from "../../src/jobs/scheduled";
import { insertUnits } from "../support/fixtures";
import {
  conclusionBody,
  createInspection,
  expectInspection,
  expectMeasure,
  findingBody,
  inspectionBody,
  measureAction,
} from "../support/inspections";
import { call, createUnit, fileAbout, moveLead, postTransition, type Session, signIn } from "../support/leads";

/**
 * The rollups are kept by triggers; this drives the real API through a
 * seeded random sequence of writes (reports, lead transitions, inspections,
 * findings, measures, the cron job), then recounts every rollup from the raw
 * rows here in TypeScript and compares.
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

const leadsIn = (status: string) =>
  all<LeadRow>(`SELECT * FROM leads WHERE status = '${status}' ORDER BY opened_at, id`);

function inDays(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

it("after a random sequence of writes through the API, every rollup equals a recount of the raw rows", async () => {
  const random = prng(20261129);
  const pick = <T>(items: readonly T[]): T | undefined =>
    items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
  const done: string[] = [];

  for (let step = 0; step < 100; step++) {
    const roll = random();
    if (roll < 0.2 || step < 8) {
      await fileAbout(pick(units) as string, {
        categoryCode: pick(CATEGORY_CODES.slice(0, 4)),
        description: `${pick(TEXTS)} (lần ${step})`,
      });
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
        "SELECT * FROM leads WHERE status IN ('new', 'in_review') ORDER BY opened_at, id",
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
        await all<{ id: string }>("SELECT id FROM measures WHERE status IN ('open', 'overdue') ORDER BY id"),
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
      const measure = pick(await all<{ id: string }>("SELECT id FROM measures WHERE status = 'open' ORDER BY id"));
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

  const expected = await recount();
  const actual = await rollups();
  for (const table of Object.keys(expected) as (keyof typeof expected)[]) {
    expect(actual[table], table).toEqual(expected[table]);
  }
  expect(Object.keys(expected.stats_cells).length).toBeGreaterThan(0);
  expect(Object.keys(expected.stats_durations).length).toBeGreaterThan(0);
}, 120_000);

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

/** Every rollup recomputed from reports, leads, findings, inspections and measures. */
async function recount() {
  const calendar = await loadCalendar(createDb(env.DB));
  const days = (a: string, b: string) => Math.max(0, workingDaysBetween(a, b, calendar));
  const cells: Table = {};
  const durations: Table = {};
  const cell = (at: string, unit: string, category: string) => `${monthKey(at)}|${unit}|${category}`;
  const duration = (metric: string, at: string, unit: string, category: string, d: number) =>
    add(durations, `${metric}|${monthKey(at)}|${unit}|${category}|${d}`, "count");

  for (const r of await all<{ received_at: string; unit_id: string; category_code: string }>(
    "SELECT received_at, unit_id, category_code FROM reports",
  )) {
    add(cells, cell(r.received_at, r.unit_id, r.category_code), "reports");
  }
  const leads = await all<LeadRow>("SELECT * FROM leads");
  const leadById = new Map(leads.map((l) => [l.id, l]));
  for (const l of leads) {
    if (l.status !== "merged") {
      const key = cell(l.opened_at, l.unit_id, l.category_code);
      add(cells, key, "leads");
      const ack = l.acknowledged_at;
      if (ack !== null && Date.parse(ack) <= Date.parse(l.ack_due_at)) add(cells, key, "ack_on_time");
      if ((ack !== null && Date.parse(ack) > Date.parse(l.ack_due_at)) || (ack === null && l.overdue_since !== null)) {
        add(cells, key, "ack_late");
      }
      if (ack !== null) duration("first_response", ack, l.unit_id, l.category_code, days(l.opened_at, ack));
    }
    if (l.decided_at !== null && (l.status === "referred" || l.status === "concluded")) {
      add(cells, cell(l.decided_at, l.unit_id, l.category_code), "referred");
    }
    if (l.decided_at !== null && l.status === "dismissed") {
      add(cells, cell(l.decided_at, l.unit_id, l.category_code), "dismissed");
      const reason = (DISMISSAL_REASON_CODES as readonly (string | null)[]).includes(l.dismissal_reason_code)
        ? l.dismissal_reason_code
        : "unspecified";
      add(cells, cell(l.decided_at, l.unit_id, l.category_code), `dismissed_${reason}`);
      duration("conclusion", l.decided_at, l.unit_id, l.category_code, days(l.opened_at, l.decided_at));
    }
  }
  const outcomeColumn: Record<string, string> = {
    substantiated: "findings_substantiated",
    partly_substantiated: "findings_partly",
    not_substantiated: "findings_not_substantiated",
    could_not_verify: "findings_could_not_verify",
  };
  for (const f of await all<{ lead_id: string; unit_id: string; outcome: string; recorded_at: string }>(
    "SELECT lead_id, unit_id, outcome, recorded_at FROM findings",
  )) {
    const lead = leadById.get(f.lead_id) as LeadRow;
    add(cells, cell(f.recorded_at, f.unit_id, lead.category_code), outcomeColumn[f.outcome] as string);
    duration("conclusion", f.recorded_at, f.unit_id, lead.category_code, days(lead.opened_at, f.recorded_at));
  }
  for (const i of await all<{ type: string; status: string; started_at: string | null; unit_id: string }>(
    "SELECT type, status, started_at, unit_id FROM inspections",
  )) {
    if (i.started_at !== null && i.status !== "cancelled")
      add(cells, cell(i.started_at, i.unit_id, ""), `inspections_${i.type}`);
  }
  for (const m of await all<{
    status: string;
    verified_at: string | null;
    verified_on_time: number | null;
    overdue_since: string | null;
    deadline: string;
    responsible_unit_id: string;
  }>("SELECT status, verified_at, verified_on_time, overdue_since, deadline, responsible_unit_id FROM measures")) {
    const verified = m.status === "verified";
    if (verified && m.verified_at !== null)
      add(cells, cell(m.verified_at, m.responsible_unit_id, ""), "measures_verified");
    const key = cell(m.deadline, m.responsible_unit_id, "");
    if (verified && m.verified_on_time === 1) add(cells, key, "measures_on_time");
    if ((verified && m.verified_on_time !== 1) || (!verified && m.overdue_since !== null))
      add(cells, key, "measures_late");
  }

  const byUnit: Table = {};
  const byCategory: Table = {};
  const byMonth: Table = {};
  for (const [key, row] of Object.entries(durations)) {
    const [metric, month, unit, category, d] = key.split("|");
    add(byUnit, `${metric}|${month}|${unit}|${d}`, "count", row.count);
    add(byCategory, `${metric}|${month}|${category}|${d}`, "count", row.count);
    add(byMonth, `${metric}|${month}|${d}`, "count", row.count);
  }
  const months: Table = {};
  for (const [key, row] of Object.entries(cells)) {
    for (const [column, value] of Object.entries(row)) add(months, key.split("|")[0] as string, column, value);
  }
  return {
    stats_cells: nonZero(cells),
    stats_durations: nonZero(durations),
    stats_durations_unit: nonZero(byUnit),
    stats_durations_category: nonZero(byCategory),
    stats_months: nonZero(months),
    stats_durations_month: nonZero(byMonth),
  };
}

/** The rollup tables, keyed like the recount. */
async function rollups() {
  const keyed = async (sql: string, keyColumns: string[]): Promise<Table> => {
    const table: Table = {};
    for (const row of await all<Record<string, string | number>>(sql)) {
      const key = keyColumns.map((c) => String(row[c])).join("|");
      for (const [column, value] of Object.entries(row)) {
        if (!keyColumns.includes(column)) add(table, key, column, Number(value));
      }
    }
    return nonZero(table);
  };
  return {
    stats_cells: await keyed("SELECT * FROM stats_cells", ["month", "unit_id", "category_code"]),
    stats_durations: await keyed("SELECT * FROM stats_durations", [
      "metric",
      "month",
      "unit_id",
      "category_code",
      "days",
    ]),
    stats_durations_unit: await keyed("SELECT * FROM stats_durations_unit", ["metric", "month", "unit_id", "days"]),
    stats_durations_category: await keyed("SELECT * FROM stats_durations_category", [
      "metric",
      "month",
      "category_code",
      "days",
    ]),
    stats_months: await keyed("SELECT * FROM stats_months", ["month"]),
    stats_durations_month: await keyed("SELECT * FROM stats_durations_month", ["metric", "month", "days"]),
  };
}
