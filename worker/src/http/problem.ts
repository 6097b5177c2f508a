import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ApiError, type ErrorCode, problemBody } from "./errors";

/** Sends an RFC 9457 problem response in the request's language. */
export function problemResponse(c: Context<AppEnv>, error: ApiError): Response {
  const lang = c.get("lang") ?? "vi";
  const requestId = c.get("requestId") ?? "unknown";
  const headers: Record<string, string> = {
    "Content-Type": "application/problem+json; charset=utf-8",
    "Content-Language": lang,
    "Cache-Control": "no-store",
    ...error.options.headers,
  };
  if (error.options.retryAfter !== undefined) headers["Retry-After"] = String(error.options.retryAfter);
  const body = problemBody(error.code, lang, requestId, error.options);
  return new Response(JSON.stringify(body), { status: error.status, headers });
}

/**
 * The one `onError`: known errors become their problem; anything else is
 * logged with the request id and answered as a bare 500.
 */
export function onError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) return problemResponse(c, err);
  const status = (err as { status?: number }).status;
  if (status === 413) return problemResponse(c, new ApiError("payload_too_large"));
  if (status === 400) return problemResponse(c, new ApiError("malformed_json"));
  console.error(
    JSON.stringify({ level: "error", requestId: c.get("requestId"), message: err.message, stack: err.stack }),
  );
  return problemResponse(c, new ApiError("internal"));
}

/** 404 for any unknown `/api` path, as a problem. */
export function onNotFound(c: Context<AppEnv>): Response {
  return problemResponse(c, new ApiError("not_found" satisfies ErrorCode));
}
