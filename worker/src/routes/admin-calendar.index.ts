import { createApp } from "../http/create-app";
import { actorContext } from "../http/service-context";
import { jsonBodyLimit } from "../middleware/json-body";
import { requireActor } from "../middleware/session";
import { confirmHolidays, listHolidays, putHoliday, removeHoliday } from "../services/holidays";
import { listSettings, patchSettings } from "../services/settings";
import {
  confirmHolidaysRoute,
  deleteHolidayRoute,
  getSettingsRoute,
  listHolidaysRoute,
  patchSettingsRoute,
  putHolidayRoute,
} from "./admin-calendar.routes";

const holidaysApp = createApp();
holidaysApp.use("/admin/holidays", requireActor("holidays.manage"));
holidaysApp.use("/admin/holidays/*", requireActor("holidays.manage"), jsonBodyLimit);
holidaysApp.use("/admin/settings", requireActor("settings.manage"), jsonBodyLimit);

/** Administration of the working-day calendar (holidays) and of the settings. */
export const adminCalendarApp = holidaysApp
  .openapi(listHolidaysRoute, async (c) => c.json(await listHolidays(actorContext(c), c.req.valid("query").year), 200))
  .openapi(putHolidayRoute, async (c) =>
    c.json(await putHoliday(actorContext(c), c.req.valid("param").date, c.req.valid("json")), 200),
  )
  .openapi(deleteHolidayRoute, async (c) =>
    c.json(await removeHoliday(actorContext(c), c.req.valid("param").date), 200),
  )
  .openapi(confirmHolidaysRoute, async (c) =>
    c.json(await confirmHolidays(actorContext(c), c.req.valid("param").year), 200),
  )
  .openapi(getSettingsRoute, async (c) => c.json(await listSettings(actorContext(c)), 200))
  .openapi(patchSettingsRoute, async (c) => c.json(await patchSettings(actorContext(c), c.req.valid("json")), 200));
