import { z } from "zod";
import { PASSWORD_MIN, RoleSchema } from "./auth";

export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  totpEnabled: z.boolean(),
  disabled: z.boolean(),
  unitTies: z.array(z.string()),
  /** The unit a `unit_liaison` answers for (with its sub-units); null for every other role. */
  unitId: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

/** `GET /api/admin/users` */
export const UserListSchema = z.object({ items: z.array(UserSchema) });
export type UserList = z.infer<typeof UserListSchema>;

/** `POST /api/admin/users` */
export const UserCreateSchema = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
    displayName: z.string().trim().min(1).max(200),
    role: RoleSchema,
    unitTies: z.array(z.string().min(1).max(64)).max(50).default([]),
    /** Required for `unit_liaison` (an active unit of the directory), refused for any other role. */
    unitId: z.string().min(1).max(64).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.role === "unit_liaison" && v.unitId === undefined) {
      ctx.addIssue({ code: "custom", path: ["unitId"], params: { key: "unit_required" }, message: "unit_required" });
    }
    if (v.role !== "unit_liaison" && v.unitId !== undefined) {
      ctx.addIssue({ code: "custom", path: ["unitId"], params: { key: "unit_forbidden" }, message: "unit_forbidden" });
    }
  });
export type UserCreate = z.infer<typeof UserCreateSchema>;

/** `PATCH /api/admin/users/{id}` */
export const UserUpdateSchema = z
  .object({
    displayName: z.string().trim().min(1).max(200).optional(),
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
    unitTies: z.array(z.string().min(1).max(64)).max(50).optional(),
  })
  .strict();
export type UserUpdate = z.infer<typeof UserUpdateSchema>;

/** A new account or a reset: the one-time password is shown once to the admin. */
export const UserWithPasswordSchema = z.object({ user: UserSchema, temporaryPassword: z.string().min(PASSWORD_MIN) });
export type UserWithPassword = z.infer<typeof UserWithPasswordSchema>;

/** `GET/PUT /api/admin/security` */
export const SecurityPolicySchema = z.object({ totpRequiredRoles: z.array(RoleSchema) }).strict();
export type SecurityPolicy = z.infer<typeof SecurityPolicySchema>;
