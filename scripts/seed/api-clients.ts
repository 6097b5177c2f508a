// SAMPLE DATA, local only: the demo Open311 client application "Ứng dụng thử
// nghiệm", so that `npm start` can print a key to try /open311/v2 with. Its key
// is derived from this machine's CONTACT_KEY (.dev.vars, gitignored), so it is
// the same on every start of one local database, differs from machine to
// machine, and exists nowhere else: the seed refuses --remote and
// `npm start -- --empty` never writes it.
import { createHash, createHmac } from "node:crypto";
import type { Domain } from "../lib/domain.ts";
import { insertOrIgnore, sqlRow } from "./sql.ts";

/** The demo client; its id is fixed so that seeding again adds no twin. */
export const DEMO_CLIENT = {
  id: "00000000-0000-4000-a000-000000031100",
  name: "Ứng dụng thử nghiệm",
  requestsPerHour: 1000,
} as const;

/** What the HMAC of the local CONTACT_KEY is taken over: a label, never a secret. */
const DERIVATION_LABEL = "phan-anh-cong-vu: local demo Open311 client key (never deployed)";

/**
 * The demo client's key on this machine: 32 bytes of HMAC-SHA-256 under the
 * local CONTACT_KEY, shaped as every key the API issues (`pacv_…`).
 */
export function demoApiKey(domain: Pick<Domain, "apiClients">, contactKey: string): string {
  const bytes = createHmac("sha256", contactKey).update(DERIVATION_LABEL).digest();
  return domain.apiClients.apiKeyOf(new Uint8Array(bytes));
}

/** The demo client's row, built by the Worker's own row builder. INSERT OR IGNORE: a second run keeps it. */
export function demoClientSql(domain: Pick<Domain, "apiClients" | "rows">, contactKey: string, now: Date): string[] {
  const key = demoApiKey(domain, contactKey);
  const record = domain.rows.apiClientRecord({
    ...DEMO_CLIENT,
    keyHash: createHash("sha256").update(key).digest("hex"),
    keyPrefix: domain.apiClients.keyPrefixOf(key),
    publicApp: false,
    createdBy: null,
    createdAt: now.toISOString(),
  });
  return ["-- SAMPLE DATA: the local demo Open311 client.", insertOrIgnore("api_clients", sqlRow(record))];
}
