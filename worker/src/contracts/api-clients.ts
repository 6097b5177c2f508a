import { z } from "zod";
import { TextSchema } from "./common";

/**
 * Client applications of the Open311 interface (`/open311/v2`) as
 * administrators manage them (`/api/admin/api-clients`): a city app, the
 * 1022 hotline's system, a journalist's tool. The key is shown once, when it
 * is issued; the API stores and shows only its hash's owner and first
 * characters (`keyPrefix`).
 */

/** Bounds of a client's hourly limit of service requests filed. */
export const REQUESTS_PER_HOUR = { min: 1, max: 10_000 } as const;

/** A client's name: who it is, as the admin will recognise it in the list and the audit log. */
const ClientNameSchema = TextSchema.pipe(z.string().min(2).max(120));
const RequestsPerHourSchema = z.number().int().min(REQUESTS_PER_HOUR.min).max(REQUESTS_PER_HOUR.max);

/** One client application as the admin list shows it; never its key or the key's hash. */
export const ApiClientSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The key's first characters (`pacv_…`), to tell keys apart. */
  keyPrefix: z.string(),
  requestsPerHour: z.number().int(),
  /** The key ships inside a public app: its POSTs also need a solved ALTCHA. */
  publicApp: z.boolean(),
  /** Authenticated uses so far (reads and writes). */
  useCount: z.number().int(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
  /** When the key was revoked; null while it works. */
  revokedAt: z.string().nullable(),
});
export type ApiClient = z.infer<typeof ApiClientSchema>;

/** `GET /api/admin/api-clients`: working clients first, then revoked ones; newest first within each. */
export const ApiClientListSchema = z.object({ items: z.array(ApiClientSchema) });
export type ApiClientList = z.infer<typeof ApiClientListSchema>;

/** `POST /api/admin/api-clients` */
export const ApiClientCreateSchema = z
  .object({
    name: ClientNameSchema,
    requestsPerHour: RequestsPerHourSchema,
    publicApp: z.boolean().default(false),
  })
  .strict();
export type ApiClientCreate = z.infer<typeof ApiClientCreateSchema>;

/** `PATCH /api/admin/api-clients/{id}`: at least one field. */
export const ApiClientUpdateSchema = z
  .object({
    name: ClientNameSchema.optional(),
    requestsPerHour: RequestsPerHourSchema.optional(),
    publicApp: z.boolean().optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { params: { key: "empty_patch" } });
export type ApiClientUpdate = z.infer<typeof ApiClientUpdateSchema>;

/** A new client with its key: the only answer that ever carries the key (`Cache-Control: no-store`). */
export const ApiClientIssuedSchema = z.object({ client: ApiClientSchema, key: z.string() });
export type ApiClientIssued = z.infer<typeof ApiClientIssuedSchema>;
