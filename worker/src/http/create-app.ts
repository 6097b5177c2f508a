import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { validationHook } from "./validation";

/**
 * A sub-app whose request validation answers with 422 problems. Every
 * resource builds its routes on one of these and is mounted with `app.route()`.
 */
export function createApp() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
