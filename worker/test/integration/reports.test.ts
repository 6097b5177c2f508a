import { env, SELF } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { MessageSchema, ReceiptSchema, ReportViewSchema } from "../../src/contracts/reports";
import { isTrackingCode } from "../../src/domain/receipt";
import { sha256Hex } from "../../src/lib/crypto";
import { insertUnits } from "../support/fixtures";
import { fileReport, getReport, postMessage, postReport, reportBody } from "../support/reports";

beforeEach(async () => {
  await insertUnits(env.DB);
  await env.DB.prepare("DELETE FROM rate_limits").run();
});

describe("POST /api/reports", () => {
  it("files an anonymous report and answers with a receipt", async () => {
    const res = await postReport(reportBody());
    expect(res.status).toBe(201);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const receipt = ReceiptSchema.parse(await res.json());
    expect(isTrackingCode(receipt.trackingCode)).toBe(true);
    expect(receipt.secret).toMatch(/^[a-z2-7]{32}$/);
    expect(receipt.status).toBe("received");
    expect(Date.parse(receipt.receivedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("stores the report with only a hash of the secret and its first timeline event, in NFC", async () => {
    // "Sở" written with a combining hook above: NFD input must be stored as NFC.
    const decomposed = "Cán bộ ở Sở Xây dựng gây khó dễ khi nhận hồ sơ".normalize("NFD");
    const receipt = await fileReport({ description: `  ${decomposed}  `, officialHint: "Phó phòng".normalize("NFD") });
    const row = await env.DB.prepare("SELECT * FROM reports WHERE tracking_code = ?")
      .bind(receipt.trackingCode)
      .first<Record<string, unknown>>();
    expect(row?.secret_hash).toBe(await sha256Hex(receipt.secret));
    expect(JSON.stringify(row)).not.toContain(receipt.secret);
    expect(row?.description).toBe("Cán bộ ở Sở Xây dựng gây khó dễ khi nhận hồ sơ".normalize("NFC"));
    expect(row?.official_hint).toBe("Phó phòng".normalize("NFC"));
    expect(row?.track).toBe("anonymous");
    expect(row?.contact_ciphertext).toBeNull();
    expect(row?.status).toBe("received");
    const events = await env.DB.prepare("SELECT status, note FROM report_events WHERE report_id = ?")
      .bind(row?.id)
      .all();
    expect(events.results).toEqual([{ status: "received", note: null }]);
  });

  it("files a named report with contact details and a business as reporter", async () => {
    const receipt = await fileReport({
      track: "named",
      reporterKind: "business",
      contact: { name: "Nguyễn Văn An", email: "an@example.vn", phone: "0912 345 678" },
    });
    const row = await env.DB.prepare(
      "SELECT track, reporter_kind, contact_ciphertext FROM reports WHERE tracking_code = ?",
    )
      .bind(receipt.trackingCode)
      .first();
    expect(row).toMatchObject({ track: "named", reporter_kind: "business" });
    expect(row?.contact_ciphertext).toEqual(expect.any(String));
  });

  it("accepts a report with only the required fields", async () => {
    const { occurredOn: _o, procedure: _p, track: _t, ...minimal } = reportBody();
    const res = await postReport(minimal);
    expect(res.status).toBe(201);
    ReceiptSchema.parse(await res.json());
  });
});

describe("GET /api/reports/{trackingCode}", () => {
  it("shows the status, the timeline and no messages yet", async () => {
    const receipt = await fileReport({ categoryCode: "bribery", unitId: "phuong-dong-da" });
    const res = await getReport(receipt.trackingCode, receipt.secret);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const view = ReportViewSchema.parse(await res.json());
    expect(view).toEqual({
      trackingCode: receipt.trackingCode,
      status: "received",
      categoryCode: "bribery",
      unitId: "phuong-dong-da",
      receivedAt: receipt.receivedAt,
      updatedAt: receipt.receivedAt,
      events: [{ at: receipt.receivedAt, status: "received" }],
      messages: [],
      attachments: [],
    });
  });

  it("finds the report however the code is typed", async () => {
    const receipt = await fileReport();
    const res = await getReport(` ${receipt.trackingCode.toLowerCase()} `, receipt.secret);
    expect(res.status).toBe(200);
    expect(ReportViewSchema.parse(await res.json()).trackingCode).toBe(receipt.trackingCode);
  });

  it("lists the timeline in time order with public notes, and inspectors' messages", async () => {
    const receipt = await fileReport();
    const report = await env.DB.prepare("SELECT id FROM reports WHERE tracking_code = ?")
      .bind(receipt.trackingCode)
      .first<{ id: string }>();
    const later = new Date(Date.parse(receipt.receivedAt) + 60_000).toISOString();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO report_events (id, report_id, at, status, note) VALUES (?, ?, ?, ?, ?)").bind(
        "ev-later",
        report?.id,
        later,
        "in_review",
        "Đang xác minh",
      ),
      env.DB.prepare("INSERT INTO report_messages (id, report_id, sender, body, at) VALUES (?, ?, ?, ?, ?)").bind(
        "msg-1",
        report?.id,
        "inspector",
        "Xin cho biết thời gian cụ thể?",
        later,
      ),
    ]);
    const view = ReportViewSchema.parse(await (await getReport(receipt.trackingCode, receipt.secret)).json());
    expect(view.events).toEqual([
      { at: receipt.receivedAt, status: "received" },
      { at: later, status: "in_review", note: "Đang xác minh" },
    ]);
    expect(view.messages).toEqual([
      { id: "msg-1", from: "inspector", body: "Xin cho biết thời gian cụ thể?", at: later },
    ]);
  });
});

describe("POST /api/reports/{trackingCode}/messages", () => {
  it("lets the reporter reply, shows the reply and touches updatedAt", async () => {
    const receipt = await fileReport();
    const res = await postMessage(receipt.trackingCode, receipt.secret, { body: "  Khoảng 9 giờ sáng ngày 15/01.  " });
    expect(res.status).toBe(201);
    const message = MessageSchema.parse(await res.json());
    expect(message).toMatchObject({ from: "reporter", body: "Khoảng 9 giờ sáng ngày 15/01." });
    const view = ReportViewSchema.parse(await (await getReport(receipt.trackingCode, receipt.secret)).json());
    expect(view.messages).toEqual([message]);
    expect(view.updatedAt).toBe(message.at);
    expect(view.updatedAt >= view.receivedAt).toBe(true);
  });

  it("keeps messages in the order they were sent", async () => {
    const receipt = await fileReport();
    for (const body of ["Thứ nhất", "Thứ hai", "Thứ ba"]) {
      expect((await postMessage(receipt.trackingCode, receipt.secret, { body })).status).toBe(201);
    }
    const view = ReportViewSchema.parse(await (await getReport(receipt.trackingCode, receipt.secret)).json());
    expect(view.messages.map((m) => m.body)).toEqual(["Thứ nhất", "Thứ hai", "Thứ ba"]);
  });
});

describe("OpenAPI document", () => {
  it("describes the reporting routes and their bodies", async () => {
    const res = await SELF.fetch("https://portal.test/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/challenge", "/reports", "/reports/{trackingCode}", "/reports/{trackingCode}/messages"]),
    );
    expect(JSON.stringify(doc.paths["/reports"]?.post?.requestBody)).toContain("occurredOn");
  });
});
