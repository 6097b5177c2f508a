import type { Context } from "hono";
import { toXmlDocument, type XmlValue } from "../domain/open311/xml";
import type { AppEnv } from "../env";
import { type Open311MessageKey, open311Message } from "../i18n/open311";
import { ApiError, ERROR_CODES } from "./errors";

/**
 * The answers of `/open311/v2`: bodies in JSON (bare arrays) or XML (the
 * Spark mapping), and errors as Open311's list of `{code, description}`,
 * never `application/problem+json` [GR2 "Errors"]: 404 for an unknown
 * resource, 403 for a missing or refused key, 400 for anything else, an
 * unexpected failure included, so this interface never answers 500.
 */

/** The two formats every resource exists in, named by its suffix. */
export type Open311Format = "json" | "xml";

/** The HTTP statuses Open311 clients know. */
export type Open311Status = 400 | 403 | 404;

/** One error of the list: a message key and the argument it is about. */
export interface Open311ErrorItem {
  key: Open311MessageKey;
  argument?: string;
  /** Already in the request's language (a field message of the shared catalogue). */
  text?: string;
}

/** An Open311 error answer: one status, one or more errors. */
export class Open311Error extends Error {
  constructor(
    readonly status: Open311Status,
    readonly items: readonly Open311ErrorItem[],
    readonly retryAfter?: number,
  ) {
    super(items.map((item) => item.key).join(", "));
    this.name = "Open311Error";
  }
}

/**
 * The format a path asks for: its last segment's suffix, `.json` or `.xml`.
 *
 * @example
 * formatOf("/open311/v2/requests/abc.xml") // "xml"
 * formatOf("/open311/v2/requests.html")    // undefined
 */
export function formatOf(path: string): Open311Format | undefined {
  const match = /\.(json|xml)$/i.exec(path.slice(path.lastIndexOf("/") + 1));
  return match ? (match[1]?.toLowerCase() as Open311Format) : undefined;
}

/**
 * Splits the last segment of a resource path into its name and format:
 * `requests.json` → `{ name: "requests", format: "json" }`; undefined when
 * the suffix is neither (a 404).
 */
export function resourceOf(segment: string): { name: string; format: Open311Format } | undefined {
  const format = formatOf(segment);
  return format ? { name: segment.slice(0, segment.lastIndexOf(".")), format } : undefined;
}

const CONTENT_TYPES: Readonly<Record<Open311Format, string>> = {
  json: "application/json; charset=utf-8",
  xml: "text/xml; charset=utf-8",
};

/** How long a published list may be cached (public data; the answers change as leads move). */
const PUBLIC_MAX_AGE = 60;

/**
 * A body in the requested format: JSON as it is, XML under `root` (the
 * element the JSON drops). GET answers may be cached briefly; anything
 * carrying a receipt or following a key check says `no-store`.
 */
export function open311Response(
  c: Context<AppEnv>,
  format: Open311Format,
  root: string,
  body: XmlValue,
  options: { status?: 200 | 201 | Open311Status; noStore?: boolean; headers?: Record<string, string> } = {},
): Response {
  const text = format === "json" ? JSON.stringify(body) : toXmlDocument(root, body);
  const headers: Record<string, string> = {
    "Content-Type": CONTENT_TYPES[format],
    "Cache-Control": options.noStore ? "no-store" : `public, max-age=${PUBLIC_MAX_AGE}`,
    ...options.headers,
  };
  return c.body(text, options.status ?? 200, headers);
}

/** Field pointers of the report contract, as the Open311 argument a client sent them in. */
const ARGUMENT_OF_POINTER: Readonly<Record<string, string>> = {
  "/unitId": "address_id",
  "/categoryCode": "service_code",
  "/description": "description",
  "/contact": "email",
  "/contact/email": "email",
  "/contact/phone": "phone",
  "/contact/name": "first_name",
  "/procedure": "attribute[procedure]",
  "/officialHint": "attribute[official]",
  "/occurredOn": "attribute[occurred_on]",
  "/reporterKind": "attribute[reporter_kind]",
  "/track": "email",
};

/** An `ApiError` of the services layer as Open311 errors. */
function fromApiError(err: ApiError, lang: "vi" | "en"): Open311Error {
  const fields = err.options.errors ?? [];
  if (err.code === "validation_failed" && fields.some((field) => field.pointer === "/altcha")) {
    return new Open311Error(403, [{ key: "altcha_required" }]);
  }
  if (err.code === "validation_failed" && fields.length > 0) {
    return new Open311Error(
      400,
      fields.map((field) => {
        const argument = ARGUMENT_OF_POINTER[field.pointer] ?? field.pointer.replace(/^\//, "");
        return { key: "invalid", argument, text: `${argument}: ${field.message}` };
      }),
    );
  }
  if (err.code === "rate_limited") return new Open311Error(400, [{ key: "rate_limited" }], err.options.retryAfter);
  if (err.code === "payload_too_large") return new Open311Error(400, [{ key: "too_large" }]);
  if (err.code === "forbidden") return new Open311Error(403, [{ key: "bad_key" }]);
  if (err.code === "not_found") return new Open311Error(404, [{ key: "not_found" }]);
  if (err.status === 500) return new Open311Error(400, [{ key: "unexpected" }]);
  return new Open311Error(400, [{ key: "unexpected", text: err.options.detail ?? ERROR_CODES[err.code][lang] }]);
}

/** The error list of an `Open311Error`, every description in `lang`. */
export function errorList(err: Open311Error, lang: "vi" | "en"): { code: number; description: string }[] {
  return err.items.map((item) => ({
    code: err.status,
    description: item.text ?? open311Message(item.key, lang, item.argument),
  }));
}

/**
 * The `onError` of `/open311`: Open311 errors as they are, the services'
 * errors translated, anything else logged with the request id and answered
 * as a 400 "general service error". The format is the path's suffix (JSON
 * when it has none). Errors are never cached.
 */
export function open311OnError(err: Error, c: Context<AppEnv>): Response {
  const lang = c.get("lang") ?? "vi";
  let error: Open311Error;
  if (err instanceof Open311Error) error = err;
  else if (err instanceof ApiError) error = fromApiError(err, lang);
  else {
    console.error(
      JSON.stringify({ level: "error", requestId: c.get("requestId"), message: err.message, stack: err.stack }),
    );
    error = new Open311Error(400, [{ key: "unexpected" }]);
  }
  return open311Response(c, formatOf(c.req.path) ?? "json", "errors", errorList(error, lang), {
    status: error.status,
    noStore: true,
    headers: error.retryAfter === undefined ? {} : { "Retry-After": String(error.retryAfter) },
  });
}
