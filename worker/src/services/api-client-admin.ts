import {
  type ApiClient,
  type ApiClientCreate,
  type ApiClientIssued,
  ApiClientIssuedSchema,
  type ApiClientList,
  ApiClientListSchema,
  ApiClientSchema,
  type ApiClientUpdate,
} from "../contracts/api-clients";
import {
  type ApiClientRow,
  apiClientUnchanged,
  getApiClientRow,
  insertApiClient,
  listApiClientRows,
  updateApiClient,
} from "../db/queries/api-clients";
import { auditInsert } from "../db/queries/audit";
import { apiClientCreatedEvent, apiClientRecord, type IssuedClient, userEvent } from "../db/rows";
import { API_KEY_BYTES, apiKeyOf, checkRevoke, keyPrefixOf, planClientUpdate } from "../domain/api-clients";
import { ApiError } from "../http/errors";
import { apiClientFailureError } from "../http/failures";
import { API_CLIENT_MESSAGES } from "../i18n/api-clients";
import { randomBytes, sha256Hex } from "../lib/crypto";
import { commitWrite } from "./batch";
import type { ActorContext } from "./context";

/**
 * The administration of Open311 client applications (`/api/admin/api-clients`,
 * permission `api_clients.manage`): issue a key, list, edit, revoke. Each
 * change is one D1 batch with its audit row (`api_client.*`, before and
 * after). The key leaves the Worker once, in the answer that issues it; the
 * database, the audit log and every later answer hold only its prefix.
 */

function view(row: ApiClientRow): ApiClient {
  return ApiClientSchema.parse(row);
}

async function requireClient(ctx: ActorContext, id: string): Promise<ApiClientRow> {
  const row = await getApiClientRow(ctx.db, id);
  if (!row) throw new ApiError("not_found", { detail: API_CLIENT_MESSAGES.unknown_client[ctx.lang] });
  return row;
}

/** `GET /api/admin/api-clients` */
export async function listApiClients(ctx: ActorContext): Promise<ApiClientList> {
  return ApiClientListSchema.parse({ items: (await listApiClientRows(ctx.db)).map(view) });
}

/**
 * `POST /api/admin/api-clients`: registers a client and issues its key,
 * returned this once. Stored: the key's hex SHA-256 and its first characters.
 */
export async function createApiClient(ctx: ActorContext, input: ApiClientCreate): Promise<ApiClientIssued> {
  const key = apiKeyOf(randomBytes(API_KEY_BYTES));
  const client: IssuedClient = {
    id: crypto.randomUUID(),
    name: input.name,
    keyHash: await sha256Hex(key),
    keyPrefix: keyPrefixOf(key),
    requestsPerHour: input.requestsPerHour,
    publicApp: input.publicApp,
    createdBy: ctx.actor.id,
    createdAt: ctx.now.toISOString(),
  };
  await commitWrite(ctx.db, [
    insertApiClient(ctx.db, apiClientRecord(client)),
    auditInsert(ctx.db, apiClientCreatedEvent(ctx.actor.id, client)),
  ]);
  return ApiClientIssuedSchema.parse({ client: view(await requireClient(ctx, client.id)), key });
}

/**
 * `PATCH /api/admin/api-clients/{id}`: renames the client, changes its hourly
 * limit or its public-app flag. A change that alters nothing writes nothing;
 * a revoked client is refused (409).
 */
export async function updateApiClientSettings(
  ctx: ActorContext,
  id: string,
  patch: ApiClientUpdate,
): Promise<ApiClient> {
  const row = await requireClient(ctx, id);
  const plan = planClientUpdate(row, patch);
  if (!plan.ok) throw apiClientFailureError(plan, ctx.lang);
  const { before, after } = plan.change;
  if (Object.keys(after).length === 0) return view(row);
  await commitWrite(
    ctx.db,
    [
      updateApiClient(ctx.db, id, after),
      auditInsert(
        ctx.db,
        userEvent(
          ctx.actor.id,
          "api_client.updated",
          { type: "api_client", id },
          { before, after },
          ctx.now.toISOString(),
        ),
      ),
    ],
    apiClientUnchanged(row),
  );
  return view(await requireClient(ctx, id));
}

/**
 * `POST /api/admin/api-clients/{id}/revoke`: from now on the key is refused
 * (403) and nothing it sends is filed. Revoking twice is a 409 that changes
 * nothing: the first revocation's time and author stay.
 */
export async function revokeApiClient(ctx: ActorContext, id: string): Promise<ApiClient> {
  const row = await requireClient(ctx, id);
  const check = checkRevoke(row);
  if (!check.ok) throw apiClientFailureError(check, ctx.lang);
  const at = ctx.now.toISOString();
  await commitWrite(
    ctx.db,
    [
      updateApiClient(ctx.db, id, { revokedAt: at, revokedBy: ctx.actor.id }),
      auditInsert(
        ctx.db,
        userEvent(
          ctx.actor.id,
          "api_client.revoked",
          { type: "api_client", id },
          { before: { revokedAt: null }, after: { revokedAt: at }, name: row.name, keyPrefix: row.keyPrefix },
          at,
        ),
      ),
    ],
    apiClientUnchanged(row),
  );
  return view(await requireClient(ctx, id));
}
