import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { LeadListSchema } from "../../src/contracts/leads";
import { MAX_EXPORT_ROWS } from "../../src/domain/lead-export";
import { TRACKING_ALPHABET } from "../../src/domain/receipt";
import { fold } from "../../src/domain/text";
import { insertUnits } from "../support/fixtures";
import {
  call,
  createUnit,
  expectProblem,
  fileAbout,
  insertLead,
  leadIdOf,
  listAllLeads,
  listLeads,
  type Session,
  signIn,
} from "../support/leads";

let inspector: Session;
let supervisor: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  inspector = await signIn("inspector");
  supervisor = await signIn("supervisor");
});

/** A fresh tracking code of the real shape. */
function fakeCode(): string {
  const pick = () =>
    Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => TRACKING_ALPHABET[b % TRACKING_ALPHABET.length]).join(
      "",
    );
  return `PA-${pick()}-${pick()}`;
}

/**
 * A report straight into D1 (the FTS triggers index it like any other), on
 * a lead of its own unless `leadId` is given: search tests need exact texts
 * and many rows without filing through the form.
 */
async function insertReport(options: {
  unitId: string;
  description: string;
  procedure?: string;
  official?: string;
  leadId?: string;
  priority?: number;
  status?: string;
  categoryCode?: string;
}): Promise<{ leadId: string; trackingCode: string }> {
  const leadId =
    options.leadId ??
    (await insertLead({
      unitId: options.unitId,
      priority: options.priority ?? 1,
      status: options.status,
      categoryCode: options.categoryCode,
    }));
  const trackingCode = fakeCode();
  const at = new Date().toISOString();
  await env.DB.prepare(
    `INSERT INTO reports (id, tracking_code, secret_hash, track, unit_id, category_code, description, procedure,
       official_hint, reporter_kind, lead_id, description_folded, procedure_key, official_key, received_at, updated_at)
     VALUES (?, ?, ?, 'anonymous', ?, ?, ?, ?, ?, 'citizen', ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      crypto.randomUUID(),
      trackingCode,
      "0".repeat(64),
      options.unitId,
      options.categoryCode ?? "harassment",
      options.description,
      options.procedure ?? null,
      options.official ?? null,
      leadId,
      fold(options.description),
      options.procedure ? fold(options.procedure) : null,
      options.official ? fold(options.official) : null,
      at,
      at,
    )
    .run();
  return { leadId, trackingCode };
}

/** A word no other test uses, so each test counts only its own hits. */
function word(): string {
  return `tu${crypto
    .randomUUID()
    .replace(/[^a-f]/g, "")
    .slice(0, 10)}`;
}

async function search(session: Session, q: string, query: Record<string, string | number> = {}) {
  return listLeads(session.cookie, { q, ...query });
}

describe("the OpenAPI document", () => {
  it("documents q on the queue and the CSV export with the same filters", async () => {
    const res = await call(undefined, "/api/openapi.json");
    const doc = (await res.json()) as {
      paths: Record<string, { get?: { parameters?: { name: string; description?: string }[]; responses: object } }>;
    };
    const q = doc.paths["/leads"]?.get?.parameters?.find((p) => p.name === "q");
    expect(q?.description).toMatch(/tracking code/);
    const csv = doc.paths["/leads.csv"]?.get;
    expect(csv?.parameters?.map((p) => p.name).sort()).toEqual(
      ["assignee", "categoryCode", "overdue", "q", "status", "unitId", "unitQ"].sort(),
    );
    expect(JSON.stringify(csv?.responses)).toContain("text/csv");
  });
});

describe("GET /api/leads?q= (search)", () => {
  it("finds a report's lead by its exact tracking code, in any case and with spaces around", async () => {
    const unit = await createUnit({ name: "Phường Láng" });
    const filed = await fileAbout(unit.id, {
      description: "Cán bộ một cửa hẹn lại ba lần không rõ lý do, hồ sơ đăng ký kinh doanh vẫn chưa được nhận.",
    });
    const leadId = await leadIdOf(filed.trackingCode);
    const found = await search(inspector, `  ${filed.trackingCode.toLowerCase()} `);
    expect(found.items.map((l) => l.id)).toEqual([leadId]);
    expect(found.total).toBe(1);
    // A code of the right shape that nobody holds finds nothing (and is not searched as words).
    expect(await search(inspector, "PA-AAAA-AAAA")).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it("ignores diacritics and đ/Đ, in the description, the procedure and the official named", async () => {
    const unit = await createUnit({ name: "Phường Ô Chợ Dừa" });
    const tag = word();
    const { leadId } = await insertReport({
      unitId: unit.id,
      description: `Cán bộ địa chính đòi tiền mới nhận hồ sơ ${tag}`,
      procedure: "Đăng ký biến động đất đai",
      official: "Ông Đặng Văn Đức",
    });
    for (const q of [
      `ĐÒI ${tag}`,
      `doi tien ${tag}`,
      `Đòi Tiền ${tag}`,
      `dia chinh ${tag}`,
      `đất đai ${tag}`,
      `DAT DAI ${tag}`,
      `Đức ${tag}`,
      `dang van duc ${tag}`,
      `${tag} "đòi`.normalize("NFD"),
    ]) {
      const found = await search(inspector, q);
      expect(
        found.items.map((l) => l.id),
        q,
      ).toEqual([leadId]);
      expect(found.total, q).toBe(1);
    }
    // Every word must occur.
    expect((await search(inspector, `${tag} xaydung`)).total).toBe(0);
  });

  it("finds reports filed through the form (triage folds them, the triggers index them)", async () => {
    const unit = await createUnit({ name: "Phường Giảng Võ" });
    const filed = await fileAbout(unit.id, {
      description: "Chuyên viên phòng quản lý đô thị gây khó dễ, bắt bổ sung giấy tờ ngoài danh mục nhiều lần.",
      procedure: "Cấp phép sửa chữa nhà ở riêng lẻ",
      officialHint: "Bà Nguyễn Thị Hạnh",
    });
    const leadId = await leadIdOf(filed.trackingCode);
    expect((await search(inspector, "gay kho de", { unitId: unit.id })).items.map((l) => l.id)).toEqual([leadId]);
    expect((await search(inspector, "sửa chữa nhà", { unitId: unit.id })).items.map((l) => l.id)).toEqual([leadId]);
    expect((await search(inspector, "Hạnh", { unitId: unit.id })).items.map((l) => l.id)).toEqual([leadId]);
  });

  it("ranks by relevance first, then priority", async () => {
    const unit = await createUnit({ name: "Phường Kim Liên" });
    const tag = word();
    const filler = "người dân phản ánh việc tiếp nhận hồ sơ tại bộ phận một cửa kéo dài nhiều ngày";
    const weak = await insertReport({ unitId: unit.id, priority: 9, description: `${filler} ${filler} ${tag}` });
    const strong = await insertReport({ unitId: unit.id, priority: 1, description: `${tag} ${tag} ${tag}` });
    const named = await insertReport({ unitId: unit.id, priority: 2, description: filler, official: `Ông ${tag}` });
    const sameTextLow = await insertReport({ unitId: unit.id, priority: 3, description: `${filler} ${tag} khác` });
    const sameTextHigh = await insertReport({ unitId: unit.id, priority: 4, description: `${filler} ${tag} khác` });
    const found = await search(inspector, tag);
    expect(found.total).toBe(5);
    const order = found.items.map((l) => l.id);
    expect(order[0]).toBe(strong.leadId);
    expect(order.indexOf(named.leadId)).toBeLessThan(order.indexOf(weak.leadId));
    // Equal relevance: the higher priority first.
    expect(order.indexOf(sameTextHigh.leadId)).toBe(order.indexOf(sameTextLow.leadId) - 1);
    expect(order.at(-1)).toBe(weak.leadId);
  });

  it("ranks a lead by its best report and lists it once", async () => {
    const unit = await createUnit({ name: "Phường Văn Miếu" });
    const tag = word();
    const { leadId } = await insertReport({ unitId: unit.id, description: `lần một ${tag}` });
    await insertReport({ unitId: unit.id, leadId, description: `lần hai ${tag} ${tag}` });
    const found = await search(inspector, tag);
    expect(found.items.map((l) => l.id)).toEqual([leadId]);
    expect(found.total).toBe(1);
  });

  it("combines with the queue's filters: status, unit, unit name, category, overdue", async () => {
    const unitA = await createUnit({ name: "Phường Hoàn Kiếm" });
    const unitB = await createUnit({ name: "Phường Cửa Nam" });
    const tag = word();
    const a = await insertReport({ unitId: unitA.id, description: tag, categoryCode: "delay" });
    const b = await insertReport({ unitId: unitB.id, description: tag, status: "in_review" });
    const merged = await insertReport({ unitId: unitB.id, description: tag, status: "merged" });
    const ids = async (query: Record<string, string>) => {
      const found = await search(inspector, tag, query);
      expect(found.total).toBe(found.items.length);
      return found.items.map((l) => l.id).sort();
    };
    expect(await ids({})).toEqual([a.leadId, b.leadId].sort());
    expect(await ids({ unitId: unitA.id })).toEqual([a.leadId]);
    expect(await ids({ unitQ: "cua nam" })).toEqual([b.leadId]);
    expect(await ids({ status: "in_review" })).toEqual([b.leadId]);
    expect(await ids({ status: "merged" })).toEqual([merged.leadId]);
    expect(await ids({ categoryCode: "delay" })).toEqual([a.leadId]);
    expect(await ids({ overdue: "true" })).toEqual([]);
  });

  it("hides what the inspector is recused from, in the results and in the count, codes included", async () => {
    const ward = await createUnit({ name: "Phường Đống Đa" });
    const desk = await createUnit({ name: "Bộ phận Một cửa Phường Đống Đa", kind: "agency", parentId: ward.id });
    const other = await createUnit({ name: "Phường Láng Thượng" });
    const tied = await signIn("inspector", { ties: [ward.id] });
    const tag = word();
    const hidden = await insertReport({ unitId: desk.id, description: `đòi tiền ${tag}` });
    const shown = await insertReport({ unitId: other.id, description: `đòi tiền ${tag}` });
    const mine = await search(tied, tag);
    expect(mine.items.map((l) => l.id)).toEqual([shown.leadId]);
    expect(mine.total).toBe(1);
    expect(await search(tied, hidden.trackingCode)).toEqual({ items: [], nextCursor: null, total: 0 });
    expect((await search(tied, tag, { unitId: desk.id })).total).toBe(0);
    const everyone = await search(inspector, tag);
    expect(everyone.total).toBe(2);
    expect((await search(inspector, hidden.trackingCode)).items.map((l) => l.id)).toEqual([hidden.leadId]);
  });

  it("pages through more than 100 hits without losing or repeating one", async () => {
    const unit = await createUnit({ name: "Phường Bạch Mai" });
    const tag = word();
    const rows = Array.from({ length: 130 }, (_, i) => i);
    const leadIds: string[] = [];
    for (const i of rows) {
      // Two relevance levels and many equal priorities, so the cursor crosses ties of both.
      const text = i % 2 ? `${tag} ${tag}` : `${tag} báo cáo ${i}`;
      leadIds.push((await insertReport({ unitId: unit.id, priority: i % 3, description: text })).leadId);
    }
    const first = await search(inspector, tag, { limit: 100 });
    expect(first.items).toHaveLength(100);
    expect(first.total).toBe(130);
    expect(first.nextCursor).not.toBeNull();
    const all = await listAllLeads(inspector.cookie, { q: tag });
    expect(all).toHaveLength(130);
    expect(new Set(all.map((l) => l.id))).toEqual(new Set(leadIds));
    // An unrelated cursor (from the plain queue) is ignored, not an error.
    const plain = await listLeads(inspector.cookie, { limit: 1 });
    const withForeignCursor = await search(inspector, tag, { cursor: plain.nextCursor ?? "" });
    expect(withForeignCursor.items).toHaveLength(25);
  });

  it.each([
    ['"'],
    ["*"],
    ["-"],
    ["NEAR"],
    ["NEAR(a b, 2)"],
    ["a OR b AND NOT c"],
    ["description_folded:tien"],
    ['"unbalanced'],
    ["^start"],
    ["(((("],
    ["' or 1=1 --"],
    ["%_\\"],
    ["a\u0000b"],
    ["👨‍👩‍👧‍👦"],
    ["—"],
    ["   "],
    [""],
    ["ệ".repeat(200)],
    [
      Array.from({ length: 100 }, (_, i) => `w${i}`)
        .join(" ")
        .slice(0, 200),
    ],
  ])("answers the hostile query %j with 200, never 500", async (q) => {
    const res = await call(inspector.cookie, `/api/leads?q=${encodeURIComponent(q)}`);
    expect(res.status, await res.clone().text()).toBe(200);
    LeadListSchema.parse(await res.json());
  });

  it.each(["%ED%A0%80", "%", "%C0%AE", "a%00b"])(
    "answers the raw query string q=%s with 200 or 400, never 500",
    async (raw) => {
      const res = await call(inspector.cookie, `/api/leads?q=${raw}`);
      expect([200, 400], await res.clone().text()).toContain(res.status);
    },
  );

  it("refuses a query over 200 characters with a 422 problem, in Vietnamese or English", async () => {
    const q = encodeURIComponent("x".repeat(1000));
    const vi = await expectProblem(await call(inspector.cookie, `/api/leads?q=${q}`), 422);
    expect(vi.errors?.[0]?.pointer).toBe("/q");
    expect(vi.title).toBe("Dữ liệu chưa hợp lệ");
    const en = await expectProblem(
      await call(inspector.cookie, `/api/leads?q=${q}`, { headers: { "Accept-Language": "en" } }),
      422,
    );
    expect(en.title).toBe("Some fields are not valid");
  });

  it("needs a session", async () => {
    await expectProblem(await call(undefined, "/api/leads?q=tien"), 401);
  });
});

/** CSV text without its BOM, split into lines (the file ends with CRLF). */
async function csvLines(res: Response): Promise<string[]> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes.slice(3));
  expect(text.endsWith("\r\n")).toBe(true);
  return text.slice(0, -2).split("\r\n");
}

async function exportAudits(actorId: string) {
  const { results } = await env.DB.prepare(
    "SELECT actor_id, summary FROM audit_log WHERE action = 'export.leads' AND actor_id = ? ORDER BY at, rowid",
  )
    .bind(actorId)
    .all<{ actor_id: string; summary: string }>();
  return results.map((r) => JSON.parse(r.summary) as { filters: Record<string, unknown>; rows: number });
}

describe("GET /api/leads.csv", () => {
  it("is the filtered queue as CSV: BOM, Vietnamese headers, dd/mm/yyyy, RFC 4180 quoting, formulas neutralised", async () => {
    const unit = await createUnit({ name: '=HYPERLINK("http://x.test","Phường, Tây Hồ")' });
    const tag = word();
    const { leadId } = await insertReport({ unitId: unit.id, description: tag, categoryCode: "bribery", priority: 7 });
    const res = await call(supervisor.cookie, `/api/leads.csv?q=${tag}`);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="dau-moi\.csv"/);
    const lines = await csvLines(res);
    expect(lines[0]).toBe(
      "Mã đầu mối,Mã đơn vị,Đơn vị,Nhóm hành vi,Trạng thái,Điểm ưu tiên,Số phản ánh,Ngày mở,Hạn xử lý,Quá hạn",
    );
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const ddmmyyyy = `${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`;
    expect(lines.slice(1)).toEqual([
      `${leadId},${unit.id},"'=HYPERLINK(""http://x.test"",""Phường, Tây Hồ"")","Tiêu cực, đòi/nhận tiền",Mới,7,1,${ddmmyyyy},${ddmmyyyy},Không`,
    ]);
  });

  it("carries no contact details and nothing that identifies the reporter", async () => {
    const unit = await createUnit({ name: "Phường Thanh Xuân" });
    const filed = await fileAbout(unit.id, {
      track: "named",
      contact: { name: "Lê Thị Hoa", email: "hoa.le@example.test", phone: "0912345678" },
      description: "Cán bộ tư pháp đòi 500 nghìn đồng mới chứng thực hợp đồng mua bán nhà của gia đình tôi.",
    });
    const leadId = await leadIdOf(filed.trackingCode);
    const res = await call(supervisor.cookie, `/api/leads.csv?unitId=${unit.id}`);
    const body = (await csvLines(res)).join("\n");
    expect(body).toContain(leadId);
    for (const secret of ["Hoa", "hoa.le", "0912345678", filed.trackingCode, "chứng thực"]) {
      expect(body).not.toContain(secret);
    }
  });

  it("holds every lead of a queue over 100 rows, in the queue's order, and the search's", async () => {
    const unit = await createUnit({ name: "Phường Tương Mai" });
    const tag = word();
    for (let i = 0; i < 120; i++) await insertReport({ unitId: unit.id, priority: i % 7, description: `${tag} ${i}` });
    const queue = await listAllLeads(supervisor.cookie, { unitId: unit.id });
    const lines = await csvLines(await call(supervisor.cookie, `/api/leads.csv?unitId=${unit.id}`));
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(queue.map((l) => l.id));
    const found = await listAllLeads(supervisor.cookie, { q: tag });
    const searched = await csvLines(await call(supervisor.cookie, `/api/leads.csv?q=${tag}`));
    expect(searched.slice(1).map((l) => l.split(",")[0])).toEqual(found.map((l) => l.id));
    expect(found).toHaveLength(120);
  });

  it("exports the exporter's own work with assignee=me, as the queue does", async () => {
    const unit = await createUnit({ name: "Phường Hoàng Liệt" });
    const exporter = await signIn("supervisor");
    const mine = await insertReport({ unitId: unit.id, description: word() });
    const other = await insertReport({ unitId: unit.id, description: word() });
    await env.DB.prepare("UPDATE leads SET assignee_id = ? WHERE id = ?").bind(exporter.user.id, mine.leadId).run();
    const lines = await csvLines(await call(exporter.cookie, `/api/leads.csv?unitId=${unit.id}&assignee=me`));
    const ids = lines.slice(1).map((l) => l.split(",")[0]);
    expect(ids).toEqual([mine.leadId]);
    expect(ids).not.toContain(other.leadId);
  });

  it("is audited: who, which filters, how many rows", async () => {
    const unit = await createUnit({ name: "Phường Định Công" });
    const exporter = await signIn("supervisor");
    await insertReport({ unitId: unit.id, description: word() });
    await insertReport({ unitId: unit.id, description: word(), status: "in_review" });
    const res = await call(exporter.cookie, `/api/leads.csv?unitId=${unit.id}&q=&categoryCode=harassment`);
    expect(res.status).toBe(200);
    expect(await exportAudits(exporter.user.id)).toEqual([
      { filters: { unitId: unit.id, q: "", categoryCode: "harassment" }, rows: 2 },
    ]);
  });

  it("leaves out the units a supervisor is recused from", async () => {
    const ward = await createUnit({ name: "Phường Hai Bà Trưng" });
    const other = await createUnit({ name: "Phường Vĩnh Tuy" });
    const tied = await signIn("supervisor", { ties: [ward.id] });
    const tag = word();
    const hidden = await insertReport({ unitId: ward.id, description: tag });
    const shown = await insertReport({ unitId: other.id, description: tag });
    const body = (await csvLines(await call(tied.cookie, `/api/leads.csv?q=${tag}`))).join("\n");
    expect(body).toContain(shown.leadId);
    expect(body).not.toContain(hidden.leadId);
    expect(await exportAudits(tied.user.id)).toEqual([{ filters: { q: tag }, rows: 1 }]);
  });

  it("is for supervisors: 403 for an inspector, 401 without a session, and nothing is audited", async () => {
    await expectProblem(await call(inspector.cookie, "/api/leads.csv"), 403);
    await expectProblem(await call(undefined, "/api/leads.csv"), 401);
    const admin = await signIn("admin");
    await expectProblem(await call(admin.cookie, "/api/leads.csv"), 403);
    expect(await exportAudits(inspector.user.id)).toEqual([]);
  });

  it("answers bad filters with a 422 problem in the request's language", async () => {
    const vi = await expectProblem(await call(supervisor.cookie, "/api/leads.csv?status=nope"), 422);
    expect(vi.errors?.[0]?.pointer).toBe("/status");
    const en = await expectProblem(
      await call(supervisor.cookie, "/api/leads.csv?status=nope", { headers: { "Accept-Language": "en" } }),
      422,
    );
    expect(en.title).toBe("Some fields are not valid");
  });

  it(`refuses more than ${MAX_EXPORT_ROWS} leads with a 422 asking for narrower filters, and audits nothing`, async () => {
    const unit = await createUnit({ name: "Phường Hoàng Mai" });
    const at = new Date().toISOString();
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i <= ?)
       INSERT INTO leads (id, unit_id, category_code, status, priority, score_factors, severity, report_count,
         opened_at, last_report_at, ack_due_at, due_at, updated_at)
       SELECT 'bulk-' || i, ?, 'delay', 'new', 1, '[]', 3, 1, ?, ?, ?, ?, ? FROM n`,
    )
      .bind(MAX_EXPORT_ROWS, unit.id, at, at, at, at, at)
      .run();
    const exporter = await signIn("supervisor");
    const vi = await expectProblem(await call(exporter.cookie, `/api/leads.csv?unitId=${unit.id}`), 422);
    expect(vi.detail).toBe("Có hơn 10.000 đầu mối khớp bộ lọc; hãy thu hẹp bộ lọc để xuất tệp");
    const en = await expectProblem(
      await call(exporter.cookie, `/api/leads.csv?unitId=${unit.id}`, { headers: { "Accept-Language": "en" } }),
      422,
    );
    expect(en.detail).toBe("More than 10,000 leads match the filters; narrow them to export");
    expect(await exportAudits(exporter.user.id)).toEqual([]);
    // One fewer lead fits.
    await env.DB.prepare("DELETE FROM leads WHERE id = 'bulk-1'").run();
    const res = await call(exporter.cookie, `/api/leads.csv?unitId=${unit.id}`);
    expect(res.status).toBe(200);
    expect(await csvLines(res)).toHaveLength(MAX_EXPORT_ROWS + 1);
  }, 60_000);
});
