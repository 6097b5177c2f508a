import { createApp } from "../http/create-app";
import { actorContext } from "../http/service-context";
import { jsonBodyLimit } from "../middleware/json-body";
import { requireActor } from "../middleware/session";
import { confirmHolidays, listHolidays, putHoliday, removeHoliday } from "../services/holidays";
import { confirmHolidaysRoute, deleteHolidayRoute, listHolidaysRoute, putHolidayRoute } from "./holidays.routes";

const app = createApp();
app.use("/admin/holidays", requireActor("holidays.manage"));
app.use("/admin/holidays/*", requireActor("holidays.manage"), jsonBodyLimit);

/** The working-day calendar: public holidays and worked weekend days, kept by administrators. */
export const holidaysApp = app
  .openapi(listHolidaysRoute, async (c) => c.json(await listHolidays(actorContext(c), c.req.valid("query").year), 200))
  .openapi(putHolidayRoute, async (c) =>
    c.json(await putHoliday(actorContext(c), c.req.valid("param").date, c.req.valid("json")), 200),
  )
  .openapi(deleteHolidayRoute, async (c) =>
    c.json(await removeHoliday(actorContext(c), c.req.valid("param").date), 200),
  )
  .openapi(confirmHolidaysRoute, async (c) =>
    c.json(await confirmHolidays(actorContext(c), c.req.valid("param").year), 200),
  );
