import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("audit_log", () => {
  it("accepts new events but refuses to rewrite or delete them", async () => {
    await env.DB.prepare(
      "INSERT INTO audit_log (id, at, actor_id, actor_kind, action, target_type, target_id, summary) VALUES ('a1', '2026-11-29T00:00:00Z', NULL, 'system', 'lead.overdue', 'lead', 'l1', '{}')",
    ).run();
    await expect(env.DB.prepare("UPDATE audit_log SET action = 'x' WHERE id = 'a1'").run()).rejects.toThrow(
      /append-only/,
    );
    await expect(env.DB.prepare("DELETE FROM audit_log WHERE id = 'a1'").run()).rejects.toThrow(/append-only/);
    const row = await env.DB.prepare("SELECT action FROM audit_log WHERE id = 'a1'").first<{ action: string }>();
    expect(row?.action).toBe("lead.overdue");
  });

  it("ships the public holidays as data, Tết included", async () => {
    const tet = await env.DB.prepare("SELECT count(*) AS n FROM holidays WHERE name_vi = 'Tết Nguyên Đán'").first<{
      n: number;
    }>();
    expect(tet?.n).toBeGreaterThanOrEqual(15);
  });
});
