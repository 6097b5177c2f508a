import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ReceiptSchema } from "../../src/contracts/reports";
import { insertUnits } from "../support/fixtures";
import {
  BRIBE_TEXTS,
  call,
  createUnit,
  fileBribe,
  freshIp,
  getLead,
  LAND_PROCEDURE,
  leadIdOf,
  listAllLeads,
  moveLead,
  reportRow,
  type Session,
  signIn,
} from "../support/leads";
import { fileReport, reportBody } from "../support/reports";

/**
 * Honest corroboration (issue 12): the "independent reports" factor counts
 * witnesses, not reports. One client filing the same complaint again, a
 * near-copy of a text, or one caller entered twice by staff is one witness.
 */

let supervisor: Session;
let inspector: Session;

beforeAll(async () => {
  await insertUnits(env.DB);
  supervisor = await signIn("supervisor");
  inspector = await signIn("inspector");
});

const reportsFactor = (lead: Awaited<ReturnType<typeof getLead>>) =>
  lead.score.factors.find((f) => f.name === "reports");

/** Files a bribe report about `unitId` from `ip`. */
function bribeFrom(unitId: string, ip: string, description: string = BRIBE_TEXTS[0]) {
  return fileReport(
    { unitId, categoryCode: "bribery", description, procedure: LAND_PROCEDURE, occurredOn: "2026-01-12" },
    { headers: { "CF-Connecting-IP": ip } },
  );
}

describe("one client filing the same complaint three times", () => {
  it("is one witness, and its lead ranks below a lead with two genuinely different reporters", async () => {
    const repeated = await createUnit({ name: "Phường Ô Chợ Dừa" });
    const corroborated = await createUnit({ name: "Phường Văn Miếu" });
    const ip = freshIp();
    const copies = [
      await bribeFrom(repeated.id, ip),
      await bribeFrom(repeated.id, ip),
      await bribeFrom(repeated.id, ip),
    ];
    const two = [
      await bribeFrom(corroborated.id, freshIp()),
      await bribeFrom(corroborated.id, freshIp(), BRIBE_TEXTS[1]),
    ];

    const repeatedLeadId = await leadIdOf(copies[0]?.trackingCode ?? "");
    for (const copy of copies) expect(await leadIdOf(copy.trackingCode)).toBe(repeatedLeadId);
    const corroboratedLeadId = await leadIdOf(two[0]?.trackingCode ?? "");
    expect(await leadIdOf(two[1]?.trackingCode ?? "")).toBe(corroboratedLeadId);

    const repeatedLead = await getLead(supervisor.cookie, repeatedLeadId);
    const corroboratedLead = await getLead(supervisor.cookie, corroboratedLeadId);
    expect(repeatedLead.reportCount).toBe(3);
    expect(reportsFactor(repeatedLead)).toEqual({ name: "reports", value: 0, detail: { reports: 3, independent: 1 } });
    expect(reportsFactor(corroboratedLead)).toEqual({
      name: "reports",
      value: 10,
      detail: { reports: 2, independent: 2 },
    });
    expect(repeatedLead.priority).toBeLessThan(corroboratedLead.priority);

    const queue = (await listAllLeads(supervisor.cookie, { status: "new" })).map((lead) => lead.id);
    expect(queue.indexOf(corroboratedLeadId)).toBeGreaterThanOrEqual(0);
    expect(queue.indexOf(repeatedLeadId)).toBeGreaterThan(queue.indexOf(corroboratedLeadId));
  });

  it("stores a salted hash of the client on each report, never the address", async () => {
    const unit = await createUnit();
    const ip = "203.0.113.77";
    const a = await bribeFrom(unit.id, ip);
    const b = await bribeFrom(unit.id, ip, BRIBE_TEXTS[1]);
    const [rowA, rowB] = [await reportRow(a.trackingCode), await reportRow(b.trackingCode)];
    expect(rowA.witness_key).toMatch(/^[0-9a-f]{64}$/);
    expect(rowA.witness_key).toBe(rowB.witness_key);
    const stored = await env.DB.prepare("SELECT * FROM reports WHERE tracking_code = ?").bind(a.trackingCode).first();
    expect(JSON.stringify(stored)).not.toContain(ip);
    // Two wordings, one client: one witness; the explanation says so.
    const lead = await getLead(supervisor.cookie, await leadIdOf(a.trackingCode));
    expect(reportsFactor(lead)?.detail).toEqual({ reports: 2, independent: 1 });
  });

  it("counts a near-identical text from another address as the same witness", async () => {
    const unit = await createUnit();
    const a = await bribeFrom(unit.id, freshIp());
    const b = await bribeFrom(unit.id, freshIp(), `${BRIBE_TEXTS[0]} `.replace("gia đình tôi", "gia đình chúng tôi"));
    const lead = await getLead(supervisor.cookie, await leadIdOf(a.trackingCode));
    expect(await leadIdOf(b.trackingCode)).toBe(lead.id);
    expect(reportsFactor(lead)?.detail).toEqual({ reports: 2, independent: 1 });
  });

  it("counts the witnesses again when leads are merged", async () => {
    const unit = await createUnit();
    const ip = freshIp();
    const first = await fileBribe(unit.id);
    const target = await leadIdOf(first.trackingCode);
    // Same client, about something else at the same unit: its own lead.
    const other = await fileReport(
      {
        unitId: unit.id,
        categoryCode: "conduct",
        description: "Cán bộ một cửa quát nạt, nói năng thiếu tôn trọng khi tôi hỏi về thời gian trả kết quả.",
      },
      { headers: { "CF-Connecting-IP": ip } },
    );
    await fileReport(
      {
        unitId: unit.id,
        categoryCode: "conduct",
        description: "Lần thứ hai tôi đến, cán bộ một cửa vẫn to tiếng, không hướng dẫn.",
      },
      { headers: { "CF-Connecting-IP": ip } },
    );
    const source = await leadIdOf(other.trackingCode);
    expect(source).not.toBe(target);
    expect(reportsFactor(await getLead(supervisor.cookie, source))?.detail).toEqual({ reports: 2, independent: 1 });
    await moveLead(supervisor.cookie, source, {
      to: "merged",
      targetLeadId: target,
      reason: "Cùng một sự việc tại phường",
    });
    const merged = await getLead(supervisor.cookie, target);
    expect(merged.reportCount).toBe(3);
    expect(reportsFactor(merged)).toEqual({ name: "reports", value: 10, detail: { reports: 3, independent: 2 } });
  });
});

describe("staff-entered reports count by channel and reporter, not by the staff account", () => {
  async function enter(body: Record<string, unknown>) {
    const res = await call(inspector.cookie, "/api/intake/reports", {
      method: "POST",
      body: { ...reportBody(), channel: "hotline", receivedOn: "2026-06-10", ...body },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return ReceiptSchema.parse(await res.json());
  }

  it("one caller entered twice is one witness; two callers entered by the same inspector are two", async () => {
    const unit = await createUnit();
    const caller = { phone: "0912345678" };
    const a = await enter({ unitId: unit.id, track: "named", contact: caller });
    const b = await enter({
      unitId: unit.id,
      track: "named",
      contact: { phone: "+84912345678" },
      description: "Tôi gọi lại: hồ sơ cấp phép xây dựng vẫn bị yêu cầu thêm giấy tờ ngoài quy định.",
    });
    const leadId = await leadIdOf(a.trackingCode);
    expect(await leadIdOf(b.trackingCode)).toBe(leadId);
    expect(reportsFactor(await getLead(supervisor.cookie, leadId))?.detail).toEqual({ reports: 2, independent: 1 });

    const otherUnit = await createUnit();
    const c = await enter({ unitId: otherUnit.id, track: "named", contact: { phone: "0987654321" } });
    await enter({
      unitId: otherUnit.id,
      track: "named",
      contact: { email: "nguoi.khac@example.vn" },
      description: "Cán bộ yêu cầu nộp thêm nhiều loại giấy tờ không có trong quy định khi tôi xin cấp phép xây dựng.",
    });
    const other = await getLead(supervisor.cookie, await leadIdOf(c.trackingCode));
    expect(reportsFactor(other)?.detail).toEqual({ reports: 2, independent: 2 });
  });
});
