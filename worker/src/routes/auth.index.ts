import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { SESSION_ABSOLUTE_MS } from "../domain/auth-policy";
import type { AppEnv } from "../env";
import { createApp } from "../http/create-app";
import { actorContext, serviceContext } from "../http/service-context";
import { jsonBodyLimit } from "../middleware/json-body";
import { requireActor, SESSION_COOKIE } from "../middleware/session";
import { changePassword, confirmTotp, disableTotp, me, startTotp } from "../services/account";
import { signIn, signOut } from "../services/auth";
import {
  loginRoute,
  logoutRoute,
  meRoute,
  passwordRoute,
  totpConfirmRoute,
  totpDisableRoute,
  totpSetupRoute,
} from "./auth.routes";

const COOKIE = { httpOnly: true, secure: true, sameSite: "Strict", path: "/" } as const;

/** Puts a session token in the HttpOnly cookie. */
function setSessionCookie(c: Context<AppEnv>, token: string, maxAge?: number): void {
  setCookie(c, SESSION_COOKIE, token, maxAge === undefined ? COOKIE : { ...COOKIE, maxAge });
}

const app = createApp();
app.use("/auth/*", jsonBodyLimit);

/** Sign-in, sign-out, the current account, password and TOTP. */
export const authApp = app
  .openapi(loginRoute, async (c) => {
    const { token, user } = await signIn(serviceContext(c), c.req.valid("json"), c.req.header("cf-connecting-ip"));
    setSessionCookie(c, token, Math.floor(SESSION_ABSOLUTE_MS / 1000));
    return c.json({ user }, 200);
  })
  .openapi(logoutRoute, async (c) => {
    await signOut(serviceContext(c), getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
    return c.body(null, 204);
  });

/** Routes that need a session but stay open to accounts still enrolling TOTP. */
export const accountApp = createApp();
accountApp.use("/auth/me", requireActor(undefined, { allowWithoutTotp: true }));
accountApp.use("/auth/password", requireActor(undefined, { allowWithoutTotp: true }));
accountApp.use("/auth/totp/*", requireActor(undefined, { allowWithoutTotp: true }));

export const accountRoutes = accountApp
  .openapi(meRoute, async (c) => c.json(await me(actorContext(c)), 200))
  .openapi(passwordRoute, async (c) => {
    const token = await changePassword(actorContext(c), c.req.valid("json"));
    if (getCookie(c, SESSION_COOKIE)) setSessionCookie(c, token);
    return c.body(null, 204);
  })
  .openapi(totpSetupRoute, async (c) => c.json(await startTotp(actorContext(c)), 200))
  .openapi(totpConfirmRoute, async (c) => {
    await confirmTotp(actorContext(c), c.req.valid("json").code);
    return c.body(null, 204);
  })
  .openapi(totpDisableRoute, async (c) => {
    await disableTotp(actorContext(c), c.req.valid("json").code);
    return c.body(null, 204);
  });
