import type { Login, SessionUser } from "../contracts/auth";
import { findUserByEmail, totpStepUnused, type UserRow, updateUser } from "../db/queries/accounts";
import { auditInsert } from "../db/queries/audit";
import { clearFailures, countFailure, lockBucket, lockedFor } from "../db/queries/login-throttle";
import { lockSeconds } from "../domain/auth-policy";
import { ApiError } from "../http/errors";
import { clientKey } from "../lib/client-key";
import { hmacHex } from "../lib/crypto";
import { DUMMY_HASH, verifyPassword } from "../lib/password";
import { matchTotp } from "../lib/totp";
import { totpKeyOf } from "./account";
import { tryGuarded, writeBatch } from "./batch";
import type { ServiceContext } from "./context";
import { endSession, newSession } from "./sessions";

/** A successful sign-in: the session token for the cookie and who signed in. */
export interface SignedIn {
  token: string;
  user: SessionUser;
}

/** The two back-off buckets of a sign-in: the client's address and the account's email, both hashed. */
interface Buckets {
  client: string;
  account: string;
}

/** Counts a failure and locks the bucket by exponential back-off (`lockSeconds`). */
async function recordFailure(ctx: ServiceContext, bucket: string, nowSec: number): Promise<void> {
  const lock = lockSeconds(await countFailure(ctx.db, bucket, nowSec));
  if (lock > 0) await lockBucket(ctx.db, bucket, nowSec + lock);
}

/** The refusal of a sign-in, counted against the client (and, for a wrong password, the account). */
async function refusal(
  ctx: ServiceContext,
  buckets: Buckets,
  code: "invalid_credentials" | "totp_required",
  nowSec: number,
): Promise<ApiError> {
  await recordFailure(ctx, buckets.client, nowSec);
  if (code === "invalid_credentials") await recordFailure(ctx, buckets.account, nowSec);
  return new ApiError(code);
}

/** The TOTP step a sign-in's code matches, or undefined; a step used before does not count. */
async function totpStep(ctx: ServiceContext, user: UserRow, code: string): Promise<number | undefined> {
  const key = await totpKeyOf(ctx, user);
  const step = key ? matchTotp(key, code, ctx.now) : undefined;
  return step === undefined || step <= (user.totpLastStep ?? -1) ? undefined : step;
}

/**
 * `POST /api/auth/login`: checks the password (against a dummy hash when the
 * account does not exist, so both take as long) and, when enrolled, the TOTP
 * code; opens a session in one batch with the cleared back-off and the
 * audit event. Failures lock the client and the account by exponential
 * back-off (429 with Retry-After while locked).
 *
 * @example
 * const { token, user } = await signIn(ctx, c.req.valid("json"), c.req.header("cf-connecting-ip"));
 */
export async function signIn(ctx: ServiceContext, input: Login, clientIp: string | undefined): Promise<SignedIn> {
  const nowSec = Math.floor(ctx.now.getTime() / 1000);
  const buckets: Buckets = {
    client: `login-client:${await clientKey(ctx.env.IP_HASH_SALT, "login", clientIp)}`,
    account: `login-account:${await hmacHex(ctx.env.IP_HASH_SALT, input.email)}`,
  };
  const wait = Math.max(
    await lockedFor(ctx.db, buckets.client, nowSec),
    await lockedFor(ctx.db, buckets.account, nowSec),
  );
  if (wait > 0) throw new ApiError("rate_limited", { retryAfter: wait });

  const user = await findUserByEmail(ctx.db, input.email);
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !passwordOk || user.disabledAt) throw await refusal(ctx, buckets, "invalid_credentials", nowSec);

  let step: number | undefined;
  if (user.totpEnabledAt) {
    if (!input.totp) throw new ApiError("totp_required");
    step = await totpStep(ctx, user, input.totp);
    if (step === undefined) throw await refusal(ctx, buckets, "totp_required", nowSec);
  }

  const session = await newSession(ctx, user.id);
  const statements = [
    clearFailures(ctx.db, buckets.client),
    clearFailures(ctx.db, buckets.account),
    session.statement,
    auditInsert(ctx.db, {
      actorId: user.id,
      actorKind: "user",
      action: "auth.login",
      targetType: "user",
      targetId: user.id,
      summary: { totp: Boolean(user.totpEnabledAt) },
      at: ctx.now.toISOString(),
    }),
  ];
  if (step === undefined) {
    await writeBatch(ctx.db, statements);
  } else {
    // The code's step is recorded in the same batch, guarded, so two sign-ins
    // racing with one code cannot both get a session.
    const used = [updateUser(ctx.db, user.id, { totpLastStep: step }), ...statements];
    if (!(await tryGuarded(ctx.db, totpStepUnused(user.id, step), used))) {
      throw await refusal(ctx, buckets, "totp_required", nowSec);
    }
  }
  return { token: session.token, user: { id: user.id, email: user.email, role: user.role } };
}

/** `POST /api/auth/logout`: revokes the session of the cookie, if any. */
export async function signOut(ctx: ServiceContext, token: string | undefined): Promise<void> {
  if (token) await endSession(ctx, token);
}
