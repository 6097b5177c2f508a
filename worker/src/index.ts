import { app } from "./app";
import type { Bindings } from "./env";
import { DIGEST_CRON, runDailyDigest, runScheduled } from "./jobs/scheduled";
import { consumeNotifications } from "./services/notification-delivery";

/** Worker entry: the Hono app for `/api/*`, the cron jobs, and the notifications queue's consumer. */
export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    const at = new Date(controller.scheduledTime);
    ctx.waitUntil(controller.cron === DIGEST_CRON ? runDailyDigest(env, at) : runScheduled(env, at));
  },
  async queue(batch, env) {
    await consumeNotifications(batch, env);
  },
} satisfies ExportedHandler<Bindings>;
