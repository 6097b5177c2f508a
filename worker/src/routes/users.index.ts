import { createApp } from "../http/create-app";
import { actorContext } from "../http/service-context";
import { jsonBodyLimit } from "../middleware/json-body";
import { requireActor } from "../middleware/session";
import {
  createAccount,
  listAccounts,
  resetAccount,
  securityPolicy,
  setSecurityPolicy,
  updateAccount,
} from "../services/users";
import {
  createUserRoute,
  getSecurityRoute,
  listUsersRoute,
  putSecurityRoute,
  resetUserRoute,
  updateUserRoute,
} from "./users.routes";

const adminApp = createApp();
adminApp.use("/admin/*", requireActor("users.manage"), jsonBodyLimit);

/** Administration of staff accounts, unit ties and the TOTP policy. */
export const usersApp = adminApp
  .openapi(listUsersRoute, async (c) => c.json(await listAccounts(actorContext(c)), 200))
  .openapi(createUserRoute, async (c) => c.json(await createAccount(actorContext(c), c.req.valid("json")), 201))
  .openapi(updateUserRoute, async (c) =>
    c.json(await updateAccount(actorContext(c), c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(resetUserRoute, async (c) => c.json(await resetAccount(actorContext(c), c.req.valid("param").id), 200))
  .openapi(getSecurityRoute, async (c) => c.json(await securityPolicy(actorContext(c)), 200))
  .openapi(putSecurityRoute, async (c) => c.json(await setSecurityPolicy(actorContext(c), c.req.valid("json")), 200));
