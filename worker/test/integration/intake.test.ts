import { env, SELF } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { STAFF_CHANNELS } from "../../src/contracts/channels";
import { ReceiptSchema, ReportViewSchema } from "../../src/contracts/reports";
import { unseal } from "../../src/lib/crypto";
import { ORIGIN } from "../support/accounts";
import { insertUnits } from "../support/fixtures";
import {
  auditRows,
  BRIBE_TEXTS,
  call,
  createUnit,
  expectProblem,
  fileBribe,
  getLead,
  LAND_PROCEDURE,
  leadIdOf,
  reportRow,
  type Session,
  signIn,
  uploadEvidence,
} from "../support/leads";
import { getReport, reportBody } from "../support/reports";

/**
 * `POST /api/intake/reports` (issue 11): staff enter a report received by
 * phone, post, in person… on the person's behalf. The clock is pinned at
 * TEST_EPOCH, Monday 15 June 2026, 12:20 in Hanoi.
 */

let inspector: Session;
let supervisor: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  inspector = await signIn("inspector");
  supervisor = await signIn("supervisor");
});

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare("DELETE FROM rate_limits"), env.DB.prepare("DELETE FROM settings")]);
});

/** A valid intake body: a hotline call about Sở Xây dựng received last Wednesday. */
function intakeBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...reportBody(), channel: "hotline", receivedOn: "2026-06-10", ...overrides };
}

function enter(cookie: string | undefined, body: unknown, headers: Record<string, string> = {}, lang?: string) {
  return call(cookie, "/api/intake/reports", {
    method: "POST",
    body,
    headers: { ...headers, ...(lang ? { "Accept-Language": lang } : {}) },
  });
}

async function entered(cookie: string, body: Record<string, unknown>) {
  const res = await enter(cookie, body);
  expect(res.status, await res.clone().text()).toBe(201);
  expect(res.headers.get("Cache-Control")).toBe("no-store");
  return ReceiptSchema.parse(await res.json());
}

describe("entering a report", () => {
  it.each(STAFF_CHANNELS)("files a %s report with a receipt the person can follow", async (channel) => {
    const receipt = await entered(inspector.cookie, intakeBody({ channel }));
    expect(receipt.trackingCode).toMatch(/^PA-/);
    expect(receipt.secret.length).toBeGreaterThanOrEqual(20);
    // received on 10 June: the start of that day in Hanoi
    expect(receipt.receivedAt).toBe("2026-06-09T17:00:00.000Z");

    const row = await reportRow(receipt.trackingCode);
    expect(row).toMatchObject({ channel, entered_by: inspector.user.id, received_at: "2026-06-09T17:00:00.000Z" });
    expect(row.entered_at).toBe(new Date().toISOString());

    const view = await getReport(receipt.trackingCode, receipt.secret);
    expect(view.status).toBe(200);
    expect(ReportViewSchema.parse(await view.json())).toMatchObject({ status: "received", unitId: "so-xay-dung" });
  });

  it("counts the deadlines from the day received, and shows the channel on the lead", async () => {
    const ward = await createUnit();
    const receipt = await entered(
      supervisor.cookie,
      intakeBody({ unitId: ward.id, channel: "post", receivedOn: "2026-06-10" }),
    );
    const lead = await getLead(inspector.cookie, await leadIdOf(receipt.trackingCode));
    // acknowledge within 1 working day, decide within 5, from Wednesday 10 June
    expect(lead.ackDueAt).toBe("2026-06-11T17:00:00.000Z");
    expect(lead.dueAt).toBe("2026-06-17T17:00:00.000Z");
    expect(lead.reports[0]).toMatchObject({
      trackingCode: receipt.trackingCode,
      channel: "post",
      enteredBy: "Test supervisor",
      enteredAt: new Date().toISOString(),
    });
  });

  it("counts a report entered today from now", async () => {
    const receipt = await entered(inspector.cookie, intakeBody({ receivedOn: "2026-06-15" }));
    expect(receipt.receivedAt).toBe(new Date().toISOString());
  });

  it("places it in the same lead as a web report about the same demand", async () => {
    const ward = await createUnit();
    const web = await fileBribe(ward.id);
    const phoned = await entered(
      inspector.cookie,
      intakeBody({
        unitId: ward.id,
        categoryCode: "bribery",
        description: BRIBE_TEXTS[1],
        procedure: LAND_PROCEDURE,
        occurredOn: "2026-01-12",
        channel: "hotline",
        receivedOn: "2026-06-12",
      }),
    );
    const leadId = await leadIdOf(web.trackingCode);
    expect(await leadIdOf(phoned.trackingCode)).toBe(leadId);
    const lead = await getLead(inspector.cookie, leadId);
    expect(lead.reportCount).toBe(2);
    expect(lead.reports.map((r) => r.channel).sort()).toEqual(["hotline", "web"]);
    expect(lead.reports.find((r) => r.channel === "web")).toMatchObject({ enteredAt: null, enteredBy: null });
  });

  it("keeps a named person's contact encrypted and out of the audit log", async () => {
    const contact = { name: "Nguyễn Thị Lan", phone: "0912345678" };
    const receipt = await entered(
      inspector.cookie,
      intakeBody({ track: "named", contact, channel: "in_person", receivedOn: "2026-06-01" }),
    );
    const row = await reportRow(receipt.trackingCode);
    expect(JSON.stringify(row)).not.toContain("0912345678");
    const sealed = { iv: row.contact_iv as string, ciphertext: row.contact_ciphertext as string };
    const plain = await unseal(env.CONTACT_KEY, sealed, row.id as string);
    expect(JSON.parse(plain)).toEqual(contact);

    const audit = await auditRows(row.id as string);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "report.entered", actor_id: inspector.user.id, actor_kind: "user" });
    expect(JSON.parse(audit[0]?.summary ?? "{}")).toMatchObject({
      trackingCode: receipt.trackingCode,
      channel: "in_person",
      receivedOn: "2026-06-01",
      track: "named",
    });
    expect(audit[0]?.summary).not.toContain("0912345678");
    expect(audit[0]?.summary).not.toContain("Lan");
  });

  it("takes the scan of the letter through the attachment upload with the receipt secret", async () => {
    const receipt = await entered(inspector.cookie, intakeBody({ channel: "post" }));
    const id = await uploadEvidence(receipt);
    const view = ReportViewSchema.parse(await (await getReport(receipt.trackingCode, receipt.secret)).json());
    expect(view.attachments.map((a) => a.id)).toEqual([id]);
    // from the console, the staff session cookie travels with the upload too
    const form = new FormData();
    form.append("file", new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], "thu.pdf", { type: "application/pdf" }));
    const res = await SELF.fetch(`${ORIGIN}/api/reports/${receipt.trackingCode}/attachments`, {
      method: "POST",
      headers: { Authorization: `Bearer ${receipt.secret}`, Cookie: inspector.cookie, Origin: ORIGIN },
      body: form,
    });
    expect(res.status).not.toBe(401);
    expect(res.status).not.toBe(403);
  });

  it("gives the same receipt again for a retried Idempotency-Key, and 409 for another body", async () => {
    const headers = { "Idempotency-Key": crypto.randomUUID() };
    const body = intakeBody({ channel: "email" });
    const first = await enter(inspector.cookie, body, headers);
    const again = await enter(inspector.cookie, body, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    const receipt = ReceiptSchema.parse(await first.json());
    expect(await again.json()).toEqual(receipt);
    await expectProblem(await enter(inspector.cookie, intakeBody({ channel: "post" }), headers), 409);
    // another staff member's identical key is theirs alone
    const other = await enter(supervisor.cookie, body, headers);
    expect(other.status).toBe(201);
    expect(ReceiptSchema.parse(await other.json()).trackingCode).not.toBe(receipt.trackingCode);
  });
});

describe("bad input gets a clear problem in Vietnamese or English", () => {
  it.each([
    [
      "a day received in the future",
      { receivedOn: "2026-06-16" },
      "/receivedOn",
      "Ngày tiếp nhận không được sau ngày hôm nay",
      "The day received cannot be after today",
    ],
    [
      "a day received over a year back",
      { receivedOn: "2025-06-14" },
      "/receivedOn",
      "Ngày tiếp nhận không được sớm hơn một năm trước",
      "The day received cannot be more than a year ago",
    ],
    [
      "a day it happened after the day received",
      { receivedOn: "2026-06-01", occurredOn: "2026-06-05" },
      "/occurredOn",
      "Ngày xảy ra không được sau ngày tiếp nhận",
      "The day it happened cannot be after the day received",
    ],
    [
      "a date that does not exist",
      { receivedOn: "2026-02-30" },
      "/receivedOn",
      "Ngày phải có dạng YYYY-MM-DD và có thật",
      "The date must be a real date as YYYY-MM-DD",
    ],
    ["the web channel", { channel: "web" }, "/channel", "Giá trị phải là một trong", "Must be one of"],
    ["no channel", { channel: undefined }, "/channel", "Giá trị phải là một trong", "Must be one of"],
    ["an ALTCHA payload", { altcha: "x" }, "", "", ""],
    [
      "an unknown unit",
      { unitId: "khong-co" },
      "/unitId",
      "Không có đơn vị này trong danh mục",
      "This unit is not in the directory",
    ],
  ])("refuses %s", async (_name, overrides, pointer, vi, en) => {
    const before = await env.DB.prepare("SELECT count(*) AS n FROM reports").first<{ n: number }>();
    const inVi = await expectProblem(await enter(inspector.cookie, intakeBody(overrides)), 422);
    const inEn = await expectProblem(await enter(inspector.cookie, intakeBody(overrides), {}, "en"), 422);
    if (pointer) {
      expect(inVi.errors).toContainEqual({ pointer, message: expect.stringContaining(vi) });
      expect(inEn.errors).toContainEqual({ pointer, message: expect.stringContaining(en) });
    }
    const after = await env.DB.prepare("SELECT count(*) AS n FROM reports").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });

  it("accepts a day received exactly a year back", async () => {
    await entered(inspector.cookie, intakeBody({ receivedOn: "2025-06-15", occurredOn: "2025-06-01" }));
  });

  it("needs an email or a phone number on a named report", async () => {
    const problem = await expectProblem(await enter(inspector.cookie, intakeBody({ track: "named" })), 422);
    expect(problem.errors).toContainEqual({ pointer: "/contact", message: expect.any(String) });
  });
});

describe("only staff with intake.create enter reports", () => {
  it("answers 401 without a session and writes nothing", async () => {
    const problem = await expectProblem(await enter(undefined, intakeBody()), 401);
    expect(problem.code).toBe("unauthorized");
  });

  it("answers 401 to a reporter's bearer secret", async () => {
    const receipt = await entered(inspector.cookie, intakeBody());
    const res = await SELF.fetch(`${ORIGIN}/api/intake/reports`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${receipt.secret}` },
      body: JSON.stringify(intakeBody()),
    });
    await expectProblem(res, 401);
  });

  it("answers 403 to an administrator", async () => {
    const admin = await signIn("admin");
    await expectProblem(await enter(admin.cookie, intakeBody()), 403);
  });

  it("answers 403 without a same-origin Origin header (CSRF)", async () => {
    const before = await env.DB.prepare("SELECT count(*) AS n FROM reports").first<{ n: number }>();
    for (const origin of [undefined, "https://evil.example"]) {
      const res = await SELF.fetch(`${ORIGIN}/api/intake/reports`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Cookie: inspector.cookie,
          ...(origin ? { Origin: origin } : {}),
        },
        body: JSON.stringify(intakeBody()),
      });
      await expectProblem(res, 403);
    }
    const after = await env.DB.prepare("SELECT count(*) AS n FROM reports").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });

  it("limits each staff account per hour, whatever its address, with a settings override", async () => {
    await env.DB.prepare("INSERT INTO settings (key, value) VALUES ('intake_reports_per_staff_per_hour', '2')").run();
    const busy = await signIn("inspector");
    await entered(busy.cookie, intakeBody());
    await enter(busy.cookie, { bad: true }, { "CF-Connecting-IP": "192.0.2.1" });
    const limited = await enter(busy.cookie, intakeBody(), { "CF-Connecting-IP": "192.0.2.2" });
    await expectProblem(limited, 429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // another account still has its budget
    await entered(supervisor.cookie, intakeBody());
  });
});

describe("the OpenAPI document", () => {
  it("describes POST /intake/reports behind a staff session, with the staff channels and the receipt", async () => {
    const doc = (await (await SELF.fetch(`${ORIGIN}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const op = doc.paths["/intake/reports"]?.post as {
      security: unknown;
      requestBody: { content: { "application/json": { schema: { properties: Record<string, { enum?: string[] }> } } } };
      responses: Record<string, unknown>;
    };
    expect(op.security).toEqual([{ staffSession: [] }]);
    const properties = op.requestBody.content["application/json"].schema.properties;
    expect(properties.channel?.enum).toEqual([...STAFF_CHANNELS]);
    expect(properties).toHaveProperty("receivedOn");
    expect(properties).not.toHaveProperty("altcha");
    expect(Object.keys(op.responses)).toEqual(
      expect.arrayContaining(["201", "400", "401", "403", "409", "413", "415", "422", "429"]),
    );
  });
});
