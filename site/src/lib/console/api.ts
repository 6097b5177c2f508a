import type { Dict } from "../../i18n";
import { ApiError, type Failure, type RequestOptions, request } from "../api";
import { problemText as problemSentence, waitText as waitSentence } from "./problems";

/** Texts the console scripts receive. */
export type ConsoleStrings = Dict["console"]["client"];

/** Outcome of a console call; `data` is undefined for 204. */
export type ConsoleResult<T> = { ok: true; data: T } | { ok: false; failure: Failure };

/**
 * The site's client ({@link request}) as a result instead of an exception,
 * for the pages not yet built from custom elements.
 */
export async function consoleApi<T>(
  path: string,
  init: { method?: string; body?: unknown; redirectOn401?: boolean } = {},
): Promise<ConsoleResult<T>> {
  try {
    const method = init.method as RequestOptions["method"];
    const data = await request<T>(path, { method, body: init.body, quiet: init.redirectOn401 === false });
    return { ok: true, data };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { ok: false, failure: error };
  }
}

/** "12 seconds" or "3 minutes", for a `Retry-After`. */
export function waitText(seconds: number, _t?: ConsoleStrings): string {
  return waitSentence(seconds);
}

/** One sentence about a failure for an alert. */
export function problemText(failure: Failure, _t?: ConsoleStrings): string {
  return problemSentence(failure);
}
