import { env, SELF } from "cloudflare:test";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { ALTCHA_ALGORITHM, CHALLENGE_TTL_SECONDS, spendChallenge, verifyAltcha } from "../../src/lib/altcha";
import { ChallengeSchema } from "../../src/routes/challenge.routes";
import { encodePayload, fetchChallenge } from "../support/altcha";

async function solved() {
  const challenge = await fetchChallenge();
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("unsolved");
  return { challenge, solution };
}

describe("GET /api/challenge", () => {
  it("hands out a signed PBKDF2 challenge that expires in ten minutes and is never cached", async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await SELF.fetch("https://portal.test/api/challenge");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const challenge = ChallengeSchema.parse(await res.json());
    expect(challenge.parameters.algorithm).toBe(ALTCHA_ALGORITHM);
    expect(challenge.parameters.cost).toBe(Number(env.ALTCHA_COST));
    expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(challenge.parameters.expiresAt - before).toBeGreaterThanOrEqual(CHALLENGE_TTL_SECONDS - 1);
    expect(challenge.parameters.expiresAt - before).toBeLessThanOrEqual(CHALLENGE_TTL_SECONDS + 1);
  });

  it("gives a different challenge each time", async () => {
    const [a, b] = await Promise.all([fetchChallenge(), fetchChallenge()]);
    expect(a.parameters.nonce).not.toBe(b.parameters.nonce);
    expect(a.signature).not.toBe(b.signature);
  });
});

describe("ALTCHA verification", () => {
  const db = () => createDb(env.DB);

  it("accepts the widget's payload for a solved challenge, once", async () => {
    const { challenge, solution } = await solved();
    const payload = encodePayload(challenge, solution);
    const spent = await verifyAltcha(db(), env, payload, new Date());
    expect(spent?.signature).toBe(challenge.signature);
    if (!spent) return;
    await spendChallenge(db(), spent);
    expect(await verifyAltcha(db(), env, payload, new Date())).toBeUndefined();
  });

  it("refuses a guessed key", async () => {
    const { challenge, solution } = await solved();
    const guessed = solution.derivedKey.startsWith("00")
      ? `11${solution.derivedKey.slice(2)}`
      : `00${solution.derivedKey.slice(2)}`;
    const wrong = encodePayload(challenge, { ...solution, derivedKey: guessed });
    expect(await verifyAltcha(db(), env, wrong, new Date())).toBeUndefined();
  });

  it("refuses a challenge whose parameters were made easier", async () => {
    const { challenge, solution } = await solved();
    const tampered = { ...challenge, parameters: { ...challenge.parameters, cost: 1 } };
    expect(await verifyAltcha(db(), env, encodePayload(tampered, solution), new Date())).toBeUndefined();
  });

  it("refuses an expired challenge", async () => {
    const { challenge, solution } = await solved();
    const later = new Date(Date.now() + (CHALLENGE_TTL_SECONDS + 5) * 1000);
    expect(await verifyAltcha(db(), env, encodePayload(challenge, solution), later)).toBeUndefined();
  });

  it.each([
    ["the widget's test mode", btoa(JSON.stringify({ challenge: null, solution: null, test: true }))],
    ["not base64", "%%%"],
    ["base64 of something else", btoa("hello")],
  ])("refuses %s", async (_name, payload) => {
    expect(await verifyAltcha(db(), env, payload, new Date())).toBeUndefined();
  });
});
