import { createRoute } from "@hono/zod-openapi";
import {
  ApiClientCreateSchema,
  ApiClientIssuedSchema,
  ApiClientListSchema,
  ApiClientSchema,
  ApiClientUpdateSchema,
} from "../contracts/api-clients";
import { IdParams, json, problem, staffSession } from "../http/openapi";

const guarded = {
  401: problem("No session"),
  403: problem("Not an administrator, or no same-origin Origin on a write"),
};

export const listApiClientsRoute = createRoute({
  method: "get",
  path: "/admin/api-clients",
  tags: ["admin"],
  security: staffSession,
  summary: "The Open311 client applications: working ones first, then revoked; never their keys",
  responses: { 200: { description: "The clients", content: json(ApiClientListSchema) }, ...guarded },
});

export const createApiClientRoute = createRoute({
  method: "post",
  path: "/admin/api-clients",
  tags: ["admin"],
  security: staffSession,
  summary: "Register a client application and issue its key, shown this once",
  description:
    "The key is `pacv_` followed by 32 random bytes in base64url. Only its SHA-256 and its first 8 characters " +
    "(`keyPrefix`) are stored; the answer is `Cache-Control: no-store` and the audit row " +
    "(`api_client.created`) holds the prefix, never the key. `requestsPerHour` bounds the service requests the " +
    "client files through `POST /open311/v2/requests.json`; `publicApp` marks a key shipped inside a public app, " +
    "whose POSTs also need a solved ALTCHA.",
  request: { body: { content: json(ApiClientCreateSchema), required: true } },
  responses: {
    201: { description: "The client and its key", content: json(ApiClientIssuedSchema) },
    422: problem("Invalid fields"),
    ...guarded,
  },
});

export const updateApiClientRoute = createRoute({
  method: "patch",
  path: "/admin/api-clients/{id}",
  tags: ["admin"],
  security: staffSession,
  summary: "Rename a client, change its hourly limit or its public-app flag (audited with before and after)",
  request: { params: IdParams, body: { content: json(ApiClientUpdateSchema), required: true } },
  responses: {
    200: { description: "The client after the change", content: json(ApiClientSchema) },
    404: problem("No such client"),
    409: problem("The client's key was revoked, or the client changed meanwhile"),
    422: problem("Invalid fields"),
    ...guarded,
  },
});

export const revokeApiClientRoute = createRoute({
  method: "post",
  path: "/admin/api-clients/{id}/revoke",
  tags: ["admin"],
  security: staffSession,
  summary: "Revoke a client's key: from now on its calls are refused (403) and nothing it sends is filed",
  request: { params: IdParams },
  responses: {
    200: { description: "The revoked client", content: json(ApiClientSchema) },
    404: problem("No such client"),
    409: problem("Already revoked (nothing changes), or the client changed meanwhile"),
    ...guarded,
  },
});
