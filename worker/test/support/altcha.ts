import { SELF } from "cloudflare:test";
import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";

/** Fetches a challenge from the API, as the `<altcha-widget>` does. */
export async function fetchChallenge(): Promise<Challenge> {
  const res = await SELF.fetch("https://portal.test/api/challenge");
  if (res.status !== 200) throw new Error(`GET /api/challenge answered ${res.status}`);
  return (await res.json()) as Challenge;
}

/**
 * Encodes a solved challenge exactly like the widget (altcha v3) does for a
 * v2 challenge: base64 of `{challenge:{parameters,signature},solution}`.
 */
export function encodePayload(challenge: Challenge, solution: { counter: number; derivedKey: string }): string {
  return btoa(
    JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }),
  );
}

/** A fresh challenge from the API, solved (the tests run with ALTCHA_COST=20, so it is quick). */
export async function solvedAltcha(): Promise<string> {
  const challenge = await fetchChallenge();
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("could not solve the ALTCHA challenge");
  return encodePayload(challenge, solution);
}
