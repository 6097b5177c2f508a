import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { runScheduled } from "../../src/jobs/scheduled";
import { insertUnits } from "../support/fixtures";

interface LeadRow {
  id: string;
  priority: number;
  overdue_since: string | null;
  score_factors: string;
}

async function insertLead(id: string, status: string, openedAt: string, ackDueAt: string, dueAt: string) {
  await env.DB.prepare(
    `INSERT INTO leads (id, unit_id, category_code, status, priority, score_factors, severity, report_count, opened_at,
       last_report_at, ack_due_at, due_at, updated_at)
     VALUES (?, 'phuong-dong-da', 'delay', ?, 0, '[]', 2, 1, ?, ?, ?, ?, ?)`,
  )
    .bind(id, status, openedAt, openedAt, ackDueAt, dueAt, openedAt)
    .run();
}

const lead = (id: string) => env.DB.prepare("SELECT * FROM leads WHERE id = ?").bind(id).first<LeadRow>();

describe("the cron job", () => {
  it("marks leads past a deadline as overdue once, audits it, and re-scores undecided leads as they age", async () => {
    await insertUnits(env.DB);
    const now = new Date("2026-11-30T03:00:00Z");
    await insertLead(
      "late-decision",
      "in_review",
      "2026-11-16T02:00:00Z",
      "2026-11-17T17:00:00Z",
      "2026-11-23T17:00:00Z",
    );
    await insertLead("late-ack", "new", "2026-11-26T02:00:00Z", "2026-11-27T17:00:00Z", "2026-12-03T17:00:00Z");
    await insertLead("on-time", "in_review", "2026-11-27T02:00:00Z", "2026-11-28T17:00:00Z", "2026-12-04T17:00:00Z");
    await insertLead("decided", "referred", "2026-10-01T02:00:00Z", "2026-10-02T17:00:00Z", "2026-10-08T17:00:00Z");

    const first = await runScheduled(env, now);
    expect(first.markedOverdue).toBe(2);
    expect((await lead("late-decision"))?.overdue_since).toBe(now.toISOString());
    expect((await lead("late-ack"))?.overdue_since).toBe(now.toISOString());
    expect((await lead("on-time"))?.overdue_since).toBeNull();
    expect((await lead("decided"))?.overdue_since).toBeNull();

    const audit = await env.DB.prepare(
      "SELECT target_id, actor_kind, summary FROM audit_log WHERE action = 'lead.overdue' ORDER BY target_id",
    ).all<{ target_id: string; actor_kind: string; summary: string }>();
    expect(audit.results.map((r) => r.target_id)).toEqual(["late-ack", "late-decision"]);
    expect(audit.results.every((r) => r.actor_kind === "system")).toBe(true);
    expect(JSON.parse(audit.results[0]?.summary ?? "{}").deadline).toBe("acknowledgement");

    const late = await lead("late-decision");
    const onTime = await lead("on-time");
    expect(late?.priority).toBeGreaterThan(onTime?.priority ?? Number.POSITIVE_INFINITY);
    const factors = JSON.parse(late?.score_factors ?? "[]") as { name: string; value: number }[];
    expect(factors.find((f) => f.name === "age")?.value).toBeGreaterThan(5);
    expect((await lead("decided"))?.priority).toBe(0);

    const second = await runScheduled(env, new Date(now.getTime() + 5 * 60_000));
    expect(second.markedOverdue).toBe(0);
    const agedLater = await lead("late-decision");
    expect(agedLater?.priority).toBeGreaterThanOrEqual(late?.priority ?? 0);
  });

  it("forgets expired idempotency keys and spent challenges", async () => {
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO idempotency_keys (key_hash, request_hash, status, response_body, created_at, expires_at) VALUES ('k-old', 'r', 201, '{}', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')",
      ),
      env.DB.prepare("INSERT INTO used_challenges (signature, expires_at) VALUES ('sig-old', 1)"),
    ]);
    await runScheduled(env, new Date("2026-11-30T03:00:00Z"));
    const keys = await env.DB.prepare("SELECT count(*) AS n FROM idempotency_keys WHERE key_hash = 'k-old'").first();
    const sigs = await env.DB.prepare("SELECT count(*) AS n FROM used_challenges WHERE signature = 'sig-old'").first();
    expect(keys?.n).toBe(0);
    expect(sigs?.n).toBe(0);
  });
});
