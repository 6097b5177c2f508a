import { createRoute } from "@hono/zod-openapi";
import {
  LoginResultSchema,
  LoginSchema,
  MeSchema,
  PasswordChangeSchema,
  TotpCodeSchema,
  TotpSetupSchema,
} from "../contracts/auth";
import { json, problem, staffSession } from "../http/openapi";

export const loginRoute = createRoute({
  method: "post",
  path: "/auth/login",
  tags: ["accounts"],
  summary: "Sign in; sets the HttpOnly session cookie",
  request: { body: { content: json(LoginSchema), required: true } },
  responses: {
    200: { description: "Signed in", content: json(LoginResultSchema) },
    401: problem("Wrong credentials, disabled account, or TOTP code needed"),
    422: problem("Malformed fields"),
    429: problem("Too many failures; wait Retry-After seconds"),
  },
});

export const logoutRoute = createRoute({
  method: "post",
  path: "/auth/logout",
  tags: ["accounts"],
  summary: "Revoke the current session, if any (always 204)",
  responses: { 204: { description: "Signed out" } },
});

export const meRoute = createRoute({
  method: "get",
  path: "/auth/me",
  tags: ["accounts"],
  security: staffSession,
  summary: "The signed-in account",
  responses: { 200: { description: "Account", content: json(MeSchema) }, 401: problem("No session") },
});

export const passwordRoute = createRoute({
  method: "post",
  path: "/auth/password",
  tags: ["accounts"],
  security: staffSession,
  summary: "Change one's password (other sessions are revoked)",
  request: { body: { content: json(PasswordChangeSchema), required: true } },
  responses: {
    204: { description: "Changed" },
    401: problem("No session, or wrong current password"),
    422: problem("Too short"),
  },
});

export const totpSetupRoute = createRoute({
  method: "post",
  path: "/auth/totp/setup",
  tags: ["accounts"],
  security: staffSession,
  summary: "Start TOTP enrolment: a new key, active once confirmed",
  responses: {
    200: { description: "Key to add to an authenticator app", content: json(TotpSetupSchema) },
    401: problem("No session"),
  },
});

export const totpConfirmRoute = createRoute({
  method: "post",
  path: "/auth/totp/confirm",
  tags: ["accounts"],
  security: staffSession,
  summary: "Confirm enrolment with a first code",
  request: { body: { content: json(TotpCodeSchema), required: true } },
  responses: { 204: { description: "TOTP enabled" }, 401: problem("No session"), 422: problem("Wrong code") },
});

export const totpDisableRoute = createRoute({
  method: "post",
  path: "/auth/totp/disable",
  tags: ["accounts"],
  security: staffSession,
  summary: "Turn TOTP off (refused where the role requires it)",
  request: { body: { content: json(TotpCodeSchema), required: true } },
  responses: {
    204: { description: "TOTP disabled" },
    401: problem("No session"),
    403: problem("Required for this role"),
    422: problem("Wrong code"),
  },
});
