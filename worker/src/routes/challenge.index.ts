import { createApp } from "../http/create-app";
import { createAltchaChallenge } from "../lib/altcha";
import { ChallengeSchema, getChallengeRoute } from "./challenge.routes";

/** `GET /api/challenge`: never cached, since each challenge may be spent once. */
export const challengeApp = createApp().openapi(getChallengeRoute, async (c) => {
  const challenge = ChallengeSchema.parse(await createAltchaChallenge(c.env));
  c.header("Cache-Control", "no-store");
  return c.json(challenge, 200);
});
