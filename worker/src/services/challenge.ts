import { createAltchaChallenge } from "../lib/altcha";
import type { ServiceContext } from "./context";

/** `GET /api/challenge`: a fresh ALTCHA proof-of-work challenge, valid for ten minutes from `ctx.now`. */
export function newChallenge(ctx: ServiceContext) {
  return createAltchaChallenge(ctx.env, ctx.now);
}
