import { createRoute } from "@hono/zod-openapi";
import {
  SecurityPolicySchema,
  UserCreateSchema,
  UserListSchema,
  UserSchema,
  UserUpdateSchema,
  UserWithPasswordSchema,
} from "../contracts/users";
import { IdParams, json, problem, staffSession } from "../http/openapi";

const guarded = { 401: problem("No session"), 403: problem("Not an administrator") };

export const listUsersRoute = createRoute({
  method: "get",
  path: "/admin/users",
  tags: ["admin"],
  security: staffSession,
  summary: "All staff accounts with their unit ties",
  responses: { 200: { description: "Accounts", content: json(UserListSchema) }, ...guarded },
});

export const createUserRoute = createRoute({
  method: "post",
  path: "/admin/users",
  tags: ["admin"],
  security: staffSession,
  summary: "Create an account; its one-time password is returned once",
  request: { body: { content: json(UserCreateSchema), required: true } },
  responses: {
    201: { description: "Created", content: json(UserWithPasswordSchema) },
    409: problem("Email already used"),
    422: problem("Invalid fields or unknown unit"),
    ...guarded,
  },
});

export const updateUserRoute = createRoute({
  method: "patch",
  path: "/admin/users/{id}",
  tags: ["admin"],
  security: staffSession,
  summary: "Change role, name, unit ties, or disable/enable an account",
  request: { params: IdParams, body: { content: json(UserUpdateSchema), required: true } },
  responses: {
    200: { description: "Updated", content: json(UserSchema) },
    404: problem("No such account"),
    409: problem("An administrator cannot disable or demote themselves"),
    422: problem("Invalid fields"),
    ...guarded,
  },
});

export const resetUserRoute = createRoute({
  method: "post",
  path: "/admin/users/{id}/reset",
  tags: ["admin"],
  security: staffSession,
  summary: "Reset password and TOTP; sessions revoked; one-time password returned once",
  request: { params: IdParams },
  responses: {
    200: { description: "Reset", content: json(UserWithPasswordSchema) },
    404: problem("No such account"),
    ...guarded,
  },
});

export const getSecurityRoute = createRoute({
  method: "get",
  path: "/admin/security",
  tags: ["admin"],
  security: staffSession,
  summary: "Which roles must use TOTP",
  responses: { 200: { description: "Policy", content: json(SecurityPolicySchema) }, ...guarded },
});

export const putSecurityRoute = createRoute({
  method: "put",
  path: "/admin/security",
  tags: ["admin"],
  security: staffSession,
  summary: "Require TOTP per role",
  request: { body: { content: json(SecurityPolicySchema), required: true } },
  responses: { 200: { description: "Policy", content: json(SecurityPolicySchema) }, ...guarded },
});
