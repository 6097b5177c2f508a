// API helpers shared by the browser tests: requests as a browser would send
// them, sign-in, a solved ALTCHA, leads, and a unit that has no open lead.
import assert from "node:assert/strict";
import { type Challenge, solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { DEMO_PASSWORD } from "../../scripts/seed/accounts.ts";
import type { LeadList, LeadStatus, LeadSummary } from "../../worker/src/contracts/leads.ts";
import type { E2eContext } from "./context.ts";

/** Lead statuses that still take new reports. */
export const OPEN = new Set<LeadStatus>(["new", "in_review", "info_requested"]);

/** How `api` sends a request: a JSON body, the session cookie or a receipt secret. */
export interface ApiOptions {
  method?: string;
  body?: unknown;
  cookie?: string | undefined;
  bearer?: string | undefined;
}

/** An API answer: `body` is the parsed JSON as `T` on success (a problem otherwise, null when empty). */
export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** A JSON request to the API; with a cookie, state changes carry the site's Origin like a browser's would. */
export async function api<T = unknown>(
  ctx: Pick<E2eContext, "baseUrl">,
  path: string,
  { method = "GET", body, cookie, bearer }: ApiOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { "accept-language": "vi" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (cookie) headers.cookie = cookie;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (method !== "GET") headers.origin = ctx.baseUrl;
  const response = await fetch(`${ctx.baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

/** Signs in through the API and returns the session cookie (`name=value`). */
export async function login(
  ctx: Pick<E2eContext, "baseUrl">,
  email: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const response = await api(ctx, "/api/auth/login", { method: "POST", body: { email, password } });
  assert.equal(response.status, 200, `login ${email}: ${JSON.stringify(response.body)}`);
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  assert.ok(cookie?.startsWith("pacv_session="), "a session cookie");
  return cookie as string; // asserted just above
}

/** A solved ALTCHA payload, encoded like the widget (see worker/test/support/altcha.ts). */
export async function solvedAltcha(ctx: Pick<E2eContext, "baseUrl">): Promise<string> {
  const challenge = (await api<Challenge>(ctx, "/api/challenge")).body;
  const solution = await solveChallenge({ challenge, deriveKey });
  assert.ok(solution, "the ALTCHA challenge is solvable");
  const payload = { challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution };
  return Buffer.from(JSON.stringify(payload)).toString("base64");
}

/** Every lead the session can list with `query`, following the cursor. */
export async function allLeads(ctx: Pick<E2eContext, "baseUrl">, cookie: string, query = ""): Promise<LeadSummary[]> {
  const items: LeadSummary[] = [];
  let cursor: string | null | undefined = null;
  do {
    const path: string = `/api/leads?limit=100${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response: ApiResponse<LeadList> = await api<LeadList>(ctx, path, { cookie });
    assert.equal(response.status, 200, `GET ${path}`);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
  } while (cursor);
  return items;
}

/** The first of `candidates` with no open lead, so a new report there opens its own. */
export async function quietUnit(
  ctx: Pick<E2eContext, "baseUrl">,
  cookie: string,
  candidates: readonly string[],
): Promise<string> {
  for (const candidate of candidates) {
    const leads = await allLeads(ctx, cookie, `&unitId=${candidate}`);
    if (!leads.some((lead) => OPEN.has(lead.status))) return candidate;
  }
  assert.fail("a sample unit without open leads to file about");
}
