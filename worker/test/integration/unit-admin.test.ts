import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { AdminUnitListSchema, AdminUnitSchema, UnitSplitResultSchema } from "../../src/contracts/unit-admin";
import { UnitListSchema } from "../../src/contracts/units";
import { insertUnits } from "../support/fixtures";
import {
  auditRows,
  call,
  createUnit,
  expectProblem,
  fileAbout,
  getLead,
  leadIdOf,
  reportRow,
  type Session,
  signIn,
} from "../support/leads";

// The clock is pinned: today is 2026-06-15 in Hà Nội.
const TODAY = "2026-06-15";

let admin: Session;
let supervisor: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  admin = await signIn("admin");
  supervisor = await signIn("supervisor");
});

const unique = (label: string) => `${label} ${crypto.randomUUID().slice(0, 8)}`;
const department = async (name = unique("Phòng")) => (await createUnit({ name, kind: "department" })).id;

function adminCall(path: string, method = "GET", body?: unknown, lang?: string) {
  return call(admin.cookie, `/api${path}`, {
    method,
    ...(body === undefined ? {} : { body }),
    ...(lang ? { headers: { "Accept-Language": lang } } : {}),
  });
}

async function ok(res: Response, status = 200) {
  expect(res.status, await res.clone().text()).toBe(status);
  return res.json();
}

async function search(q: string) {
  const res = await call(undefined, `/api/units?q=${encodeURIComponent(q)}&limit=50`);
  return UnitListSchema.parse(await res.json()).items;
}

describe("POST /api/admin/units", () => {
  it("creates a department under a parent with its sector, confirmed, and audits it", async () => {
    const name = unique("Sở Thử nghiệm");
    const unit = AdminUnitSchema.parse(
      await ok(await adminCall("/admin/units", "POST", { name, kind: "department", sector: "health" }), 201),
    );
    expect(unit).toMatchObject({ name, kind: "department", parentId: "ha-noi", sector: "health", toConfirm: false });
    expect((await search(name)).map((u) => u.id)).toEqual([unit.id]);
    const [audit] = await auditRows(unit.id);
    expect(audit).toMatchObject({ action: "unit.created", actor_id: admin.user.id });
  });

  it("refuses a name a current unit has (409) and an unknown parent (422), in Vietnamese or English", async () => {
    const name = unique("Sở Trùng");
    await ok(await adminCall("/admin/units", "POST", { name, kind: "department" }), 201);
    const vi = await expectProblem(
      await adminCall("/admin/units", "POST", { name: name.toUpperCase(), kind: "department" }),
      409,
    );
    expect(vi.detail).toBe("Đã có một đơn vị đang hoạt động mang tên này");
    const en = await expectProblem(
      await adminCall("/admin/units", "POST", { name: unique("Sở"), kind: "department", parentId: "nowhere" }, "en"),
      422,
    );
    expect(en.errors).toEqual([{ pointer: "/parentId", message: "This unit is not in the directory" }]);
  });

  it("refuses a code already used (409)", async () => {
    await env.DB.prepare("UPDATE units SET code = '99901' WHERE id = 'phuong-hoan-kiem'").run();
    const problem = await expectProblem(
      await adminCall("/admin/units", "POST", { name: unique("Phường Mới"), kind: "ward", code: "99901" }, "en"),
      409,
    );
    expect(problem.detail).toBe("This unit code is already used");
  });
});

describe("PATCH /api/admin/units/{id}", () => {
  it("renames: the old name becomes an alias ending that day, still found by search", async () => {
    const oldName = unique("Phòng Cũ");
    const id = await department(oldName);
    const newName = unique("Phòng Mới");
    const unit = AdminUnitSchema.parse(await ok(await adminCall(`/admin/units/${id}`, "PATCH", { name: newName })));
    expect(unit.name).toBe(newName);
    expect(unit.aliases).toEqual([{ name: oldName, validTo: TODAY, oldCode: null, partial: false }]);
    const found = await search(oldName);
    expect(found.map((u) => [u.id, u.matchedAlias?.name])).toEqual([[id, oldName]]);
    const [audit] = await auditRows(id);
    expect(JSON.parse(audit?.summary ?? "{}")).toMatchObject({
      before: { name: oldName },
      after: { name: newName, renamedOn: TODAY },
    });
  });

  it("sets parent and sector and confirms a unit marked to confirm", async () => {
    const id = await department();
    await env.DB.prepare("UPDATE units SET to_confirm = 1 WHERE id = ?").bind(id).run();
    const unit = AdminUnitSchema.parse(
      await ok(
        await adminCall(`/admin/units/${id}`, "PATCH", {
          parentId: "so-xay-dung",
          sector: "construction",
          confirmed: true,
        }),
      ),
    );
    expect(unit).toMatchObject({ parentId: "so-xay-dung", sector: "construction", toConfirm: false });
  });

  it("refuses a parent below the unit itself (a loop), an unknown unit and an empty body", async () => {
    const top = await department();
    const child = (await createUnit({ name: unique("Tổ"), kind: "agency", parentId: top })).id;
    const loop = await expectProblem(await adminCall(`/admin/units/${top}`, "PATCH", { parentId: child }, "en"), 422);
    expect(loop.errors?.[0]?.pointer).toBe("/parentId");
    expect(loop.detail).toBe("This change would make the units refer to each other in a loop");
    const missing = await expectProblem(await adminCall("/admin/units/nowhere", "PATCH", { sector: "health" }), 404);
    expect(missing.detail).toBe("Không có đơn vị này trong danh mục");
    await expectProblem(await adminCall(`/admin/units/${top}`, "PATCH", {}), 422);
  });
});

describe("POST /api/admin/units/{id}/merge", () => {
  it("keeps open leads and old reports with the unit, shows the successor, and sends new reports to the successor", async () => {
    const oldWard = (await createUnit({ name: unique("Phường Sáp Nhập") })).id;
    const successor = (await createUnit({ name: unique("Phường Kế Thừa") })).id;
    const before = await fileAbout(oldWard);
    const leadId = await leadIdOf(before.trackingCode);

    const merged = AdminUnitSchema.parse(
      await ok(
        await adminCall(`/admin/units/${oldWard}/merge`, "POST", { successorId: successor, effectiveOn: TODAY }),
      ),
    );
    expect(merged).toMatchObject({ validTo: TODAY, successorId: successor });

    expect((await reportRow(before.trackingCode)).unit_id).toBe(oldWard);
    const lead = await getLead(supervisor.cookie, leadId);
    expect(lead.unitId).toBe(oldWard);
    expect(lead.unitSuccessor).toMatchObject({ id: successor, since: TODAY });

    const after = await fileAbout(oldWard);
    expect((await reportRow(after.trackingCode)).unit_id).toBe(successor);
    // Statistics keep history: the old unit's figures stay, the new report counts for the successor.
    expect(await reportsCounted(oldWard)).toBe(1);
    expect(await reportsCounted(successor)).toBe(1);
    expect((await search(merged.name)).map((u) => u.id)).toEqual([successor]);
    const [audit] = await auditRows(oldWard);
    expect(audit).toMatchObject({ action: "unit.merged" });
  });

  it("a merge dated later leaves the unit current until then", async () => {
    const id = await department();
    const successor = await department();
    await ok(
      await adminCall(`/admin/units/${id}/merge`, "POST", { successorId: successor, effectiveOn: "2026-07-01" }),
    );
    expect((await search((await unitName(id)) ?? "")).map((u) => u.id)).toContain(id);
  });

  it.each([
    [
      "merge into itself",
      (id: string) => ({ successorId: id, effectiveOn: TODAY }),
      "/successorId",
      "A unit cannot be merged into itself",
    ],
    [
      "an unknown successor",
      () => ({ successorId: "nowhere", effectiveOn: TODAY }),
      "/successorId",
      "This unit is not in the directory",
    ],
    [
      "a date that does not exist",
      (id: string) => ({ successorId: `${id}-x`, effectiveOn: "2026-02-30" }),
      "/effectiveOn",
      "The date must be a real date as YYYY-MM-DD",
    ],
  ])("refuses %s with a 422 in English", async (_label, body, pointer, message) => {
    const id = await department();
    const problem = await expectProblem(await adminCall(`/admin/units/${id}/merge`, "POST", body(id), "en"), 422);
    expect(problem.errors).toContainEqual({ pointer, message });
  });

  it("refuses a loop, a successor already retired, and merging a unit that has ended", async () => {
    const a = await department();
    const b = await department();
    await ok(await adminCall(`/admin/units/${a}/merge`, "POST", { successorId: b, effectiveOn: "2026-09-01" }));
    const loop = await expectProblem(
      await adminCall(`/admin/units/${b}/merge`, "POST", { successorId: a, effectiveOn: "2026-09-01" }),
      422,
    );
    expect(loop.detail).toBe("Thay đổi này tạo thành vòng lặp giữa các đơn vị");

    const gone = await department();
    await ok(await adminCall(`/admin/units/${gone}/retire`, "POST", { effectiveOn: TODAY }));
    const c = await department();
    const retired = await expectProblem(
      await adminCall(`/admin/units/${c}/merge`, "POST", { successorId: gone, effectiveOn: TODAY }, "en"),
      422,
    );
    expect(retired.detail).toBe("The successor unit no longer exists on the effective date");

    const ended = await expectProblem(
      await adminCall(`/admin/units/${gone}/merge`, "POST", { successorId: c, effectiveOn: TODAY }, "en"),
      409,
    );
    expect(ended.detail).toBe("This unit has already ended");
  });
});

const ENDED = "This unit has ended or was divided; choose the unit that serves you now";

/** A well-formed report about `unitId` (its ALTCHA is checked after the unit, so a dummy one does). */
function fileAboutEnded(unitId: string) {
  return call(undefined, "/api/reports", {
    method: "POST",
    headers: { "Accept-Language": "en" },
    body: {
      unitId,
      categoryCode: "bribery",
      description: "Cán bộ đòi tiền bồi dưỡng để giải quyết hồ sơ nhanh hơn cho gia đình tôi.",
      reporterKind: "citizen",
      altcha: "x",
    },
  });
}

/** Reports the statistics rollups count for a unit, all months together. */
async function reportsCounted(unitId: string) {
  const row = await env.DB.prepare("SELECT coalesce(sum(reports), 0) AS n FROM stats_cells WHERE unit_id = ?")
    .bind(unitId)
    .first<{ n: number }>();
  return row?.n;
}

async function unitName(id: string) {
  const row = await env.DB.prepare("SELECT name FROM units WHERE id = ?").bind(id).first<{ name: string }>();
  return row?.name;
}

describe("POST /api/admin/units/{id}/split", () => {
  it("divides a unit among an existing and a new unit: each lists the old name as partial, reports must choose", async () => {
    const oldName = unique("Phường Chia");
    const old = (await createUnit({ name: oldName })).id;
    const existing = (await createUnit({ name: unique("Phường Nhận") })).id;
    const newName = unique("Phường Tân Lập");
    const result = UnitSplitResultSchema.parse(
      await ok(
        await adminCall(`/admin/units/${old}/split`, "POST", {
          successors: [{ id: existing }, { name: newName, kind: "ward" }],
          effectiveOn: TODAY,
        }),
      ),
    );
    expect(result.unit).toMatchObject({ id: old, validTo: TODAY, successorId: null });
    expect(result.successors.map((s) => s.name)).toEqual([expect.any(String), newName]);
    const found = await search(oldName);
    expect(found).toHaveLength(2);
    for (const unit of found) expect(unit.matchedAlias).toEqual({ name: oldName, partial: true });

    const problem = await expectProblem(await fileAboutEnded(old), 422);
    expect(problem.errors).toContainEqual({ pointer: "/unitId", message: ENDED });
  });

  it("refuses a unit listed twice", async () => {
    const id = await department();
    const other = await department();
    const problem = await expectProblem(
      await adminCall(
        `/admin/units/${id}/split`,
        "POST",
        { successors: [{ id: other }, { id: other }], effectiveOn: TODAY },
        "en",
      ),
      422,
    );
    expect(problem.detail).toBe("A unit is listed twice");
  });
});

describe("POST /api/admin/units/{id}/retire and GET /api/admin/units", () => {
  it("retires a unit: no longer offered, listed as ended, history kept", async () => {
    const name = unique("Phòng Giải Thể");
    const id = await department(name);
    await fileAbout(id);
    const unit = AdminUnitSchema.parse(
      await ok(await adminCall(`/admin/units/${id}/retire`, "POST", { effectiveOn: TODAY })),
    );
    expect(unit.validTo).toBe(TODAY);
    expect(await search(name)).toEqual([]);
    const ended = AdminUnitListSchema.parse(
      await ok(await adminCall(`/admin/units?status=ended&q=${encodeURIComponent(name)}`)),
    );
    expect(ended.items.map((u) => u.id)).toEqual([id]);
    const current = AdminUnitListSchema.parse(await ok(await adminCall(`/admin/units?q=${encodeURIComponent(name)}`)));
    expect(current.items).toEqual([]);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM reports WHERE unit_id = ?")
      .bind(id)
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
  });

  it("a report about a retired unit is refused with a clear message", async () => {
    const id = await department();
    await ok(await adminCall(`/admin/units/${id}/retire`, "POST", { effectiveOn: TODAY }));
    const problem = await expectProblem(await fileAboutEnded(id), 422);
    expect(problem.errors).toContainEqual({ pointer: "/unitId", message: ENDED });
  });
});

describe("who may administer units", () => {
  it.each(["inspector", "supervisor"] as const)("a %s gets 403 and changes nothing", async (role) => {
    const session = await signIn(role);
    const id = await department();
    for (const [path, method, body] of [
      ["/api/admin/units", "GET", undefined],
      ["/api/admin/units", "POST", { name: unique("Sở"), kind: "department" }],
      [`/api/admin/units/${id}`, "PATCH", { sector: "health" }],
      [`/api/admin/units/${id}/merge`, "POST", { successorId: "so-xay-dung", effectiveOn: TODAY }],
      [`/api/admin/units/${id}/retire`, "POST", { effectiveOn: TODAY }],
    ] as const) {
      await expectProblem(await call(session.cookie, path, { method, ...(body ? { body } : {}) }), 403);
    }
    expect(await auditRows(id)).toEqual([]);
  });

  it("without a session: 401", async () => {
    await expectProblem(await call(undefined, "/api/admin/units"), 401);
  });
});

describe("the OpenAPI document", () => {
  it("documents the unit administration with the staff session and its problems", async () => {
    const doc = (await (await call(undefined, "/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
    };
    const ops = [
      ["/admin/units", "get"],
      ["/admin/units", "post"],
      ["/admin/units/{id}", "get"],
      ["/admin/units/{id}", "patch"],
      ["/admin/units/{id}/merge", "post"],
      ["/admin/units/{id}/split", "post"],
      ["/admin/units/{id}/retire", "post"],
    ] as const;
    for (const [path, method] of ops) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op?.security?.length).toBeGreaterThan(0);
      expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(["401", "403"]));
    }
    expect(Object.keys(doc.paths["/admin/units/{id}/merge"]?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "404", "409", "422"]),
    );
  });
});
