import { createApp } from "../http/create-app";
import { actorContext } from "../http/service-context";
import { jsonBodyLimit } from "../middleware/json-body";
import { requireActor } from "../middleware/session";
import { listSettings, patchSettings } from "../services/settings";
import { getSettingsRoute, patchSettingsRoute } from "./settings.routes";

const app = createApp();
app.use("/admin/settings", requireActor("settings.manage"), jsonBodyLimit);

/** The settings administrators change without a deploy. */
export const settingsApp = app
  .openapi(getSettingsRoute, async (c) => c.json(await listSettings(actorContext(c)), 200))
  .openapi(patchSettingsRoute, async (c) => c.json(await patchSettings(actorContext(c), c.req.valid("json")), 200));
