import { eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { UserSchema, UserWithPasswordSchema } from "../contracts/users";
import { createDb, type Db } from "../db/client";
import { inList } from "../db/in-list";
import { findUserByEmail, totpRequiredRoles } from "../db/queries/accounts";
import { auditInsert } from "../db/queries/audit";
import { getUser, listUsers } from "../db/queries/users";
import { sessions, settings, units, users, userUnitTies } from "../db/schema";
import type { Lang } from "../env";
import { createApp } from "../http/create-app";
import { ApiError } from "../http/errors";
import { randomBytes } from "../lib/crypto";
import { hashPassword } from "../lib/password";
import { base32 } from "../lib/totp";
import { requireActor } from "../middleware/session";
import {
  createUserRoute,
  getSecurityRoute,
  listUsersRoute,
  putSecurityRoute,
  resetUserRoute,
  updateUserRoute,
} from "./users.routes";

/** A readable one-time password: 80 random bits in base32, grouped by four. */
function temporaryPassword(): string {
  return (base32(randomBytes(10)).match(/.{1,4}/g) ?? []).join("-");
}

async function checkUnits(db: Db, ids: string[], lang: Lang): Promise<void> {
  if (ids.length === 0) return;
  const found = await db.select({ id: units.id }).from(units).where(inList(units.id, ids));
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) {
    throw new ApiError("validation_failed", {
      errors: [
        {
          pointer: "/unitTies",
          message: lang === "vi" ? `Không có đơn vị: ${missing.join(", ")}` : `Unknown units: ${missing.join(", ")}`,
        },
      ],
    });
  }
}

function tieRows(db: Db, userId: string, unitIds: string[], at: string): BatchItem<"sqlite">[] {
  return unitIds.map((unitId) => db.insert(userUnitTies).values({ userId, unitId, createdAt: at }));
}

const adminApp = createApp();
adminApp.use("/admin/*", requireActor("users.manage"));

/** Administration of staff accounts, unit ties and the TOTP policy. */
export const usersApp = adminApp
  .openapi(listUsersRoute, async (c) => c.json({ items: await listUsers(createDb(c.env.DB)) }, 200))
  .openapi(createUserRoute, async (c) => {
    const db = createDb(c.env.DB);
    const input = c.req.valid("json");
    if (await findUserByEmail(db, input.email)) throw new ApiError("conflict");
    const ties = [...new Set(input.unitTies)];
    await checkUnits(db, ties, c.get("lang"));
    const id = crypto.randomUUID();
    const password = temporaryPassword();
    const at = new Date().toISOString();
    await db.batch([
      db.insert(users).values({
        id,
        email: input.email,
        displayName: input.displayName,
        role: input.role,
        passwordHash: await hashPassword(password),
        mustChangePassword: true,
        createdAt: at,
        updatedAt: at,
      }),
      ...tieRows(db, id, ties, at),
      auditInsert(db, {
        actorId: c.get("actor").id,
        actorKind: "user",
        action: "user.created",
        targetType: "user",
        targetId: id,
        summary: { after: { email: input.email, role: input.role, unitTies: ties } },
        at,
      }),
    ]);
    const user = await getUser(db, id);
    return c.json(UserWithPasswordSchema.parse({ user, temporaryPassword: password }), 201);
  })
  .openapi(updateUserRoute, async (c) => {
    const db = createDb(c.env.DB);
    const { id } = c.req.valid("param");
    const input = c.req.valid("json");
    const actor = c.get("actor");
    const before = await getUser(db, id);
    if (!before) throw new ApiError("not_found");
    if (id === actor.id && (input.disabled === true || (input.role && input.role !== "admin"))) {
      throw new ApiError("conflict");
    }
    const ties = input.unitTies ? [...new Set(input.unitTies)] : undefined;
    if (ties) await checkUnits(db, ties, c.get("lang"));
    const at = new Date().toISOString();
    const disabledAt = input.disabled === undefined ? undefined : input.disabled ? at : null;
    const statements: BatchItem<"sqlite">[] = [
      db
        .update(users)
        .set({
          ...(input.displayName ? { displayName: input.displayName } : {}),
          ...(input.role ? { role: input.role } : {}),
          ...(disabledAt !== undefined ? { disabledAt } : {}),
          updatedAt: at,
        })
        .where(eq(users.id, id)),
    ];
    if (ties) statements.push(db.delete(userUnitTies).where(eq(userUnitTies.userId, id)), ...tieRows(db, id, ties, at));
    if (input.disabled) statements.push(db.update(sessions).set({ revokedAt: at }).where(eq(sessions.userId, id)));
    statements.push(
      auditInsert(db, {
        actorId: actor.id,
        actorKind: "user",
        action: "user.updated",
        targetType: "user",
        targetId: id,
        summary: {
          before: { role: before.role, disabled: before.disabled, unitTies: before.unitTies },
          after: input,
        },
        at,
      }),
    );
    await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
    return c.json(UserSchema.parse(await getUser(db, id)), 200);
  })
  .openapi(resetUserRoute, async (c) => {
    const db = createDb(c.env.DB);
    const { id } = c.req.valid("param");
    if (!(await getUser(db, id))) throw new ApiError("not_found");
    const password = temporaryPassword();
    const at = new Date().toISOString();
    await db.batch([
      db
        .update(users)
        .set({
          passwordHash: await hashPassword(password),
          mustChangePassword: true,
          totpEnabledAt: null,
          totpIv: null,
          totpCiphertext: null,
          totpLastStep: null,
          updatedAt: at,
        })
        .where(eq(users.id, id)),
      db.update(sessions).set({ revokedAt: at }).where(eq(sessions.userId, id)),
      auditInsert(db, {
        actorId: c.get("actor").id,
        actorKind: "user",
        action: "user.reset",
        targetType: "user",
        targetId: id,
        summary: {},
        at,
      }),
    ]);
    return c.json(UserWithPasswordSchema.parse({ user: await getUser(db, id), temporaryPassword: password }), 200);
  })
  .openapi(getSecurityRoute, async (c) =>
    c.json({ totpRequiredRoles: await totpRequiredRoles(createDb(c.env.DB)) }, 200),
  )
  .openapi(putSecurityRoute, async (c) => {
    const db = createDb(c.env.DB);
    const roles = [...new Set(c.req.valid("json").totpRequiredRoles)];
    const at = new Date().toISOString();
    await db.batch([
      db
        .insert(settings)
        .values({ key: "totp_required_roles", value: roles.join(","), updatedAt: at })
        .onConflictDoUpdate({ target: settings.key, set: { value: roles.join(","), updatedAt: at } }),
      auditInsert(db, {
        actorId: c.get("actor").id,
        actorKind: "user",
        action: "settings.totp_policy",
        targetType: "settings",
        targetId: "totp_required_roles",
        summary: { after: roles },
        at,
      }),
    ]);
    return c.json({ totpRequiredRoles: roles }, 200);
  });
