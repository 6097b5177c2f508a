import { ApiError } from "../api";
import { fill } from "../strings";
import { text } from "./texts";

/** "12 seconds" or "3 minutes", for a `Retry-After`. */
export function waitText(seconds: number): string {
  const t = text.console();
  return seconds < 90
    ? fill(t.get("seconds"), { n: Math.max(1, Math.ceil(seconds)) })
    : fill(t.get("minutes"), { n: Math.ceil(seconds / 60) });
}

/**
 * One sentence for an alert about a failed call: the server's localized
 * detail (with the field messages of a 422), or a console text for the
 * common cases. Anything but an {@link ApiError} is a bug and is thrown again.
 */
export function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) throw error;
  const t = text.console();
  const problem = error.problem;
  switch (error.status) {
    case 0:
      return t.get("network");
    case 403:
      return problem?.detail || t.get("forbidden");
    case 422:
      return [problem?.detail || problem?.title || t.get("generic"), ...error.errors.map((e) => e.message)].join(" ");
    case 429:
      return t.fill("wait", { wait: waitText(error.retryAfter ?? 60) });
    default:
      return problem?.detail || problem?.title || t.get("generic");
  }
}
