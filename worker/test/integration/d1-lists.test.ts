import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { MeasureListSchema, PlanBuildResultSchema, PlanSchema } from "../../src/contracts/inspections";
import { LeadDetailSchema } from "../../src/contracts/leads";
import { UserListSchema, UserSchema } from "../../src/contracts/users";
import { createDb } from "../../src/db/client";
import { inList } from "../../src/db/in-list";
import { units } from "../../src/db/schema";
import type { Role } from "../../src/domain/auth-policy";
import { fold } from "../../src/domain/text";
import { insertUnits } from "../support/fixtures";
import { conclusionBody, expectInspection, getInspection } from "../support/inspections";
import {
  auditRows,
  call,
  createUnit,
  fileAbout,
  getLead,
  leadIdOf,
  moveLead,
  type Session,
  signIn,
} from "../support/leads";

/**
 * D1 refuses a statement with more than 100 bound parameters. Every list the
 * API reads or writes whose length depends on the data goes over that here,
 * with rows inserted straight into D1 (building them through the API would
 * take minutes) and the read or write itself through the API.
 */

const STAFF: Role[] = ["inspector", "supervisor"];

let supervisor: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await signIn("supervisor");
});

/** Runs one prepared statement per row, all in one D1 batch. */
async function insertRows(statement: string, rows: unknown[][]): Promise<void> {
  const prepared = env.DB.prepare(statement);
  await env.DB.batch(rows.map((row) => prepared.bind(...row)));
}

/** `n` items numbered from 0. */
function times<T>(n: number, make: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

/** Inserts `count` leads about `unitId` in `status`, last report now; returns their ids. */
async function insertLeads(unitId: string, count: number, status: string): Promise<string[]> {
  const at = new Date().toISOString();
  const ids = times(count, () => crypto.randomUUID());
  await insertRows(
    `INSERT INTO leads (id, unit_id, category_code, status, priority, score_factors, severity, report_count,
       opened_at, last_report_at, ack_due_at, due_at, overdue_since, updated_at)
     VALUES (?, ?, 'bribery', ?, 50, '[]', 3, 1, ?, ?, '2099-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z', NULL, ?)`,
    ids.map((id) => [id, unitId, status, at, at, at]),
  );
  return ids;
}

/** Inserts one report about `unitId` in `status` per entry of `leadIds`, received a millisecond apart. */
async function insertReports(
  unitId: string,
  leadIds: string[],
  status: string,
): Promise<{ id: string; trackingCode: string }[]> {
  const start = Date.now() - 60_000;
  const rows = leadIds.map((leadId, i) => ({
    id: crypto.randomUUID(),
    trackingCode: `L${crypto.randomUUID().slice(0, 12).toUpperCase()}`,
    leadId,
    at: new Date(start + i).toISOString(),
  }));
  await insertRows(
    `INSERT INTO reports (id, tracking_code, secret_hash, track, unit_id, category_code, description, reporter_kind,
       status, lead_id, received_at, updated_at)
     VALUES (?, ?, 'x', 'anonymous', ?, 'bribery', ?, 'citizen', ?, ?, ?, ?)`,
    rows.map((r, i) => [
      r.id,
      r.trackingCode,
      unitId,
      `Phản ánh số ${i} về việc đòi tiền`,
      status,
      r.leadId,
      r.at,
      r.at,
    ]),
  );
  return rows.map(({ id, trackingCode }) => ({ id, trackingCode }));
}

/** An inspection row of `unitId`, concluded, created by the shared supervisor. */
async function insertConcludedInspection(unitId: string): Promise<string> {
  const id = crypto.randomUUID();
  const at = new Date().toISOString();
  await env.DB.prepare(
    `INSERT INTO inspections (id, type, unit_id, status, year, planned_start, planned_end, scope, created_by,
       created_at, updated_at, started_at, conclusion, recommendations, guidance, concluded_at, concluded_by)
     VALUES (?, 'verification', ?, 'concluded', 2026, '2026-03-02', '2026-03-06', 'Xác minh', ?, ?, ?, ?,
       'Kết luận', 'Kiến nghị', 'Hướng dẫn', ?, ?)`,
  )
    .bind(id, unitId, supervisor.user.id, at, at, at, at, supervisor.user.id)
    .run();
  return id;
}

describe("inList", () => {
  it("is false for an empty list, and binds 1 000 values, quotes and diacritics included, as one parameter", async () => {
    const db = createDb(env.DB);
    const odd = [`t-"quoted"`, "t-it's", "t-Đống Đa"];
    await insertRows(
      "INSERT INTO units (id, name, name_folded, kind, parent_id) VALUES (?, ?, ?, 'ward', 'ha-noi')",
      odd.map((id) => [id, id, fold(id)]),
    );
    expect(await db.select().from(units).where(inList(units.id, []))).toEqual([]);
    const wanted = [...times(997, (i) => `t-missing-${i}`), ...odd];
    const found = await db.select({ id: units.id }).from(units).where(inList(units.id, wanted));
    expect(found.map((u) => u.id).sort()).toEqual([...odd].sort());
  });
});

describe("GET /api/measures with 150 measures, each with its audit history", () => {
  const COUNT = 150;
  let inspectionId: string;

  beforeAll(async () => {
    const unitId = (await createUnit()).id;
    inspectionId = await insertConcludedInspection(unitId);
    const at = new Date().toISOString();
    const ids = times(COUNT, () => crypto.randomUUID());
    await insertRows(
      `INSERT INTO measures (id, inspection_id, responsible_unit_id, description, deadline, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'open', ?, ?)`,
      ids.map((id, i) => [id, inspectionId, unitId, `Biện pháp ${i}`, "2099-12-31", at, at]),
    );
    await insertRows(
      `INSERT INTO audit_log (id, at, actor_id, actor_kind, action, target_type, target_id, summary)
       VALUES (?, ?, ?, 'user', 'measure.created', 'measure', ?, ?)`,
      ids.map((id) => [crypto.randomUUID(), at, supervisor.user.id, id, JSON.stringify({ inspectionId })]),
    );
  });

  it.each(STAFF)("lists them all with their history for a %s", async (role) => {
    const { cookie } = await signIn(role);
    for (const path of ["/api/measures", `/api/measures?inspectionId=${inspectionId}`]) {
      const res = await call(cookie, path);
      expect(res.status, await res.clone().text()).toBe(200);
      const mine = MeasureListSchema.parse(await res.json()).items.filter((m) => m.inspectionId === inspectionId);
      expect(mine).toHaveLength(COUNT);
      for (const m of mine) expect(m.history.map((h) => h.action)).toEqual(["measure.created"]);
    }
  });

  it("shows them all on the inspection's page", async () => {
    const inspection = await getInspection(supervisor.cookie, inspectionId);
    expect(inspection.measures).toHaveLength(COUNT);
    expect(inspection.measures.every((m) => m.history.length === 1)).toBe(true);
  });
});

describe("a lead with 120 reports, each with evidence, a message and a contest", () => {
  const COUNT = 120;
  let unitId: string;
  let leadId: string;
  let reports: { id: string; trackingCode: string }[];

  beforeAll(async () => {
    unitId = (await createUnit()).id;
    [leadId] = (await insertLeads(unitId, 1, "concluded")) as [string];
    await env.DB.prepare("UPDATE leads SET report_count = ?, overdue_since = updated_at WHERE id = ?")
      .bind(COUNT, leadId)
      .run();
    reports = await insertReports(
      unitId,
      times(COUNT, () => leadId),
      "concluded",
    );
    const at = new Date().toISOString();
    await insertRows(
      `INSERT INTO attachments (id, report_id, object_key, content_type, size, sha256, stored_sha256, uploaded_by, created_at)
       VALUES (?, ?, ?, 'image/jpeg', 1000, 'a', 'b', 'reporter', ?)`,
      reports.map((r) => [crypto.randomUUID(), r.id, `evidence/${r.id}`, at]),
    );
    await insertRows(
      "INSERT INTO report_messages (id, report_id, sender, author_user_id, body, at) VALUES (?, ?, 'reporter', NULL, ?, ?)",
      reports.map((r) => [crypto.randomUUID(), r.id, `Bổ sung của ${r.trackingCode}`, at]),
    );
    await insertRows(
      "INSERT INTO outcome_contests (report_id, reason, created_at, resolved_at) VALUES (?, ?, ?, NULL)",
      reports.map((r) => [r.id, "Kết luận chưa đúng với sự việc tôi phản ánh", at]),
    );
  });

  it.each(STAFF)("shows every report, attachment, message and the open contest to a %s", async (role) => {
    const lead = await getLead((await signIn(role)).cookie, leadId);
    expect(lead.reports).toHaveLength(COUNT);
    expect(lead.reports.every((r) => r.attachments.length === 1)).toBe(true);
    expect(lead.messages).toHaveLength(COUNT);
    expect(new Set(lead.messages.map((m) => m.trackingCode))).toEqual(new Set(reports.map((r) => r.trackingCode)));
    expect(lead.contest).toMatchObject({ resolvedAt: null });
  });

  it("messages all 120 reporters at once", async () => {
    const res = await call(supervisor.cookie, `/api/leads/${leadId}/messages`, {
      method: "POST",
      body: { body: "Chúng tôi đang xem xét lại kết luận." },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const lead = LeadDetailSchema.parse(await res.json());
    expect(lead.messages.filter((m) => m.from === "inspector")).toHaveLength(COUNT);
  });

  it("a supervisor reopens it: all 120 contests resolved and all 120 reports back in review, in one batch", async () => {
    const res = await call(supervisor.cookie, `/api/leads/${leadId}/contest-resolution`, {
      method: "POST",
      body: { decision: "reopen", reason: "Cần xác minh lại theo các phản ánh mới" },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const lead = LeadDetailSchema.parse(await res.json());
    expect(lead).toMatchObject({ status: "in_review", overdue: false });
    expect(lead.contest?.resolvedAt).toEqual(expect.any(String));
    const counts = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM outcome_contests c JOIN reports r ON r.id = c.report_id
                WHERE r.lead_id = ?1 AND c.resolved_by = ?2) AS resolved,
              (SELECT count(*) FROM reports WHERE lead_id = ?1 AND status = 'in_review') AS reviewing`,
    )
      .bind(leadId, supervisor.user.id)
      .first<{ resolved: number; reviewing: number }>();
    expect(counts).toEqual({ resolved: COUNT, reviewing: COUNT });
    const audit = (await auditRows(leadId)).find((e) => e.action === "lead.contest_reopened");
    expect(JSON.parse(audit?.summary ?? "{}")).toMatchObject({ contests: COUNT });
  });
});

describe("merging a lead of 120 reports into another", () => {
  const COUNT = 120;
  let source: string;
  let target: string;

  beforeAll(async () => {
    const unitId = (await createUnit()).id;
    [source, target] = (await insertLeads(unitId, 2, "in_review")) as [string, string];
    await env.DB.prepare("UPDATE leads SET report_count = ? WHERE id = ?").bind(COUNT, source).run();
    await insertReports(
      unitId,
      times(COUNT, () => source),
      "received",
    );
    await insertReports(unitId, [target], "in_review");
  });

  it("moves every report to the target, with a timeline row each", async () => {
    const inspector = await signIn("inspector");
    const merged = await moveLead(inspector.cookie, source, { to: "merged", targetLeadId: target });
    expect(merged).toMatchObject({ status: "merged", mergedInto: target, reports: [] });
    const lead = await getLead(inspector.cookie, target);
    expect(lead.reports).toHaveLength(COUNT + 1);
    expect(lead.reportCount).toBe(COUNT + 1);
    const moved = await env.DB.prepare(
      `SELECT count(*) AS n FROM reports r WHERE r.lead_id = ? AND r.status = 'in_review'
         AND EXISTS (SELECT 1 FROM report_events e WHERE e.report_id = r.id AND e.status = 'in_review')`,
    )
      .bind(target)
      .first<{ n: number }>();
    expect(moved?.n).toBe(COUNT);
    const audit = (await auditRows(target)).find((e) => e.action === "lead.merged_in");
    expect(JSON.parse(audit?.summary ?? "{}")).toMatchObject({ from: source, reports: COUNT });
  });
});

describe("a framework plan attaching 170 leads to one visit, split, then concluded with 120", () => {
  const YEAR = 2099;
  const COUNT = 170;
  const SPLIT = 50;
  let unitId: string;
  let leadIds: string[];
  let visitId: string;

  beforeAll(async () => {
    unitId = (await createUnit()).id;
    leadIds = await insertLeads(unitId, COUNT, "referred");
    await insertReports(unitId, leadIds, "referred");
  });

  it("the plan lists them, the build attaches all of them to one visit, and its page shows each with its report", async () => {
    const before = await call(supervisor.cookie, `/api/plan?year=${YEAR}`);
    expect(before.status, await before.clone().text()).toBe(200);
    const waiting = PlanSchema.parse(await before.json()).unattached.find((g) => g.unitId === unitId);
    expect(waiting?.leads).toHaveLength(COUNT);

    const res = await call(supervisor.cookie, `/api/plan/${YEAR}/build`, { method: "POST" });
    expect(res.status, await res.clone().text()).toBe(200);
    const created = PlanBuildResultSchema.parse(await res.json()).created.filter((v) => v.unitId === unitId);
    expect(created).toHaveLength(1);
    expect(created[0]?.leadCount).toBe(COUNT);
    visitId = created[0]?.id as string;

    const visit = await getInspection(supervisor.cookie, visitId);
    expect(visit.leads).toHaveLength(COUNT);
    expect(visit.leads.every((l) => l.reports.length === 1)).toBe(true);
    const attached = (await auditRows(leadIds[0] as string)).filter((e) => e.action === "lead.attached");
    expect(attached).toHaveLength(1);
  });

  it("splits 50 of them into a second visit, leaving 120", async () => {
    const moving = leadIds.slice(0, SPLIT);
    const second = await expectInspection(
      await call(supervisor.cookie, `/api/inspections/${visitId}/split`, {
        method: "POST",
        body: { leadIds: moving, plannedStart: `${YEAR}-11-02`, plannedEnd: `${YEAR}-11-06` },
      }),
      201,
    );
    expect(second.leads.map((l) => l.id).sort()).toEqual([...moving].sort());
    expect((await getInspection(supervisor.cookie, visitId)).leads).toHaveLength(COUNT - SPLIT);
  });

  it("concludes the visit of 120 leads: every lead and report concluded", async () => {
    await expectInspection(await call(supervisor.cookie, `/api/inspections/${visitId}/start`, { method: "POST" }));
    const remaining = leadIds.slice(SPLIT);
    const at = new Date().toISOString();
    await insertRows(
      `INSERT INTO findings (id, inspection_id, lead_id, unit_id, outcome, reasoning, public_summary, recorded_by, recorded_at)
       VALUES (?, ?, ?, ?, 'not_substantiated', 'Không đủ căn cứ', 'Phản ánh không có căn cứ', ?, ?)`,
      remaining.map((leadId) => [crypto.randomUUID(), visitId, leadId, unitId, supervisor.user.id, at]),
    );
    const concluded = await expectInspection(
      await call(supervisor.cookie, `/api/inspections/${visitId}/conclusion`, {
        method: "POST",
        body: conclusionBody([]),
      }),
    );
    expect(concluded.status).toBe("closed");
    expect(concluded.leads).toHaveLength(COUNT - SPLIT);
    expect(concluded.leads.every((l) => l.status === "concluded" && l.finding?.outcome === "not_substantiated")).toBe(
      true,
    );
    const reports = await env.DB.prepare(
      "SELECT count(*) AS n FROM reports r JOIN inspection_leads il ON il.lead_id = r.lead_id WHERE il.inspection_id = ? AND r.status = 'concluded' AND r.outcome = 'not_substantiated'",
    )
      .bind(visitId)
      .first<{ n: number }>();
    expect(reports?.n).toBe(COUNT - SPLIT);
  });
});

describe("filing a report about a unit with 120 open leads", () => {
  it("reads all 120 leads' reports to cluster it, and files it", async () => {
    const unitId = (await createUnit()).id;
    const open = await insertLeads(unitId, 120, "new");
    await insertReports(unitId, open, "received");
    const filed = await fileAbout(unitId, { categoryCode: "bribery" });
    expect(await leadIdOf(filed.trackingCode)).toEqual(expect.any(String));
  });
});

describe("GET /api/admin/users with 120 accounts, one tied to 120 units", () => {
  const COUNT = 120;

  it("lists every account with all its unit ties; an update checks its ties in one query", async () => {
    const at = new Date().toISOString();
    const unitIds = times(COUNT, () => `t-${crypto.randomUUID().slice(0, 12)}`);
    await insertRows(
      "INSERT INTO units (id, name, name_folded, kind, parent_id) VALUES (?, ?, ?, 'ward', 'ha-noi')",
      unitIds.map((id, i) => [id, `Phường thử ${i}`, fold(`Phường thử ${i}`)]),
    );
    const userIds = times(COUNT, () => crypto.randomUUID());
    await insertRows(
      `INSERT INTO users (id, email, display_name, role, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, 'inspector', 'x', ?, ?)`,
      userIds.map((id, i) => [id, `bulk-${i}-${id.slice(0, 8)}@test.local`, `Cán bộ ${i}`, at, at]),
    );
    const tied = userIds[0] as string;
    await insertRows(
      "INSERT INTO user_unit_ties (user_id, unit_id, created_at) VALUES (?, ?, ?)",
      unitIds.map((unitId) => [tied, unitId, at]),
    );

    const admin = await signIn("admin");
    const res = await call(admin.cookie, "/api/admin/users");
    expect(res.status, await res.clone().text()).toBe(200);
    const { items } = UserListSchema.parse(await res.json());
    const mine = items.filter((u) => userIds.includes(u.id));
    expect(mine).toHaveLength(COUNT);
    expect(mine.find((u) => u.id === tied)?.unitTies.sort()).toEqual([...unitIds].sort());

    const ties = unitIds.slice(0, 50);
    const patched = await call(admin.cookie, `/api/admin/users/${tied}`, { method: "PATCH", body: { unitTies: ties } });
    expect(patched.status, await patched.clone().text()).toBe(200);
    expect(UserSchema.parse(await patched.json()).unitTies.sort()).toEqual([...ties].sort());
  });
});
