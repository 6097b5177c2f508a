import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
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
 * The problem for a client error the framework raised itself (Hono's and
 * zod-openapi's `HTTPException`: 400 for a body that does not parse, 415 for
 * a body of a type the route does not declare, 413...). Any other 4xx becomes
 * a plain 400 so no framework status escapes as a bare page.
 */
const FRAMEWORK_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: "malformed_json",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  414: "uri_too_long",
  415: "unsupported_media_type",
  431: "headers_too_large",
};

/**
 * The one `onError`: known errors become their problem, a framework's client
 * error its problem, anything else is logged with the request id and answered
 * as a bare 500.
 */
export function onError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) return problemResponse(c, err);
  // Duck-typed as well as `instanceof`: a bundled copy of Hono has its own class.
  const status = err instanceof HTTPException ? err.status : (err as { status?: unknown }).status;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return problemResponse(c, new ApiError(FRAMEWORK_STATUS[status] ?? "bad_request"));
  }
  console.error(
    JSON.stringify({ level: "error", requestId: c.get("requestId"), message: err.message, stack: err.stack }),
  );
  return problemResponse(c, new ApiError("internal"));
}

/** 404 for any unknown `/api` path, as a problem. */
export function onNotFound(c: Context<AppEnv>): Response {
  return problemResponse(c, new ApiError("not_found" satisfies ErrorCode));
}
