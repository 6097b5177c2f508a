import { createAltchaChallenge } from "../lib/altcha";
import type { ServiceContext } from "./context";
import { settingValues } from "./settings";

/**
 * `GET /api/challenge`: a fresh ALTCHA proof-of-work challenge, valid for ten
 * minutes from `ctx.now`, at the cost of the `altcha.cost` setting.
 */
export async function newChallenge(ctx: ServiceContext) {
  const { "altcha.cost": cost } = await settingValues(ctx, ["altcha.cost"]);
  return createAltchaChallenge(ctx.env, ctx.now, cost);
}
