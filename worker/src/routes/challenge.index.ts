import { createApp } from "../http/create-app";
import { serviceContext } from "../http/service-context";
import { newChallenge } from "../services/challenge";
import { ChallengeSchema, getChallengeRoute } from "./challenge.routes";

/** `GET /api/challenge`: never cached, since each challenge may be spent once. */
export const challengeApp = createApp().openapi(getChallengeRoute, async (c) => {
  const challenge = ChallengeSchema.parse(await newChallenge(serviceContext(c)));
  c.header("Cache-Control", "no-store");
  return c.json(challenge, 200);
});
