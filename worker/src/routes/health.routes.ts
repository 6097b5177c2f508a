import { createRoute } from "@hono/zod-openapi";
import { HealthSchema } from "../contracts/common";

export const healthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: ["system"],
  summary: "Liveness check",
  responses: {
    200: { description: "The service is up", content: { "application/json": { schema: HealthSchema } } },
  },
});
