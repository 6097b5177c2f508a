import { createApp } from "../http/create-app";
import { healthRoute } from "./health.routes";

/** `GET /api/health` */
export const healthApp = createApp().openapi(healthRoute, (c) => c.json({ status: "ok" as const }, 200));
