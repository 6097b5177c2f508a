import { createRoute, z } from "@hono/zod-openapi";

/** An altcha-lib v2 challenge, as the `<altcha-widget>` fetches it. */
export const ChallengeSchema = z.object({
  parameters: z.looseObject({
    algorithm: z.string(),
    nonce: z.string(),
    salt: z.string(),
    cost: z.number().int().positive(),
    keyLength: z.number().int().positive(),
    keyPrefix: z.string(),
    keySignature: z.string().optional(),
    expiresAt: z.number().int().positive(),
  }),
  signature: z.string(),
});

export const getChallengeRoute = createRoute({
  method: "get",
  path: "/challenge",
  tags: ["reporting"],
  summary: "A fresh ALTCHA proof-of-work challenge (self-hosted, valid for ten minutes)",
  responses: {
    200: { description: "A signed challenge", content: { "application/json": { schema: ChallengeSchema } } },
  },
});
