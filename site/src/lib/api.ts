/**
 * The site's one API client. Every call goes through {@link request} (or
 * {@link upload} when a file's progress matters): same origin, the page's
 * language in `Accept-Language` (the server localizes its problems), JSON in
 * and out. A failure is thrown as an {@link ApiError} carrying the RFC 9457
 * problem (`detail`, `errors`, `code`); a network failure is status 0.
 *
 * Typed endpoints ({@link api}) take and return the zod contracts' types from
 * `worker/src/contracts/`, so the browser and the Worker share one shape.
 */
import type { z } from "zod";
import type {
  LoginResult,
  LoginSchema,
  Me,
  PasswordChangeSchema,
  TotpCodeSchema,
  TotpSetup,
} from "../../../worker/src/contracts/auth";
import type { Problem } from "../../../worker/src/contracts/common";
import type { ContestResolutionInputSchema } from "../../../worker/src/contracts/contests";
import type {
  ConclusionInputSchema,
  FindingInputSchema,
  InspectionCancelSchema,
  InspectionCreateSchema,
  InspectionDetail,
  InspectionDocument,
  InspectionPatchSchema,
  InspectionSplitSchema,
  Measure,
  MeasureList,
  MeasureQuery,
  MeasureRejectInputSchema,
  MeasureResponseInputSchema,
  Plan,
  PlanBuildResult,
} from "../../../worker/src/contracts/inspections";
import type {
  LeadDetail,
  LeadExportQuery,
  LeadList,
  LeadMessageCreateSchema,
  LeadQuery,
  NoteCreateSchema,
  TransitionSchema,
} from "../../../worker/src/contracts/leads";
import type { Contact } from "../../../worker/src/contracts/reports";
import type { StaffList } from "../../../worker/src/contracts/staff";
import type { UnitList } from "../../../worker/src/contracts/units";
import type {
  SecurityPolicy,
  User,
  UserCreateSchema,
  UserList,
  UserUpdateSchema,
  UserWithPassword,
} from "../../../worker/src/contracts/users";
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
async function file(path: string): Promise<Blob> {
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

/**
 * Posts a multipart form with XMLHttpRequest, since fetch cannot report
 * upload progress; `onProgress` receives the bytes sent so far.
 */
export function upload<T>(path: string, body: FormData, onProgress: (loaded: number) => void = () => {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Accept-Language", pageLanguage());
    xhr.upload.addEventListener("progress", (event) => onProgress(event.loaded));
    const settle = (failure: Failure) => {
      try {
        fail(failure, false);
      } catch (error) {
        reject(error);
      }
    };
    xhr.addEventListener("load", () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
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
    xhr.send(body);
  });
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

// ---------------------------------------------------------------- endpoints

/** A request body as the contract accepts it (before its transforms: untrimmed text, defaults omitted). */
type In<S extends z.ZodType> = z.input<S>;

const at = (...parts: string[]) => parts.map(encodeURIComponent).join("/");
const query = (values: Record<string, string | number | boolean | null | undefined>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  return params.size ? `?${params}` : "";
};
const post = <T>(path: string, body?: unknown) => request<T>(path, { method: "POST", body });

/**
 * The API's operations used by the site, typed by the contracts.
 *
 * @example
 * const detail = await api.leads.transition(id, { to: "in_review" });
 */
export const api = {
  auth: {
    me: (quiet = false) => request<Me>("/api/auth/me", { quiet }),
    login: (body: In<typeof LoginSchema>) =>
      request<LoginResult>("/api/auth/login", { method: "POST", body, quiet: true }),
    logout: () => request<void>("/api/auth/logout", { method: "POST", quiet: true }),
    changePassword: (body: In<typeof PasswordChangeSchema>) => post<void>("/api/auth/password", body),
    totpSetup: () => post<TotpSetup>("/api/auth/totp/setup"),
    totpConfirm: (body: In<typeof TotpCodeSchema>) => post<void>("/api/auth/totp/confirm", body),
    totpDisable: (body: In<typeof TotpCodeSchema>) => post<void>("/api/auth/totp/disable", body),
  },
  units: {
    search: (q: string, limit: number) => request<UnitList>(`/api/units${query({ q, limit })}`),
  },
  staff: {
    forUnit: (unitId: string) => request<StaffList>(`/api/staff${query({ unitId })}`),
  },
  leads: {
    list: (filters: Partial<Record<keyof LeadQuery, string | number>>) =>
      request<LeadList>(`/api/leads${query(filters)}`),
    /** The filtered queue as CSV (supervisors). */
    exportCsv: (filters: Partial<Record<keyof LeadExportQuery, string>>) => file(`/api/leads.csv${query(filters)}`),
    get: (id: string) => request<LeadDetail>(`/api/leads/${at(id)}`),
    transition: (id: string, body: In<typeof TransitionSchema>) =>
      post<LeadDetail>(`/api/leads/${at(id)}/transitions`, body),
    note: (id: string, body: In<typeof NoteCreateSchema>) => post<LeadDetail>(`/api/leads/${at(id)}/notes`, body),
    message: (id: string, body: In<typeof LeadMessageCreateSchema>) =>
      post<LeadDetail>(`/api/leads/${at(id)}/messages`, body),
    resolveContest: (id: string, body: In<typeof ContestResolutionInputSchema>) =>
      post<LeadDetail>(`/api/leads/${at(id)}/contest-resolution`, body),
    contact: (id: string, trackingCode: string) =>
      post<{ contact: Contact | null }>(`/api/leads/${at(id, "reports", trackingCode)}/contact`),
    attachmentHref: (id: string, fileId: string) => `/api/leads/${at(id, "attachments", fileId)}`,
  },
  plan: {
    get: (year: number) => request<Plan>(`/api/plan${query({ year })}`),
    build: (year: number) => post<PlanBuildResult>(`/api/plan/${year}/build`),
  },
  inspections: {
    get: (id: string) => request<InspectionDetail>(`/api/inspections/${at(id)}`),
    create: (body: In<typeof InspectionCreateSchema>) => post<InspectionDetail>("/api/inspections", body),
    patch: (id: string, body: In<typeof InspectionPatchSchema>) =>
      request<InspectionDetail>(`/api/inspections/${at(id)}`, { method: "PATCH", body }),
    split: (id: string, body: In<typeof InspectionSplitSchema>) =>
      post<InspectionDetail>(`/api/inspections/${at(id)}/split`, body),
    start: (id: string) => post<InspectionDetail>(`/api/inspections/${at(id)}/start`),
    cancel: (id: string, body: In<typeof InspectionCancelSchema>) =>
      post<InspectionDetail>(`/api/inspections/${at(id)}/cancel`, body),
    finding: (id: string, leadId: string, body: In<typeof FindingInputSchema>) =>
      request<InspectionDetail>(`/api/inspections/${at(id, "findings", leadId)}`, { method: "PUT", body }),
    conclude: (id: string, body: In<typeof ConclusionInputSchema>) =>
      post<InspectionDetail>(`/api/inspections/${at(id)}/conclusion`, body),
    uploadDocument: (id: string, body: FormData, onProgress: (loaded: number) => void) =>
      upload<InspectionDocument>(`/api/inspections/${at(id)}/documents`, body, onProgress),
    documentHref: (id: string, documentId: string) => `/api/inspections/${at(id, "documents", documentId)}`,
  },
  measures: {
    list: (filters: Partial<Record<keyof MeasureQuery, string>>) =>
      request<MeasureList>(`/api/measures${query(filters)}`),
    respond: (id: string, body: In<typeof MeasureResponseInputSchema>) =>
      post<Measure>(`/api/measures/${at(id)}/response`, body),
    verify: (id: string) => post<Measure>(`/api/measures/${at(id)}/verify`),
    reject: (id: string, body: In<typeof MeasureRejectInputSchema>) =>
      post<Measure>(`/api/measures/${at(id)}/reject`, body),
  },
  admin: {
    users: () => request<UserList>("/api/admin/users"),
    createUser: (body: In<typeof UserCreateSchema>) => post<UserWithPassword>("/api/admin/users", body),
    updateUser: (id: string, body: In<typeof UserUpdateSchema>) =>
      request<User>(`/api/admin/users/${at(id)}`, { method: "PATCH", body }),
    resetUser: (id: string) => post<UserWithPassword>(`/api/admin/users/${at(id)}/reset`),
    security: () => request<SecurityPolicy>("/api/admin/security"),
    saveSecurity: (body: SecurityPolicy) => request<SecurityPolicy>("/api/admin/security", { method: "PUT", body }),
  },
};
