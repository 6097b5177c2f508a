import { type Me, MeSchema, type PasswordChange, type TotpSetup } from "../contracts/auth";
import {
  findUserById,
  listTies,
  revokeUserSessions,
  totpRequiredRoles,
  type UserRow,
  updateUser,
} from "../db/queries/accounts";
import { type AuditEntry, auditInsert } from "../db/queries/audit";
import { ApiError } from "../http/errors";
import { ACCOUNT_MESSAGES } from "../i18n/accounts";
import { fromBase64, randomBytes, seal, toBase64, unseal } from "../lib/crypto";
import { hashPassword, verifyPassword } from "../lib/password";
import { base32, matchTotp, totpUri } from "../lib/totp";
import { writeBatch } from "./batch";
import type { ActorContext, ServiceContext } from "./context";
import { newSession } from "./sessions";

/**
 * The signed-in account's own page: who they are, their password and their
 * second factor. Every use case acts on `ctx.actor` only.
 */

/** The AES-GCM context of a TOTP key: the key is bound to its account. */
const totpContext = (userId: string) => `totp:${userId}`;

/** An account's TOTP key, unsealed, or undefined before enrolment started. */
export async function totpKeyOf(
  ctx: ServiceContext,
  user: Pick<UserRow, "id" | "totpIv" | "totpCiphertext">,
): Promise<Uint8Array | undefined> {
  if (!user.totpIv || !user.totpCiphertext) return undefined;
  const key = await unseal(
    ctx.env.CONTACT_KEY,
    { iv: user.totpIv, ciphertext: user.totpCiphertext },
    totpContext(user.id),
  );
  return fromBase64(key);
}

/** An audit event of the actor about their own account. */
function ownEvent(ctx: ActorContext, action: string): AuditEntry {
  const { id } = ctx.actor;
  return {
    actorId: id,
    actorKind: "user",
    action,
    targetType: "user",
    targetId: id,
    summary: {},
    at: ctx.now.toISOString(),
  };
}

/** The 422 of a TOTP code that does not match. */
function wrongCode(ctx: ServiceContext): ApiError {
  return new ApiError("validation_failed", {
    errors: [{ pointer: "/code", message: ACCOUNT_MESSAGES.wrong_code[ctx.lang] }],
  });
}

/** `GET /api/auth/me`: the account, its unit ties and whether its role must use TOTP. */
export async function me(ctx: ActorContext): Promise<Me> {
  const user = await findUserById(ctx.db, ctx.actor.id);
  if (!user) throw new ApiError("unauthorized");
  return MeSchema.parse({
    user: {
      id: user.id,
      email: user.email,
      role: user.role,
      displayName: user.displayName,
      totpEnabled: user.totpEnabledAt !== null,
      totpRequired: (await totpRequiredRoles(ctx.db)).includes(user.role),
      mustChangePassword: user.mustChangePassword,
      unitTies: await listTies(ctx.db, user.id),
      unitId: user.unitId,
    },
  });
}

/**
 * `POST /api/auth/password`: with the current password, sets a new one and
 * revokes every session of the account, in one batch that also opens the
 * session this request continues with. Returns that session's token.
 */
export async function changePassword(ctx: ActorContext, input: PasswordChange): Promise<string> {
  const user = await findUserById(ctx.db, ctx.actor.id);
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new ApiError("invalid_credentials");
  }
  const at = ctx.now.toISOString();
  const session = await newSession(ctx, user.id);
  await writeBatch(ctx.db, [
    updateUser(ctx.db, user.id, {
      passwordHash: await hashPassword(input.newPassword),
      mustChangePassword: false,
      updatedAt: at,
    }),
    revokeUserSessions(ctx.db, user.id, at),
    session.statement,
    auditInsert(ctx.db, ownEvent(ctx, "auth.password_changed")),
  ]);
  return session.token;
}

/** `POST /api/auth/totp/setup`: a new key, stored sealed, active once a first code confirms it. */
export async function startTotp(ctx: ActorContext): Promise<TotpSetup> {
  if (ctx.actor.totpEnabled) throw new ApiError("conflict");
  const key = randomBytes(20);
  const sealed = await seal(ctx.env.CONTACT_KEY, toBase64(key), totpContext(ctx.actor.id));
  await writeBatch(ctx.db, [
    updateUser(ctx.db, ctx.actor.id, {
      totpIv: sealed.iv,
      totpCiphertext: sealed.ciphertext,
      updatedAt: ctx.now.toISOString(),
    }),
  ]);
  return { secret: base32(key), uri: totpUri(ctx.actor.email, key) };
}

/** `POST /api/auth/totp/confirm`: a first matching code turns TOTP on (422 at /code otherwise). */
export async function confirmTotp(ctx: ActorContext, code: string): Promise<void> {
  const user = await findUserById(ctx.db, ctx.actor.id);
  const key = user ? await totpKeyOf(ctx, user) : undefined;
  const step = key ? matchTotp(key, code, ctx.now) : undefined;
  if (!user || step === undefined) throw wrongCode(ctx);
  const at = ctx.now.toISOString();
  await writeBatch(ctx.db, [
    updateUser(ctx.db, user.id, { totpEnabledAt: at, totpLastStep: step, updatedAt: at }),
    auditInsert(ctx.db, ownEvent(ctx, "auth.totp_enabled")),
  ]);
}

/** `POST /api/auth/totp/disable`: a matching code turns TOTP off, unless the role requires it (403). */
export async function disableTotp(ctx: ActorContext, code: string): Promise<void> {
  if ((await totpRequiredRoles(ctx.db)).includes(ctx.actor.role)) throw new ApiError("forbidden");
  const user = await findUserById(ctx.db, ctx.actor.id);
  const key = user ? await totpKeyOf(ctx, user) : undefined;
  if (!user || !key || matchTotp(key, code, ctx.now) === undefined) throw wrongCode(ctx);
  const at = ctx.now.toISOString();
  await writeBatch(ctx.db, [
    updateUser(ctx.db, user.id, {
      totpEnabledAt: null,
      totpIv: null,
      totpCiphertext: null,
      totpLastStep: null,
      updatedAt: at,
    }),
    auditInsert(ctx.db, ownEvent(ctx, "auth.totp_disabled")),
  ]);
}
