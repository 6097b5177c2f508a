import { env } from "cloudflare:test";
import { insertLead } from "./leads";

/** A tracking code no filing will produce (`PA-ZZ…`), unique per call. */
function testTrackingCode(): string {
  const hex = crypto.randomUUID().replaceAll("-", "").toUpperCase();
  return `PA-Z${hex.slice(0, 3)}-${hex.slice(3, 7)}`;
}

/**
 * A lead straight in D1 with `count` report rows (harassment, anonymous,
 * received now), for tests that move reports between leads without filing
 * through the form. Returns the lead id and the reports' tracking codes.
 */
export async function insertLeadWithReports(options: {
  unitId: string;
  count?: number;
  status?: string;
  categoryCode?: string;
}): Promise<{ leadId: string; trackingCodes: string[] }> {
  const leadId = await insertLead({
    unitId: options.unitId,
    priority: 50,
    status: options.status,
    categoryCode: options.categoryCode,
  });
  const count = options.count ?? 2;
  const at = new Date().toISOString();
  const trackingCodes: string[] = [];
  for (let i = 0; i < count; i++) {
    const code = testTrackingCode();
    trackingCodes.push(code);
    await env.DB.prepare(
      `INSERT INTO reports (id, tracking_code, secret_hash, track, unit_id, category_code, description, reporter_kind,
         channel, status, lead_id, severity, eligible, received_at, updated_at)
       VALUES (?, ?, ?, 'anonymous', ?, ?, ?, 'citizen', 'web', 'received', ?, 3, 0, ?, ?)`,
    )
      .bind(
        crypto.randomUUID(),
        code,
        "0".repeat(64),
        options.unitId,
        options.categoryCode ?? "harassment",
        `Cán bộ một cửa yêu cầu nộp thêm giấy tờ không có trong quy định, lần ${i + 1}.`,
        leadId,
        at,
        at,
      )
      .run();
  }
  await env.DB.prepare("UPDATE leads SET report_count = ? WHERE id = ?").bind(count, leadId).run();
  return { leadId, trackingCodes };
}
