import type { Problem } from "../../../worker/src/contracts/common";
import type { ClientStrings } from "../i18n";
import { fill } from "./strings";

/** What went wrong with a call; `status` 0 means the network failed. */
export interface Failure {
  status: number;
  problem: Partial<Problem> | null;
  /** Seconds from `Retry-After` on a 429. */
  retryAfter: number | null;
}

/** Outcome of an API call: the parsed body, or the failure. */
export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; failure: Failure };

function parseProblem(text: string): Partial<Problem> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Partial<Problem>) : null;
  } catch {
    return null;
  }
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, (at - Date.now()) / 1000);
}

/** Builds a failure from a status, its body and its `Retry-After` header. */
export function toFailure(status: number, body: string, retryAfter: string | null): Failure {
  return { status, problem: parseProblem(body), retryAfter: parseRetryAfter(retryAfter) };
}

/**
 * Calls the API in the page's language (the server localizes its problem
 * details from `Accept-Language`). Never throws: network errors come back as
 * a failure with status 0 so every caller shows a polite message.
 */
export async function callApi<T>(path: string, lang: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  const headers = new Headers(init.headers);
  headers.set("Accept-Language", lang);
  headers.set("Accept", "application/json");
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: "same-origin" });
  } catch {
    return { ok: false, failure: { status: 0, problem: null, retryAfter: null } };
  }
  const text = await response.text().catch(() => "");
  if (!response.ok)
    return { ok: false, failure: toFailure(response.status, text, response.headers.get("Retry-After")) };
  try {
    return { ok: true, status: response.status, data: JSON.parse(text) as T };
  } catch {
    return { ok: false, failure: { status: response.status, problem: null, retryAfter: null } };
  }
}

/** A sentence for the user about a failure, in the page's language. */
export function failureMessage(failure: Failure, t: ClientStrings): string {
  switch (failure.status) {
    case 0:
      return t.network;
    case 429:
      return fill(t.rateLimited, { minutes: Math.max(1, Math.ceil((failure.retryAfter ?? 60) / 60)) });
    case 413:
      return failure.problem?.detail || t.tooLarge;
    case 415:
      return failure.problem?.detail || t.unsupported;
    default:
      return failure.problem?.detail || failure.problem?.title || t.generic;
  }
}
