import { createRoute } from "@hono/zod-openapi";
import {
  HolidayConfirmSchema,
  HolidayDateParams,
  HolidayListQuerySchema,
  HolidayListSchema,
  HolidayPutSchema,
  HolidayYearParams,
} from "../contracts/holidays";
import { json, problem, staffSession } from "../http/openapi";

const guarded = { 401: problem("No session"), 403: problem("Not an administrator") };

export const listHolidaysRoute = createRoute({
  method: "get",
  path: "/admin/holidays",
  tags: ["admin"],
  security: staffSession,
  summary: "A year's public holidays and worked weekend days, with the provisional flag",
  description:
    "The rows of the `holidays` table for the year, or, for a year with none, the defaults computed from the " +
    "Labour Code 2019 (Art. 112) and the lunar calendar (`computed: true`, every item `provisional` and not " +
    "`stored`). Working-day deadlines use the same list.",
  request: { query: HolidayListQuerySchema },
  responses: {
    200: { description: "The year's list", content: json(HolidayListSchema) },
    422: problem("Not a year of 2000–2100"),
    ...guarded,
  },
});

export const putHolidayRoute = createRoute({
  method: "put",
  path: "/admin/holidays/{date}",
  tags: ["admin"],
  security: staffSession,
  summary: "Add or edit a day: a holiday on a weekday or a worked Saturday or Sunday, confirmed",
  description:
    "Sets `provisional` to false. The first change to a year that has no row stores its computed defaults with " +
    "it. Audited (`holiday.added` or `holiday.changed`, before and after). Returns the year's list.",
  request: { params: HolidayDateParams, body: { content: json(HolidayPutSchema), required: true } },
  responses: {
    200: { description: "The year's list after the change", content: json(HolidayListSchema) },
    409: problem("The year changed meanwhile"),
    422: problem("Bad date, kind, names, or a kind that does not fit the weekday"),
    ...guarded,
  },
});

export const deleteHolidayRoute = createRoute({
  method: "delete",
  path: "/admin/holidays/{date}",
  tags: ["admin"],
  security: staffSession,
  summary: "Remove a day from the calendar",
  description: "Audited (`holiday.removed`, with the day as it was). Returns the year's list.",
  request: { params: HolidayDateParams },
  responses: {
    200: { description: "The year's list after the change", content: json(HolidayListSchema) },
    404: problem("No such day in the year's list"),
    409: problem("The year changed meanwhile"),
    422: problem("Bad date"),
    ...guarded,
  },
});

export const confirmHolidaysRoute = createRoute({
  method: "post",
  path: "/admin/holidays/{year}/confirm",
  tags: ["admin"],
  security: staffSession,
  summary: "Confirm every provisional day of a year at once",
  description:
    "For the year's announced schedule once it matches the list. Audited (`holidays.confirmed`, the days " +
    "confirmed). Confirms nothing, and writes nothing, when no day is provisional.",
  request: { params: HolidayYearParams },
  responses: {
    200: { description: "How many days were confirmed, and the year's list", content: json(HolidayConfirmSchema) },
    409: problem("The year changed meanwhile"),
    422: problem("Not a year of 2000–2100"),
    ...guarded,
  },
});
