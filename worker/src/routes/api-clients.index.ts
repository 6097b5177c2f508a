import { createApp } from "../http/create-app";
import { actorContext } from "../http/service-context";
import { jsonBodyLimit } from "../middleware/json-body";
import { requireActor } from "../middleware/session";
import {
  createApiClient,
  listApiClients,
  revokeApiClient,
  updateApiClientSettings,
} from "../services/api-client-admin";
import {
  createApiClientRoute,
  listApiClientsRoute,
  revokeApiClientRoute,
  updateApiClientRoute,
} from "./api-clients.routes";

const app = createApp();
app.use("/admin/api-clients", requireActor("api_clients.manage"), jsonBodyLimit);
app.use("/admin/api-clients/*", requireActor("api_clients.manage"), jsonBodyLimit);

/** The Open311 client applications' keys: issue (shown once), list, edit, revoke. */
export const apiClientsApp = app
  .openapi(listApiClientsRoute, async (c) => c.json(await listApiClients(actorContext(c)), 200))
  .openapi(createApiClientRoute, async (c) => {
    const issued = await createApiClient(actorContext(c), c.req.valid("json"));
    c.header("Cache-Control", "no-store");
    return c.json(issued, 201);
  })
  .openapi(updateApiClientRoute, async (c) =>
    c.json(await updateApiClientSettings(actorContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(revokeApiClientRoute, async (c) =>
    c.json(await revokeApiClient(actorContext(c), c.req.valid("param").id), 200),
  );
