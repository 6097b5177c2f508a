import { z } from "@hono/zod-openapi";
import { ProblemSchema } from "../contracts/common";

/**
 * Building blocks shared by every `x.routes.ts`, so each route lists only
 * what is particular to it.
 */

/**
 * A problem response in the OpenAPI document.
 *
 * @example
 * responses: { 404: problem("No such lead") }
 */
export function problem(description: string) {
  return { description, content: { "application/problem+json": { schema: ProblemSchema } } };
}

/** A JSON body or response content for a schema. */
export function json<T>(schema: T) {
  return { "application/json": { schema } };
}

/** The two answers of every route behind a session and a permission. */
export const sessionGuarded = { 401: problem("No session"), 403: problem("Role not allowed") };

/** `{id}` path parameter of a resource. */
export const IdParams = z.object({ id: z.string().min(1).max(64) });

/** Name of the staff session cookie in the OpenAPI document (see `SESSION_COOKIE`). */
export const STAFF_SESSION_SCHEME = "staffSession";
/** Name of the reporter's receipt secret scheme in the OpenAPI document. */
export const RECEIPT_SECRET_SCHEME = "receiptSecret";

/** `security` of a route behind a staff session (cookie set by `POST /auth/login`). */
export const staffSession = [{ [STAFF_SESSION_SCHEME]: [] }];

/** `security` of a reporter's route: the receipt's secret as `Authorization: Bearer`. */
export const receiptSecret = [{ [RECEIPT_SECRET_SCHEME]: [] }];
