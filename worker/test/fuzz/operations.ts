/**
 * The operations of the API as its own OpenAPI document lists them, in the
 * small subset of JSON Schema that `@hono/zod-openapi` writes for this app.
 */

/** The part of a JSON Schema the generators read. */
export interface JsonSchema {
  type?: string;
  enum?: readonly unknown[];
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
}

/** A declared path or query parameter. */
export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema: JsonSchema;
}

/** Who the document says may call an operation. */
export type Caller = "staff" | "reporter" | "anyone";

/** One method on one path; `path` is absolute (`/api/leads/{id}`). */
export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: { contentType: string; schema: JsonSchema };
  /** From the operation's `security`: a staff session cookie, a receipt secret, or nothing. */
  caller: Caller;
  /** Listed in the document (false for the document itself and the docs page). */
  documented: boolean;
}

/** The slice of an OpenAPI 3.1 document read here. */
export interface OpenApiDocument {
  openapi: string;
  servers?: { url: string }[];
  components?: { securitySchemes?: Record<string, { type: string; in?: string }> };
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
        responses: Record<string, unknown>;
        security?: Record<string, string[]>[];
      }
    >
  >;
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** Staff, reporter or anyone, from `security`, or from a declared 401 when the document has no schemes. */
function callerOf(
  doc: OpenApiDocument,
  op: { security?: Record<string, string[]>[]; responses: Record<string, unknown> },
): Caller {
  const schemes = (op.security ?? []).flatMap((s) => Object.keys(s)).map((n) => doc.components?.securitySchemes?.[n]);
  if (schemes.some((s) => s?.type === "apiKey" && s.in === "cookie")) return "staff";
  if (schemes.some((s) => s?.type === "http")) return "reporter";
  return !doc.components?.securitySchemes && "401" in op.responses ? "staff" : "anyone";
}

/**
 * Every operation of the document (paths are relative to its server, `/api`),
 * plus the two routes that serve the documentation itself.
 *
 * @example
 * const ops = listOperations(await (await SELF.fetch(`${ORIGIN}/api/openapi.json`)).json());
 */
export function listOperations(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  const base = doc.servers?.[0]?.url ?? "/api";
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const content = Object.entries(op.requestBody?.content ?? {})[0];
      operations.push({
        method: method.toUpperCase(),
        path: `${base}${path}`,
        parameters: op.parameters ?? [],
        caller: callerOf(doc, op),
        ...(content ? { body: { contentType: content[0], schema: content[1].schema } } : {}),
        documented: true,
      });
    }
  }
  for (const path of ["/api/openapi.json", "/api/docs"]) {
    operations.push({ method: "GET", path, parameters: [], caller: "anyone", documented: false });
  }
  return operations;
}

/** `GET /api/leads/{id}` style name of an operation. */
export function operationName(op: Pick<Operation, "method" | "path">): string {
  return `${op.method} ${op.path}`;
}
