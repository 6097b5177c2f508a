import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { pickLang } from "../i18n/lang";

/** Sets a request id (echoed as `X-Request-Id`), the response language and the request's instant. */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  const requestId = crypto.randomUUID();
  c.set("requestId", requestId);
  c.set("now", new Date());
  c.set("lang", pickLang(c.req.header("accept-language")));
  await next();
  c.header("X-Request-Id", requestId);
  c.header("Vary", "Accept-Language", { append: true });
});
