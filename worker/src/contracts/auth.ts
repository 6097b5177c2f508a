import { z } from "zod";

export const RoleSchema = z.enum(["inspector", "supervisor", "admin", "unit_liaison"]);
export type RoleName = z.infer<typeof RoleSchema>;

/** `POST /api/auth/login` */
export const LoginSchema = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
    password: z.string().min(1).max(256),
    totp: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  })
  .strict();
export type Login = z.infer<typeof LoginSchema>;

export const SessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: RoleSchema,
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const LoginResultSchema = z.object({ user: SessionUserSchema });
export type LoginResult = z.infer<typeof LoginResultSchema>;

/** `GET /api/auth/me` */
export const MeSchema = z.object({
  user: SessionUserSchema.extend({
    displayName: z.string(),
    totpEnabled: z.boolean(),
    totpRequired: z.boolean(),
    mustChangePassword: z.boolean(),
    unitTies: z.array(z.string()),
    /** The unit a liaison answers for; null for every other role. */
    unitId: z.string().nullable(),
  }),
});
export type Me = z.infer<typeof MeSchema>;

export const PASSWORD_MIN = 12;

/** `POST /api/auth/password` */
export const PasswordChangeSchema = z
  .object({
    currentPassword: z.string().min(1).max(256),
    newPassword: z.string().min(PASSWORD_MIN).max(256),
  })
  .strict();
export type PasswordChange = z.infer<typeof PasswordChangeSchema>;

/** `POST /api/auth/totp/setup` → a new key to confirm. */
export const TotpSetupSchema = z.object({ secret: z.string(), uri: z.string() });
export type TotpSetup = z.infer<typeof TotpSetupSchema>;

/** `POST /api/auth/totp/confirm` and `/disable` */
export const TotpCodeSchema = z.object({ code: z.string().regex(/^\d{6}$/) }).strict();
export type TotpCode = z.infer<typeof TotpCodeSchema>;
