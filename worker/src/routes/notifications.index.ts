import { createApp } from "../http/create-app";
import { ApiError } from "../http/errors";
import { actorContext, serviceContext } from "../http/service-context";
import { jsonBodyLimit } from "../middleware/json-body";
import { requireActor } from "../middleware/session";
import {
  devOutboxList,
  devOutboxMail,
  myNotificationPreferences,
  notificationLog,
  updateMyNotificationPreferences,
} from "../services/notifications";
import { myNotificationsRoute, notificationLogRoute, putMyNotificationsRoute } from "./notifications.routes";

const app = createApp();
app.use("/me/notifications", requireActor("notifications.receive"), jsonBodyLimit);
app.use("/admin/notifications", requireActor("notifications.admin"));
// The local outbox exists only where e-mail is kept instead of sent (`DEV_OUTBOX` = "1"): elsewhere it is a 404.
app.use("/dev/outbox", async (c, next) => {
  if (c.env.DEV_OUTBOX !== "1") throw new ApiError("not_found");
  await next();
});
app.use("/dev/outbox/*", async (c, next) => {
  if (c.env.DEV_OUTBOX !== "1") throw new ApiError("not_found");
  await next();
});

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * Staff notification preferences and the admins' delivery log; in local
 * development, the outbox of e-mails kept instead of sent (not part of the
 * API's contract, so not in OpenAPI): `GET /api/dev/outbox` lists them (HTML
 * for a browser, JSON otherwise) and `GET /api/dev/outbox/{id}` shows one.
 */
export const notificationsApp = app
  .openapi(myNotificationsRoute, async (c) => c.json(await myNotificationPreferences(actorContext(c)), 200))
  .openapi(putMyNotificationsRoute, async (c) =>
    c.json(await updateMyNotificationPreferences(actorContext(c), c.req.valid("json")), 200),
  )
  .openapi(notificationLogRoute, async (c) =>
    c.json(await notificationLog(serviceContext(c), c.req.valid("query")), 200),
  );

app.get("/dev/outbox", async (c) => {
  const mails = await devOutboxList(serviceContext(c), 200);
  if (!(c.req.header("Accept") ?? "").includes("text/html")) {
    return c.json({
      items: mails.map((m) => ({
        id: m.id,
        to: m.toAddress,
        subject: m.subject,
        text: m.text,
        createdAt: m.createdAt,
      })),
    });
  }
  const rows = mails
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.createdAt)}</td><td>${escapeHtml(m.toAddress)}</td><td><a href="outbox/${encodeURIComponent(m.id)}">${escapeHtml(m.subject)}</a></td></tr>`,
    )
    .join("\n");
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local outbox</title></head><body>` +
      `<h1>Local outbox</h1><p>E-mails kept instead of sent (DEV_OUTBOX=1), newest first.</p>` +
      `<table><thead><tr><th>When</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table></body></html>`,
  );
});

app.get("/dev/outbox/:id", async (c) => {
  const mail = await devOutboxMail(serviceContext(c), c.req.param("id"));
  return c.html(mail.html);
});
