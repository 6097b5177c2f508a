import type { Problem } from "../../../../worker/src/contracts/common";
import type { Dict, Lang } from "../../i18n";
import { type Failure, toFailure } from "../api";
import { fill } from "../strings";
import { CONSOLE_ROUTES } from "./routes";

/** Texts the console scripts receive. */
export type ConsoleStrings = Dict["console"]["client"];

/** Outcome of a console call; `data` is null for 204. */
export type ConsoleResult<T> = { ok: true; status: number; data: T } | { ok: false; failure: Failure };

function lang(): Lang {
  return document.documentElement.lang === "en" ? "en" : "vi";
}

function here(): string {
  return `${location.pathname}${location.search}`;
}

/**
 * Calls the API with the session cookie (same origin, no CORS) and a JSON
 * body when given. A dead session sends the user to the sign-in page and a
 * role that must enrol TOTP to the account page, so pages only handle their
 * own errors. Never throws: network errors are status 0.
 *
 * @example
 * const result = await consoleApi<LeadList>("/api/leads?status=new");
 * await consoleApi(`/api/leads/${id}/notes`, { method: "POST", body: { body: "…" } });
 */
export async function consoleApi<T>(
  path: string,
  init: { method?: string; body?: unknown; redirectOn401?: boolean } = {},
): Promise<ConsoleResult<T>> {
  const headers = new Headers({ Accept: "application/json", "Accept-Language": lang() });
  if (init.body !== undefined) headers.set("Content-Type", "application/json");
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, failure: { status: 0, problem: null, retryAfter: null } };
  }
  const text = await response.text().catch(() => "");
  if (!response.ok) {
    const failure = toFailure(response.status, text, response.headers.get("Retry-After"));
    const code = failure.problem?.code;
    if (code === "unauthorized" && init.redirectOn401 !== false) {
      location.assign(`${CONSOLE_ROUTES[lang()].login}?next=${encodeURIComponent(here())}`);
    } else if (code === "totp_enrolment_required" && !location.pathname.startsWith(CONSOLE_ROUTES[lang()].account)) {
      location.assign(CONSOLE_ROUTES[lang()].account);
    }
    return { ok: false, failure };
  }
  if (response.status === 204 || text === "") return { ok: true, status: response.status, data: null as T };
  try {
    return { ok: true, status: response.status, data: JSON.parse(text) as T };
  } catch {
    return { ok: false, failure: { status: response.status, problem: null, retryAfter: null } };
  }
}

/** "12 seconds" or "3 minutes", for a `Retry-After`. */
export function waitText(seconds: number, t: ConsoleStrings): string {
  return seconds < 90
    ? fill(t.seconds, { n: Math.max(1, Math.ceil(seconds)) })
    : fill(t.minutes, { n: Math.ceil(seconds / 60) });
}

/**
 * One sentence about a failure for an alert: the server's localized detail,
 * with the field messages of a 422, or a console text for the common cases.
 */
export function problemText(failure: Failure, t: ConsoleStrings): string {
  const problem: Partial<Problem> | null = failure.problem;
  switch (failure.status) {
    case 0:
      return t.network;
    case 403:
      return problem?.detail || t.forbidden;
    case 409:
      return problem?.detail || t.generic;
    case 422: {
      const fields = (problem?.errors ?? []).map((error) => error.message);
      return [problem?.detail || problem?.title || t.generic, ...fields].join(" ");
    }
    case 429:
      return fill(t.wait, { wait: waitText(failure.retryAfter ?? 60, t) });
    default:
      return problem?.detail || problem?.title || t.generic;
  }
}
