import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { MeSchema } from "../../src/contracts/auth";
import { MeasureDocumentSchema, MeasureListSchema } from "../../src/contracts/inspections";
import { type UnitMeasure, UnitMeasureListSchema, UnitMeasureSchema } from "../../src/contracts/liaison";
import { UserWithPasswordSchema } from "../../src/contracts/users";
import { ORIGIN } from "../support/accounts";
import { insertUnits } from "../support/fixtures";
import {
  auditByAction,
  concludedWith,
  expectMeasure,
  measureAction,
  uploadMeasureDocument,
} from "../support/inspections";
import { call, createUnit, expectProblem, insertLead, moveLead, type Session, signIn } from "../support/leads";

/**
 * The unit liaison (issue 13): accounts made by admins, a liaison's view of
 * their unit's measures, the answer with documents, the extension request,
 * the team's verification, and the 404 for anything of another unit.
 */

const EN = { "Accept-Language": "en" };
const DEADLINE = "2099-06-30";

let admin: Session;
let supervisor: Session;
let inspector: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  admin = await signIn("admin");
  supervisor = await signIn("supervisor");
  inspector = await signIn("inspector");
});

function createUser(body: unknown, headers: Record<string, string> = {}) {
  return call(admin.cookie, "/api/admin/users", { method: "POST", body, headers });
}

const email = () => `lien-lac-${crypto.randomUUID().slice(0, 8)}@test.local`;

describe("POST /api/admin/users with the unit_liaison role", () => {
  it("creates a liaison tied to a current unit, audited with the unit; /auth/me names it", async () => {
    const ward = await createUnit();
    const res = await createUser({
      email: email(),
      displayName: "Đầu mối phường",
      role: "unit_liaison",
      unitId: ward.id,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { user } = UserWithPasswordSchema.parse(await res.json());
    expect(user).toMatchObject({ role: "unit_liaison", unitId: ward.id });
    const created = (await auditByAction("user.created")).find((r) => r.target_id === user.id);
    expect(JSON.parse(created?.summary ?? "{}")).toMatchObject({ after: { role: "unit_liaison", unitId: ward.id } });

    const liaison = await signIn("unit_liaison", { unitId: ward.id });
    const me = MeSchema.parse(await (await call(liaison.cookie, "/api/auth/me")).json());
    expect(me.user).toMatchObject({ role: "unit_liaison", unitId: ward.id });
  });

  it("refuses a liaison without a unit, and a unit for another role (422, vi and en)", async () => {
    const missing = await expectProblem(
      await createUser({ email: email(), displayName: "A", role: "unit_liaison" }),
      422,
    );
    expect(missing.errors).toEqual([{ pointer: "/unitId", message: "Tài khoản đầu mối đơn vị cần chọn một đơn vị" }]);
    const missingEn = await expectProblem(
      await createUser({ email: email(), displayName: "A", role: "unit_liaison" }, EN),
      422,
    );
    expect(missingEn.errors).toEqual([{ pointer: "/unitId", message: "A unit liaison account needs a unit" }]);
    const forbidden = await expectProblem(
      await createUser({ email: email(), displayName: "A", role: "inspector", unitId: "so-xay-dung" }, EN),
      422,
    );
    expect(forbidden.errors).toEqual([
      { pointer: "/unitId", message: "Only a unit liaison account is tied to a unit" },
    ]);
  });

  it("refuses an unknown or an ended unit (422 at /unitId), writing nothing", async () => {
    const before = (await auditByAction("user.created")).length;
    const unknown = await expectProblem(
      await createUser({ email: email(), displayName: "A", role: "unit_liaison", unitId: "khong-co" }),
      422,
    );
    expect(unknown.errors?.[0]?.pointer).toBe("/unitId");
    // so-quy-hoach-kien-truc was merged into Sở Xây dựng (the fixtures)
    const ended = await expectProblem(
      await createUser(
        { email: email(), displayName: "A", role: "unit_liaison", unitId: "so-quy-hoach-kien-truc" },
        EN,
      ),
      422,
    );
    expect(ended.errors?.[0]?.message).toMatch(/ended/);
    expect((await auditByAction("user.created")).length).toBe(before);
  });

  it("does not turn an account into a liaison or back (422 at /role)", async () => {
    const ward = await createUnit();
    const liaison = await signIn("unit_liaison", { unitId: ward.id });
    const problem = await expectProblem(
      await call(admin.cookie, `/api/admin/users/${liaison.user.id}`, { method: "PATCH", body: { role: "inspector" } }),
      422,
    );
    expect(problem.errors?.[0]?.pointer).toBe("/role");
    await expectProblem(
      await call(admin.cookie, `/api/admin/users/${inspector.user.id}`, {
        method: "PATCH",
        body: { role: "unit_liaison" },
      }),
      422,
    );
  });

  it("is an admin's: a supervisor and a liaison get 403", async () => {
    const ward = await createUnit();
    const liaison = await signIn("unit_liaison", { unitId: ward.id });
    const body = { email: email(), displayName: "A", role: "unit_liaison", unitId: ward.id };
    await expectProblem(await call(supervisor.cookie, "/api/admin/users", { method: "POST", body }), 403);
    await expectProblem(await call(liaison.cookie, "/api/admin/users", { method: "POST", body }), 403);
  });
});

describe("a liaison's measures", () => {
  let ward: string;
  let desk: string;
  let otherWard: string;
  let liaison: Session;
  let other: Session;
  let answered: string;
  let rejected: string;
  let foreign: string;

  beforeAll(async () => {
    ward = (await createUnit()).id;
    desk = (await createUnit({ name: "Bộ phận Một cửa", kind: "agency", parentId: ward })).id;
    otherWard = (await createUnit({ name: "Phường Ba Đình" })).id;
    const { inspection } = await concludedWith(supervisor, desk, [
      { responsibleUnitId: desk, description: "Niêm yết công khai thủ tục tại bộ phận một cửa", deadline: DEADLINE },
      { responsibleUnitId: desk, description: "Tập huấn cán bộ tiếp nhận hồ sơ", deadline: "2099-09-30" },
    ]);
    answered = inspection.measures.find((m) => m.deadline === DEADLINE)?.id as string;
    rejected = inspection.measures.find((m) => m.deadline !== DEADLINE)?.id as string;
    const elsewhere = await concludedWith(supervisor, otherWard, [
      { responsibleUnitId: otherWard, description: "Chấn chỉnh thái độ tiếp dân", deadline: DEADLINE },
    ]);
    foreign = elsewhere.inspection.measures[0]?.id as string;
    liaison = await signIn("unit_liaison", { unitId: ward });
    other = await signIn("unit_liaison", { unitId: otherWard });
  });

  async function unitMeasure(session: Session, id: string): Promise<UnitMeasure> {
    const res = await call(session.cookie, `/api/unit/measures/${id}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return UnitMeasureSchema.parse(await res.json());
  }

  it("GET /api/measures lists only the unit's and its sub-units' measures, with the conclusion's public parts", async () => {
    const res = await call(liaison.cookie, "/api/measures");
    expect(res.status).toBe(200);
    const text = await res.clone().text();
    const { items } = UnitMeasureListSchema.parse(await res.json());
    expect(items.map((m) => m.id)).toEqual([answered, rejected]);
    expect(items[0]).toMatchObject({
      responsibleUnitId: desk,
      deadline: DEADLINE,
      status: "open",
      conclusion: {
        recommendations: "Kiểm điểm trách nhiệm cán bộ liên quan; niêm yết công khai thủ tục.",
        findings: [
          {
            outcome: "substantiated",
            publicSummary: "Phản ánh có căn cứ; đơn vị đã được yêu cầu chấn chỉnh việc tiếp nhận hồ sơ.",
          },
        ],
      },
    });
    // Nothing of the team's: no internal conclusion, reasoning, history, staff id or reporter's text.
    for (const leak of ["Kết luận: có sai phạm", "Đã đối chiếu sổ", supervisor.user.id, "history", "verifiedBy"]) {
      expect(text).not.toContain(leak);
    }

    const others = UnitMeasureListSchema.parse(await (await call(other.cookie, "/api/measures")).json());
    expect(others.items.map((m) => m.id)).toEqual([foreign]);
  });

  it("a measure of another unit is a 404 everywhere, in vi and en, and nothing is written", async () => {
    await expectProblem(await call(other.cookie, `/api/unit/measures/${answered}`), 404);
    const en = await expectProblem(await call(other.cookie, `/api/unit/measures/${answered}`, { headers: EN }), 404);
    expect(en.title).toMatch(/not found/i);
    await expectProblem(
      await call(other.cookie, `/api/measures/${answered}/response`, {
        method: "POST",
        body: { response: "Đơn vị đã niêm yết đầy đủ thủ tục." },
      }),
      404,
    );
    await expectProblem(await uploadMeasureDocument(other.cookie, answered), 404);
    await expectProblem(
      await call(other.cookie, `/api/measures/${answered}/extension-request`, {
        method: "POST",
        body: { reason: "Cần thêm thời gian để phối hợp liên ngành." },
      }),
      404,
    );
    expect((await unitMeasure(liaison, answered)).status).toBe("open");
  });

  it("the liaison answers with text (422 when too short), audited with the liaison as the actor", async () => {
    const short = await expectProblem(
      await call(liaison.cookie, `/api/measures/${answered}/response`, {
        method: "POST",
        body: { response: "Xong" },
        headers: EN,
      }),
      422,
    );
    expect(short.errors?.[0]?.pointer).toBe("/response");
    const res = await call(liaison.cookie, `/api/measures/${answered}/response`, {
      method: "POST",
      body: { response: "Đơn vị đã niêm yết đầy đủ 42 thủ tục tại bộ phận một cửa." },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(UnitMeasureSchema.parse(await res.json())).toMatchObject({ status: "responded" });
    const row = (await auditByAction("measure.responded")).filter((r) => r.target_id === answered).at(-1);
    expect(row?.actor_id).toBe(liaison.user.id);
  });

  it("attaches documents by the evidence rules: PDF and images (metadata stripped), others refused", async () => {
    const pdf = await uploadMeasureDocument(liaison.cookie, answered);
    expect(pdf.status, await pdf.clone().text()).toBe(201);
    const doc = MeasureDocumentSchema.parse(await pdf.json());
    expect(doc).toMatchObject({ contentType: "application/pdf", title: "Báo cáo khắc phục" });
    const photo = await uploadMeasureDocument(liaison.cookie, answered, "photo.png");
    expect(photo.status).toBe(201);

    const notImage = await expectProblem(
      await uploadMeasureDocument(liaison.cookie, answered, "not-an-image.jpg" as "photo.png", EN),
      415,
    );
    expect(notImage.detail).toMatch(/JPEG, PNG or WebP/);
    const locked = await expectProblem(await uploadMeasureDocument(liaison.cookie, answered, "encrypted.pdf"), 422);
    expect(locked.errors?.[0]?.pointer).toBe("/file");
    // Staff record responses but do not send the unit's documents.
    await expectProblem(await uploadMeasureDocument(inspector.cookie, answered), 403);

    const added = (await auditByAction("measure.document_added")).filter((r) => r.target_id === answered);
    expect(added.map((r) => r.actor_id)).toEqual([liaison.user.id, liaison.user.id]);

    const own = await call(liaison.cookie, `/api/measures/${answered}/documents/${doc.id}`);
    expect(own.status).toBe(200);
    expect(own.headers.get("Content-Type")).toBe("application/pdf");
    await own.arrayBuffer();
    const staff = await call(supervisor.cookie, `/api/measures/${answered}/documents/${doc.id}`);
    expect(staff.status).toBe(200);
    await staff.arrayBuffer();
    await expectProblem(await call(other.cookie, `/api/measures/${answered}/documents/${doc.id}`), 404);

    // The team sees the documents on the measure.
    const list = MeasureListSchema.parse(await (await call(supervisor.cookie, `/api/measures?unitId=${desk}`)).json());
    expect(list.items.find((m) => m.id === answered)?.documents.map((d) => d.id)).toContain(doc.id);
  });

  it("asks for a later deadline with a reason; one waits at a time; a supervisor's extension grants it", async () => {
    const path = `/api/measures/${rejected}/extension-request`;
    const short = await expectProblem(
      await call(liaison.cookie, path, { method: "POST", body: { reason: "Bận" } }),
      422,
    );
    expect(short.errors?.[0]?.pointer).toBe("/reason");
    const early = await expectProblem(
      await call(liaison.cookie, path, {
        method: "POST",
        body: { reason: "Cần thêm thời gian để phối hợp liên ngành.", requestedDueOn: "2099-01-01" },
        headers: EN,
      }),
      422,
    );
    expect(early.errors).toEqual([
      { pointer: "/requestedDueOn", message: "The date asked for must be after the current deadline" },
    ]);
    await expectProblem(
      await call(inspector.cookie, path, { method: "POST", body: { reason: "Cần thêm thời gian để phối hợp." } }),
      403,
    );
    const res = await call(liaison.cookie, path, {
      method: "POST",
      body: { reason: "Cần thêm thời gian để phối hợp liên ngành.", requestedDueOn: "2099-10-31" },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(UnitMeasureSchema.parse(await res.json()).extensionRequests).toMatchObject([
      { status: "pending", requestedDueOn: "2099-10-31", reason: "Cần thêm thời gian để phối hợp liên ngành." },
    ]);
    const again = await expectProblem(
      await call(liaison.cookie, path, { method: "POST", body: { reason: "Nhắc lại đề nghị gia hạn thêm." } }),
      409,
    );
    expect(again.detail).toBe("Đã có một đề nghị gia hạn đang chờ xem xét");
    expect((await auditByAction("measure.extension_requested")).at(-1)?.actor_id).toBe(liaison.user.id);

    const granted = await call(supervisor.cookie, `/api/measures/${rejected}/extension`, {
      method: "POST",
      body: { dueOn: "2099-10-30", reason: "Chấp thuận đề nghị của đơn vị." },
    });
    expect(granted.status, await granted.clone().text()).toBe(200);
    const seen = await unitMeasure(liaison, rejected);
    expect(seen.deadline).toBe("2099-10-30");
    expect(seen.extensionRequests[0]?.status).toBe("granted");
  });

  it("sees the team's verification, and a rejection with its reason", async () => {
    await expectProblem(await call(liaison.cookie, `/api/measures/${answered}/verify`, { method: "POST" }), 403);
    await expectMeasure(await measureAction(supervisor.cookie, answered, "verify"));
    const verified = await unitMeasure(liaison, answered);
    expect(verified.status).toBe("verified");
    expect(verified.verifiedAt).not.toBeNull();
    // Once verified, nothing more can be added.
    await expectProblem(await uploadMeasureDocument(liaison.cookie, answered), 409);

    await call(liaison.cookie, `/api/measures/${rejected}/response`, {
      method: "POST",
      body: { response: "Đơn vị đã tổ chức tập huấn cho toàn bộ cán bộ." },
    });
    await expectMeasure(
      await measureAction(supervisor.cookie, rejected, "reject", { reason: "Chưa kèm danh sách cán bộ dự tập huấn." }),
    );
    const back = await unitMeasure(liaison, rejected);
    expect(back.status).toBe("open");
    expect(back.rejection?.reason).toBe("Chưa kèm danh sách cán bộ dự tập huấn.");
  });

  it("leaves every other staff endpoint closed to a liaison", async () => {
    for (const path of ["/api/leads", "/api/inspections", "/api/plan?year=2027", "/api/staff", "/api/admin/users"]) {
      await expectProblem(await call(liaison.cookie, path), 403);
    }
    // and the liaison's own routes closed to staff
    await expectProblem(await call(supervisor.cookie, `/api/unit/measures/${answered}`), 403);
    await expectProblem(await call(supervisor.cookie, "/api/unit/leads"), 403);
  });

  it("cannot be put on an inspection team (422 at the member)", async () => {
    const body = {
      type: "verification",
      unitId: otherWard,
      plannedStart: "2027-03-01",
      plannedEnd: "2027-03-05",
      scope: "Xác minh việc tiếp nhận hồ sơ",
      leadIds: [],
      team: [{ userId: liaison.user.id, role: "member" }],
    };
    const problem = await expectProblem(
      await call(supervisor.cookie, "/api/inspections", { method: "POST", body }),
      422,
    );
    expect(problem.errors?.[0]?.pointer).toBe("/team/0/userId");
  });

  it("GET /api/unit/leads lists the leads forwarded to the unit or a sub-unit, the team's note redacted, no report text", async () => {
    const leadId = await insertLead({ unitId: otherWard, priority: 50, status: "in_review" });
    const note = "Thuộc thẩm quyền của bộ phận một cửa; liên hệ chị Lan 0912 345 678 để phối hợp.";
    await moveLead(supervisor.cookie, leadId, { to: "forwarded", reason: note, forwardedTo: { unitId: desk } });
    const stay = await insertLead({ unitId: desk, priority: 50, status: "in_review" });
    const res = await call(liaison.cookie, "/api/unit/leads");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Record<string, unknown>[] };
    expect(body.items.map((l) => l.id)).toEqual([leadId]);
    expect(body.items.map((l) => l.id)).not.toContain(stay);
    expect(Object.keys(body.items[0] ?? {}).sort()).toEqual(["categoryCode", "forwardedAt", "id", "note", "unitId"]);
    const released = String(body.items[0]?.note);
    expect(released).toContain("bộ phận một cửa");
    expect(released).not.toContain("0912");
    expect(released).not.toContain("Lan");
    const others = (await (await call(other.cookie, "/api/unit/leads")).json()) as { items: unknown[] };
    expect(others.items).toEqual([]);
  });

  it("the team's texts reach the unit redacted (measure, recommendations), while the team keeps them as written", async () => {
    const quiet = (await createUnit({ name: "Phường Khương Đình" })).id;
    const text = "Ông Nguyễn Văn Hùng (0912 345 678) phải niêm yết lại thủ tục tại bộ phận một cửa";
    const { inspection } = await concludedWith(supervisor, quiet, [
      { responsibleUnitId: quiet, description: text, deadline: "2099-10-31" },
    ]);
    const id = inspection.measures[0]?.id as string;
    const own = await signIn("unit_liaison", { unitId: quiet });
    const seen = await unitMeasure(own, id);
    expect(seen.description).toContain("niêm yết lại thủ tục");
    expect(seen.description).not.toContain("0912");
    expect(seen.description).not.toContain("Hùng");
    const listed = UnitMeasureListSchema.parse(await (await call(own.cookie, "/api/measures")).json());
    expect(listed.items.find((m) => m.id === id)?.description).toBe(seen.description);
    expect(inspection.measures[0]?.description).toBe(text);
  });

  it("needs a session (401)", async () => {
    const res = await SELF.fetch(`${ORIGIN}/api/unit/measures/${answered}`);
    expect(res.status).toBe(401);
    await res.body?.cancel();
  });
});
