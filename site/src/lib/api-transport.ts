/**
 * The transport of the site's API client (re-exported by `api.ts`, which
 * pages import): same origin, the page's language in `Accept-Language`, JSON
 * in and out, failures as {@link ApiError} with the RFC 9457 problem, and
 * uploads through XMLHttpRequest for their progress.
 */
import type { Problem } from "../../../worker/src/contracts/common";
import type { ClientStrings } from "../i18n";
import { fill } from "./strings";

/** A failed call: the HTTP status (0 when the network failed), the problem document and `Retry-After`. */
export interface Failure {
  status: number;
  problem: Partial<Problem> | null;
  /** Seconds from `Retry-After` on a 429. */
  retryAfter: number | null;
}

/**
 * What a failed call throws: the status, the parsed problem (when the body
 * was `application/problem+json`) and shortcuts to its fields.
 *
 * @example
 * try { await api.leads.note(id, { body }); }
 * catch (error) { if (error instanceof ApiError && error.status === 422) show(error.errors); else throw error; }
 */
export class ApiError extends Error implements Failure {
  readonly status: number;
  readonly problem: Partial<Problem> | null;
  readonly retryAfter: number | null;

  constructor(failure: Failure) {
    super(failure.problem?.detail || failure.problem?.title || (failure.status ? `HTTP ${failure.status}` : "network"));
    this.name = "ApiError";
    this.status = failure.status;
    this.problem = failure.problem;
    this.retryAfter = failure.retryAfter;
  }

  /** The problem's machine-readable `code` (`unauthorized`, `plan_conflict`…). */
  get code(): string | undefined {
    return this.problem?.code;
  }

  /** The server's sentence in the page's language, or "" when there is none. */
  get detail(): string {
    return this.problem?.detail ?? "";
  }

  /** Field errors of a 422 (`pointer` is a JSON pointer into the request body). */
  get errors(): NonNullable<Problem["errors"]> {
    return this.problem?.errors ?? [];
  }
}

/**
 * The call's result, or `fallback` when it failed with an {@link ApiError}
 * (anything else is a bug and is thrown again).
 *
 * @example
 * const detail = await orElse(api.leads.get(id), null);
 */
export async function orElse<T, F>(call: Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiError) return fallback;
    throw error;
  }
}

/** Outcome of {@link callApi}: the parsed body, or the failure. */
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

let problemHook: ((error: ApiError) => void) | null = null;

/**
 * Lets a page react to every failed call once, before the caller sees it
 * (the console sends a dead session to its sign-in page).
 */
export function onProblem(hook: (error: ApiError) => void): void {
  problemHook = hook;
}

function pageLanguage(): string {
  return document.documentElement.lang === "en" ? "en" : "vi";
}

function fail(failure: Failure, quiet: boolean): never {
  const error = new ApiError(failure);
  if (!quiet) problemHook?.(error);
  throw error;
}

async function send<T>(path: string, init: RequestInit, quiet: boolean): Promise<{ status: number; data: T }> {
  const headers = new Headers(init.headers);
  if (!headers.has("Accept-Language")) headers.set("Accept-Language", pageLanguage());
  headers.set("Accept", "application/json");
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: "same-origin" });
  } catch {
    return fail({ status: 0, problem: null, retryAfter: null }, quiet);
  }
  const text = await response.text().catch(() => "");
  if (!response.ok) return fail(toFailure(response.status, text, response.headers.get("Retry-After")), quiet);
  if (response.status === 204 || text === "") return { status: response.status, data: undefined as T };
  try {
    return { status: response.status, data: JSON.parse(text) as T };
  } catch {
    return fail({ status: response.status, problem: null, retryAfter: null }, quiet);
  }
}

/** Fetches a file (a CSV export) as a Blob; throws an {@link ApiError} with the problem otherwise. */
export async function file(path: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { "Accept-Language": pageLanguage() }, credentials: "same-origin" });
  } catch {
    return fail({ status: 0, problem: null, retryAfter: null }, false);
  }
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    return fail(toFailure(response.status, text, response.headers.get("Retry-After")), false);
  }
  return response.blob();
}

/** Options of {@link request}. */
export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not call the {@link onProblem} hook (sign-in and sign-out handle their own 401). */
  quiet?: boolean;
}

/**
 * Calls the API; resolves to the parsed body (undefined for 204), throws an
 * {@link ApiError} otherwise.
 *
 * @example
 * const lead = await request<LeadDetail>(`/api/leads/${id}`);
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const init: RequestInit = {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  };
  return (await send<T>(path, init, options.quiet ?? false)).data;
}

/**
 * The same call as a result instead of an exception, for the public pages'
 * forms (the report, follow and unit picker scripts); `lang` is the page's.
 */
export async function callApi<T>(path: string, lang: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  const headers = new Headers(init.headers);
  headers.set("Accept-Language", lang);
  try {
    const { status, data } = await send<T>(path, { ...init, headers }, true);
    return { ok: true, status, data };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, failure: error };
    throw error;
  }
}

/** Options of {@link upload}. */
export interface UploadOptions {
  /** Extra headers (a reporter's `Authorization`, an explicit `Accept-Language`). */
  headers?: Record<string, string>;
  /** Do not call the {@link onProblem} hook. */
  quiet?: boolean;
}

function sendUpload<T>(
  path: string,
  body: FormData,
  onProgress: (loaded: number) => void,
  { headers = {}, quiet = false }: UploadOptions,
): Promise<{ status: number; data: T }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("Accept", "application/json");
    // XHR appends a header set twice, so the page's language only when none is given.
    const all = { "Accept-Language": pageLanguage(), ...headers };
    for (const [name, value] of Object.entries(all)) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener("progress", (event) => onProgress(event.loaded));
    const settle = (failure: Failure) => {
      try {
        fail(failure, quiet);
      } catch (error) {
        reject(error);
      }
    };
    xhr.addEventListener("load", () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve({ status: xhr.status, data: JSON.parse(xhr.responseText) as T });
          return;
        } catch {
          return settle({ status: xhr.status, problem: null, retryAfter: null });
        }
      }
      settle(toFailure(xhr.status, xhr.responseText, xhr.getResponseHeader("Retry-After")));
    });
    const offline = () => settle({ status: 0, problem: null, retryAfter: null });
    xhr.addEventListener("error", offline);
    xhr.addEventListener("abort", offline);
    xhr.addEventListener("timeout", offline);
    xhr.send(body);
  });
}

/**
 * Posts a multipart form with XMLHttpRequest, since fetch cannot report
 * upload progress; `onProgress` receives the bytes sent so far.
 */
export async function upload<T>(
  path: string,
  body: FormData,
  onProgress: (loaded: number) => void = () => {},
  options: UploadOptions = {},
): Promise<T> {
  return (await sendUpload<T>(path, body, onProgress, options)).data;
}

/** {@link upload} as a result instead of an exception, for the public pages (see {@link callApi}). */
export async function callUpload<T>(
  path: string,
  body: FormData,
  lang: string,
  headers: Record<string, string>,
  onProgress: (loaded: number) => void,
): Promise<ApiResult<T>> {
  try {
    const { status, data } = await sendUpload<T>(path, body, onProgress, {
      headers: { ...headers, "Accept-Language": lang },
      quiet: true,
    });
    return { ok: true, status, data };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, failure: error };
    throw error;
  }
}

/** A sentence for the public pages about a failure, in the page's language. */
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
