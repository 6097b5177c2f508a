import { app } from "./app";
import type { Bindings } from "./env";

/** Worker entry: the Hono app for `/api/*`, and the cron job. */
export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(runScheduled(env));
  },
} satisfies ExportedHandler<Bindings>;

/** Periodic upkeep: expired idempotency keys, rate-limit windows and spent challenges. */
export async function runScheduled(env: Bindings, now: Date = new Date()): Promise<void> {
  const nowIso = now.toISOString();
  const hourAgo = Math.floor(now.getTime() / 1000) - 3600 * 2;
  await env.DB.batch([
    env.DB.prepare("DELETE FROM idempotency_keys WHERE expires_at < ?").bind(nowIso),
    env.DB.prepare("DELETE FROM rate_limits WHERE window_start < ?").bind(hourAgo),
    env.DB.prepare("DELETE FROM used_challenges WHERE expires_at < ?").bind(Math.floor(now.getTime() / 1000)),
  ]);
}
