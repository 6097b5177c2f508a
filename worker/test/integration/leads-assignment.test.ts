import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { BulkResultSchema, LeadDetailSchema } from "../../src/contracts/leads";
import { createUser } from "../support/accounts";
import { insertUnits } from "../support/fixtures";
import {
  auditRows,
  call,
  createUnit,
  createWardWithDesk,
  expectProblem,
  fileBribe,
  getLead,
  insertLead,
  leadIdOf,
  listAllLeads,
  listLeads,
  type Session,
  signIn,
} from "../support/leads";

/**
 * Issue 12, ownership: assigning leads (one and in bulk), "my work", who
 * decrypts reporters' contact details, and bulk merge. Each scenario builds
 * its own ward, so leads of other tests never show in its queue filters.
 */

const EN = { "Accept-Language": "en" };
const CONTACT = { name: "Trần Văn Nam", email: "nam.tran@example.vn" };
const REASON = { reason: "Gọi lại để xác minh thời điểm" };

let supervisor: Session;
let inspector: Session;
let colleague: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await signIn("supervisor");
  inspector = await signIn("inspector");
  colleague = await signIn("inspector");
});

function assign(session: Session, leadId: string, assigneeId: string | null, headers: Record<string, string> = {}) {
  return call(session.cookie, `/api/leads/${leadId}/assignment`, { method: "POST", body: { assigneeId }, headers });
}

async function freshLead(): Promise<string> {
  const ward = await createUnit();
  return insertLead({ unitId: ward.id, priority: 5 });
}

describe("POST /api/leads/{id}/assignment", () => {
  it("lets a supervisor assign, reassign and release, auditing from → to by whom", async () => {
    const id = await freshLead();
    const first = await assign(supervisor, id, inspector.user.id);
    expect(first.status).toBe(200);
    const lead = LeadDetailSchema.parse(await first.json());
    expect(lead.assignee).toEqual({ id: inspector.user.id, name: "Test inspector" });
    expect(lead.assigneeId).toBe(inspector.user.id);
    expect((await assign(supervisor, id, colleague.user.id)).status).toBe(200);
    expect((await assign(supervisor, id, null)).status).toBe(200);
    const rows = (await auditRows(id)).filter((r) => r.action.startsWith("lead.") && r.action.includes("assigned"));
    expect(rows.map((r) => [r.action, r.actor_id, JSON.parse(r.summary)])).toEqual([
      ["lead.assigned", supervisor.user.id, { from: null, to: inspector.user.id }],
      ["lead.assigned", supervisor.user.id, { from: inspector.user.id, to: colleague.user.id }],
      ["lead.unassigned", supervisor.user.id, { from: colleague.user.id, to: null }],
    ]);
    expect((await getLead(supervisor.cookie, id)).assignee).toBeNull();
  });

  it("writes nothing when the assignee does not change", async () => {
    const id = await freshLead();
    await assign(supervisor, id, inspector.user.id);
    expect((await assign(supervisor, id, inspector.user.id)).status).toBe(200);
    expect((await auditRows(id)).filter((r) => r.action === "lead.assigned")).toHaveLength(1);
  });

  it("lets an inspector take an unassigned lead and release it, but not take another's (409) or give one (403)", async () => {
    const id = await freshLead();
    expect((await assign(inspector, id, inspector.user.id)).status).toBe(200);
    const taken = await expectProblem(await assign(colleague, id, colleague.user.id), 409);
    expect(taken.detail).toBe("Đầu mối đã được giao cho cán bộ khác; chỉ lãnh đạo mới giao lại được");
    const takenEn = await expectProblem(await assign(colleague, id, colleague.user.id, EN), 409);
    expect(takenEn.detail).toBe("The lead is already assigned to someone else; only a supervisor can reassign it");
    const give = await expectProblem(await assign(colleague, id, null, EN), 403);
    expect(give.detail).toMatch(/^An inspector may only take an unassigned lead or release their own/);
    const other = await freshLead();
    const push = await expectProblem(await assign(inspector, other, colleague.user.id), 403);
    expect(push.code).toBe("forbidden");
    expect((await assign(inspector, id, null)).status).toBe(200);
    expect((await getLead(inspector.cookie, id)).assignee).toBeNull();
  });

  it.each([
    ["an unknown account", async () => "no-such-user", "Không có tài khoản cán bộ này", "No such staff account"],
    [
      "a disabled account",
      async () => (await createUser("inspector", { disabled: true })).id,
      "Tài khoản cán bộ này đã bị khóa",
      "This staff account is disabled",
    ],
    [
      "an administrator",
      async () => (await createUser("admin")).id,
      "Chỉ giao được cho cán bộ kiểm tra hoặc lãnh đạo",
      "Only an inspector or a supervisor can be assigned",
    ],
  ])("refuses %s with a 422 at /assigneeId in vi and en", async (_label, who, vi, en) => {
    const id = await freshLead();
    const assigneeId = await who();
    const problem = await expectProblem(await assign(supervisor, id, assigneeId), 422);
    expect(problem.errors).toEqual([{ pointer: "/assigneeId", message: vi }]);
    const problemEn = await expectProblem(await assign(supervisor, id, assigneeId, EN), 422);
    expect(problemEn.errors).toEqual([{ pointer: "/assigneeId", message: en }]);
    expect((await auditRows(id)).map((r) => r.action)).toEqual([]);
  });

  it("refuses an inspector recused from the lead's unit (tied to its parent ward): 422 in vi and en", async () => {
    const { ward, desk } = await createWardWithDesk();
    const id = await insertLead({ unitId: desk.id, priority: 5 });
    const tied = await createUser("inspector", { ties: [ward.id] });
    const vi = await expectProblem(await assign(supervisor, id, tied.id), 422);
    expect(vi.detail).toBe("Cán bộ này phải tránh: có liên hệ với đơn vị của đầu mối");
    const en = await expectProblem(await assign(supervisor, id, tied.id, EN), 422);
    expect(en.errors).toEqual([
      { pointer: "/assigneeId", message: "This person is recused: they are tied to the lead's unit" },
    ]);
    expect((await getLead(supervisor.cookie, id)).assignee).toBeNull();
  });

  it("answers 404 to a recused actor, exactly like an unknown lead, and writes nothing", async () => {
    const { ward } = await createWardWithDesk();
    const id = await insertLead({ unitId: ward.id, priority: 5 });
    const recused = await signIn("inspector", { ties: [ward.id] });
    await expectProblem(await assign(recused, id, recused.user.id), 404);
    const recusedSupervisor = await signIn("supervisor", { ties: [ward.id] });
    await expectProblem(await assign(recusedSupervisor, id, inspector.user.id), 404);
    expect(await auditRows(id)).toEqual([]);
  });

  it("refuses a closed lead with a 409 in vi and en", async () => {
    const ward = await createUnit();
    const id = await insertLead({ unitId: ward.id, priority: 5, status: "dismissed" });
    const vi = await expectProblem(await assign(supervisor, id, inspector.user.id), 409);
    expect(vi.detail).toMatch(/^Đầu mối đã đóng/);
    const en = await expectProblem(await assign(supervisor, id, inspector.user.id, EN), 409);
    expect(en.detail).toBe("The lead is closed (merged, dismissed or concluded) and cannot be assigned");
  });

  it("refuses an admin (no casework) with 403 and a missing body with 422", async () => {
    const id = await freshLead();
    const admin = await signIn("admin");
    await expectProblem(await assign(admin, id, inspector.user.id), 403);
    const bad = await call(supervisor.cookie, `/api/leads/${id}/assignment`, { method: "POST", body: {} });
    expect((await expectProblem(bad, 422)).errors?.map((e) => e.pointer)).toEqual(["/assigneeId"]);
  });
});

describe("GET /api/leads?assignee=", () => {
  let mine: string;
  let theirs: string;
  let nobodys: string;
  let me: Session;
  let unitId: string;

  beforeAll(async () => {
    const ward = await createUnit();
    unitId = ward.id;
    me = await signIn("inspector");
    mine = await insertLead({ unitId, priority: 3 });
    theirs = await insertLead({ unitId, priority: 2 });
    nobodys = await insertLead({ unitId, priority: 1 });
    await assign(me, mine, me.user.id);
    await assign(supervisor, theirs, colleague.user.id);
  });

  it("gives an inspector their own work with assignee=me, and the unassigned with assignee=none", async () => {
    expect((await listLeads(me.cookie, { unitId, assignee: "me" })).items.map((l) => l.id)).toEqual([mine]);
    expect((await listLeads(me.cookie, { unitId, assignee: "none" })).items.map((l) => l.id)).toEqual([nobodys]);
    const all = await listLeads(me.cookie, { unitId });
    expect(all.items.map((l) => [l.id, l.assigneeId])).toEqual([
      [mine, me.user.id],
      [theirs, colleague.user.id],
      [nobodys, null],
    ]);
  });

  it("lets a supervisor filter by one person's id, and refuses that to an inspector (403 vi/en)", async () => {
    const list = await listLeads(supervisor.cookie, { unitId, assignee: colleague.user.id });
    expect(list.items.map((l) => l.id)).toEqual([theirs]);
    const vi = await expectProblem(await call(me.cookie, `/api/leads?assignee=${colleague.user.id}`), 403);
    expect(vi.detail).toMatch(/^Cán bộ kiểm tra chỉ lọc được việc của mình/);
    const en = await expectProblem(
      await call(me.cookie, `/api/leads?assignee=${colleague.user.id}`, { headers: EN }),
      403,
    );
    expect(en.detail).toMatch(/^An inspector may filter only their own work/);
    expect((await listLeads(me.cookie, { unitId, assignee: me.user.id })).items.map((l) => l.id)).toEqual([mine]);
  });

  it("never lists a recused lead in my work", async () => {
    const tiedMe = await signIn("inspector");
    const { ward } = await createWardWithDesk();
    const hidden = await insertLead({ unitId: ward.id, priority: 9 });
    await assign(supervisor, hidden, tiedMe.user.id);
    // A tie recorded after the assignment: recusal still wins.
    await env.DB.prepare("INSERT INTO user_unit_ties (user_id, unit_id, created_at) VALUES (?, ?, ?)")
      .bind(tiedMe.user.id, ward.id, new Date().toISOString())
      .run();
    expect((await listAllLeads(tiedMe.cookie, { assignee: "me" })).map((l) => l.id)).not.toContain(hidden);
  });
});

describe("POST /api/leads/{id}/reports/{trackingCode}/contact", () => {
  let id: string;
  let code: string;

  beforeAll(async () => {
    const ward = await createUnit();
    const report = await fileBribe(ward.id, { track: "named", contact: CONTACT });
    code = report.trackingCode;
    id = await leadIdOf(code);
  });

  function view(session: Session, body: unknown = REASON, headers: Record<string, string> = {}) {
    return call(session.cookie, `/api/leads/${id}/reports/${code}/contact`, { method: "POST", body, headers });
  }

  it("shows everyone that a contact exists, but refuses a non-assignee inspector with a 403 in vi and en", async () => {
    const lead = await getLead(inspector.cookie, id);
    expect(lead.reports.map((r) => r.hasContact)).toEqual([true]);
    expect(lead.mayViewContacts).toBe(false);
    expect((await getLead(supervisor.cookie, id)).mayViewContacts).toBe(true);
    const vi = await expectProblem(await view(inspector), 403);
    expect(vi.detail).toBe(
      "Chỉ cán bộ được giao đầu mối hoặc lãnh đạo mới xem được thông tin liên hệ của người phản ánh",
    );
    const en = await expectProblem(await view(inspector, REASON, EN), 403);
    expect(en.detail).toBe("Only the lead's assignee or a supervisor may see the reporter's contact details");
    expect((await auditRows(id)).map((r) => r.action)).not.toContain("report.contact_viewed");
  });

  it("needs a reason (422 at /reason)", async () => {
    const problem = await expectProblem(await view(supervisor, {}), 422);
    expect(problem.errors?.map((e) => e.pointer)).toEqual(["/reason"]);
    await expectProblem(await view(supervisor, { reason: "  " }), 422);
  });

  it("decrypts for the assignee and audits the view with its reason; a reassigned inspector loses access", async () => {
    await assign(supervisor, id, inspector.user.id);
    const res = await view(inspector);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ contact: CONTACT });
    const views = (await auditRows(id)).filter((r) => r.action === "report.contact_viewed");
    expect(views.map((v) => [v.actor_id, JSON.parse(v.summary)])).toEqual([
      [inspector.user.id, { trackingCode: code, reason: REASON.reason }],
    ]);
    await assign(supervisor, id, colleague.user.id);
    await expectProblem(await view(inspector), 403);
    expect((await view(colleague)).status).toBe(200);
  });
});

describe("bulk actions", () => {
  it("assigns 120 leads to one inspector in one batch, one audit row each", async () => {
    const ward = await createUnit();
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) ids.push(await insertLead({ unitId: ward.id, priority: i }));
    const res = await call(supervisor.cookie, "/api/leads/bulk/assign", {
      method: "POST",
      body: { leadIds: ids, assigneeId: colleague.user.id },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const result = BulkResultSchema.parse(await res.json());
    expect(result.count).toBe(120);
    const assigned = await listAllLeads(supervisor.cookie, { unitId: ward.id, assignee: colleague.user.id });
    expect(assigned).toHaveLength(120);
    const { results } = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'lead.assigned' AND target_id IN (SELECT value FROM json_each(?))",
    )
      .bind(JSON.stringify(ids))
      .all<{ n: number }>();
    expect(results[0]?.n).toBe(120);
  });

  it("refuses the whole batch when the assignee is recused from one lead's unit, or a lead is unknown", async () => {
    const { ward, desk } = await createWardWithDesk();
    const other = await createUnit();
    const clean = await insertLead({ unitId: other.id, priority: 1 });
    const tiedLead = await insertLead({ unitId: desk.id, priority: 1 });
    const tied = await createUser("inspector", { ties: [ward.id] });
    const recused = await call(supervisor.cookie, "/api/leads/bulk/assign", {
      method: "POST",
      body: { leadIds: [clean, tiedLead], assigneeId: tied.id },
      headers: EN,
    });
    expect((await expectProblem(recused, 422)).detail).toBe("This person is recused: they are tied to the lead's unit");
    const unknown = await call(supervisor.cookie, "/api/leads/bulk/assign", {
      method: "POST",
      body: { leadIds: [clean, "no-such-lead"], assigneeId: inspector.user.id },
    });
    expect((await expectProblem(unknown, 404)).detail).toBe("Có đầu mối không tồn tại hoặc bạn không được xem");
    expect(await auditRows(clean)).toEqual([]);
    expect((await getLead(supervisor.cookie, clean)).assignee).toBeNull();
  });

  it("is a supervisor's: an inspector gets 403 and an empty list 422", async () => {
    const id = await freshLead();
    const res = await call(inspector.cookie, "/api/leads/bulk/assign", {
      method: "POST",
      body: { leadIds: [id], assigneeId: inspector.user.id },
    });
    await expectProblem(res, 403);
    const empty = await call(supervisor.cookie, "/api/leads/bulk/assign", {
      method: "POST",
      body: { leadIds: [], assigneeId: inspector.user.id },
    });
    await expectProblem(empty, 422);
  });

  it("merges 110 leads about one unit into a target in one batch", async () => {
    const ward = await createUnit();
    const target = await insertLead({ unitId: ward.id, priority: 50, status: "in_review" });
    const ids: string[] = [];
    for (let i = 0; i < 110; i++) ids.push(await insertLead({ unitId: ward.id, priority: i % 40 }));
    const res = await call(inspector.cookie, "/api/leads/bulk/merge", {
      method: "POST",
      body: { leadIds: ids, targetId: target },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(BulkResultSchema.parse(await res.json()).count).toBe(110);
    const { results } = await env.DB.prepare(
      "SELECT status, merged_into FROM leads WHERE id IN (SELECT value FROM json_each(?))",
    )
      .bind(JSON.stringify(ids))
      .all<{ status: string; merged_into: string }>();
    expect(new Set(results.map((r) => `${r.status}:${r.merged_into}`))).toEqual(new Set([`merged:${target}`]));
    expect((await getLead(supervisor.cookie, target)).reportCount).toBe(111);
    const mergedIn = (await auditRows(target)).filter((r) => r.action === "lead.merged_in");
    expect(mergedIn).toHaveLength(110);
  });

  it("moves the merged leads' reports to the target", async () => {
    const ward = await createUnit();
    const first = await fileBribe(ward.id);
    const targetId = await leadIdOf(first.trackingCode);
    const other = await insertLead({ unitId: ward.id, priority: 1 });
    const res = await call(supervisor.cookie, "/api/leads/bulk/merge", {
      method: "POST",
      body: { leadIds: [other], targetId },
    });
    expect(res.status).toBe(200);
    expect((await getLead(supervisor.cookie, other)).status).toBe("merged");
  });

  it("refuses leads about another unit (422) and the target among the leads (422), in vi and en", async () => {
    const ward = await createUnit();
    const elsewhere = await createUnit();
    const target = await insertLead({ unitId: ward.id, priority: 5 });
    const same = await insertLead({ unitId: ward.id, priority: 4 });
    const foreign = await insertLead({ unitId: elsewhere.id, priority: 4 });
    const otherUnit = await call(supervisor.cookie, "/api/leads/bulk/merge", {
      method: "POST",
      body: { leadIds: [same, foreign], targetId: target },
      headers: EN,
    });
    expect((await expectProblem(otherUnit, 422)).errors).toEqual([
      { pointer: "/leadIds", message: "Only leads about the same unit as the target can be merged" },
    ]);
    const itself = await call(supervisor.cookie, "/api/leads/bulk/merge", {
      method: "POST",
      body: { leadIds: [same, target], targetId: target },
    });
    expect((await expectProblem(itself, 422)).detail).toBe("Đầu mối đích không được nằm trong danh sách cần gộp");
    expect((await getLead(supervisor.cookie, same)).status).toBe("new");
  });

  it("refuses a lead that cannot be merged from its status (409) and writes nothing", async () => {
    const ward = await createUnit();
    const target = await insertLead({ unitId: ward.id, priority: 5 });
    const open = await insertLead({ unitId: ward.id, priority: 4 });
    const dismissed = await insertLead({ unitId: ward.id, priority: 4, status: "dismissed" });
    const res = await call(supervisor.cookie, "/api/leads/bulk/merge", {
      method: "POST",
      body: { leadIds: [open, dismissed], targetId: target },
    });
    await expectProblem(res, 409);
    expect((await getLead(supervisor.cookie, open)).status).toBe("new");
    expect(await auditRows(target)).toEqual([]);
  });

  it("answers 404 to a recused inspector for a target about their unit", async () => {
    const { ward } = await createWardWithDesk();
    const target = await insertLead({ unitId: ward.id, priority: 5 });
    const lead = await insertLead({ unitId: ward.id, priority: 4 });
    const recused = await signIn("inspector", { ties: [ward.id] });
    const res = await call(recused.cookie, "/api/leads/bulk/merge", {
      method: "POST",
      body: { leadIds: [lead], targetId: target },
    });
    await expectProblem(res, 404);
    expect((await getLead(supervisor.cookie, lead)).status).toBe("new");
  });
});
