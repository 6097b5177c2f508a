import { createDb } from "../db/client";
import type { Bindings } from "../env";
import type { ServiceContext } from "../services/context";
import { markOverdueLeads, rescoreOpenLeads } from "../services/deadlines";
import { forgetExpired } from "../services/housekeeping";
import { sweepMeasures } from "../services/measures";
import { recordDailyDigest, sweepNotifications } from "../services/notifications";

/** What one run of the cron job did, for its log line and for tests. */
export interface ScheduledResult {
  markedOverdue: number;
  rescored: number;
  /** Corrective measures newly marked overdue. */
  measuresOverdue: number;
  /** Overdue measures escalated to supervisors in this run. */
  measuresEscalated: number;
  /** Notification events handed to the queue that requests had not. */
  notificationsFlushed: number;
}

/** The cron expression of the supervisors' daily digest (`wrangler.toml`): 01:00 UTC, 08:00 in Hanoi. */
export const DIGEST_CRON = "0 1 * * *";

/**
 * The cron job (every five minutes, see `wrangler.toml`), run as of `now`,
 * its scheduled time: forget expired idempotency keys, rate-limit windows
 * and spent challenges; mark overdue leads into the supervisors' queue;
 * re-score undecided leads as they age; mark corrective measures overdue and
 * escalate them to supervisors. Test it locally with
 * `wrangler dev --test-scheduled` and `curl "http://localhost:8787/__scheduled"`.
 */
export async function runScheduled(env: Bindings, now: Date): Promise<ScheduledResult> {
  const ctx: ServiceContext = { db: createDb(env.DB), env, lang: "vi", now };
  await forgetExpired(ctx);
  const markedOverdue = await markOverdueLeads(ctx);
  const rescored = await rescoreOpenLeads(ctx);
  const { measuresOverdue, measuresEscalated } = await sweepMeasures(ctx);
  const { flushed: notificationsFlushed, lost } = await sweepNotifications(ctx);
  console.log(
    JSON.stringify({
      level: "info",
      job: "scheduled",
      markedOverdue,
      rescored,
      measuresOverdue,
      measuresEscalated,
      notificationsFlushed,
      notificationsLost: lost,
    }),
  );
  return { markedOverdue, rescored, measuresOverdue, measuresEscalated, notificationsFlushed };
}

/**
 * The daily digest job (`DIGEST_CRON`): records the supervisors' digest of
 * overdue leads and measures for today in Hanoi and hands it to the queue.
 * Test it locally with `curl "http://localhost:8787/__scheduled?cron=0+1+*+*+*"`.
 */
export async function runDailyDigest(env: Bindings, now: Date): Promise<boolean> {
  const ctx: ServiceContext = { db: createDb(env.DB), env, lang: "vi", now };
  const recorded = await recordDailyDigest(ctx);
  console.log(JSON.stringify({ level: "info", job: "digest", recorded }));
  return recorded;
}
