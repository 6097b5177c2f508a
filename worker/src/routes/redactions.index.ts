import { createApp } from "../http/create-app";
import { jsonBodyLimit } from "../middleware/json-body";
import { requireActor } from "../middleware/session";
import { previewRedactions } from "../services/redaction";
import { previewRedactionsRoute } from "./redactions.routes";

const app = createApp();
app.use("/redactions/preview", requireActor("redactions.preview"), jsonBodyLimit);

/** Redaction of free text before it leaves the inspection team (issue 13). */
export const redactionsApp = app.openapi(previewRedactionsRoute, (c) =>
  c.json(previewRedactions(c.req.valid("json")), 200),
);
