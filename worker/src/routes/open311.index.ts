import type { Context } from "hono";
import { Hono } from "hono";
import type { QueryArguments } from "../domain/open311/params";
import { isOurJurisdiction } from "../domain/open311/params";
import type { AppEnv } from "../env";
import { isJsonMediaType, readBodyUpTo } from "../http/body";
import { Open311Error, type Open311Format, open311OnError, open311Response, resourceOf } from "../http/open311";
import { serviceContext } from "../http/service-context";
import { maxJsonBytes } from "../middleware/json-body";
import {
  discovery,
  type FormArguments,
  getRequest,
  listRequests,
  listServices,
  listUpdates,
  serviceDefinition,
  submitRequest,
} from "../services/open311";

/**
 * Open311 GeoReport v2 and mySociety's `servicerequestupdates`, at
 * `/open311/v2` (outside `/api`, with its own error format: see
 * `http/open311.ts`). Every resource exists as `.json` and `.xml`; any other
 * path under `/open311` is a 404 in Open311's error list.
 */

/** The query string's arguments, repeats kept (`status=open&status=closed`). */
function queryArguments(c: Context<AppEnv>): QueryArguments {
  return c.req.queries() ?? {};
}

/** A 404 in the error list. */
function notFound(): Open311Error {
  return new Open311Error(404, [{ key: "not_found" }]);
}

/** The resource a path segment names, with its format; 404 for another suffix or another name. */
function resource(segment: string, names: readonly string[]): { name: string; format: Open311Format } {
  const found = resourceOf(segment);
  if (!found || !names.includes(found.name)) throw notFound();
  return found;
}

/** 404 "jurisdiction_id not found" unless the argument is absent or this deployment's [GR2]. */
function checkJurisdiction(c: Context<AppEnv>, args: QueryArguments): void {
  const given = (args.jurisdiction_id ?? []).at(-1);
  if (!isOurJurisdiction(given, new URL(c.req.url).host)) throw new Open311Error(404, [{ key: "jurisdiction" }]);
}

/** Adds one name=value pair to a form's fields. */
function addField(form: Record<string, string[]>, name: string, value: string): void {
  const values = form[name] ?? [];
  values.push(value);
  form[name] = values;
}

/**
 * A POST body's fields: `application/x-www-form-urlencoded` (the spec's),
 * `multipart/form-data` (FixMyStreet's when it has photos: a file part is a
 * 400, evidence is not taken here) or JSON (an object of strings, or of
 * lists of strings; `attribute` may be an object of them). The body is read
 * up to `MAX_JSON_BODY_BYTES`.
 */
async function formArguments(c: Context<AppEnv>): Promise<FormArguments> {
  const type = c.req.header("content-type") ?? "";
  const bytes = await readBodyUpTo(c.req.raw, maxJsonBytes(c.env));
  const text = new TextDecoder().decode(bytes);
  const form: Record<string, string[]> = {};
  if (/^application\/x-www-form-urlencoded/i.test(type) || (type === "" && bytes.byteLength > 0)) {
    for (const [name, value] of new URLSearchParams(text)) addField(form, name, value);
    return form;
  }
  if (/^multipart\/form-data/i.test(type)) {
    let data: FormData;
    try {
      data = await new Request("http://body.invalid/", {
        method: "POST",
        headers: { "content-type": type },
        body: bytes,
      }).formData();
    } catch {
      throw new Open311Error(400, [{ key: "bad_body" }]);
    }
    for (const [name, value] of data) {
      if (typeof value !== "string") throw new Open311Error(400, [{ key: "media_refused" }]);
      addField(form, name, value);
    }
    return form;
  }
  if (isJsonMediaType(type)) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Open311Error(400, [{ key: "bad_body" }]);
    }
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw new Open311Error(400, [{ key: "bad_body" }]);
    const { attribute, ...rest } = body as Record<string, unknown>;
    const entries = Object.entries(rest);
    // `{"attribute": {"official": "…"}}` is the JSON spelling of the form's `attribute[official]=…`.
    if (typeof attribute === "object" && attribute !== null && !Array.isArray(attribute)) {
      entries.push(
        ...Object.entries(attribute).map(([code, value]): [string, unknown] => [`attribute[${code}]`, value]),
      );
    } else if (attribute !== undefined) {
      throw new Open311Error(400, [{ key: "bad_body" }]);
    }
    for (const [name, value] of entries) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item === "string" || typeof item === "number" || typeof item === "boolean") {
          addField(form, name, String(item));
        } else if (item !== null) {
          throw new Open311Error(400, [{ key: "bad_body" }]);
        }
      }
    }
    return form;
  }
  throw new Open311Error(400, [{ key: "bad_body" }]);
}

/** The `/open311` sub-app, mounted at `/open311` by `app.ts`. */
export const open311App = new Hono<AppEnv>()
  .get("/v2/:file", async (c) => {
    const { name, format } = resource(c.req.param("file"), [
      "discovery",
      "services",
      "requests",
      "servicerequestupdates",
    ]);
    const ctx = serviceContext(c);
    const args = queryArguments(c);
    if (name === "discovery") return open311Response(c, format, "discovery", discovery(ctx, new URL(c.req.url).origin));
    checkJurisdiction(c, args);
    if (name === "services") return open311Response(c, format, "services", await listServices(ctx));
    if (name === "requests") return open311Response(c, format, "service_requests", await listRequests(ctx, args));
    return open311Response(c, format, "service_request_updates", await listUpdates(ctx, args));
  })
  .post("/v2/:file", async (c) => {
    const { format } = resource(c.req.param("file"), ["requests"]);
    const form = await formArguments(c);
    checkJurisdiction(c, { ...queryArguments(c), ...form });
    const answer = await submitRequest(serviceContext(c), form);
    return open311Response(c, format, "service_requests", answer, { status: 201, noStore: true });
  })
  .get("/v2/services/:file", async (c) => {
    checkJurisdiction(c, queryArguments(c));
    const found = resourceOf(c.req.param("file"));
    if (!found) throw notFound();
    const definition = await serviceDefinition(serviceContext(c), found.name);
    return open311Response(c, found.format, "service_definition", definition);
  })
  .get("/v2/requests/:file", async (c) => {
    checkJurisdiction(c, queryArguments(c));
    const found = resourceOf(c.req.param("file"));
    if (!found) throw notFound();
    return open311Response(c, found.format, "service_requests", await getRequest(serviceContext(c), found.name));
  })
  .all("*", () => {
    throw notFound();
  })
  .onError(open311OnError);
