import { createDb } from "../db/client";
import { markOverdue, rescoreOpenLeads } from "../db/queries/deadlines";
import type { Bindings } from "../env";

/** What one run of the cron job did, for its log line and for tests. */
export interface ScheduledResult {
  markedOverdue: number;
  rescored: number;
}

/**
 * The cron job (every five minutes, see `wrangler.toml`): forget expired
 * idempotency keys, rate-limit windows and spent challenges; mark overdue
 * leads into the supervisors' queue; re-score undecided leads as they age.
 * Test it locally with `wrangler dev --test-scheduled` and
 * `curl "http://localhost:8787/__scheduled"`.
 */
export async function runScheduled(env: Bindings, now: Date = new Date()): Promise<ScheduledResult> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  await env.DB.batch([
    env.DB.prepare("DELETE FROM idempotency_keys WHERE expires_at < ?").bind(now.toISOString()),
    env.DB.prepare("DELETE FROM rate_limits WHERE window_start < ?").bind(nowSeconds - 2 * 3600),
    env.DB.prepare("DELETE FROM used_challenges WHERE expires_at < ?").bind(nowSeconds),
  ]);
  const db = createDb(env.DB);
  const markedOverdue = await markOverdue(db, now);
  const rescored = await rescoreOpenLeads(db, now);
  console.log(JSON.stringify({ level: "info", job: "scheduled", markedOverdue, rescored }));
  return { markedOverdue, rescored };
}
