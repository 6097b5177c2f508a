import { eq } from "drizzle-orm";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { MeSchema } from "../contracts/auth";
import { createDb } from "../db/client";
import {
  createSession,
  findUserByEmail,
  findUserById,
  listTies,
  revokeSession,
  totpRequiredRoles,
} from "../db/queries/accounts";
import { auditInsert } from "../db/queries/audit";
import { clearFailures, lockedFor, recordFailure } from "../db/queries/login-throttle";
import { sessions, users } from "../db/schema";
import { SESSION_ABSOLUTE_MS } from "../domain/auth-policy";
import { createApp } from "../http/create-app";
import { ApiError } from "../http/errors";
import { clientKey } from "../lib/client-key";
import { fromBase64, hmacHex, randomBytes, seal, toBase64, unseal } from "../lib/crypto";
import { DUMMY_HASH, hashPassword, verifyPassword } from "../lib/password";
import { base32, matchTotp, totpUri } from "../lib/totp";
import { requireActor, SESSION_COOKIE } from "../middleware/session";
import {
  loginRoute,
  logoutRoute,
  meRoute,
  passwordRoute,
  totpConfirmRoute,
  totpDisableRoute,
  totpSetupRoute,
} from "./auth.routes";

const totpContext = (userId: string) => `totp:${userId}`;

async function readTotpKey(
  env: { CONTACT_KEY: string },
  user: { id: string; totpIv: string | null; totpCiphertext: string | null },
) {
  if (!user.totpIv || !user.totpCiphertext) return undefined;
  const key = await unseal(env.CONTACT_KEY, { iv: user.totpIv, ciphertext: user.totpCiphertext }, totpContext(user.id));
  return fromBase64(key);
}

/** Sign-in, sign-out, the current account, password and TOTP. */
export const authApp = createApp()
  .openapi(loginRoute, async (c) => {
    const db = createDb(c.env.DB);
    const { email, password, totp } = c.req.valid("json");
    const now = new Date();
    const nowSec = Math.floor(now.getTime() / 1000);
    const clientBucket = `login-client:${await clientKey(c, "login")}`;
    const accountBucket = `login-account:${await hmacHex(c.env.IP_HASH_SALT, email)}`;
    const wait = Math.max(await lockedFor(db, clientBucket, nowSec), await lockedFor(db, accountBucket, nowSec));
    if (wait > 0) throw new ApiError("rate_limited", { retryAfter: wait });

    const user = await findUserByEmail(db, email);
    const passwordOk = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    const fail = async (code: "invalid_credentials" | "totp_required") => {
      await recordFailure(db, clientBucket, nowSec);
      if (code === "invalid_credentials") await recordFailure(db, accountBucket, nowSec);
      return new ApiError(code);
    };
    if (!user || !passwordOk || user.disabledAt) throw await fail("invalid_credentials");

    if (user.totpEnabledAt) {
      if (!totp) throw new ApiError("totp_required");
      const key = await readTotpKey(c.env, user);
      const step = key ? matchTotp(key, totp, now) : undefined;
      if (step === undefined || step <= (user.totpLastStep ?? -1)) throw await fail("totp_required");
      await db.update(users).set({ totpLastStep: step }).where(eq(users.id, user.id));
    }

    await clearFailures(db, clientBucket);
    await clearFailures(db, accountBucket);
    const token = await createSession(db, user.id, now);
    await db.batch([
      auditInsert(db, {
        actorId: user.id,
        actorKind: "user",
        action: "auth.login",
        targetType: "user",
        targetId: user.id,
        summary: { totp: Boolean(user.totpEnabledAt) },
        at: now.toISOString(),
      }),
    ]);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      secure: true,
      sameSite: "Strict",
      path: "/",
      maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
    });
    return c.json({ user: { id: user.id, email: user.email, role: user.role } }, 200);
  })
  .openapi(logoutRoute, async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await revokeSession(createDb(c.env.DB), token, new Date());
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true });
    return c.body(null, 204);
  });

/** Routes that need a session but stay open to accounts still enrolling TOTP. */
export const accountApp = createApp();
accountApp.use("/auth/me", requireActor(undefined, { allowWithoutTotp: true }));
accountApp.use("/auth/password", requireActor(undefined, { allowWithoutTotp: true }));
accountApp.use("/auth/totp/*", requireActor(undefined, { allowWithoutTotp: true }));

export const accountRoutes = accountApp
  .openapi(meRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    const user = await findUserById(db, actor.id);
    if (!user) throw new ApiError("unauthorized");
    const body = MeSchema.parse({
      user: {
        id: user.id,
        email: user.email,
        role: user.role,
        displayName: user.displayName,
        totpEnabled: user.totpEnabledAt !== null,
        totpRequired: (await totpRequiredRoles(db)).includes(user.role),
        mustChangePassword: user.mustChangePassword,
        unitTies: await listTies(db, user.id),
      },
    });
    return c.json(body, 200);
  })
  .openapi(passwordRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    const { currentPassword, newPassword } = c.req.valid("json");
    const user = await findUserById(db, actor.id);
    if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) throw new ApiError("invalid_credentials");
    const at = new Date().toISOString();
    const token = getCookie(c, SESSION_COOKIE) ?? "";
    await db.batch([
      db
        .update(users)
        .set({ passwordHash: await hashPassword(newPassword), mustChangePassword: false, updatedAt: at })
        .where(eq(users.id, user.id)),
      db.update(sessions).set({ revokedAt: at }).where(eq(sessions.userId, user.id)),
      auditInsert(db, {
        actorId: user.id,
        actorKind: "user",
        action: "auth.password_changed",
        targetType: "user",
        targetId: user.id,
        summary: {},
        at,
      }),
    ]);
    const fresh = await createSession(db, user.id, new Date());
    if (token) setCookie(c, SESSION_COOKIE, fresh, { httpOnly: true, secure: true, sameSite: "Strict", path: "/" });
    return c.body(null, 204);
  })
  .openapi(totpSetupRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    if (actor.totpEnabled) throw new ApiError("conflict");
    const key = randomBytes(20);
    const sealed = await seal(c.env.CONTACT_KEY, toBase64(key), totpContext(actor.id));
    await db
      .update(users)
      .set({ totpIv: sealed.iv, totpCiphertext: sealed.ciphertext, updatedAt: new Date().toISOString() })
      .where(eq(users.id, actor.id));
    return c.json({ secret: base32(key), uri: totpUri(actor.email, key) }, 200);
  })
  .openapi(totpConfirmRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    const user = await findUserById(db, actor.id);
    const key = user ? await readTotpKey(c.env, user) : undefined;
    const now = new Date();
    const step = key ? matchTotp(key, c.req.valid("json").code, now) : undefined;
    if (!user || step === undefined) {
      throw new ApiError("validation_failed", { errors: [{ pointer: "/code", message: wrongCode(c.get("lang")) }] });
    }
    const at = now.toISOString();
    await db.batch([
      db.update(users).set({ totpEnabledAt: at, totpLastStep: step, updatedAt: at }).where(eq(users.id, user.id)),
      auditInsert(db, {
        actorId: user.id,
        actorKind: "user",
        action: "auth.totp_enabled",
        targetType: "user",
        targetId: user.id,
        summary: {},
        at,
      }),
    ]);
    return c.body(null, 204);
  })
  .openapi(totpDisableRoute, async (c) => {
    const db = createDb(c.env.DB);
    const actor = c.get("actor");
    if ((await totpRequiredRoles(db)).includes(actor.role)) throw new ApiError("forbidden");
    const user = await findUserById(db, actor.id);
    const key = user ? await readTotpKey(c.env, user) : undefined;
    const now = new Date();
    if (!user || !key || matchTotp(key, c.req.valid("json").code, now) === undefined) {
      throw new ApiError("validation_failed", { errors: [{ pointer: "/code", message: wrongCode(c.get("lang")) }] });
    }
    const at = now.toISOString();
    await db.batch([
      db
        .update(users)
        .set({ totpEnabledAt: null, totpIv: null, totpCiphertext: null, totpLastStep: null, updatedAt: at })
        .where(eq(users.id, user.id)),
      auditInsert(db, {
        actorId: user.id,
        actorKind: "user",
        action: "auth.totp_disabled",
        targetType: "user",
        targetId: user.id,
        summary: {},
        at,
      }),
    ]);
    return c.body(null, 204);
  });

function wrongCode(lang: "vi" | "en"): string {
  return lang === "vi" ? "Mã không đúng hoặc đã hết hạn" : "Wrong or expired code";
}
