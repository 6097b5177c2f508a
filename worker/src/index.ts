import { app } from "./app";
import type { Bindings } from "./env";
import { runScheduled } from "./jobs/scheduled";

/** Worker entry: the Hono app for `/api/*`, and the cron job. */
export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(env, new Date(controller.scheduledTime)));
  },
} satisfies ExportedHandler<Bindings>;
