import { createRoute } from "@hono/zod-openapi";
import {
  DeliveryLogQuerySchema,
  DeliveryLogSchema,
  NotificationPreferencesSchema,
  NotificationPreferencesUpdateSchema,
} from "../contracts/notifications";
import { json, problem, staffSession } from "../http/openapi";

export const myNotificationsRoute = createRoute({
  method: "get",
  path: "/me/notifications",
  tags: ["account"],
  security: staffSession,
  summary: "The kinds of e-mail notification the signed-in staff member receives, each on or off",
  description:
    "Every kind the person's role can receive, with `enabled` (no choice stored means on) and `mandatory` " +
    "(a kind required by law or rule, such as a reporter's contest, is always on).",
  responses: {
    200: { description: "The preferences", content: json(NotificationPreferencesSchema) },
    401: problem("No session"),
    403: problem("A role that receives no notifications (administrators)"),
  },
});

export const putMyNotificationsRoute = createRoute({
  method: "put",
  path: "/me/notifications",
  tags: ["account"],
  security: staffSession,
  summary: "Turn kinds of e-mail notification on or off",
  description:
    "Only the kinds listed change. A kind the role does not receive, or turning off a mandatory kind, is a 422 at " +
    "that entry. Audited (`notifications.preferences_changed`). Returns every preference after the change.",
  request: { body: { content: json(NotificationPreferencesUpdateSchema), required: true } },
  responses: {
    200: { description: "The preferences after the change", content: json(NotificationPreferencesSchema) },
    401: problem("No session"),
    403: problem("A role that receives no notifications (administrators)"),
    422: problem("Unknown kind, a kind the role does not receive, or a mandatory kind turned off"),
  },
});

export const notificationLogRoute = createRoute({
  method: "get",
  path: "/admin/notifications",
  tags: ["admin"],
  security: staffSession,
  summary: "The notifications' delivery log: one row per message, never a body",
  description:
    "Newest first, at most `limit` rows. Each row names the recipient (`user:<id>` or `reporter:<reportId>`, never " +
    "an address), the template, the event id, the status (`queued`, `sending`, `sent`, `failed` waiting for a retry, " +
    "`dead` given up: dead letters) with the attempts and a short error code, and the times. Filters: `recipient`, " +
    "`event`, `status`.",
  request: { query: DeliveryLogQuerySchema },
  responses: {
    200: { description: "The log", content: json(DeliveryLogSchema) },
    401: problem("No session"),
    403: problem("Not an administrator"),
    422: problem("Bad filter"),
  },
});
