import { createApp } from "../http/create-app";
import { ERROR_CODES } from "../http/errors";

/**
 * `GET /api/docs`: a human-readable reference of the API, rendered from the
 * app's own OpenAPI 3.1 document, so it cannot drift from the routes. Plain semantic HTML: no script, no stylesheet, nothing fetched from
 * anywhere, so the API's `default-src 'none'` policy holds for it too.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface OpenApiDocument {
  info?: { title?: string; version?: string; description?: string; license?: { name?: string; url?: string } };
  paths?: Record<string, Record<string, JsonObject>>;
  components?: { schemas?: Record<string, JsonObject> };
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** Escapes text for HTML content and attribute values. */
function esc(value: unknown): string {
  return String(value)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Backticks in descriptions become `<code>`; everything else is escaped text. */
function prose(text: unknown): string {
  return esc(text ?? "").replace(/`([^`]+)`/g, "<code>$1</code>");
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function anchor(method: string, path: string): string {
  return `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** A short type description of a schema: `string`, `integer | null`, `array of object`, `one of: a, b`. */
function typeOf(schema: JsonObject, doc: OpenApiDocument): string {
  const resolved = resolve(schema, doc);
  if (Array.isArray(resolved.enum))
    return `một trong / one of: ${resolved.enum.map((v) => `«${String(v)}»`).join(", ")}`;
  if ("const" in resolved) return `«${String(resolved.const)}»`;
  const variants = (resolved.anyOf ?? resolved.oneOf) as Json | undefined;
  if (Array.isArray(variants)) {
    return variants
      .filter(isObject)
      .map((v) => typeOf(v, doc))
      .join(" | ");
  }
  const type = Array.isArray(resolved.type) ? resolved.type.join(" | ") : String(resolved.type ?? "any");
  if (type === "array" && isObject(resolved.items)) return `array of ${typeOf(resolved.items, doc)}`;
  const format = typeof resolved.format === "string" ? ` (${resolved.format})` : "";
  const pattern = typeof resolved.pattern === "string" ? ` pattern ${resolved.pattern}` : "";
  return `${type}${format}${pattern}`;
}

function resolve(schema: JsonObject, doc: OpenApiDocument): JsonObject {
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#/components/schemas/")) {
    return doc.components?.schemas?.[ref.slice("#/components/schemas/".length)] ?? schema;
  }
  return schema;
}

/** The object properties inside a schema (through arrays, unions and nullability), for nested lists. */
function objectsIn(schema: JsonObject, doc: OpenApiDocument): JsonObject[] {
  const resolved = resolve(schema, doc);
  if (isObject(resolved.properties)) return [resolved];
  if (isObject(resolved.items)) return objectsIn(resolved.items, doc);
  const variants = (resolved.anyOf ?? resolved.oneOf ?? resolved.allOf) as Json | undefined;
  if (Array.isArray(variants)) return variants.filter(isObject).flatMap((v) => objectsIn(v, doc));
  return [];
}

/** A schema as nested lists of fields: name, type, required, description. */
function renderSchema(schema: JsonObject, doc: OpenApiDocument, depth = 0): string {
  const objects = objectsIn(schema, doc);
  if (objects.length === 0 || depth > 6) return `<p>Kiểu / Type: <code>${esc(typeOf(schema, doc))}</code></p>`;
  return objects
    .map((object) => {
      const required = new Set(Array.isArray(object.required) ? object.required.map(String) : []);
      const items = Object.entries(object.properties as JsonObject)
        .filter((entry): entry is [string, JsonObject] => isObject(entry[1]))
        .map(([name, property]) => {
          const p = resolve(property, doc);
          const nested = objectsIn(p, doc).length > 0 ? renderSchema(p, doc, depth + 1) : "";
          const description = typeof p.description === "string" ? ` — ${prose(p.description)}` : "";
          return `<li><code>${esc(name)}</code>: <code>${esc(typeOf(p, doc))}</code>${
            required.has(name) ? " <strong>(bắt buộc / required)</strong>" : ""
          }${description}${nested}</li>`;
        });
      return `<ul>${items.join("")}</ul>`;
    })
    .join("");
}

function renderParameters(parameters: Json | undefined, doc: OpenApiDocument): string {
  if (!Array.isArray(parameters) || parameters.length === 0) return "";
  const rows = parameters.filter(isObject).map((p) => {
    const schema = isObject(p.schema) ? p.schema : {};
    return `<tr><th scope="row"><code>${esc(p.name)}</code></th><td>${esc(p.in)}</td><td><code>${esc(
      typeOf(schema, doc),
    )}</code></td><td>${p.required ? "có / yes" : "không / no"}</td><td>${prose(
      p.description ?? schema.description ?? "",
    )}</td></tr>`;
  });
  return `<h4>Tham số / Parameters</h4><table><thead><tr><th scope="col">Tên / Name</th><th scope="col">Vị trí / In</th><th scope="col">Kiểu / Type</th><th scope="col">Bắt buộc / Required</th><th scope="col">Mô tả / Description</th></tr></thead><tbody>${rows.join(
    "",
  )}</tbody></table>`;
}

function renderContent(content: Json | undefined, doc: OpenApiDocument): string {
  if (!isObject(content)) return "";
  return Object.entries(content)
    .map(([type, media]) => {
      const schema = isObject(media) && isObject(media.schema) ? media.schema : {};
      return `<p><code>${esc(type)}</code></p>${renderSchema(schema, doc)}`;
    })
    .join("");
}

function renderOperation(method: string, path: string, op: JsonObject, doc: OpenApiDocument): string {
  const id = anchor(method, path);
  const body = isObject(op.requestBody) ? op.requestBody : undefined;
  const responses = isObject(op.responses) ? op.responses : {};
  const responseItems = Object.entries(responses)
    .filter((entry): entry is [string, JsonObject] => isObject(entry[1]))
    .map(([status, response]) => {
      const headers = isObject(response.headers)
        ? `<ul>${Object.entries(response.headers)
            .map(
              ([name, h]) =>
                `<li>Header <code>${esc(name)}</code>${isObject(h) && h.description ? ` — ${prose(h.description)}` : ""}</li>`,
            )
            .join("")}</ul>`
        : "";
      return `<dt><code>${esc(status)}</code></dt><dd>${prose(response.description ?? "")}${headers}${renderContent(
        response.content,
        doc,
      )}</dd>`;
    });
  return `<section aria-labelledby="${id}"><h3 id="${id}"><code>${esc(method.toUpperCase())} /api${esc(path)}</code></h3>
<p>${prose(op.summary ?? "")}</p>${op.description ? `<p>${prose(op.description)}</p>` : ""}
${renderParameters(op.parameters, doc)}
${body ? `<h4>Nội dung gửi lên / Request body${body.required ? " (bắt buộc / required)" : ""}</h4>${renderContent(body.content, doc)}` : ""}
<h4>Phản hồi / Responses</h4><dl>${responseItems.join("")}</dl></section>`;
}

/**
 * The whole reference page for an OpenAPI document.
 *
 * @example
 * renderDocs(await (await app.request("/api/openapi.json")).json())
 */
export function renderDocs(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  const toc = new Map<string, string[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = Array.isArray(op.tags) && typeof op.tags[0] === "string" ? op.tags[0] : "other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), renderOperation(method, path, op, doc)]);
      toc.set(tag, [
        ...(toc.get(tag) ?? []),
        `<li><a href="#${anchor(method, path)}"><code>${esc(method.toUpperCase())} /api${esc(path)}</code></a></li>`,
      ]);
    }
  }
  const tags = [...byTag.keys()].sort((a, b) => (a === "public statistics" ? -1 : b === "public statistics" ? 1 : 0));
  const sections = tags.map(
    (tag) =>
      `<section aria-labelledby="tag-${anchor("", tag)}"><h2 id="tag-${anchor("", tag)}">${esc(tag)}</h2>${(
        byTag.get(tag) ?? []
      ).join("\n")}</section>`,
  );
  const problems = Object.entries(ERROR_CODES)
    .map(
      ([code, entry]) =>
        `<tr id="problem-${code.replaceAll("_", "-")}"><th scope="row"><code>${esc(code)}</code></th><td>${
          entry.status
        }</td><td lang="vi">${esc(entry.vi)}</td><td lang="en">${esc(entry.en)}</td></tr>`,
    )
    .join("");
  const license = doc.info?.license;
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Tài liệu API / API reference — ${esc(doc.info?.title ?? "API")}</title>
<link rel="stylesheet" href="/api-docs.css">
</head>
<body>
<a href="#noi-dung">Bỏ qua đến nội dung / Skip to content</a>
<header>
<h1>Tài liệu API <span lang="en">(API reference)</span>: ${esc(doc.info?.title ?? "")}</h1>
<p>Phiên bản / Version ${esc(doc.info?.version ?? "")}. <span lang="en">${prose(doc.info?.description ?? "")}</span></p>
<p>Trang này được tạo tự động từ tài liệu OpenAPI 3.1 của máy chủ: <a href="/api/openapi.json">/api/openapi.json</a> (<span lang="en">generated from the machine-readable OpenAPI 3.1 document</span>).
Lỗi trả về dạng <code>application/problem+json</code> (RFC 9457), ngôn ngữ theo <code>Accept-Language</code> hoặc tham số <code>lang</code> (tiếng Việt mặc định).</p>
${license ? `<p>Dữ liệu mở / Open data: <a href="${esc(license.url ?? "")}">${esc(license.name ?? "")}</a></p>` : ""}
<nav aria-labelledby="muc-luc"><h2 id="muc-luc">Mục lục / Contents</h2>
<ul>${tags
    .map((tag) => `<li><a href="#tag-${anchor("", tag)}">${esc(tag)}</a><ul>${(toc.get(tag) ?? []).join("")}</ul></li>`)
    .join("")}<li><a href="#loi">Mã lỗi / Problem codes</a></li></ul>
</nav>
</header>
<main id="noi-dung">
${sections.join("\n")}
<section aria-labelledby="loi"><h2 id="loi">Mã lỗi / Problem codes</h2>
<table><thead><tr><th scope="col">code</th><th scope="col">HTTP</th><th scope="col">Tiếng Việt</th><th scope="col">English</th></tr></thead><tbody>${problems}</tbody></table>
</section>
</main>
<footer><p><a href="/api/openapi.json">OpenAPI 3.1 (JSON)</a></p></footer>
</body>
</html>`;
}

/**
 * `GET /api/docs`: the HTML reference, built from the OpenAPI document the
 * caller hands in (the app's own, the one `/api/openapi.json` serves). The
 * document is fixed for a deployment, so one isolate renders it once.
 *
 * @example
 * api.route("/", docsApp(() => api.getOpenAPI31Document(OPENAPI_CONFIG)));
 */
export function docsApp(openApiDocument: () => unknown) {
  let rendered: string | undefined;
  return createApp().get("/docs", (c) => {
    // As a client reads /api/openapi.json: plain JSON, no undefined members.
    rendered ??= renderDocs(JSON.parse(JSON.stringify(openApiDocument())) as OpenApiDocument);
    return c.html(rendered, 200, {
      // Only our own stylesheet (a static asset); no script at all.
      "Content-Security-Policy":
        "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      "Cache-Control": "public, max-age=300",
    });
  });
}
