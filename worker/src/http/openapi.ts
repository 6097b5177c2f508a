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
