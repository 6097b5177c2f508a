import type { Db } from "../db/client";
import type { Actor } from "../db/queries/accounts";
import type { Bindings, Lang } from "../env";

/**
 * What every use case receives from its caller (a handler, the cron job, a
 * seed): the database of this request, the bindings, the language problems
 * are written in, and the one instant the use case treats as "now", so no
 * service reads the wall clock itself.
 */
export interface ServiceContext {
  db: Db;
  env: Bindings;
  lang: Lang;
  now: Date;
}

/** A use case performed by a signed-in staff member. */
export interface ActorContext extends ServiceContext {
  actor: Actor;
}
