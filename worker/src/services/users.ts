import { CUSTOM_MESSAGES, type CustomMessageKey } from "../contracts/messages";
import {
  type SecurityPolicy,
  type User,
  type UserCreate,
  type UserList,
  UserSchema,
  type UserUpdate,
  type UserWithPassword,
  UserWithPasswordSchema,
} from "../contracts/users";
import {
  findUserByEmail,
  revokeUserSessions,
  setTotpRequiredRoles,
  totpRequiredRoles,
  updateUser,
} from "../db/queries/accounts";
import { type AuditEntry, auditInsert } from "../db/queries/audit";
import { existingUnitIds, unitLink } from "../db/queries/units";
import { getUser, insertTies, insertUser, listUsers, replaceTies } from "../db/queries/users";
import { locksOutSelf, type Role, roleNeedsUnit } from "../domain/auth-policy";
import { hanoiDate } from "../domain/calendar";
import { ApiError } from "../http/errors";
import { unknownUnitsMessage } from "../i18n/accounts";
import { randomBytes } from "../lib/crypto";
import { hashPassword } from "../lib/password";
import { base32 } from "../lib/totp";
import { type Statements, writeBatch } from "./batch";
import type { ActorContext } from "./context";

/** Administration of staff accounts, their unit ties and the TOTP policy (role `admin`). */

/** A readable one-time password: 80 random bits in base32, grouped by four. */
function temporaryPassword(): string {
  return (base32(randomBytes(10)).match(/.{1,4}/g) ?? []).join("-");
}

/** Unit ties without duplicates, every one a unit of the directory (422 at /unitTies otherwise). */
async function checkedTies(ctx: ActorContext, ids: readonly string[]): Promise<string[]> {
  const ties = [...new Set(ids)];
  const known = await existingUnitIds(ctx.db, ties);
  const missing = ties.filter((id) => !known.has(id));
  if (missing.length) {
    throw new ApiError("validation_failed", {
      errors: [{ pointer: "/unitTies", message: unknownUnitsMessage(missing, ctx.lang) }],
    });
  }
  return ties;
}

/** A 422 at `pointer` with a contract message. */
function fieldProblem(ctx: ActorContext, pointer: string, key: CustomMessageKey): ApiError {
  return new ApiError("validation_failed", { errors: [{ pointer, message: CUSTOM_MESSAGES[key][ctx.lang] }] });
}

/** A liaison's unit: a unit of the directory still current today (422 at /unitId otherwise). */
async function checkedLiaisonUnit(ctx: ActorContext, unitId: string): Promise<string> {
  const unit = await unitLink(ctx.db, unitId);
  if (!unit) throw fieldProblem(ctx, "/unitId", "unknown_unit");
  if (unit.validTo !== null && unit.validTo <= hanoiDate(ctx.now)) throw fieldProblem(ctx, "/unitId", "unit_ended");
  return unit.id;
}

/** An audit event of the administrator. */
function adminEvent(ctx: ActorContext, event: Omit<AuditEntry, "actorId" | "actorKind" | "at">): AuditEntry {
  return { actorId: ctx.actor.id, actorKind: "user", at: ctx.now.toISOString(), ...event };
}

/** The account after a write, as the API returns it. */
async function reread(ctx: ActorContext, id: string): Promise<User> {
  return UserSchema.parse(await getUser(ctx.db, id));
}

/** `GET /api/admin/users`: every account with its unit ties. */
export async function listAccounts(ctx: ActorContext): Promise<UserList> {
  return { items: await listUsers(ctx.db) };
}

/**
 * `POST /api/admin/users`: a new account with a one-time password (409 when
 * the email is taken). A `unit_liaison` names the current unit it answers for
 * (`unitId`, 422 when unknown or ended; the contract refuses it for any other role).
 */
export async function createAccount(ctx: ActorContext, input: UserCreate): Promise<UserWithPassword> {
  if (await findUserByEmail(ctx.db, input.email)) throw new ApiError("conflict");
  const ties = await checkedTies(ctx, input.unitTies);
  const unitId = input.unitId === undefined ? null : await checkedLiaisonUnit(ctx, input.unitId);
  const id = crypto.randomUUID();
  const password = temporaryPassword();
  const at = ctx.now.toISOString();
  await writeBatch(ctx.db, [
    insertUser(ctx.db, {
      id,
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      unitId,
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
      createdAt: at,
      updatedAt: at,
    }),
    ...insertTies(ctx.db, id, ties, at),
    auditInsert(
      ctx.db,
      adminEvent(ctx, {
        action: "user.created",
        targetType: "user",
        targetId: id,
        summary: { after: { email: input.email, role: input.role, unitTies: ties, unitId } },
      }),
    ),
  ]);
  return UserWithPasswordSchema.parse({ user: await getUser(ctx.db, id), temporaryPassword: password });
}

/**
 * `PATCH /api/admin/users/{id}`: name, role, unit ties, disabled. Disabling
 * revokes the account's sessions; an administrator cannot disable or demote
 * themselves (409).
 */
export async function updateAccount(ctx: ActorContext, id: string, input: UserUpdate): Promise<User> {
  const before = await getUser(ctx.db, id);
  if (!before) throw new ApiError("not_found");
  if (id === ctx.actor.id && locksOutSelf(input)) throw new ApiError("conflict");
  // A liaison's unit is set when the account is made; no role change may add or drop it.
  if (input.role !== undefined && roleNeedsUnit(input.role) !== roleNeedsUnit(before.role)) {
    throw fieldProblem(ctx, "/role", "liaison_role_fixed");
  }
  const ties = input.unitTies ? await checkedTies(ctx, input.unitTies) : undefined;
  const at = ctx.now.toISOString();
  const disabledAt = input.disabled === undefined ? undefined : input.disabled ? at : null;
  const statements: Statements = [
    updateUser(ctx.db, id, {
      ...(input.displayName ? { displayName: input.displayName } : {}),
      ...(input.role ? { role: input.role } : {}),
      ...(disabledAt !== undefined ? { disabledAt } : {}),
      updatedAt: at,
    }),
  ];
  if (ties) statements.push(...replaceTies(ctx.db, id, ties, at));
  if (input.disabled) statements.push(revokeUserSessions(ctx.db, id, at));
  statements.push(
    auditInsert(
      ctx.db,
      adminEvent(ctx, {
        action: "user.updated",
        targetType: "user",
        targetId: id,
        summary: {
          before: { role: before.role, disabled: before.disabled, unitTies: before.unitTies },
          after: input,
        },
      }),
    ),
  );
  await writeBatch(ctx.db, statements);
  return reread(ctx, id);
}

/** `POST /api/admin/users/{id}/reset`: a new one-time password, TOTP removed, sessions revoked. */
export async function resetAccount(ctx: ActorContext, id: string): Promise<UserWithPassword> {
  if (!(await getUser(ctx.db, id))) throw new ApiError("not_found");
  const password = temporaryPassword();
  const at = ctx.now.toISOString();
  await writeBatch(ctx.db, [
    updateUser(ctx.db, id, {
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
      totpEnabledAt: null,
      totpIv: null,
      totpCiphertext: null,
      totpLastStep: null,
      updatedAt: at,
    }),
    revokeUserSessions(ctx.db, id, at),
    auditInsert(ctx.db, adminEvent(ctx, { action: "user.reset", targetType: "user", targetId: id, summary: {} })),
  ]);
  return UserWithPasswordSchema.parse({ user: await getUser(ctx.db, id), temporaryPassword: password });
}

/** `GET /api/admin/security`: which roles must use TOTP. */
export async function securityPolicy(ctx: ActorContext): Promise<SecurityPolicy> {
  return { totpRequiredRoles: await totpRequiredRoles(ctx.db) };
}

/** `PUT /api/admin/security`: sets which roles must use TOTP. */
export async function setSecurityPolicy(ctx: ActorContext, input: SecurityPolicy): Promise<SecurityPolicy> {
  const roles: Role[] = [...new Set(input.totpRequiredRoles)];
  await writeBatch(ctx.db, [
    setTotpRequiredRoles(ctx.db, roles, ctx.now.toISOString()),
    auditInsert(
      ctx.db,
      adminEvent(ctx, {
        action: "settings.totp_policy",
        targetType: "settings",
        targetId: "totp_required_roles",
        summary: { after: roles },
      }),
    ),
  ]);
  return { totpRequiredRoles: roles };
}
