import { ApiError } from "./errors";

/** A route as Hono lists it in `app.routes`. */
interface RouteEntry {
  method: string;
  path: string;
}

/** `/leads/:id/transitions` → a RegExp that matches `/leads/abc/transitions`. */
function pathPattern(path: string): RegExp {
  const source = path
    .split("/")
    .map((part) => (part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}/?$`);
}

/**
 * A finder of the methods a path answers to, built once from the API's
 * routes: an unknown method on a known path is a 405 with `Allow`, not a 404.
 *
 * @example
 * const allowed = allowedMethods(api.routes, "/api");
 * allowed("/api/leads") // ["GET"]
 */
export function allowedMethods(routes: readonly RouteEntry[], prefix: string): (path: string) => string[] {
  const table = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const route of routes) {
    if (route.method === "ALL" || route.path.includes("*")) continue;
    const path = `${prefix}${route.path}`;
    const entry = table.get(path) ?? { pattern: pathPattern(path), methods: new Set<string>() };
    entry.methods.add(route.method);
    if (route.method === "GET") entry.methods.add("HEAD");
    table.set(path, entry);
  }
  const entries = [...table.values()];
  return (path) => {
    const methods = new Set<string>();
    for (const entry of entries) {
      if (entry.pattern.test(path)) for (const method of entry.methods) methods.add(method);
    }
    return [...methods].sort();
  };
}

/** The error for a request that matched no route: 405 with `Allow` when the path exists, else 404. */
export function unmatchedRoute(methods: readonly string[]): ApiError {
  return methods.length
    ? new ApiError("method_not_allowed", { headers: { Allow: methods.join(", ") } })
    : new ApiError("not_found");
}
