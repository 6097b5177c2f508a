import { createDb } from "../db/client";
import { markOverdue, rescoreOpenLeads } from "../db/queries/deadlines";
import { sweepMeasures } from "../db/queries/measures";
import type { Bindings } from "../env";

/** What one run of the cron job did, for its log line and for tests. */
export interface ScheduledResult {
  markedOverdue: number;
  rescored: number;
  /** Corrective measures newly marked overdue. */
  measuresOverdue: number;
  /** Overdue measures escalated to supervisors in this run. */
  measuresEscalated: number;
}

/**
 * The cron job (every five minutes, see `wrangler.toml`): forget expired
 * idempotency keys, rate-limit windows and spent challenges; mark overdue
 * leads into the supervisors' queue; re-score undecided leads as they age;
 * mark corrective measures overdue and escalate them to supervisors.
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
  const { measuresOverdue, measuresEscalated } = await sweepMeasures(db, now);
  console.log(
    JSON.stringify({ level: "info", job: "scheduled", markedOverdue, rescored, measuresOverdue, measuresEscalated }),
  );
  return { markedOverdue, rescored, measuresOverdue, measuresEscalated };
}
