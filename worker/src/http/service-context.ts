import type { Context } from "hono";
import { createDb } from "../db/client";
import type { AppEnv } from "../env";
import type { ActorContext, ServiceContext } from "../services/context";

/**
 * The service context of a request: its database, bindings, language and the
 * instant the request started (set once by `requestContext`).
 *
 * @example
 * return c.json(await listMeasures(serviceContext(c), c.req.valid("query")), 200);
 */
export function serviceContext(c: Context<AppEnv>): ServiceContext {
  return { db: createDb(c.env.DB), env: c.env, lang: c.get("lang"), now: c.get("now") };
}

/** The service context of a request behind `requireActor`, with the signed-in staff member. */
export function actorContext(c: Context<AppEnv>): ActorContext {
  return { ...serviceContext(c), actor: c.get("actor") };
}
