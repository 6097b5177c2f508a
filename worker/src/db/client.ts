import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/**
 * A Drizzle client for one request. There is no module-level database: each
 * handler builds its own from `c.env.DB`.
 *
 * @example
 * const db = createDb(c.env.DB);
 */
export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}

/** The Drizzle client type. */
export type Db = ReturnType<typeof createDb>;
